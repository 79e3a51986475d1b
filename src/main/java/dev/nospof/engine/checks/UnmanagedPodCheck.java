package dev.nospof.engine.checks;

import dev.nospof.engine.Check;
import dev.nospof.engine.CheckInput;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.model.WorkloadKind;
import java.util.List;

/** A Pod that no controller owns, or whose controller does not exist: when it or its node dies, nothing recreates it. */
public final class UnmanagedPodCheck implements Check {

    public static final String ID = "unmanaged-pod";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "a Pod with no controller owner";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public List<Finding> evaluate(CheckInput input) {
        if (!input.workload().ref().kind().equals(WorkloadKind.POD)) {
            return List.of();
        }
        String missing = input.workload().missingController();
        String why = missing == null ? "has no controller" : "is owned by " + missing + ", which does not exist";
        return List.of(finding("Pod " + input.workload().name() + " " + why + ": when it or its node fails, nothing recreates it",
                "run it from a Deployment (or a StatefulSet for a stable identity) with at least 2 replicas"));
    }
}
