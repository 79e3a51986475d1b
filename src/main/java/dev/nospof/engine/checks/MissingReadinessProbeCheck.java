package dev.nospof.engine.checks;

import dev.nospof.engine.Check;
import dev.nospof.engine.CheckInput;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.model.ServiceTarget;
import dev.nospof.model.TemplateContainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * From 2 effective replicas, a Service selects the pods and a container it sends traffic to has
 * no readiness probe: a replica that runs but cannot answer stays an endpoint and keeps getting
 * its share of requests, so the redundancy is not real. The containers a Service reaches are
 * the ones that declare a port it targets (by number or name); when none declares one, the
 * first container, where a pod's main process runs by convention (a Service may target a port
 * no container declares, and nospof cannot tell which container listens there).
 */
public final class MissingReadinessProbeCheck implements Check {

    public static final String ID = "missing-readiness-probe";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "a Service sends traffic to a container of the replicas that has no readiness probe";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public boolean readsPodTemplate() {
        return true;
    }

    @Override
    public List<Finding> evaluate(CheckInput input) {
        List<TemplateContainer> containers = input.workload().template().containers();
        if (input.replicas().value() < 2 || containers.isEmpty()) {
            return List.of();
        }
        Map<String, Set<String>> servicesByUnprobed = new LinkedHashMap<>();
        for (ServiceTarget service : input.view().selectingServices()) {
            for (TemplateContainer container : served(service, containers)) {
                if (!container.readinessProbe()) {
                    servicesByUnprobed.computeIfAbsent(container.name(), c -> new LinkedHashSet<>()).add(service.name());
                }
            }
        }
        if (servicesByUnprobed.isEmpty()) {
            return List.of();
        }
        Set<String> services = new LinkedHashSet<>();
        servicesByUnprobed.values().forEach(services::addAll);
        boolean one = servicesByUnprobed.size() == 1;
        String names = String.join(", ", servicesByUnprobed.keySet());
        return List.of(finding((one ? "container " : "containers ") + names + " of " + input.subject() + (one ? " has" : " have")
                        + " no readiness probe, and " + (services.size() == 1 ? "Service " : "Services ") + String.join(", ", services)
                        + (services.size() == 1 ? " sends" : " send") + " traffic to " + (one ? "it" : "them") + " at "
                        + input.replicas().describe() + ": a replica that runs but cannot answer keeps getting its share of requests",
                "add a readinessProbe to " + (one ? "container " : "containers ") + names));
    }

    /** The containers {@code service} sends traffic to. */
    private static List<TemplateContainer> served(ServiceTarget service, List<TemplateContainer> containers) {
        List<TemplateContainer> served = new ArrayList<>();
        for (TemplateContainer container : containers) {
            if (service.targetPorts().stream().anyMatch(container::declares)) {
                served.add(container);
            }
        }
        return served.isEmpty() ? List.of(containers.get(0)) : served;
    }
}
