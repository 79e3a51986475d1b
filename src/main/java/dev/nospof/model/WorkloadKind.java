package dev.nospof.model;

/** The kinds of workload nospof evaluates, with the API group that serves each. */
public enum WorkloadKind {
    DEPLOYMENT("Deployment", "apps/v1"),
    STATEFUL_SET("StatefulSet", "apps/v1"),
    /** Only one that no controller owns: a Deployment's ReplicaSets are evaluated as the Deployment. */
    REPLICA_SET("ReplicaSet", "apps/v1"),
    /** Only one that no controller owns. */
    REPLICATION_CONTROLLER("ReplicationController", "v1"),
    /** A bare Pod, which no controller owns: nothing recreates it. */
    POD("Pod", "v1"),
    /** An Argo Rollout, where its CRD is installed. */
    ROLLOUT("Rollout", "argoproj.io/v1alpha1");

    private final String kind;
    private final String apiVersion;

    WorkloadKind(String kind, String apiVersion) {
        this.kind = kind;
        this.apiVersion = apiVersion;
    }

    /** The Kubernetes kind, as written in manifests ({@code Deployment}). */
    public String kind() {
        return kind;
    }

    public String apiVersion() {
        return apiVersion;
    }

    public String group() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }
}
