package dev.nospof.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.nospof.model.Decoded;
import dev.nospof.model.SaturatingInt;
import io.fabric8.generator.annotation.Max;
import java.util.List;

/** What nospof observed of a policy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RedundancyPolicyStatus extends Decoded {

    @JsonPropertyDescription("whether nospof could use the policy")
    private Boolean valid;
    @JsonPropertyDescription("why the policy is not valid, when it is not")
    private String message;
    @JsonPropertyDescription("number of workloads the policy selects")
    @Max(Integer.MAX_VALUE)
    @JsonDeserialize(using = SaturatingInt.class)
    private Integer selectedWorkloads;
    @JsonPropertyDescription("what keeps remediation from acting for this policy, e.g. not permitted: would fix 3 finding(s)")
    private String remediation;
    @JsonPropertyDescription("each workload kind the policy declares (spec.workloadKinds) and whether nospof evaluates it, or why not, "
            + "e.g. 'Kafka (kafka.strimzi.io/v1beta2): not served by the API server (is its CRD installed?)'")
    private List<String> workloadKinds;
    @JsonPropertyDescription("generation of the spec this status describes")
    private Long observedGeneration;

    public Boolean getValid() {
        return valid;
    }

    public void setValid(Boolean valid) {
        this.valid = valid;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public Integer getSelectedWorkloads() {
        return selectedWorkloads;
    }

    public void setSelectedWorkloads(Integer selectedWorkloads) {
        this.selectedWorkloads = selectedWorkloads;
    }

    public String getRemediation() {
        return remediation;
    }

    public void setRemediation(String remediation) {
        this.remediation = remediation;
    }

    public List<String> getWorkloadKinds() {
        return workloadKinds;
    }

    public void setWorkloadKinds(List<String> workloadKinds) {
        this.workloadKinds = workloadKinds;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }
}
