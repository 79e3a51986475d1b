package dev.nospof.engine.checks;

import dev.nospof.engine.Thresholds;
import dev.nospof.engine.CelCheck;
import dev.nospof.engine.CheckInput;
import dev.nospof.engine.EffectiveReplicas;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.model.WorkloadKind;
import java.util.List;
import java.util.Locale;

/**
 * Fails when the effective replicas (HPA-aware) are below the policy minimum. A workload scaled
 * to zero on purpose is reported as info: it serves nothing, so it is no single point of failure.
 */
public final class SingleReplicaCheck implements CelCheck {

    public static final String ID = "single-replica";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "effective replicas (HPA-aware) below the policy minimum";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public List<Finding> evaluate(CheckInput input) {
        if (input.workload().ref().kind().equals(WorkloadKind.POD)) {
            return List.of(); // a bare pod is one replica by nature: unmanaged-pod says what matters
        }
        EffectiveReplicas replicas = input.replicas();
        int minimum = input.thresholds().minReplicas();
        if (replicas.scaledToZero()) {
            return List.of(new Finding(ID, Severity.INFO,
                    input.subject() + " is scaled to zero (" + replicas.source() + "): no single point of failure while it serves nothing",
                    "none while it is scaled to zero; run at least " + minimum + " replicas when it serves again"));
        }
        if (replicas.value() >= minimum) {
            return List.of();
        }
        return List.of(finding(
                input.subject() + " has " + replicas.describe() + ", below the minimum of " + minimum
                        + ": one pod failure or node drain takes it down",
                remediation(input, minimum)));
    }

    private static String remediation(CheckInput input, int minimum) {
        String namespace = input.workload().namespace();
        if (input.replicas().hpa() != null) {
            var hpa = input.replicas().hpa();
            String field = hpa.source().field();
            return "raise " + field + " of " + hpa.describe() + " to " + minimum + ": kubectl patch " + hpa.source().resource() + " "
                    + hpa.name() + " -n " + namespace + " --type merge -p '{\"spec\":{\"" + field + "\":" + minimum + "}}'";
        }
        WorkloadKind kind = input.workload().ref().kind();
        if (kind.operatorRun()) {
            // Its operator owns the pods: the custom resource says how many.
            return "set " + kind.replicasField() + " to " + minimum + ": kubectl patch " + kind.kind().toLowerCase(Locale.ROOT) + "."
                    + kind.group() + "/" + input.workload().name() + " -n " + namespace + " --type merge -p '" + mergePatch(kind.replicasField(),
                    minimum) + "'";
        }
        return "set spec.replicas to " + minimum + ": kubectl scale " + kind.kind().toLowerCase()
                + "/" + input.workload().name() + " -n " + namespace + " --replicas=" + minimum;
    }

    /** A merge patch that sets the field at {@code path} ({@code spec.kafka.replicas}): {@code {"spec":{"kafka":{"replicas":2}}}}. */
    private static String mergePatch(String path, int value) {
        String[] steps = path.split("\\.");
        StringBuilder patch = new StringBuilder();
        for (String step : steps) {
            patch.append("{\"").append(step).append("\":");
        }
        patch.append(value).append("}".repeat(steps.length));
        return patch.toString();
    }

    @Override
    public List<Resource> celResources() {
        return WORKLOADS;
    }

    /** On spec.replicas (the API server has defaulted it): below the minimum, and not scaled to zero on purpose. */
    @Override
    public String celFails(Thresholds thresholds) {
        return "has(object.spec.replicas) && object.spec.replicas > 0 && object.spec.replicas < " + thresholds.minReplicas();
    }

    @Override
    public String celWhy(Thresholds thresholds) {
        return "'has ' + string(object.spec.replicas) + ' replica(s) in spec.replicas, below the minimum of " + thresholds.minReplicas()
                + ": one pod failure or node drain takes it down'";
    }

    @Override
    public String celFix(Thresholds thresholds) {
        return "set spec.replicas to " + thresholds.minReplicas() + " (or let an HPA with minReplicas " + thresholds.minReplicas()
                + " scale it)";
    }
}
