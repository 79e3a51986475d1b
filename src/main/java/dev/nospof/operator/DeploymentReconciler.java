package dev.nospof.operator;

import dev.nospof.engine.Engine;
import dev.nospof.model.WorkloadKind;
import io.fabric8.kubernetes.api.model.apps.Deployment;
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

/** Writes a SpofReport for every Deployment. Status changes count: ready replicas are reported. */
@ControllerConfiguration(name = "deployment", generationAwareEventProcessing = false, fieldManager = "nospof",
        informer = @Informer(itemStore = PrunedStore.class, informerListLimit = PrunedStore.LIST_PAGE))
public class DeploymentReconciler implements Reconciler<Deployment> {

    private final WorkloadReporting<Deployment> reporting;
    private final Deployments deployments;

    public DeploymentReconciler(Engine engine, Clock clock, OperatorMetrics metrics, ClusterCache cluster, WorkloadIndex index,
            OrphanReports orphans, Remediator remediator, Deployments deployments) {
        this.deployments = deployments;
        this.reporting = new WorkloadReporting<>(Deployment.class, WorkloadKind.DEPLOYMENT, engine, clock, metrics, cluster, index, orphans, remediator);
    }

    @Override
    public List<EventSource<?, Deployment>> prepareEventSources(EventSourceContext<Deployment> context) {
        deployments.use(context.getPrimaryCache());
        return reporting.eventSources(context);
    }

    @Override
    public UpdateControl<Deployment> reconcile(Deployment deployment, Context<Deployment> context) {
        deployments.changed(deployment.getMetadata().getNamespace(), deployment.getMetadata().getName());
        UpdateControl<Deployment> control = UpdateControl.noUpdate();
        reporting.reconcile(deployment, context).ifPresent(control::rescheduleAfter);
        return control;
    }

    @Override
    public ErrorStatusUpdateControl<Deployment> updateErrorStatus(Deployment resource, Context<Deployment> context, Exception e) {
        return FailureLog.failed(resource, context, e);
    }
}
