package dev.nospof.operator;

import dev.nospof.engine.Engine;
import dev.nospof.model.WorkloadKind;
import io.fabric8.kubernetes.api.model.ReplicationController;
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

/**
 * Writes a SpofReport for every ReplicationController that no controller owns (one a Deployment owns is
 * evaluated as that Deployment).
 */
@ControllerConfiguration(name = "replicationcontroller", generationAwareEventProcessing = false, fieldManager = "nospof",
        informer = @Informer(genericFilter = UnownedFilter.class, itemStore = PrunedStore.class, informerListLimit = PrunedStore.LIST_PAGE))
public class ReplicationControllerReconciler implements Reconciler<ReplicationController> {

    private final WorkloadReporting<ReplicationController> reporting;

    public ReplicationControllerReconciler(Engine engine, Clock clock, OperatorMetrics metrics, ClusterCache cluster, WorkloadIndex index,
            OrphanReports orphans, Remediator remediator) {
        this.reporting = new WorkloadReporting<>(ReplicationController.class, WorkloadKind.REPLICATION_CONTROLLER, engine, clock, metrics, cluster, index, orphans, remediator);
    }

    @Override
    public List<EventSource<?, ReplicationController>> prepareEventSources(EventSourceContext<ReplicationController> context) {
        return reporting.eventSources(context);
    }

    @Override
    public UpdateControl<ReplicationController> reconcile(ReplicationController replicationController, Context<ReplicationController> context) {
        UpdateControl<ReplicationController> control = UpdateControl.noUpdate();
        reporting.reconcile(replicationController, context).ifPresent(control::rescheduleAfter);
        return control;
    }

    @Override
    public ErrorStatusUpdateControl<ReplicationController> updateErrorStatus(ReplicationController resource, Context<ReplicationController> context, Exception e) {
        return FailureLog.failed(resource, context, e);
    }
}
