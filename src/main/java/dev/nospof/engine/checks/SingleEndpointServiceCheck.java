package dev.nospof.engine.checks;

import dev.nospof.engine.CheckInput;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.model.LiveState.ServiceEndpoints;
import java.util.ArrayList;
import java.util.List;

/**
 * Live: a Service that selects the workload's pods has exactly one ready endpoint: its clients
 * depend on one pod, whatever the replica count says.
 */
public final class SingleEndpointServiceCheck extends LiveCheck {

    public static final String ID = "single-endpoint-service";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "a Service selecting the workload's pods has exactly one ready endpoint";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public List<Finding> evaluate(CheckInput input) {
        var labels = input.workload().template().labels();
        List<Finding> findings = new ArrayList<>();
        for (ServiceEndpoints service : live(input).services()) {
            if (service.selector().isEmpty() || !service.selector().matches(labels) || service.readyEndpoints() != 1) {
                continue;
            }
            findings.add(finding("Service " + service.name() + " selects the pods of " + input.subject()
                            + " and has 1 ready endpoint: every client of the Service depends on that one pod",
                    "run at least 2 ready replicas behind Service " + service.name()));
        }
        return findings;
    }
}
