package dev.nospof.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A check id as a policy exemption names it, or {@code *} for all. An enum so the CRD schema
 * refuses unknown ids with the list of known ones. A test keeps it equal to the catalogue.
 */
public enum CheckId {
    @JsonProperty("*") ALL("*"),
    @JsonProperty("single-replica") SINGLE_REPLICA("single-replica"),
    @JsonProperty("unmanaged-pod") UNMANAGED_POD("unmanaged-pod"),
    @JsonProperty("hpa-min-replicas") HPA_MIN_REPLICAS("hpa-min-replicas"),
    @JsonProperty("hpa-cannot-scale") HPA_CANNOT_SCALE("hpa-cannot-scale"),
    @JsonProperty("missing-pdb") MISSING_PDB("missing-pdb"),
    @JsonProperty("pdb-blocks-eviction") PDB_BLOCKS_EVICTION("pdb-blocks-eviction"),
    @JsonProperty("pdb-protects-nothing") PDB_PROTECTS_NOTHING("pdb-protects-nothing"),
    @JsonProperty("pdb-unhealthy-eviction") PDB_UNHEALTHY_EVICTION("pdb-unhealthy-eviction"),
    @JsonProperty("pdb-overlap") PDB_OVERLAP("pdb-overlap"),
    @JsonProperty("rollout-downtime") ROLLOUT_DOWNTIME("rollout-downtime"),
    @JsonProperty("missing-spread") MISSING_SPREAD("missing-spread"),
    @JsonProperty("spread-not-self-selecting") SPREAD_NOT_SELF_SELECTING("spread-not-self-selecting"),
    @JsonProperty("shared-volume") SHARED_VOLUME("shared-volume"),
    @JsonProperty("missing-readiness-probe") MISSING_READINESS_PROBE("missing-readiness-probe"),
    @JsonProperty("node-bound-storage") NODE_BOUND_STORAGE("node-bound-storage"),
    @JsonProperty("single-file-server") SINGLE_FILE_SERVER("single-file-server"),
    @JsonProperty("missing-zone-spread") MISSING_ZONE_SPREAD("missing-zone-spread"),
    @JsonProperty("pinned-to-one-node") PINNED_TO_ONE_NODE("pinned-to-one-node"),
    @JsonProperty("co-located-replicas") CO_LOCATED_REPLICAS("co-located-replicas"),
    @JsonProperty("single-zone-replicas") SINGLE_ZONE_REPLICAS("single-zone-replicas"),
    @JsonProperty("single-zone-volumes") SINGLE_ZONE_VOLUMES("single-zone-volumes"),
    @JsonProperty("degraded-redundancy") DEGRADED_REDUNDANCY("degraded-redundancy"),
    @JsonProperty("single-endpoint-service") SINGLE_ENDPOINT_SERVICE("single-endpoint-service");

    private final String id;

    CheckId(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }
}
