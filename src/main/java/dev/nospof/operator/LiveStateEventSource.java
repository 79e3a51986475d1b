package dev.nospof.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import java.util.Set;

/**
 * Triggers a workload reconciler from the shared {@link ClusterCache}: a pod change triggers
 * its owning workload (if it is of this reconciler's kind), a node change every workload of
 * the kind (zones and node counts concern them all).
 */
final class LiveStateEventSource<P extends HasMetadata> extends AbstractEventSource<Pod, P> {

    private final ClusterCache cache;
    private final String kind;
    private final IndexerResourceCache<P> workloads;

    LiveStateEventSource(ClusterCache cache, String kind, IndexerResourceCache<P> workloads) {
        super(Pod.class, kind.toLowerCase() + "-live-state");
        this.cache = cache;
        this.kind = kind;
        this.workloads = workloads;
    }

    @Override
    public void start() throws OperatorException {
        cache.start();
        String prefix = kind + "/";
        cache.onPodChange(key -> {
            if (key.startsWith(prefix)) {
                String[] parts = key.split("/", 3);
                getEventHandler().handleEvent(new Event(new ResourceID(parts[2], parts[1])));
            }
        });
        cache.onNodeChange(() -> workloads.list(w -> !dev.nospof.adapters.KubernetesViews.ownedByController(w))
                .forEach(w -> getEventHandler().handleEvent(new Event(ResourceID.fromResource(w)))));
        super.start();
    }

    @Override
    public Set<Pod> getSecondaryResources(P primary) {
        return Set.of();
    }
}
