package dev.nospof.operator;

import dev.nospof.adapters.KubernetesViews;
import dev.nospof.engine.Engine;
import dev.nospof.model.Workload;
import dev.nospof.model.WorkloadKind;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.ResourceAction;
import io.javaoperatorsdk.operator.processing.event.source.controller.ResourceEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a SpofReport for every Pod that no controller owns, or whose controller does not exist
 * ({@link DanglingPods}): unmanaged-pod.
 */
@ControllerConfiguration(name = "pod", generationAwareEventProcessing = false, fieldManager = "nospof",
        informer = @Informer(genericFilter = UnownedFilter.class, itemStore = BarePodStore.class, informerListLimit = PrunedStore.LIST_PAGE))
public class PodReconciler implements Reconciler<Pod> {

    private final WorkloadReporting<Pod> reporting;
    private final DanglingPods dangling;

    public PodReconciler(Engine engine, Clock clock, OperatorMetrics metrics, ClusterCache cluster, WorkloadIndex index,
            OrphanReports orphans, Remediator remediator, DanglingPods dangling) {
        this.dangling = dangling;
        this.reporting = new WorkloadReporting<>(Pod.class, WorkloadKind.POD, pod -> view(dangling, pod), engine, clock, metrics,
                cluster, index, orphans, remediator);
    }

    private static Optional<Workload> view(DanglingPods dangling, Pod pod) {
        return KubernetesViews.workload(pod)
                .or(() -> dangling.missingController(pod).map(controller -> KubernetesViews.barePod(pod).withMissingController(controller)));
    }

    @Override
    public List<EventSource<?, Pod>> prepareEventSources(EventSourceContext<Pod> context) {
        List<EventSource<?, Pod>> sources = new ArrayList<>(reporting.eventSources(context));
        sources.add(new Found(dangling, context.getPrimaryCache()));
        return sources;
    }

    @Override
    public UpdateControl<Pod> reconcile(Pod pod, Context<Pod> context) {
        UpdateControl<Pod> control = UpdateControl.noUpdate();
        Pod whole = pod;
        if (KubernetesViews.ownedByController(pod)) {
            if (dangling.missingController(pod).isEmpty()) {
                return control;
            }
            // The cache keeps only the metadata of pods with an owner; a dangling pod is judged whole.
            whole = context.getClient().pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).get();
            if (whole == null) {
                return control;
            }
        }
        reporting.reconcile(whole, context).ifPresent(control::rescheduleAfter);
        return control;
    }

    @Override
    public ErrorStatusUpdateControl<Pod> updateErrorStatus(Pod resource, Context<Pod> context, Exception e) {
        return FailureLog.failed(resource, context, e);
    }

    /** A pod found dangling is evaluated (the informer, filtering owned pods out, never says so). */
    private static final class Found extends AbstractEventSource<Void, Pod> {
        private final DanglingPods dangling;
        private final IndexerResourceCache<Pod> pods;

        Found(DanglingPods dangling, IndexerResourceCache<Pod> pods) {
            super(Void.class, "dangling-pods");
            this.dangling = dangling;
            this.pods = pods;
        }

        @Override
        public void start() {
            // A resource event: JOSDK drops other events for a primary it has never heard of (the informer filtered it).
            dangling.onFound(id -> pods.get(id).ifPresent(pod -> getEventHandler().handleEvent(new ResourceEvent(ResourceAction.UPDATED, id, pod))));
            super.start();
        }

        @Override
        public Set<Void> getSecondaryResources(Pod primary) {
            return Set.of();
        }
    }
}
