package dev.nospof.engine.cluster;

import dev.nospof.engine.ClusterCheck;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.model.Backends;
import dev.nospof.model.ClusterView;
import dev.nospof.model.ClusterView.ApiService;
import java.util.List;
import java.util.Optional;

/** An aggregated APIService whose Service has fewer than two ready endpoints (e.g. metrics-server with one replica). */
public final class ApiServiceSpofCheck implements ClusterCheck {

    @Override
    public String id() {
        return "apiservice-spof";
    }

    @Override
    public String description() {
        return "an aggregated APIService served by fewer than 2 ready endpoints";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public List<Finding> evaluate(ClusterView cluster) {
        return cluster.apiServices().stream().filter(a -> a.serviceName() != null)
                .flatMap(a -> evaluate(a, cluster.backends(a.serviceNamespace(), a.serviceName())).stream())
                .toList();
    }

    /**
     * One aggregated APIService (one that names a Service) against the pods behind its Service:
     * the operator counts ready endpoints, {@code nospof audit} the effective replicas of the
     * workloads of its input.
     */
    public Optional<Finding> evaluate(ApiService a, Backends backends) {
        if (backends.pods() >= 2) {
            return Optional.empty();
        }
        return Optional.of(finding("APIService " + a.name() + " is served by Service " + a.serviceNamespace() + "/" + a.serviceName()
                        + " with " + backends.describe()
                        + ": one pod down makes the API group unavailable (and namespace deletion and discovery stall)",
                "run at least 2 ready replicas behind Service " + a.serviceNamespace() + "/" + a.serviceName()));
    }
}
