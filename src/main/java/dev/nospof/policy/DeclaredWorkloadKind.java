package dev.nospof.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/**
 * A kind of custom resource that runs pods, declared by the user so that nospof judges it as a
 * workload (a Kafka, a Redis cluster, a team's own CRD): where its replica count is and how its
 * pods are found. Plain data; {@link WorkloadKindDeclarations} turns it into the model.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.podSelectorPath) != has(self.podLabels)", message = "set exactly one of podSelectorPath and podLabels",
        reason = "FieldValueInvalid")
public class DeclaredWorkloadKind {

    /** A field path as kubectl's JSONPath writes one: {@code .spec.replicas}; bounded, no filters or wildcards. */
    public static final String FIELD_PATH = "^(\\.[A-Za-z_][A-Za-z0-9_-]*){1,16}$";
    static final int MAX_PATH_LENGTH = 256;
    /** An API group of a CRD: a DNS subdomain with at least one dot. */
    static final String GROUP = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$";
    static final int MAX_GROUP_LENGTH = 253;
    static final String VERSION = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    static final String KIND = "^[A-Z][A-Za-z0-9]*$";
    /** Of a version and of a kind. */
    static final int MAX_NAME_LENGTH = 63;
    static final int MAX_POD_LABELS = 16;

    @JsonPropertyDescription("API group of the kind, e.g. kafka.strimzi.io")
    @Required
    @Size(min = 1, max = MAX_GROUP_LENGTH)
    @Pattern(GROUP)
    private String group;

    @JsonPropertyDescription("version of the group that serves the kind, e.g. v1beta2")
    @Required
    @Size(min = 1, max = MAX_NAME_LENGTH)
    @Pattern(VERSION)
    private String version;

    @JsonPropertyDescription("the kind, e.g. Kafka")
    @Required
    @Size(min = 1, max = MAX_NAME_LENGTH)
    @Pattern(KIND)
    private String kind;

    @JsonPropertyDescription("JSONPath of the replica count in each resource, e.g. .spec.replicas; absent in a resource counts as 1")
    @Required
    @Size(max = MAX_PATH_LENGTH)
    @Pattern(FIELD_PATH)
    private String replicasPath;

    @JsonPropertyDescription("JSONPath of a label selector of the resource's pods in each resource: a LabelSelector "
            + "(matchLabels, matchExpressions) or a string such as 'app=kafka,cluster=main'; or set podLabels")
    @Size(max = MAX_PATH_LENGTH)
    @Pattern(FIELD_PATH)
    private String podSelectorPath;

    @JsonPropertyDescription("labels every pod of a resource carries; $(name) in a value stands for the resource's name, e.g. "
            + "strimzi.io/cluster: $(name); or set podSelectorPath")
    @Size(min = 1, max = MAX_POD_LABELS)
    private Map<String, String> podLabels;

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getReplicasPath() {
        return replicasPath;
    }

    public void setReplicasPath(String replicasPath) {
        this.replicasPath = replicasPath;
    }

    public String getPodSelectorPath() {
        return podSelectorPath;
    }

    public void setPodSelectorPath(String podSelectorPath) {
        this.podSelectorPath = podSelectorPath;
    }

    public Map<String, String> getPodLabels() {
        return podLabels;
    }

    public void setPodLabels(Map<String, String> podLabels) {
        this.podLabels = podLabels;
    }
}
