package dev.nospof.policy;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.nospof.model.TolerantPart;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Which workloads are checked, with which thresholds, and what nospof does about each check
 * (cluster-scoped). Invalid policies are refused by the API server through the CRD schema and
 * its CEL rules, so nospof only ever reads valid ones.
 */
@Group("nospof.dev")
@Version("v1alpha1")
@Plural("redundancypolicies")
@ShortNames("rp")
@AdditionalPrinterColumn(name = "Default", jsonPath = ".spec.defaultMode", type = Type.STRING)
@AdditionalPrinterColumn(name = "Min-Replicas", jsonPath = ".spec.thresholds.minReplicas", type = Type.INTEGER)
@AdditionalPrinterColumn(name = "Selected", jsonPath = ".status.selectedWorkloads", type = Type.INTEGER)
@AdditionalPrinterColumn(name = "Valid", jsonPath = ".status.valid", type = Type.BOOLEAN)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class RedundancyPolicy extends CustomResource<RedundancyPolicySpec, RedundancyPolicyStatus> {

    @Override
    @JsonSerialize(using = TolerantPart.Writer.class)
    public RedundancyPolicySpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonDeserialize(using = TolerantPart.class)
    public void setSpec(RedundancyPolicySpec spec) {
        super.setSpec(spec);
    }

    @Override
    @JsonSerialize(using = TolerantPart.Writer.class)
    public RedundancyPolicyStatus getStatus() {
        return super.getStatus();
    }

    @Override
    @JsonDeserialize(using = TolerantPart.class)
    public void setStatus(RedundancyPolicyStatus status) {
        super.setStatus(status);
    }
}
