package dev.nospof.engine.checks;

import dev.nospof.engine.CheckInput;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.model.NodeInfo;
import dev.nospof.model.NodePlacement;
import java.util.List;

/**
 * Fails when nodeName, nodeSelector or required node affinity admits exactly one node of a
 * cluster that has more: every replica can only ever run there. (A one-node cluster is
 * reported by single-node-cluster, not here.)
 */
public final class PinnedToOneNodeCheck extends LiveCheck {

    public static final String ID = "pinned-to-one-node";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "nodeName, nodeSelector or required node affinity admits exactly one node";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public boolean readsPodTemplate() {
        return true;
    }

    @Override
    public List<Finding> evaluate(CheckInput input) {
        NodePlacement placement = input.workload().template().placement();
        List<NodeInfo> nodes = live(input).nodes();
        if (!placement.constrained() || nodes.size() < 2 || input.replicas().scaledToZero()) {
            return List.of();
        }
        List<NodeInfo> admitted = nodes.stream().filter(placement::admits).toList();
        if (admitted.size() != 1) {
            return List.of();
        }
        return List.of(finding(input.subject() + " can only run on node " + admitted.get(0).name() + " (1 of " + nodes.size()
                        + " nodes admits its nodeName, nodeSelector and required node affinity): that node is its single point of failure",
                "loosen the pod template's node constraints so that at least two nodes qualify"));
    }
}
