package dev.nospof.engine.cluster;

import dev.nospof.engine.ClusterCheck;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.model.ClusterView;
import dev.nospof.model.Pdb;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A PodDisruptionBudget whose selector matches no workload's pod template in its namespace: it
 * protects nothing (a leftover of a deleted workload, or a selector with a typo) while looking
 * like protection.
 */
public final class PdbSelectsNothingCheck implements ClusterCheck {

    @Override
    public String id() {
        return "pdb-selects-nothing";
    }

    @Override
    public String description() {
        return "a PodDisruptionBudget selects no workload's pods";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.LOW;
    }

    @Override
    public List<Finding> evaluate(ClusterView cluster) {
        return cluster.pdbs().stream()
                .flatMap(pdb -> evaluate(pdb, cluster.podTemplateLabels().getOrDefault(pdb.namespace(), List.of())).stream())
                .toList();
    }

    /**
     * One PDB against the pod template labels of the workloads of its namespace: the operator
     * passes the cluster's, {@code nospof audit} those of its input.
     */
    public Optional<Finding> evaluate(Pdb pdb, List<Map<String, String>> templatesInNamespace) {
        if (templatesInNamespace.stream().anyMatch(pdb.selector()::matches)) {
            return Optional.empty();
        }
        return Optional.of(finding("PodDisruptionBudget " + pdb.namespace() + "/" + pdb.name() + " selects " + pdb.selector().describe()
                        + ", which no workload's pods in " + pdb.namespace() + " carry: it protects nothing",
                "delete it if its workload is gone, or fix its selector to match the pods' labels"));
    }
}
