package dev.nospof.operator;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Pods whose controller (a ReplicaSet, StatefulSet or ReplicationController) does not exist.
 * The garbage collector normally deletes them but may not have (it lags, or the owner reference
 * was written by hand); nothing will recreate them, so they are reported as bare pods are
 * ({@code unmanaged-pod}). Proof, as for orphaned reports: the owner kind's cache holds no such
 * object and the API server answers 404. The leader sweeps the shared pod cache when it starts
 * leading and every {@code nospof.orphans.sweep-interval}; between sweeps, pods with an owner
 * are not evaluated (the bare pods' loop passes them by).
 */
@Singleton
public class DanglingPods {

    private static final Logger LOG = Logger.getLogger(DanglingPods.class);
    /** The controllers nospof watches, so can prove missing, with the API version their pods' owner references name. */
    private static final Map<String, String> VERIFIABLE = Map.of("ReplicaSet", "apps/v1", "StatefulSet", "apps/v1",
            "ReplicationController", "v1");

    private final KubernetesClient client;
    private final ClusterCache cluster;
    private final OrphanReports workloads;
    private final Leadership leadership;
    private final Duration interval;
    /** "namespace/name" of each dangling pod → "ReplicaSet web-5d4f". */
    private final Map<String, String> missingControllers = new ConcurrentHashMap<>();
    private volatile Consumer<ResourceID> listener = id -> { };
    private LeaderTimer timer;

    public DanglingPods(KubernetesClient client, ClusterCache cluster, OrphanReports workloads, Leadership leadership,
            @ConfigProperty(name = "nospof.orphans.sweep-interval", defaultValue = "10m") Duration interval) {
        this.client = client;
        this.cluster = cluster;
        this.workloads = workloads;
        this.leadership = leadership;
        this.interval = interval;
    }

    /** The bare pods' loop hears each pod found dangling. */
    void onFound(Consumer<ResourceID> listener) {
        this.listener = listener;
    }

    /** The keys ("namespace/name") of the pods found dangling at the last sweep. */
    Stream<String> keys() {
        return missingControllers.keySet().stream();
    }

    /** "ReplicaSet web-5d4f" when {@code pod}'s controller was proven missing at the last sweep. */
    Optional<String> missingController(Pod pod) {
        return Optional.ofNullable(missingControllers.get(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName()));
    }

    void onStart(@Observes StartupEvent event) {
        timer = new LeaderTimer("nospof-dangling-pods", leadership, interval, this::sweep);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.stop();
        }
    }

    void sweep() {
        try {
            cluster.start();
            Set<String> found = new HashSet<>();
            for (Pod pod : cluster.allPods()) {
                controller(pod).filter(owner -> missing(pod.getMetadata().getNamespace(), owner)).ifPresent(owner -> {
                    String key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
                    found.add(key);
                    if (missingControllers.put(key, owner.getKind() + " " + owner.getName()) == null) {
                        LOG.infof("Pod %s: its controller %s %s does not exist", key, owner.getKind(), owner.getName());
                    }
                    // Every sweep (the bare pods' loop may not have been listening yet); an unchanged report is not rewritten.
                    listener.accept(new ResourceID(pod.getMetadata().getName(), pod.getMetadata().getNamespace()));
                });
            }
            missingControllers.keySet().retainAll(found);
        } catch (RuntimeException e) {
            LOG.warnf("looking for pods whose controller does not exist failed, trying again in %s: %s", interval, FailureLog.reason(e));
        }
    }

    private static Optional<OwnerReference> controller(Pod pod) {
        var owners = pod.getMetadata().getOwnerReferences();
        return owners == null ? Optional.empty() : owners.stream()
                .filter(o -> Boolean.TRUE.equals(o.getController()) && VERIFIABLE.containsKey(o.getKind())
                        && VERIFIABLE.get(o.getKind()).equals(o.getApiVersion()))
                .findFirst();
    }

    /** Not in its reconciler's cache, and the API server confirms (a cache still filling proves nothing). */
    private boolean missing(String namespace, OwnerReference owner) {
        if (workloads.workloadExists(owner.getKind(), namespace, owner.getName()).orElse(true)) {
            return false;
        }
        try {
            var found = client.genericKubernetesResources(owner.getApiVersion(), owner.getKind()).inNamespace(namespace)
                    .withName(owner.getName()).get();
            return found == null || !owner.getUid().equals(found.getMetadata().getUid());
        } catch (KubernetesClientException e) {
            return false;
        }
    }
}
