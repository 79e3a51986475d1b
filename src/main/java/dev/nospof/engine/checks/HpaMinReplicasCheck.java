package dev.nospof.engine.checks;

import dev.nospof.engine.Check;
import dev.nospof.engine.CheckInput;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.model.Hpa;
import java.util.ArrayList;
import java.util.List;

/**
 * Fails for every HPA (or KEDA ScaledObject) that targets the workload with a floor below the
 * policy minimum (absent counts as 1, for KEDA as 0): whatever spec.replicas says, the
 * autoscaler may go down to it. An HPA
 * does not act on a workload scaled to zero, so none is reported then.
 */
public final class HpaMinReplicasCheck implements Check {

    public static final String ID = "hpa-min-replicas";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "an HPA may scale the workload below the policy minimum";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public List<Finding> evaluate(CheckInput input) {
        Integer specReplicas = input.workload().specReplicas();
        if (specReplicas != null && specReplicas == 0) {
            return List.of();
        }
        int minimum = input.thresholds().minReplicas();
        List<Finding> findings = new ArrayList<>();
        for (Hpa hpa : input.view().targetingHpas()) {
            if (hpa.effectiveMinReplicas() >= minimum) {
                continue;
            }
            String field = hpa.source().field();
            String value = hpa.minReplicas() == null ? "no " + field + " (defaults to " + (hpa.source() == Hpa.Source.KEDA ? 0 : 1) + ")"
                    : field + " " + hpa.minReplicas();
            findings.add(finding(hpa.describe() + " targets " + input.subject() + " with " + value
                    + ", below the minimum of " + minimum + ": it may scale the workload down to a single point of failure",
                    "set " + field + " of " + hpa.describe() + " to at least " + minimum + ": kubectl patch " + hpa.source().resource() + " "
                            + hpa.name() + " -n " + hpa.namespace() + " --type merge -p '{\"spec\":{\"" + field + "\":" + minimum + "}}'"));
        }
        return findings;
    }
}
