package dev.nospof.engine.checks;

import dev.nospof.engine.Check;
import dev.nospof.engine.CheckInput;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.model.Pdb;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Fails when more than one PodDisruptionBudget selects the workload's pods: the eviction API
 * refuses to evict a pod covered by several budgets, so every drain of its node fails.
 */
public final class PdbOverlapCheck implements Check {

    public static final String ID = "pdb-overlap";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "more than one PodDisruptionBudget selects the same pods";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public List<Finding> evaluate(CheckInput input) {
        List<Pdb> selecting = input.view().selectingPdbs();
        if (selecting.size() < 2) {
            return List.of();
        }
        List<String> names = selecting.stream().map(Pdb::name).sorted().toList();
        return List.of(finding(
                names.size() + " PodDisruptionBudgets (" + String.join(", ", names) + ") select the pods of " + input.subject()
                        + ": the eviction API refuses pods covered by more than one budget, so node drains fail",
                "keep one budget for these pods; narrow the selector of, or delete: "
                        + names.stream().skip(1).collect(Collectors.joining(", "))));
    }
}
