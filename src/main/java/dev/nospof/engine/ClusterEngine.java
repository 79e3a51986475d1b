package dev.nospof.engine;

import dev.nospof.engine.cluster.ApiServiceSpofCheck;
import dev.nospof.engine.cluster.HpaTargetMissingCheck;
import dev.nospof.engine.cluster.PdbSelectsNothingCheck;
import dev.nospof.engine.cluster.SingleControlPlaneCheck;
import dev.nospof.engine.cluster.SingleNodeClusterCheck;
import dev.nospof.engine.cluster.SingleZoneClusterCheck;
import dev.nospof.engine.cluster.WebhookSpofCheck;
import dev.nospof.model.ClusterView;
import java.util.ArrayList;
import java.util.List;

/** Runs the cluster checks over one {@link ClusterView}. */
public final class ClusterEngine {

    private final List<ClusterCheck> checks;

    public ClusterEngine(List<ClusterCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    public static ClusterEngine standard() {
        return new ClusterEngine(List.of(new SingleNodeClusterCheck(), new SingleZoneClusterCheck(), new SingleControlPlaneCheck(),
                new WebhookSpofCheck(), new ApiServiceSpofCheck(), new PdbSelectsNothingCheck(), new HpaTargetMissingCheck()));
    }

    public List<ClusterCheck> checks() {
        return checks;
    }

    public List<Finding> evaluate(ClusterView cluster) {
        List<Finding> findings = new ArrayList<>();
        checks.forEach(c -> findings.addAll(c.evaluate(cluster)));
        return findings;
    }
}
