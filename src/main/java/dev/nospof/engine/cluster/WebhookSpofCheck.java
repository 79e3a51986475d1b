package dev.nospof.engine.cluster;

import dev.nospof.engine.ClusterCheck;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.model.Backends;
import dev.nospof.model.ClusterView;
import dev.nospof.model.ClusterView.Webhook;
import java.util.List;
import java.util.Optional;

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
        return cluster.webhooks().stream().filter(WebhookSpofCheck::judged)
                .flatMap(w -> evaluate(w, cluster.backends(w.serviceNamespace(), w.serviceName())).stream())
                .toList();
    }

    /** Whether the check judges {@code webhook}: it fails closed and a Service of the cluster serves it. */
    public static boolean judged(Webhook webhook) {
        return webhook.failsClosed() && webhook.serviceName() != null;
    }

    /**
     * One {@link #judged judged} webhook against the pods behind its Service: the operator counts
     * ready endpoints, {@code nospof audit} the effective replicas of the workloads of its input.
     */
    public Optional<Finding> evaluate(Webhook w, Backends backends) {
        if (backends.pods() >= 2) {
            return Optional.empty();
        }
        return Optional.of(finding(w.configurationKind() + " " + w.configuration() + " webhook " + w.name()
                        + " (failurePolicy: Fail) is served by Service " + w.serviceNamespace() + "/" + w.serviceName() + " with "
                        + backends.describe() + ": one pod down blocks the API writes it intercepts",
                "run at least 2 ready replicas behind Service " + w.serviceNamespace() + "/" + w.serviceName()
                        + ", or set failurePolicy: Ignore if the webhook may be skipped"));
    }
}
