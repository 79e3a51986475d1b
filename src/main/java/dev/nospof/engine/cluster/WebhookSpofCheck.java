package dev.nospof.engine.cluster;

import dev.nospof.engine.ClusterCheck;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.model.ClusterView;
import dev.nospof.model.ClusterView.Webhook;
import java.util.ArrayList;
import java.util.List;

/**
 * An admission webhook with failurePolicy Fail (the v1 default) whose Service has fewer than
 * two ready endpoints: one pod down and the API server refuses every write the webhook sees.
 * Webhooks called by URL are not judged (nospof cannot see what serves them).
 */
public final class WebhookSpofCheck implements ClusterCheck {

    @Override
    public String id() {
        return "webhook-spof";
    }

    @Override
    public String description() {
        return "a webhook with failurePolicy Fail served by fewer than 2 ready endpoints";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.CRITICAL;
    }

    @Override
    public List<Finding> evaluate(ClusterView cluster) {
        List<Finding> findings = new ArrayList<>();
        for (Webhook w : cluster.webhooks()) {
            if (!w.failsClosed() || w.serviceName() == null) {
                continue;
            }
            int ready = cluster.readyEndpoints(w.serviceNamespace(), w.serviceName());
            if (ready >= 2) {
                continue;
            }
            findings.add(finding(w.configurationKind() + " " + w.configuration() + " webhook " + w.name()
                            + " (failurePolicy: Fail) is served by Service " + w.serviceNamespace() + "/" + w.serviceName() + " with "
                            + ready + " ready endpoint" + (ready == 1 ? "" : "s") + ": one pod down blocks the API writes it intercepts",
                    "run at least 2 ready replicas behind Service " + w.serviceNamespace() + "/" + w.serviceName()
                            + ", or set failurePolicy: Ignore if the webhook may be skipped"));
        }
        return findings;
    }
}
