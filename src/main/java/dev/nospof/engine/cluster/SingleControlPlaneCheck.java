package dev.nospof.engine.cluster;

import dev.nospof.engine.ClusterCheck;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.model.ClusterView;
import dev.nospof.model.NodeInfo;
import java.util.List;

/** Exactly one node labelled as control plane: the API server, etcd and scheduler have no standby. */
public final class SingleControlPlaneCheck implements ClusterCheck {

    @Override
    public String id() {
        return "single-control-plane";
    }

    @Override
    public String description() {
        return "exactly one node labelled " + NodeInfo.CONTROL_PLANE_LABEL;
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public List<Finding> evaluate(ClusterView cluster) {
        List<NodeInfo> controlPlane = cluster.nodes().stream().filter(n -> n.labels().containsKey(NodeInfo.CONTROL_PLANE_LABEL)).toList();
        if (controlPlane.size() != 1) {
            return List.of();
        }
        return List.of(finding("node " + controlPlane.get(0).name() + " is the only control-plane node: losing it stops the API server"
                        + " and every controller", "run 3 control-plane nodes (an odd number, for etcd quorum)"));
    }
}
