package dev.nospof.operator;

import dev.nospof.adapters.KubernetesViews;
import dev.nospof.adapters.Rollout;
import dev.nospof.engine.Engine;
import dev.nospof.model.Workload;
import dev.nospof.model.WorkloadKind;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Ignore;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a SpofReport for every Argo Rollout. Not registered at start like the other reconcilers
 * ({@link Ignore}): {@link ArgoRollouts} runs it while the Rollout CRD is installed.
 *
 * <p>A Rollout that takes its pod template from a Deployment ({@code spec.workloadRef}) reads that
 * Deployment from the Deployment reconciler's cache ({@link Deployments}), and is evaluated again
 * when the Deployment changes.
 */
@Ignore
@ControllerConfiguration(name = "rollout", generationAwareEventProcessing = false, fieldManager = "nospof",
        informer = @Informer(itemStore = PrunedStore.class, informerListLimit = PrunedStore.LIST_PAGE))
public class RolloutReconciler implements Reconciler<Rollout> {

    private final WorkloadReporting<Rollout> reporting;
    private final Deployments deployments;

    RolloutReconciler(Engine engine, Clock clock, OperatorMetrics metrics, ClusterCache cluster, WorkloadIndex index,
            OrphanReports orphans, Remediator remediator, Deployments deployments) {
        this.deployments = deployments;
        this.reporting = new WorkloadReporting<>(Rollout.class, WorkloadKind.ROLLOUT, r -> view(deployments, r), engine, clock, metrics,
                cluster, index, orphans, remediator);
    }

    private static Optional<Workload> view(Deployments deployments, Rollout rollout) {
        var referenced = KubernetesViews.referencedDeployment(rollout)
                .flatMap(name -> deployments.get(rollout.getMetadata().getNamespace(), name))
                .orElse(null);
        return KubernetesViews.rollout(rollout, referenced);
    }

    @Override
    public List<EventSource<?, Rollout>> prepareEventSources(EventSourceContext<Rollout> context) {
        List<EventSource<?, Rollout>> sources = new ArrayList<>(reporting.eventSources(context));
        sources.add(new ReferencedDeployments(deployments, context.getPrimaryCache()));
        return sources;
    }

    /** Triggers the Rollouts whose {@code spec.workloadRef} names a Deployment that changed. */
    private static final class ReferencedDeployments extends AbstractEventSource<Void, Rollout> {

        private final Deployments deployments;
        private final IndexerResourceCache<Rollout> rollouts;
        private Runnable subscription = () -> { };

        ReferencedDeployments(Deployments deployments, IndexerResourceCache<Rollout> rollouts) {
            super(Void.class, "rollout-referenced-deployments");
            this.deployments = deployments;
            this.rollouts = rollouts;
        }

        @Override
        public void start() throws OperatorException {
            subscription = deployments.listen((namespace, name) -> rollouts
                    .list(namespace, r -> KubernetesViews.referencedDeployment(r).filter(name::equals).isPresent())
                    .forEach(r -> getEventHandler().handleEvent(new Event(ResourceID.fromResource(r)))));
            super.start();
        }

        @Override
        public void stop() throws OperatorException {
            subscription.run();
            super.stop();
        }

        @Override
        public Set<Void> getSecondaryResources(Rollout primary) {
            return Set.of();
        }
    }

    @Override
    public UpdateControl<Rollout> reconcile(Rollout rollout, Context<Rollout> context) {
        UpdateControl<Rollout> control = UpdateControl.noUpdate();
        reporting.reconcile(rollout, context).ifPresent(control::rescheduleAfter);
        return control;
    }

    @Override
    public ErrorStatusUpdateControl<Rollout> updateErrorStatus(Rollout resource, Context<Rollout> context, Exception e) {
        return FailureLog.failed(resource, context, e);
    }
}
