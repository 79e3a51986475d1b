package dev.nospof.engine.checks;

import dev.nospof.engine.Check;
import dev.nospof.engine.CheckInput;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import java.util.List;

/**
 * Fails when a workload with at least two effective replicas has neither a topology spread
 * constraint nor a pod anti-affinity term (required or preferred) on the host topology key
 * that selects its own pods: the scheduler may then place every replica on one node.
 */
public final class MissingSpreadCheck implements Check {

    public static final String ID = "missing-spread";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "two or more replicas and nothing spreads them across nodes";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public boolean readsPodTemplate() {
        return true;
    }

    @Override
    public List<Finding> evaluate(CheckInput input) {
        if (input.replicas().value() < 2) {
            return List.of();
        }
        String key = input.thresholds().hostTopologyKey();
        if (input.workload().template().spreadsOwnPodsAcross(key, input.workload().namespace())) {
            return List.of();
        }
        return List.of(finding(
                input.subject() + " has " + input.replicas().describe() + " and nothing spreads its own pods across "
                        + key + ": the scheduler may place them all on one node",
                "add to the pod template topologySpreadConstraints: [{maxSkew: 1, topologyKey: " + key
                        + ", whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: "
                        + Remediations.inlineYaml(Remediations.selectorLabels(input.workload())) + "}}]"));
    }
}
