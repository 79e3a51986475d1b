package dev.nospof.engine;

import dev.nospof.engine.checks.HpaMinReplicasCheck;
import dev.nospof.engine.checks.MissingPdbCheck;
import dev.nospof.engine.checks.MissingSpreadCheck;
import dev.nospof.engine.checks.PdbBlocksEvictionCheck;
import dev.nospof.engine.checks.PdbOverlapCheck;
import dev.nospof.engine.checks.SingleReplicaCheck;
import dev.nospof.engine.checks.SpreadNotSelfSelectingCheck;
import java.util.List;

/** Every check nospof knows, in the order reports list them. */
public final class CheckCatalogue {

    private CheckCatalogue() {
    }

    /**
     * Checks of the specification that need a cluster's live state (pods, nodes, endpoints,
     * webhooks): they cannot run on manifests, and the audit command says so.
     */
    public static final List<String> NEEDS_CLUSTER = List.of(
            "co-located-replicas", "single-zone-replicas", "degraded-redundancy", "pinned-to-one-node",
            "missing-zone-spread", "single-endpoint-service", "single-node-cluster", "single-zone-cluster",
            "single-control-plane", "webhook-spof", "apiservice-spof");

    public static List<Check> all() {
        return List.of(
                new SingleReplicaCheck(),
                new HpaMinReplicasCheck(),
                new MissingPdbCheck(),
                new PdbBlocksEvictionCheck(),
                new PdbOverlapCheck(),
                new MissingSpreadCheck(),
                new SpreadNotSelfSelectingCheck());
    }
}
