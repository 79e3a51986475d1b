package dev.nospof.operator;

import dev.nospof.engine.Engine;
import dev.nospof.model.WorkloadKind;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
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
 * Writes a SpofReport for every ReplicaSet that no controller owns (one a Deployment owns is
 * evaluated as that Deployment).
 */
@ControllerConfiguration(name = "replicaset", generationAwareEventProcessing = false, fieldManager = "nospof",
        informer = @Informer(genericFilter = UnownedFilter.class, itemStore = OwnedReplicaSetStore.class, informerListLimit = PrunedStore.LIST_PAGE))
public class ReplicaSetReconciler implements Reconciler<ReplicaSet> {

    private final WorkloadReporting<ReplicaSet> reporting;

    public ReplicaSetReconciler(Engine engine, Clock clock, OperatorMetrics metrics, ClusterCache cluster, WorkloadIndex index,
            OrphanReports orphans, Remediator remediator) {
        this.reporting = new WorkloadReporting<>(ReplicaSet.class, WorkloadKind.REPLICA_SET, engine, clock, metrics, cluster, index, orphans, remediator);
    }

    @Override
    public List<EventSource<?, ReplicaSet>> prepareEventSources(EventSourceContext<ReplicaSet> context) {
        return reporting.eventSources(context);
    }

    @Override
    public UpdateControl<ReplicaSet> reconcile(ReplicaSet replicaSet, Context<ReplicaSet> context) {
        UpdateControl<ReplicaSet> control = UpdateControl.noUpdate();
        reporting.reconcile(replicaSet, context).ifPresent(control::rescheduleAfter);
        return control;
    }

    @Override
    public ErrorStatusUpdateControl<ReplicaSet> updateErrorStatus(ReplicaSet resource, Context<ReplicaSet> context, Exception e) {
        return FailureLog.failed(resource, context, e);
    }
}
