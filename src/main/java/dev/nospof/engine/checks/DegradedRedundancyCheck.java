package dev.nospof.engine.checks;

import dev.nospof.engine.CheckInput;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.model.PodPlacement;
import java.util.List;

/** Live: the workload should run two or more replicas, but fewer than two of its pods are ready. */
public final class DegradedRedundancyCheck extends LiveCheck {

    public static final String ID = "degraded-redundancy";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "two or more replicas desired but fewer than two pods ready";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public List<Finding> evaluate(CheckInput input) {
        int desired = input.replicas().value();
        long ready = live(input).pods().stream().filter(PodPlacement::ready).count();
        if (desired < 2 || ready >= 2) {
            return List.of();
        }
        return List.of(finding(input.subject() + " wants " + desired + " replicas but " + ready + " of its "
                        + live(input).pods().size() + " pods are ready: it runs on " + (ready == 1 ? "a single pod" : "no pod") + " right now",
                "find out why the pods are not ready: kubectl get pods -n " + input.workload().namespace()
                        + " and kubectl describe pod for the ones not ready"));
    }
}
