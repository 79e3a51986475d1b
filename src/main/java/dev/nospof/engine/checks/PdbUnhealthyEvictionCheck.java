package dev.nospof.engine.checks;

import dev.nospof.engine.Check;
import dev.nospof.engine.CheckInput;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.model.Pdb;
import java.util.ArrayList;
import java.util.List;

/**
 * Fails for every selecting PodDisruptionBudget that leaves {@code unhealthyPodEvictionPolicy}
 * unset or {@code IfHealthyBudget}: pods that run but are not ready (crash-looping, a broken
 * release) then count against the budget, the budget is unmet, and the eviction API refuses
 * every pod it covers, healthy or not, so a node drain hangs on the very pods that serve nothing.
 * {@code AlwaysAllow} lets a drain evict the pods that are not ready. A budget that lets every
 * pod go (pdb-protects-nothing) is met whatever the pods do, so it blocks nothing here; a
 * workload scaled to zero has no pod to block.
 */
public final class PdbUnhealthyEvictionCheck implements Check {

    public static final String ID = "pdb-unhealthy-eviction";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "a PodDisruptionBudget selects the pods and does not let a drain evict pods that are not ready";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.LOW;
    }

    @Override
    public List<Finding> evaluate(CheckInput input) {
        int replicas = input.replicas().value();
        if (replicas < 1) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        for (Pdb pdb : input.view().selectingPdbs()) {
            if (Pdb.ALWAYS_ALLOW.equals(pdb.unhealthyPodEvictionPolicy()) || pdb.letsEveryPodGo(replicas)) {
                continue;
            }
            String policy = pdb.unhealthyPodEvictionPolicy() == null ? "leaves unhealthyPodEvictionPolicy unset (" + Pdb.IF_HEALTHY_BUDGET + ")"
                    : "sets unhealthyPodEvictionPolicy: " + pdb.unhealthyPodEvictionPolicy();
            findings.add(finding("PodDisruptionBudget " + pdb.name() + " " + policy + ": while pods of " + input.subject()
                    + " are not ready (crash-looping, a broken release), the budget is unmet and a node drain cannot evict any of its pods",
                    "set unhealthyPodEvictionPolicy: " + Pdb.ALWAYS_ALLOW + " in PodDisruptionBudget " + pdb.name()));
        }
        return findings;
    }
}
