package dev.nospof.adapters;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.nospof.model.Decoded;
import dev.nospof.model.TolerantPart;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The part of an Argo Rollout ({@code argoproj.io/v1alpha1}) that nospof reads: replicas,
 * selector, pod template or the Deployment it takes them from ({@code spec.workloadRef}), and
 * ready replicas. nospof only reads Rollouts, never writes them, so the fields it does not model
 * (strategy, analysis, most of status) are ignored, not lost. No CRD is generated from this
 * class: Argo Rollouts installs its own.
 */
@Group("argoproj.io")
@Version("v1alpha1")
@Kind("Rollout")
@Plural("rollouts")
public class Rollout extends CustomResource<Rollout.Spec, Rollout.Status> implements Namespaced {

    public static final String CRD_NAME = "rollouts.argoproj.io";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class Spec extends Decoded {
        private Integer replicas;
        private LabelSelector selector;
        private PodTemplateSpec template;
        private WorkloadRef workloadRef;

        public Integer getReplicas() {
            return replicas;
        }

        public void setReplicas(Integer replicas) {
            this.replicas = replicas;
        }

        public LabelSelector getSelector() {
            return selector;
        }

        public void setSelector(LabelSelector selector) {
            this.selector = selector;
        }

        public PodTemplateSpec getTemplate() {
            return template;
        }

        public void setTemplate(PodTemplateSpec template) {
            this.template = template;
        }

        public WorkloadRef getWorkloadRef() {
            return workloadRef;
        }

        public void setWorkloadRef(WorkloadRef workloadRef) {
            this.workloadRef = workloadRef;
        }
    }

    /** The Deployment a Rollout takes its selector and pod template from, instead of its own. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class WorkloadRef {
        private String apiVersion;
        private String kind;
        private String name;

        public String getApiVersion() {
            return apiVersion;
        }

        public void setApiVersion(String apiVersion) {
            this.apiVersion = apiVersion;
        }

        public String getKind() {
            return kind;
        }

        public void setKind(String kind) {
            this.kind = kind;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class Status extends Decoded {
        private Integer readyReplicas;

        public Integer getReadyReplicas() {
            return readyReplicas;
        }

        public void setReadyReplicas(Integer readyReplicas) {
            this.readyReplicas = readyReplicas;
        }
    }

    @Override
    @JsonSerialize(using = TolerantPart.Writer.class)
    public Spec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonDeserialize(using = TolerantPart.class)
    public void setSpec(Spec spec) {
        super.setSpec(spec);
    }

    @Override
    @JsonSerialize(using = TolerantPart.Writer.class)
    public Status getStatus() {
        return super.getStatus();
    }

    @Override
    @JsonDeserialize(using = TolerantPart.class)
    public void setStatus(Status status) {
        super.setStatus(status);
    }
}
