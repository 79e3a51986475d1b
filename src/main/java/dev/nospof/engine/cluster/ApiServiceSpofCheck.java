package dev.nospof.engine.cluster;

import dev.nospof.engine.ClusterCheck;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.model.ClusterView;
import dev.nospof.model.ClusterView.ApiService;
import java.util.ArrayList;
import java.util.List;

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
        List<Finding> findings = new ArrayList<>();
        for (ApiService a : cluster.apiServices()) {
            if (a.serviceName() == null) {
                continue;
            }
            int ready = cluster.readyEndpoints(a.serviceNamespace(), a.serviceName());
            if (ready >= 2) {
                continue;
            }
            findings.add(finding("APIService " + a.name() + " is served by Service " + a.serviceNamespace() + "/" + a.serviceName()
                            + " with " + ready + " ready endpoint" + (ready == 1 ? "" : "s")
                            + ": one pod down makes the API group unavailable (and namespace deletion and discovery stall)",
                    "run at least 2 ready replicas behind Service " + a.serviceNamespace() + "/" + a.serviceName()));
        }
        return findings;
    }
}
