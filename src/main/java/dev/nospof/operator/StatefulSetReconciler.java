package dev.nospof.operator;

import dev.nospof.engine.Engine;
import dev.nospof.model.WorkloadKind;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
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

/** Writes a SpofReport for every StatefulSet. Status changes count: ready replicas are reported. */
@ControllerConfiguration(name = "statefulset", generationAwareEventProcessing = false, fieldManager = "nospof",
        informer = @Informer(itemStore = PrunedStore.class, informerListLimit = PrunedStore.LIST_PAGE))
public class StatefulSetReconciler implements Reconciler<StatefulSet> {

    private final WorkloadReporting<StatefulSet> reporting;

    public StatefulSetReconciler(Engine engine, Clock clock, OperatorMetrics metrics, ClusterCache cluster, WorkloadIndex index,
            OrphanReports orphans, Remediator remediator) {
        this.reporting = new WorkloadReporting<>(StatefulSet.class, WorkloadKind.STATEFUL_SET, engine, clock, metrics, cluster, index, orphans, remediator);
    }

    @Override
    public List<EventSource<?, StatefulSet>> prepareEventSources(EventSourceContext<StatefulSet> context) {
        return reporting.eventSources(context);
    }

    @Override
    public UpdateControl<StatefulSet> reconcile(StatefulSet statefulSet, Context<StatefulSet> context) {
        UpdateControl<StatefulSet> control = UpdateControl.noUpdate();
        reporting.reconcile(statefulSet, context).ifPresent(control::rescheduleAfter);
        return control;
    }

    @Override
    public ErrorStatusUpdateControl<StatefulSet> updateErrorStatus(StatefulSet resource, Context<StatefulSet> context, Exception e) {
        return FailureLog.failed(resource, context, e);
    }
}
