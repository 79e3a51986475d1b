package dev.nospof.engine.checks;

import dev.nospof.engine.Thresholds;
import dev.nospof.engine.CelCheck;
import dev.nospof.engine.CheckInput;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.model.Pdb;
import java.util.ArrayList;
import java.util.List;

/**
 * Fails for every selecting PodDisruptionBudget that allows no voluntary disruption at the
 * workload's effective replicas: maxUnavailable 0 or 0%, minAvailable 100%, or minAvailable at
 * or above the replica count, which includes the single-replica drain deadlock
 * (1 replica, minAvailable: 1). Percentages round up, as in the disruption controller.
 */
public final class PdbBlocksEvictionCheck implements CelCheck {

    public static final String ID = "pdb-blocks-eviction";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "a PodDisruptionBudget allows no voluntary eviction, so node drains block";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public List<Finding> evaluate(CheckInput input) {
        int replicas = input.replicas().value();
        if (replicas < 1) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        for (Pdb pdb : input.view().selectingPdbs()) {
            String bound = blockingBound(pdb, replicas);
            if (bound == null) {
                continue;
            }
            String fix = replicas < 2
                    ? "run at least 2 replicas and use maxUnavailable: 1 in PodDisruptionBudget " + pdb.name()
                    : "use maxUnavailable: 1 (or a minAvailable below " + replicas + ") in PodDisruptionBudget " + pdb.name();
            findings.add(finding("PodDisruptionBudget " + pdb.name() + " (" + bound + ") allows no voluntary disruption of "
                    + input.subject() + " at " + input.replicas().describe() + ": every node drain blocks on it", fix));
        }
        return findings;
    }

    /** The bound that blocks eviction, as the user wrote it, or null when eviction is possible. */
    private static String blockingBound(Pdb pdb, int replicas) {
        if (pdb.maxUnavailable() != null) {
            return pdb.maxUnavailable().scaledTo(replicas) <= 0 ? "maxUnavailable: " + pdb.maxUnavailable() : null;
        }
        if (pdb.minAvailable() != null) {
            return pdb.minAvailable().scaledTo(replicas) >= replicas ? "minAvailable: " + pdb.minAvailable() : null;
        }
        return null;
    }

    @Override
    public List<Resource> celResources() {
        return List.of(new Resource("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget"));
    }

    /** On the PDB alone: the bounds that allow no disruption at any replica count (maxUnavailable 0 or 0%, minAvailable 100%). */
    @Override
    public String celFails(Thresholds thresholds) {
        return "(has(object.spec.maxUnavailable) && (string(object.spec.maxUnavailable) == '0' || string(object.spec.maxUnavailable) == '0%'))"
                + " || (has(object.spec.minAvailable) && string(object.spec.minAvailable) == '100%')";
    }

    @Override
    public String celWhy(Thresholds thresholds) {
        return "'(' + (has(object.spec.maxUnavailable) ? 'maxUnavailable: ' + string(object.spec.maxUnavailable)"
                + " : 'minAvailable: ' + string(object.spec.minAvailable)) + ') allows no voluntary disruption of the pods it selects:"
                + " every node drain blocks on it'";
    }

    @Override
    public String celFix(Thresholds thresholds) {
        return "use maxUnavailable: 1";
    }
}
