package dev.nospof.engine.cluster;

import dev.nospof.engine.ClusterCheck;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.model.ClusterView;
import java.util.List;

/** The cluster has exactly one schedulable node: every workload shares its fate. */
public final class SingleNodeClusterCheck implements ClusterCheck {

    @Override
    public String id() {
        return "single-node-cluster";
    }

    @Override
    public String description() {
        return "the cluster has one schedulable node";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.CRITICAL;
    }

    @Override
    public List<Finding> evaluate(ClusterView cluster) {
        var schedulable = cluster.schedulableNodes();
        if (schedulable.size() != 1) {
            return List.of();
        }
        return List.of(finding("the cluster has 1 schedulable node (" + schedulable.get(0).name() + ") of " + cluster.nodes().size()
                        + ": when it goes, every workload goes",
                "add schedulable nodes (at least 2, better 3 across zones)"));
    }
}
