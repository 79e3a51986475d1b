package dev.nospof.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.nospof.model.WorkloadKind;

/** A workload kind a policy may select, spelled as in manifests. */
public enum SelectableKind {
    @JsonProperty("Deployment") DEPLOYMENT(WorkloadKind.DEPLOYMENT),
    @JsonProperty("StatefulSet") STATEFUL_SET(WorkloadKind.STATEFUL_SET),
    @JsonProperty("ReplicaSet") REPLICA_SET(WorkloadKind.REPLICA_SET),
    @JsonProperty("ReplicationController") REPLICATION_CONTROLLER(WorkloadKind.REPLICATION_CONTROLLER),
    @JsonProperty("Pod") POD(WorkloadKind.POD),
    @JsonProperty("Rollout") ROLLOUT(WorkloadKind.ROLLOUT),
    @JsonProperty("Prometheus") PROMETHEUS(WorkloadKind.PROMETHEUS),
    @JsonProperty("Alertmanager") ALERTMANAGER(WorkloadKind.ALERTMANAGER),
    @JsonProperty("ThanosRuler") THANOS_RULER(WorkloadKind.THANOS_RULER),
    /** A CloudNativePG Cluster ("Cluster" alone names kinds of several projects). */
    @JsonProperty("postgresql.cnpg.io/Cluster") CNPG_CLUSTER(WorkloadKind.CNPG_CLUSTER);

    private final WorkloadKind kind;

    SelectableKind(WorkloadKind kind) {
        this.kind = kind;
    }

    public WorkloadKind kind() {
        return kind;
    }
}
