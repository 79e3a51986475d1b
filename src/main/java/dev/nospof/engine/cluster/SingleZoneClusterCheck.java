package dev.nospof.engine.cluster;

import dev.nospof.engine.ClusterCheck;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.model.ClusterView;
import dev.nospof.model.NodeInfo;
import java.util.List;
import java.util.Set;

/** More than one node, all in one zone (or none labelled with a zone): a zone outage takes all. */
public final class SingleZoneClusterCheck implements ClusterCheck {

    @Override
    public String id() {
        return "single-zone-cluster";
    }

    @Override
    public String description() {
        return "more than one node, all in one zone or without zone labels";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public List<Finding> evaluate(ClusterView cluster) {
        int nodes = cluster.schedulableNodes().size();
        Set<String> zones = cluster.zones();
        if (nodes < 2 || zones.size() > 1) {
            return List.of();
        }
        String where = zones.isEmpty() ? "none carries a " + NodeInfo.ZONE_LABEL + " label" : "all are in zone " + zones.iterator().next();
        return List.of(finding("the cluster's " + nodes + " schedulable nodes are in one zone (" + where + "): a zone outage takes every node",
                "add nodes in a second and third zone and label them " + NodeInfo.ZONE_LABEL));
    }
}
