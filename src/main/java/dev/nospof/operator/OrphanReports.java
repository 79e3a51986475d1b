package dev.nospof.operator;

import dev.nospof.report.SpofReport;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Deletes SpofReports whose workload no longer exists, which the garbage collector normally does
 * through the owner reference but may not have (it lags, the report was written by hand, the
 * workload went while nospof was down). Proof of an orphan: the reconciler's own cache of the
 * kind holds no workload of the report's namespace and name, and the API server confirms it (a
 * GET answers 404; a cache that is still filling proves nothing). Reports that do not name
 * their workload's name, kind and API version are left alone. The leader sweeps when it starts leading and then every
 * {@code nospof.orphans.sweep-interval}: caches only, plus one GET per suspected orphan.
 */
@Singleton
public class OrphanReports {

    private static final Logger LOG = Logger.getLogger(OrphanReports.class);

    /** A workload kind's reports and whether a workload of that kind exists, from its reconciler's caches. */
    record Kind(String workloadKind, Supplier<Stream<SpofReport>> reports, BiPredicate<String, String> workloadExists) {
    }

    private final Map<String, Kind> kinds = new ConcurrentHashMap<>();
    private final KubernetesClient client;
    private final Leadership leadership;
    private final Duration interval;
    private LeaderTimer timer;

    public OrphanReports(KubernetesClient client, Leadership leadership,
            @ConfigProperty(name = "nospof.orphans.sweep-interval", defaultValue = "10m") Duration interval) {
        this.client = client;
        this.leadership = leadership;
        this.interval = interval;
    }

    /** Called by each workload reconciler once its caches exist (by the kind label of its reports). */
    void register(String kindLabel, Kind kind) {
        kinds.put(kindLabel, kind);
    }

    /** The kind's reconciler stopped (Argo Rollouts removed): its caches no longer prove anything. */
    void forget(String kindLabel) {
        kinds.remove(kindLabel);
    }

    /**
     * Whether a workload of {@code workloadKind} ("ReplicaSet") exists by its reconciler's cache;
     * empty when nospof does not watch the kind.
     */
    Optional<Boolean> workloadExists(String workloadKind, String namespace, String name) {
        return kinds.values().stream().filter(k -> k.workloadKind().equals(workloadKind)).findFirst()
                .map(k -> k.workloadExists().test(namespace, name));
    }

    void onStart(@Observes StartupEvent event) {
        timer = new LeaderTimer("nospof-orphan-reports", leadership, interval, this::sweep);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.stop();
        }
    }

    void sweep() {
        try {
            kinds.values().forEach(this::sweep);
        } catch (RuntimeException e) {
            LOG.warnf("sweeping orphaned reports failed, trying again in %s: %s", interval, e.getMessage());
        }
    }

    private void sweep(Kind kind) {
        kind.reports().get()
                .filter(r -> r.getMetadata().getDeletionTimestamp() == null && r.getSpec() != null && r.getSpec().getWorkload() != null
                        && r.getSpec().getWorkload().getName() != null)
                .filter(r -> !kind.workloadExists().test(r.getMetadata().getNamespace(), r.getSpec().getWorkload().getName()))
                .filter(this::confirmedGone)
                .forEach(orphan -> {
                    String namespace = orphan.getMetadata().getNamespace();
                    try {
                        client.resources(SpofReport.class).inNamespace(namespace).withName(orphan.getMetadata().getName()).delete();
                        LOG.infof("deleted SpofReport %s/%s: its %s %s no longer exists", namespace, orphan.getMetadata().getName(),
                                kind.workloadKind(), orphan.getSpec().getWorkload().getName());
                    } catch (KubernetesClientException e) {
                        LOG.warnf("could not delete orphaned SpofReport %s/%s: %s", namespace, orphan.getMetadata().getName(), e.getMessage());
                    }
                });
    }

    private boolean confirmedGone(SpofReport report) {
        var workload = report.getSpec().getWorkload();
        if (workload.getApiVersion() == null || workload.getKind() == null) {
            return false;
        }
        try {
            return client.genericKubernetesResources(workload.getApiVersion(), workload.getKind())
                    .inNamespace(report.getMetadata().getNamespace()).withName(workload.getName()).get() == null;
        } catch (KubernetesClientException e) {
            // The kind itself is gone (a CRD deleted): so is the workload. Anything else proves nothing.
            return e.getCode() == 404;
        }
    }
}
