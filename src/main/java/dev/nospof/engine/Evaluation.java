package dev.nospof.engine;

import dev.nospof.model.WorkloadView;
import java.util.List;

/** The result of evaluating one workload: its effective replicas and its findings, in catalogue order. */
public record Evaluation(WorkloadView view, EffectiveReplicas replicas, List<Finding> findings) {

    public Evaluation {
        findings = List.copyOf(findings);
    }
}
