package dev.nospof.operator;

import dev.nospof.adapters.OperatorResources;
import dev.nospof.adapters.OperatorWorkloads;
import dev.nospof.engine.Engine;
import dev.nospof.model.WorkloadKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Ignore;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.util.List;

/**
 * The reconcilers of the workloads that operators run (Prometheus, Alertmanager, ThanosRuler,
 * CloudNativePG Cluster): a SpofReport each, like any workload. Not registered at start
 * ({@link Ignore}): {@link OperatorRunWorkloads} runs each while its CRD is installed. One class
 * per kind because JOSDK learns the primary kind from the reconciler's type argument.
 */
final class OperatorRunReconcilers {

    private OperatorRunReconcilers() {
    }

    /** What every one of them does, for its kind. */
    abstract static class Base<P extends GenericKubernetesResource> implements Reconciler<P> {
        private final WorkloadReporting<P> reporting;

        Base(Class<P> type, WorkloadKind kind, Engine engine, Clock clock, OperatorMetrics metrics, ClusterCache cluster, WorkloadIndex index,
                OrphanReports orphans, Remediator remediator) {
            this.reporting = new WorkloadReporting<>(type, kind, OperatorWorkloads::workload, engine, clock, metrics, cluster, index, orphans,
                    remediator);
        }

        @Override
        public List<EventSource<?, P>> prepareEventSources(EventSourceContext<P> context) {
            return reporting.eventSources(context);
        }

        @Override
        public UpdateControl<P> reconcile(P resource, Context<P> context) {
            UpdateControl<P> control = UpdateControl.noUpdate();
            reporting.reconcile(resource, context).ifPresent(control::rescheduleAfter);
            return control;
        }

        @Override
        public ErrorStatusUpdateControl<P> updateErrorStatus(P resource, Context<P> context, Exception e) {
            return FailureLog.failed(resource, context, e);
        }
    }

    @Ignore
    @ControllerConfiguration(name = "prometheus", generationAwareEventProcessing = false, fieldManager = "nospof",
            informer = @Informer(itemStore = PrunedStore.class, informerListLimit = PrunedStore.LIST_PAGE))
    static final class PrometheusReconciler extends Base<OperatorResources.Prometheus> {
        PrometheusReconciler(Engine engine, Clock clock, OperatorMetrics metrics, ClusterCache cluster, WorkloadIndex index,
                OrphanReports orphans, Remediator remediator) {
            super(OperatorResources.Prometheus.class, WorkloadKind.PROMETHEUS, engine, clock, metrics, cluster, index, orphans, remediator);
        }
    }

    @Ignore
    @ControllerConfiguration(name = "alertmanager", generationAwareEventProcessing = false, fieldManager = "nospof",
            informer = @Informer(itemStore = PrunedStore.class, informerListLimit = PrunedStore.LIST_PAGE))
    static final class AlertmanagerReconciler extends Base<OperatorResources.Alertmanager> {
        AlertmanagerReconciler(Engine engine, Clock clock, OperatorMetrics metrics, ClusterCache cluster, WorkloadIndex index,
                OrphanReports orphans, Remediator remediator) {
            super(OperatorResources.Alertmanager.class, WorkloadKind.ALERTMANAGER, engine, clock, metrics, cluster, index, orphans,
                    remediator);
        }
    }

    @Ignore
    @ControllerConfiguration(name = "thanosruler", generationAwareEventProcessing = false, fieldManager = "nospof",
            informer = @Informer(itemStore = PrunedStore.class, informerListLimit = PrunedStore.LIST_PAGE))
    static final class ThanosRulerReconciler extends Base<OperatorResources.ThanosRuler> {
        ThanosRulerReconciler(Engine engine, Clock clock, OperatorMetrics metrics, ClusterCache cluster, WorkloadIndex index,
                OrphanReports orphans, Remediator remediator) {
            super(OperatorResources.ThanosRuler.class, WorkloadKind.THANOS_RULER, engine, clock, metrics, cluster, index, orphans,
                    remediator);
        }
    }

    @Ignore
    @ControllerConfiguration(name = "cnpg-cluster", generationAwareEventProcessing = false, fieldManager = "nospof",
            informer = @Informer(itemStore = PrunedStore.class, informerListLimit = PrunedStore.LIST_PAGE))
    static final class CnpgClusterReconciler extends Base<OperatorResources.CnpgCluster> {
        CnpgClusterReconciler(Engine engine, Clock clock, OperatorMetrics metrics, ClusterCache cluster, WorkloadIndex index,
                OrphanReports orphans, Remediator remediator) {
            super(OperatorResources.CnpgCluster.class, WorkloadKind.CNPG_CLUSTER, engine, clock, metrics, cluster, index, orphans,
                    remediator);
        }
    }
}
