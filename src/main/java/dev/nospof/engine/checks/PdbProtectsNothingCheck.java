package dev.nospof.engine.checks;

import dev.nospof.engine.Check;
import dev.nospof.engine.CheckInput;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.model.Pdb;
import java.util.ArrayList;
import java.util.List;

/**
 * Fails for every selecting PodDisruptionBudget that lets a drain evict every pod of the
 * workload at once: no minAvailable nor maxUnavailable, minAvailable 0 or 0%, or maxUnavailable
 * at or above the effective replicas (100% included). It exists, so missing-pdb passes, but it
 * protects nothing. Judged from 2 effective replicas: with one, the budget cannot help (that is
 * single-replica) and the fix it would suggest is the budget already there.
 */
public final class PdbProtectsNothingCheck implements Check {

    public static final String ID = "pdb-protects-nothing";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "a PodDisruptionBudget selects the pods but allows evicting all of them at once";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public List<Finding> evaluate(CheckInput input) {
        int replicas = input.replicas().value();
        if (replicas < 2) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        for (Pdb pdb : input.view().selectingPdbs()) {
            String bound = permissiveBound(pdb, replicas);
            if (bound != null) {
                findings.add(finding("PodDisruptionBudget " + pdb.name() + " (" + bound + ") allows every pod of " + input.subject()
                        + " to be evicted at once at " + input.replicas().describe() + ": it protects nothing",
                        "use maxUnavailable: 1 in PodDisruptionBudget " + pdb.name()));
            }
        }
        return findings;
    }

    /** The bound that lets every pod go, as the user wrote it, or null when the budget keeps some. */
    private static String permissiveBound(Pdb pdb, int replicas) {
        if (!pdb.letsEveryPodGo(replicas)) {
            return null;
        }
        if (pdb.maxUnavailable() != null) {
            return "maxUnavailable: " + pdb.maxUnavailable();
        }
        return pdb.minAvailable() != null ? "minAvailable: " + pdb.minAvailable() : "neither minAvailable nor maxUnavailable";
    }
}
