package dev.nospof.operator;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the reconcilers of operator-run workloads, which run in JOSDK operators of their
 * own: up when every informer of each running one is healthy (none running is up too).
 */
@Readiness
@Singleton
public class OperatorRunWorkloadsHealthCheck implements HealthCheck {

    private final OperatorRunWorkloads workloads;

    public OperatorRunWorkloadsHealthCheck(OperatorRunWorkloads workloads) {
        this.workloads = workloads;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("nospof operator-run workloads");
        var operators = workloads.operators();
        builder.withData("running", operators.size());
        var unhealthy = operators.stream().map(o -> o.getRuntimeInfo())
                .filter(r -> !r.isStarted() || !r.allEventSourcesAreHealthy())
                .map(r -> String.valueOf(r.unhealthyEventSources().keySet())).toList();
        if (!unhealthy.isEmpty()) {
            builder.withData("unhealthy", String.join(" ", unhealthy));
        }
        return builder.status(unhealthy.isEmpty()).build();
    }
}
