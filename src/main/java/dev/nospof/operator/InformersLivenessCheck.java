package dev.nospof.operator;

import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Down when any informer has stopped for good (the shared caches', the reconcilers', the Argo
 * Rollouts operator's): such an operator no longer sees changes and only a restart recovers it.
 * A watch that is reconnecting is not stopped; readiness reports that.
 */
@Liveness
@Singleton
public class InformersLivenessCheck implements HealthCheck {

    private final Operator operator;
    private final ClusterCache cluster;
    private final ArgoRollouts rollouts;
    private final OperatorRunWorkloads operatorRun;

    public InformersLivenessCheck(Operator operator, ClusterCache cluster, ArgoRollouts rollouts, OperatorRunWorkloads operatorRun) {
        this.operator = operator;
        this.cluster = cluster;
        this.rollouts = rollouts;
        this.operatorRun = operatorRun;
    }

    @Override
    public HealthCheckResponse call() {
        List<String> stopped = new ArrayList<>(cluster.stoppedInformers());
        stopped.addAll(stopped(operator.getRuntimeInfo()));
        rollouts.operator().ifPresent(o -> stopped.addAll(stopped(o.getRuntimeInfo())));
        operatorRun.operators().forEach(o -> stopped.addAll(stopped(o.getRuntimeInfo())));
        var response = HealthCheckResponse.named("nospof informers");
        if (!stopped.isEmpty()) {
            response.withData("stopped", String.join(", ", stopped));
        }
        return response.status(stopped.isEmpty()).build();
    }

    /** "deployment/deployment-reports": each informer of a started operator that is no longer running. */
    private static List<String> stopped(RuntimeInfo runtime) {
        if (!runtime.isStarted()) {
            return List.of();
        }
        List<String> stopped = new ArrayList<>();
        runtime.unhealthyInformerWrappingEventSourceHealthIndicator().forEach((controller, sources) -> sources.forEach((source, health) -> {
            @SuppressWarnings("unchecked")
            Map<String, InformerHealthIndicator> informers = health.informerHealthIndicators();
            if (informers.values().stream().anyMatch(informer -> !informer.isRunning())) {
                stopped.add(controller + "/" + source);
            }
        }));
        return stopped;
    }
}
