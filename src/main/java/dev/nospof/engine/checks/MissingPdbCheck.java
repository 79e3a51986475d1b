package dev.nospof.engine.checks;

import dev.nospof.engine.Check;
import dev.nospof.engine.CheckInput;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.model.Pdb;
import java.util.List;
import java.util.Map;

/**
 * Fails when a workload with at least two effective replicas has no PodDisruptionBudget that
 * selects its pods, with full selector semantics: a PDB sharing one label with the pods is not
 * a match. Near misses (PDBs that share a label, key and value, with the pods but do not
 * select them) are named in the message: they are the usual cause.
 */
public final class MissingPdbCheck implements Check {

    public static final String ID = "missing-pdb";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "two or more replicas and no PodDisruptionBudget selects the pods";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public List<Finding> evaluate(CheckInput input) {
        if (input.replicas().value() < 2 || !input.view().selectingPdbs().isEmpty()) {
            return List.of();
        }
        Map<String, String> podLabels = input.workload().template().labels();
        StringBuilder message = new StringBuilder()
                .append(input.subject()).append(" has ").append(input.replicas().describe())
                .append(" and no PodDisruptionBudget in namespace ").append(input.workload().namespace())
                .append(" selects its pods (").append(Remediations.labelList(podLabels))
                .append("): a node drain may evict them all at once");
        List<Pdb> nearMisses = input.view().namespacePdbs().stream()
                .filter(p -> p.namespace().equals(input.workload().namespace()))
                .filter(p -> p.selector().matchLabels().entrySet().stream()
                        .anyMatch(e -> e.getValue().equals(podLabels.get(e.getKey()))))
                .toList();
        for (Pdb pdb : nearMisses) {
            message.append("; PDB ").append(pdb.name()).append(" selects ").append(pdb.selector().describe())
                    .append(", which the pods do not match");
        }
        return List.of(finding(message.toString(),
                "create a PodDisruptionBudget with maxUnavailable: 1, unhealthyPodEvictionPolicy: AlwaysAllow and selector.matchLabels: "
                        + Remediations.inlineYaml(Remediations.selectorLabels(input.workload()))));
    }
}
