package dev.nospof.operator;

import dev.nospof.engine.Engine;
import dev.nospof.model.WorkloadKind;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.util.List;

/** Writes a SpofReport for every Pod that no controller owns (unmanaged-pod). */
@ControllerConfiguration(name = "pod", generationAwareEventProcessing = false, fieldManager = "nospof",
        informer = @Informer(genericFilter = UnownedFilter.class, itemStore = BarePodStore.class))
public class PodReconciler implements Reconciler<Pod> {

    private final WorkloadReporting<Pod> reporting;

    public PodReconciler(Engine engine, Clock clock, OperatorMetrics metrics, ClusterCache cluster, WorkloadIndex index,
            OrphanReports orphans) {
        this.reporting = new WorkloadReporting<>(Pod.class, WorkloadKind.POD, engine, clock, metrics, cluster, index, orphans);
    }

    @Override
    public List<EventSource<?, Pod>> prepareEventSources(EventSourceContext<Pod> context) {
        return reporting.eventSources(context);
    }

    @Override
    public UpdateControl<Pod> reconcile(Pod pod, Context<Pod> context) {
        UpdateControl<Pod> control = UpdateControl.noUpdate();
        reporting.reconcile(pod, context).ifPresent(control::rescheduleAfter);
        return control;
    }

    @Override
    public ErrorStatusUpdateControl<Pod> updateErrorStatus(Pod pod, Context<Pod> context, Exception e) {
        return FailureLog.failed(pod, context, e);
    }
}
