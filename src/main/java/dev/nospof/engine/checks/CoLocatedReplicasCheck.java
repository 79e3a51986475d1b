package dev.nospof.engine.checks;

import dev.nospof.engine.CheckInput;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.model.PodPlacement;
import java.util.List;

/** Live: two or more scheduled pods of the workload, and every one of them on the same node. */
public final class CoLocatedReplicasCheck extends LiveCheck {

    public static final String ID = "co-located-replicas";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "two or more pods of the workload and every one on the same node";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.CRITICAL;
    }

    @Override
    public List<Finding> evaluate(CheckInput input) {
        List<PodPlacement> pods = scheduled(input);
        if (pods.size() < 2 || pods.stream().map(PodPlacement::nodeName).distinct().count() != 1) {
            return List.of();
        }
        String node = pods.get(0).nodeName();
        return List.of(finding(input.subject() + " has " + pods.size() + " replicas, all on node " + node
                        + ": losing that one node takes every replica down",
                "spread the pods across nodes (topologySpreadConstraints on " + input.thresholds().hostTopologyKey()
                        + "), then delete one pod at a time so the scheduler places them apart"));
    }
}
