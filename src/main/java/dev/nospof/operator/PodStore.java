package dev.nospof.operator;

import dev.nospof.adapters.CompactPod;
import dev.nospof.adapters.KubernetesViews;
import dev.nospof.model.LabelSelector;
import dev.nospof.model.PodPlacement;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A pod informer's store that keeps most pods as {@link CompactPod}s (metadata, owners, node,
 * phase, readiness: what the live checks and the owner index read) and only the pods
 * {@code keepWhole} names as they came (pruned like every cache, see PrunedStore). A pod is
 * compacted as it is stored (the informer's handlers still get the event's own object); reading
 * one back gives a read-only Pod holding exactly the compact fields ({@link CompactPod#view()}).
 */
public class PodStore implements ItemStore<Pod> {

    private final Map<String, Object> pods = new ConcurrentHashMap<>();
    private final Predicate<Pod> keepWhole;

    public PodStore(Predicate<Pod> keepWhole) {
        this.keepWhole = keepWhole;
    }

    @Override
    public String getKey(Pod pod) {
        return Cache.metaNamespaceKeyFunc(pod);
    }

    @Override
    public Pod put(String key, Pod pod) {
        return pod(pods.put(key, keepWhole.test(pod) ? PrunedStore.pruned(pod) : CompactPod.of(pod)));
    }

    @Override
    public Pod remove(String key) {
        return pod(pods.remove(key));
    }

    @Override
    public Stream<String> keySet() {
        return pods.keySet().stream();
    }

    @Override
    public Stream<Pod> values() {
        return pods.values().stream().map(PodStore::pod);
    }

    @Override
    public int size() {
        return pods.size();
    }

    @Override
    public Pod get(String key) {
        return pod(pods.get(key));
    }

    /** Whether the pod stored under {@code key} is kept whole (one {@code keepWhole} names). */
    public boolean storedWhole(String key) {
        return pods.get(key) instanceof Pod;
    }

    /** The placement of the pod stored under {@code key} (null when there is none), read from its compact form when it has one. */
    public PodPlacement placement(String key) {
        Object stored = pods.get(key);
        return stored == null ? null : stored instanceof CompactPod compact ? compact.placement() : KubernetesViews.pod((Pod) stored);
    }

    /** The placement of the pod stored under {@code key} when {@code selector} selects it, else null; no Pod built for a compact one. */
    public PodPlacement placementIfSelected(String key, LabelSelector selector) {
        Object stored = pods.get(key);
        if (stored instanceof CompactPod compact) {
            return selector.matches(compact.labelMap()) ? compact.placement() : null;
        }
        return stored instanceof Pod pod && selector.matches(pod.getMetadata().getLabels()) ? KubernetesViews.pod(pod) : null;
    }

    private static Pod pod(Object stored) {
        return stored instanceof CompactPod compact ? compact.view() : (Pod) stored;
    }
}
