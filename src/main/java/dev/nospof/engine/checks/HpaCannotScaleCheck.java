package dev.nospof.engine.checks;

import dev.nospof.engine.Check;
import dev.nospof.engine.CheckInput;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.model.Hpa;
import java.util.ArrayList;
import java.util.List;

/**
 * Fails for every HPA (or KEDA ScaledObject) that targets the workload with its floor equal to
 * its ceiling: it cannot add a replica when one fails under load, so the autoscaler adds no
 * redundancy. A workload scaled to zero is not judged.
 */
public final class HpaCannotScaleCheck implements Check {

    public static final String ID = "hpa-cannot-scale";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "an autoscaler's floor equals its ceiling, so it cannot add a replica";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.LOW;
    }

    @Override
    public List<Finding> evaluate(CheckInput input) {
        Integer specReplicas = input.workload().specReplicas();
        if (specReplicas != null && specReplicas == 0) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        for (Hpa hpa : input.view().targetingHpas()) {
            if (hpa.maxReplicas() == null || hpa.floor() != hpa.maxReplicas()) {
                continue;
            }
            String ceiling = hpa.source() == Hpa.Source.KEDA ? "maxReplicaCount" : "maxReplicas";
            findings.add(finding(hpa.describe() + " targets " + input.subject() + " with " + hpa.source().field() + " " + hpa.floor()
                    + " and " + ceiling + " " + hpa.maxReplicas() + ": it cannot add a replica when one fails under load",
                    "raise " + ceiling + " of " + hpa.describe() + " above " + hpa.floor() + ", or remove it and set the replicas"));
        }
        return findings;
    }
}
