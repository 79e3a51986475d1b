package dev.nospof.engine;

import dev.nospof.engine.checks.CoLocatedReplicasCheck;
import dev.nospof.engine.checks.DegradedRedundancyCheck;
import dev.nospof.engine.checks.HpaMinReplicasCheck;
import dev.nospof.engine.checks.MissingPdbCheck;
import dev.nospof.engine.checks.MissingSpreadCheck;
import dev.nospof.engine.checks.MissingZoneSpreadCheck;
import dev.nospof.engine.checks.PdbBlocksEvictionCheck;
import dev.nospof.engine.checks.PdbOverlapCheck;
import dev.nospof.engine.checks.PinnedToOneNodeCheck;
import dev.nospof.engine.checks.SingleReplicaCheck;
import dev.nospof.engine.checks.SingleZoneReplicasCheck;
import dev.nospof.engine.checks.SpreadNotSelfSelectingCheck;
import java.util.List;

/** Every check nospof knows, in the order reports list them. */
public final class CheckCatalogue {

    private CheckCatalogue() {
    }

    /**
     * Checks of the specification that look at the cluster as a whole or at live endpoints
     * rather than at one workload's pods; nospof does not evaluate them yet.
     */
    static final List<String> CLUSTER_LEVEL = List.of("single-endpoint-service", "single-node-cluster",
            "single-zone-cluster", "single-control-plane", "webhook-spof", "apiservice-spof");

    /** Checks that need a cluster's live state: they cannot run on manifests, and the audit command says so. */
    public static final List<String> NEEDS_CLUSTER = java.util.stream.Stream.concat(
            all().stream().filter(Check::needsLiveState).map(Check::id), CLUSTER_LEVEL.stream()).toList();

    public static List<Check> all() {
        return List.of(
                new SingleReplicaCheck(),
                new HpaMinReplicasCheck(),
                new MissingPdbCheck(),
                new PdbBlocksEvictionCheck(),
                new PdbOverlapCheck(),
                new MissingSpreadCheck(),
                new SpreadNotSelfSelectingCheck(),
                new MissingZoneSpreadCheck(),
                new PinnedToOneNodeCheck(),
                new CoLocatedReplicasCheck(),
                new SingleZoneReplicasCheck(),
                new DegradedRedundancyCheck());
    }
}
