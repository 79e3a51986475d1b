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
    @JsonProperty("Rollout") ROLLOUT(WorkloadKind.ROLLOUT);

    private final WorkloadKind kind;

    SelectableKind(WorkloadKind kind) {
        this.kind = kind;
    }

    public WorkloadKind kind() {
        return kind;
    }
}
