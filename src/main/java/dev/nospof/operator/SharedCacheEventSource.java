package dev.nospof.operator;

import dev.nospof.adapters.KubernetesViews;
import dev.nospof.model.WorkloadKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Triggers a workload reconciler from the shared {@link ClusterCache}, by the one rule of
 * {@link ClusterCache#onChangesConcerning}: PDB, HPA, claim and Namespace changes (of what is read
 * of them) the workloads of their namespace (evaluations that change nothing write nothing), policy
 * changes every workload, pod changes the workload that owns the pod, node changes every workload.
 */
final class SharedCacheEventSource<P extends HasMetadata> extends AbstractEventSource<Void, P> {

    private final ClusterCache cache;
    private final WorkloadKind kind;
    private final IndexerResourceCache<P> workloads;
    private final List<Runnable> subscriptions = new CopyOnWriteArrayList<>();

    SharedCacheEventSource(ClusterCache cache, WorkloadKind kind, IndexerResourceCache<P> workloads) {
        super(Void.class, kind.label() + "-shared-caches");
        this.cache = cache;
        this.kind = kind;
        this.workloads = workloads;
    }

    @Override
    public void start() throws OperatorException {
        cache.start();
        subscriptions.addAll(cache.onChangesConcerning(kind, true, namespace -> trigger(workloads.list(namespace)),
                () -> trigger(workloads.list(w -> true)),
                (namespace, name) -> getEventHandler().handleEvent(new Event(new ResourceID(name, namespace)))));
        super.start();
    }

    /** A controller can stop while the caches go on (Rollouts when Argo Rollouts is uninstalled). */
    @Override
    public void stop() throws OperatorException {
        subscriptions.forEach(Runnable::run);
        subscriptions.clear();
        super.stop();
    }

    /** Objects a controller owns are not workloads of their own (a Deployment's ReplicaSets, its pods). */
    private void trigger(Stream<P> candidates) {
        candidates.filter(w -> !KubernetesViews.ownedByController(w))
                .forEach(w -> getEventHandler().handleEvent(new Event(ResourceID.fromResource(w))));
    }

    @Override
    public Set<Void> getSecondaryResources(P primary) {
        return Set.of();
    }
}
