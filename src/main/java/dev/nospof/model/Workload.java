package dev.nospof.model;

import java.util.Map;
import java.util.Objects;

/**
 * A workload as the checks see it. {@code specReplicas} is null when the manifest has no
 * replicas field (the API then means 1); {@code readyReplicas} is null when no status is known
 * (a manifest on disk). {@code missingController} names the controller a bare pod's owner
 * reference points to when that controller does not exist ("ReplicaSet web-5d4f"), else null.
 * {@code strategy} is how a Deployment or StatefulSet rolls out, null for other kinds.
 * {@code controller} names the object that controls a Deployment or StatefulSet through a
 * controller owner reference ("Kafka events (kafka.strimzi.io/v1beta2)"), else null: it would
 * revert a change made to the workload.
 */
public record Workload(WorkloadRef ref, Map<String, String> labels, Map<String, String> annotations,
        Integer specReplicas, Integer readyReplicas, LabelSelector selector, PodTemplate template, String missingController,
        UpdateStrategy strategy, String controller) {

    public Workload(WorkloadRef ref, Map<String, String> labels, Map<String, String> annotations,
            Integer specReplicas, Integer readyReplicas, LabelSelector selector, PodTemplate template) {
        this(ref, labels, annotations, specReplicas, readyReplicas, selector, template, null, null, null);
    }

    public Workload {
        Objects.requireNonNull(ref, "ref");
        labels = Map.copyOf(Objects.requireNonNullElse(labels, Map.of()));
        annotations = Map.copyOf(Objects.requireNonNullElse(annotations, Map.of()));
        selector = Objects.requireNonNullElse(selector, LabelSelector.NOTHING);
        template = Objects.requireNonNullElse(template, new PodTemplate(null, null, null));
    }

    /** This workload in {@code namespace} (for manifests that name none). */
    public Workload inNamespace(String namespace) {
        if (namespace.equals(ref.namespace())) {
            return this;
        }
        return new Workload(new WorkloadRef(ref.kind(), namespace, ref.name(), ref.uid()), labels, annotations,
                specReplicas, readyReplicas, selector, template, missingController, strategy, controller);
    }

    /** This (bare pod) workload, whose owner reference names {@code controller}, which does not exist. */
    public Workload withMissingController(String controller) {
        return new Workload(ref, labels, annotations, specReplicas, readyReplicas, selector, template, controller, strategy, this.controller);
    }

    /** This workload, controlled by {@code controller} (null: by none). */
    public Workload withController(String controller) {
        return new Workload(ref, labels, annotations, specReplicas, readyReplicas, selector, template, missingController, strategy, controller);
    }

    /** This workload, rolled out as {@code strategy} says. */
    public Workload withStrategy(UpdateStrategy strategy) {
        return new Workload(ref, labels, annotations, specReplicas, readyReplicas, selector, template, missingController, strategy, controller);
    }

    /** This workload with {@code replicas} in spec.replicas. */
    public Workload withSpecReplicas(Integer replicas) {
        return new Workload(ref, labels, annotations, replicas, readyReplicas, selector, template, missingController, strategy, controller);
    }

    /** This workload with {@code ready} ready replicas. */
    public Workload withReadyReplicas(Integer ready) {
        return new Workload(ref, labels, annotations, specReplicas, ready, selector, template, missingController, strategy, controller);
    }

    /** This workload with {@code template} as its pod template. */
    public Workload withTemplate(PodTemplate template) {
        return new Workload(ref, labels, annotations, specReplicas, readyReplicas, selector, template, missingController, strategy, controller);
    }

    public String namespace() {
        return ref.namespace();
    }

    public String name() {
        return ref.name();
    }
}
