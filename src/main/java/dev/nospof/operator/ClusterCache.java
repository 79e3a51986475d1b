package dev.nospof.operator;

import dev.nospof.adapters.KubernetesViews;
import dev.nospof.adapters.PodOwners;
import dev.nospof.model.NodeInfo;
import dev.nospof.model.PodPlacement;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One Pod informer and one Node informer for every reconciler (never one per controller), so
 * the pods of a large cluster are held once. Pods are stored pruned to what the live checks
 * read (name, namespace, labels, owner, node, Ready, deletion) and indexed by owning workload
 * ({@code Deployment/shop/web}) and by node: a reconcile reads the pods of one workload from
 * the index and never lists pods. Listeners hear only changes that matter to placement.
 */
@Singleton
public class ClusterCache {

    static final String BY_WORKLOAD = "workload";
    static final String BY_NODE = "node";
    private static final Logger LOG = Logger.getLogger(ClusterCache.class);

    private final KubernetesClient client;
    private final List<Consumer<String>> podListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> nodeListeners = new CopyOnWriteArrayList<>();
    private SharedIndexInformer<Pod> pods;
    private SharedIndexInformer<Node> nodes;
    private volatile List<NodeInfo> nodeInfos = List.of();

    public ClusterCache(KubernetesClient client) {
        this.client = client;
    }

    /** Starts both informers once and waits until they have synced. */
    synchronized void start() {
        if (pods != null) {
            return;
        }
        pods = client.pods().inAnyNamespace().runnableInformer(0);
        pods.itemStore(new BasicItemStore<>(Cache::metaNamespaceKeyFunc) {
            @Override
            public Pod put(String key, Pod pod) {
                return super.put(key, PodOwners.pruned(pod));
            }
        });
        pods.addIndexers(Map.of(
                BY_WORKLOAD, p -> PodOwners.workloadKey(p).map(List::of).orElse(List.of()),
                BY_NODE, p -> p.getSpec() == null || p.getSpec().getNodeName() == null ? List.of() : List.of(p.getSpec().getNodeName())));
        pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                notifyPod(pod);
            }

            @Override
            public void onUpdate(Pod before, Pod after) {
                if (!KubernetesViews.pod(before).equals(KubernetesViews.pod(after))) {
                    notifyPod(after);
                }
            }

            @Override
            public void onDelete(Pod pod, boolean unknownFinalState) {
                notifyPod(pod);
            }
        });
        nodes = client.nodes().runnableInformer(0);
        nodes.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                nodesChanged();
            }

            @Override
            public void onUpdate(Node before, Node after) {
                // Heartbeat status updates are frequent; only labels and schedulability matter here.
                if (!KubernetesViews.node(before).equals(KubernetesViews.node(after))) {
                    nodesChanged();
                }
            }

            @Override
            public void onDelete(Node node, boolean unknownFinalState) {
                nodesChanged();
            }
        });
        try {
            nodes.start().toCompletableFuture().get(2, TimeUnit.MINUTES);
            pods.start().toCompletableFuture().get(2, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException("pod and node informers did not sync: " + e.getMessage(), e);
        }
        nodesChanged();
        LOG.infof("cluster cache synced: %d node(s), %d pod(s)", nodes.getStore().list().size(), pods.getStore().list().size());
    }

    /** The live pods of one workload, from the owner index. */
    List<PodPlacement> podsOf(String workloadKey) {
        return pods.getIndexer().byIndex(BY_WORKLOAD, workloadKey).stream().map(KubernetesViews::pod).toList();
    }

    /** The nodes, converted once per node change rather than once per reconcile. */
    List<NodeInfo> nodes() {
        return nodeInfos;
    }

    /** Hears the workload key of every pod whose placement, readiness or deletion changed. */
    void onPodChange(Consumer<String> listener) {
        podListeners.add(listener);
    }

    /** Hears every change of the nodes' labels, schedulability or number. */
    void onNodeChange(Runnable listener) {
        nodeListeners.add(listener);
    }

    private void notifyPod(Pod pod) {
        PodOwners.workloadKey(pod).ifPresent(key -> podListeners.forEach(l -> l.accept(key)));
    }

    private void nodesChanged() {
        nodeInfos = nodes.getStore().list().stream().map(KubernetesViews::node).toList();
        nodeListeners.forEach(Runnable::run);
    }

    @PreDestroy
    synchronized void stop() {
        if (pods != null) {
            pods.stop();
            nodes.stop();
        }
    }
}
