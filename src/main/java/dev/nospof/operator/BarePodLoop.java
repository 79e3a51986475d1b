package dev.nospof.operator;

import dev.nospof.adapters.KubernetesViews;
import dev.nospof.engine.Engine;
import dev.nospof.model.Workload;
import dev.nospof.model.WorkloadKind;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Writes a SpofReport for every Pod that no controller owns, or whose controller does not exist
 * ({@link DanglingPods}): unmanaged-pod. The pods come from the shared pod cache, which keeps bare
 * pods whole and every other pod compact: all pods are listed and watched once, not once for
 * placement and again by a pod reconciler of their own. On the leader; a pod that changes in any
 * way is evaluated again, so do the bare pods of a namespace whose budgets, autoscalers, claims or
 * labels change, and all of them on a policy change.
 */
@Singleton
public class BarePodLoop extends ReportLoop<Pod> {

    private static final Logger LOG = Logger.getLogger(BarePodLoop.class);
    private static final Duration RETRY = Duration.ofSeconds(10);

    private final ClusterCache cluster;
    private final DanglingPods dangling;
    private final OrphanReports orphans;
    private final Leadership leadership;

    public BarePodLoop(KubernetesClient client, Engine engine, Clock clock, OperatorMetrics metrics, ClusterCache cluster, WorkloadIndex index,
            OrphanReports orphans, Remediator remediator, DanglingPods dangling, Leadership leadership) {
        super(client, WorkloadKind.POD, new WorkloadReporting<>(Pod.class, WorkloadKind.POD, pod -> view(dangling, pod), engine, clock,
                metrics, cluster, index, orphans, remediator), "nospof-bare-pods");
        this.cluster = cluster;
        this.dangling = dangling;
        this.orphans = orphans;
        this.leadership = leadership;
    }

    private static Optional<Workload> view(DanglingPods dangling, Pod pod) {
        return KubernetesViews.workload(pod)
                .or(() -> dangling.missingController(pod).map(controller -> KubernetesViews.barePod(pod).withMissingController(controller)));
    }

    void onStart(@Observes StartupEvent event) {
        // Every replica: admission asks which workloads of a namespace a budget or autoscaler covers.
        cluster.registerWorkloads(label, namespace -> keysIn(namespace).map(cluster::storedPod).filter(Objects::nonNull)
                .map(pod -> view(dangling, pod)).flatMap(Optional::stream));
        leadership.whenLeading(() -> {
            if (!stopped) {
                queue.execute(this::connect);
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    private void connect() {
        if (stopped) {
            return;
        }
        try {
            cluster.start();
            startReports(); // first: a report that exists must be known before one is created for the same pod
        } catch (Exception e) {
            LOG.warnf("bare pods: their reports could not be listed, trying again in %d s: %s", RETRY.toSeconds(), FailureLog.reason(e));
            queue.schedule(this::connect, RETRY.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        orphans.register(label, new OrphanReports.Kind(kind.kind(), this::reports,
                (namespace, name) -> cluster.storedPod(namespace + "/" + name) != null));
        // A bare pod is one replica: no placement check can fail for it, so other pods' and nodes' changes do not concern it.
        subscribed(cluster.onChangesConcerning(kind, false, this::enqueueNamespace, this::enqueueAll, (namespace, name) -> { }));
        subscribed(List.of(cluster.onPodEvent(new ClusterCache.PodEvents() {
            @Override
            public void changed(Pod pod) {
                if (workloadOfItsOwn(pod)) {
                    enqueue(key(pod));
                }
            }

            @Override
            public void deleted(Pod pod) {
                // Its report goes with it (owner reference); so do its metric series (whatever owned it since).
                reporting.forget(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
            }
        })));
        dangling.onFound(id -> enqueue(id.getNamespace().orElse("") + "/" + id.getName()));
        enqueueAll();
    }

    @Override
    protected Pod current(String key) {
        Pod pod = cluster.storedPod(key);
        if (pod == null || !KubernetesViews.ownedByController(pod)) {
            return pod;
        }
        if (dangling.missingController(pod).isEmpty()) {
            return null;
        }
        // The cache keeps a pod with an owner compact; a dangling pod is judged whole.
        return client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).get();
    }

    /** Whether {@code pod} is a workload of its own: bare, or found dangling. */
    private boolean workloadOfItsOwn(Pod pod) {
        return !KubernetesViews.ownedByController(pod) || dangling.missingController(pod).isPresent();
    }

    /** The pods of {@code namespace} that are workloads of their own: the bare ones, and those found dangling. */
    private Stream<String> keysIn(String namespace) {
        return Stream.concat(cluster.barePodKeys(namespace), dangling.keys().filter(key -> key.startsWith(namespace + "/")));
    }

    private void enqueueNamespace(String namespace) {
        keysIn(namespace).forEach(this::enqueue);
    }

    private void enqueueAll() {
        cluster.barePodKeys(null).forEach(this::enqueue);
        dangling.keys().forEach(this::enqueue);
    }

    private static String key(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }
}
