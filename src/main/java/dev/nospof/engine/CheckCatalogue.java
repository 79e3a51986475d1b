package dev.nospof.engine;

import dev.nospof.engine.checks.CoLocatedReplicasCheck;
import dev.nospof.engine.checks.DegradedRedundancyCheck;
import dev.nospof.engine.checks.HpaCannotScaleCheck;
import dev.nospof.engine.checks.HpaMinReplicasCheck;
import dev.nospof.engine.checks.MissingPdbCheck;
import dev.nospof.engine.checks.MissingReadinessProbeCheck;
import dev.nospof.engine.checks.MissingSpreadCheck;
import dev.nospof.engine.checks.MissingZoneSpreadCheck;
import dev.nospof.engine.checks.NodeBoundStorageCheck;
import dev.nospof.engine.checks.PdbBlocksEvictionCheck;
import dev.nospof.engine.checks.PdbProtectsNothingCheck;
import dev.nospof.engine.checks.PdbUnhealthyEvictionCheck;
import dev.nospof.engine.checks.PdbOverlapCheck;
import dev.nospof.engine.checks.PinnedToOneNodeCheck;
import dev.nospof.engine.checks.RolloutDowntimeCheck;
import dev.nospof.engine.checks.SingleEndpointServiceCheck;
import dev.nospof.engine.checks.SingleFileServerCheck;
import dev.nospof.engine.checks.SingleReplicaCheck;
import dev.nospof.engine.checks.SharedVolumeCheck;
import dev.nospof.engine.checks.SingleZoneReplicasCheck;
import dev.nospof.engine.checks.SingleZoneVolumesCheck;
import dev.nospof.engine.checks.UnmanagedPodCheck;
import dev.nospof.engine.checks.SpreadNotSelfSelectingCheck;
import dev.nospof.engine.cluster.ApiServiceSpofCheck;
import dev.nospof.engine.cluster.HpaTargetMissingCheck;
import dev.nospof.engine.cluster.PdbSelectsNothingCheck;
import dev.nospof.engine.cluster.WebhookSpofCheck;
import java.util.List;

/** Every check nospof knows, in the order reports list them. */
public final class CheckCatalogue {

    private CheckCatalogue() {
    }


    /**
     * Checks that need a cluster's live state: they cannot run on manifests, and the audit
     * command says so. Some cluster checks can: a PDB, an autoscaler, a webhook or an APIService
     * of the input against the workloads (and Services) of the input.
     */
    public static final List<String> NEEDS_CLUSTER = java.util.stream.Stream.concat(
            all().stream().filter(Check::needsLiveState).map(Check::id),
            ClusterEngine.standard().checks().stream().filter(c -> !(c instanceof PdbSelectsNothingCheck || c instanceof HpaTargetMissingCheck
                    || c instanceof WebhookSpofCheck || c instanceof ApiServiceSpofCheck))
                    .map(ClusterCheck::id)).toList();

    public static List<Check> all() {
        return List.of(
                new SingleReplicaCheck(),
                new UnmanagedPodCheck(),
                new HpaMinReplicasCheck(),
                new HpaCannotScaleCheck(),
                new MissingPdbCheck(),
                new PdbBlocksEvictionCheck(),
                new PdbProtectsNothingCheck(),
                new PdbUnhealthyEvictionCheck(),
                new PdbOverlapCheck(),
                new RolloutDowntimeCheck(),
                new MissingSpreadCheck(),
                new SpreadNotSelfSelectingCheck(),
                new SharedVolumeCheck(),
                new MissingReadinessProbeCheck(),
                new NodeBoundStorageCheck(),
                new SingleFileServerCheck(),
                new MissingZoneSpreadCheck(),
                new PinnedToOneNodeCheck(),
                new CoLocatedReplicasCheck(),
                new SingleZoneReplicasCheck(),
                new SingleZoneVolumesCheck(),
                new DegradedRedundancyCheck(),
                new SingleEndpointServiceCheck());
    }
}
