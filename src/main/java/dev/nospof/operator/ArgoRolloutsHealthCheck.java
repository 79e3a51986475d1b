package dev.nospof.operator;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the Rollout reconciler, which runs in a JOSDK operator of its own and so is not
 * covered by the Quarkus Operator SDK's check: up when Argo Rollouts is not installed, or when
 * every informer of that operator is healthy.
 */
@Readiness
@Singleton
public class ArgoRolloutsHealthCheck implements HealthCheck {

    private final ArgoRollouts rollouts;

    public ArgoRolloutsHealthCheck(ArgoRollouts rollouts) {
        this.rollouts = rollouts;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("nospof Argo Rollouts");
        var operator = rollouts.operator();
        if (operator.isEmpty()) {
            return builder.up().withData("installed", false).build();
        }
        var runtime = operator.get().getRuntimeInfo();
        boolean healthy = runtime.isStarted() && runtime.allEventSourcesAreHealthy();
        builder.withData("installed", true);
        if (!healthy) {
            builder.withData("unhealthy", String.valueOf(runtime.unhealthyEventSources().keySet()));
        }
        return builder.status(healthy).build();
    }
}
