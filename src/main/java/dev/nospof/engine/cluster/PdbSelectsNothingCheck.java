package dev.nospof.engine.cluster;

import dev.nospof.engine.ClusterCheck;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.model.ClusterView;
import dev.nospof.model.Pdb;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        List<Finding> findings = new ArrayList<>();
        for (Pdb pdb : cluster.pdbs()) {
            List<Map<String, String>> templates = cluster.podTemplateLabels().getOrDefault(pdb.namespace(), List.of());
            if (templates.stream().anyMatch(pdb.selector()::matches)) {
                continue;
            }
            findings.add(finding("PodDisruptionBudget " + pdb.namespace() + "/" + pdb.name() + " selects " + pdb.selector().describe()
                            + ", which no workload's pods in " + pdb.namespace() + " carry: it protects nothing",
                    "delete it if its workload is gone, or fix its selector to match the pods' labels"));
        }
        return findings;
    }
}
