package dev.nospof.operator;

import dev.nospof.adapters.ClusterViews;
import dev.nospof.engine.ClusterEngine;
import dev.nospof.engine.Finding;
import dev.nospof.engine.cluster.DrainBlockers;
import dev.nospof.model.ClusterView;
import dev.nospof.report.ClusterSpofReport;
import dev.nospof.report.ClusterSpofReportStatus;
import dev.nospof.report.Reports;
import io.fabric8.kubernetes.api.model.APIService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/**
 * Keeps the one ClusterSpofReport ({@code cluster}) true: the cluster checks over nodes,
 * webhooks, APIServices, EndpointSlices and PDBs (against the workloads' pod templates), and
 * the per-namespace summary of the workload reports. Any change of those re-evaluates; the status is written only when it changed.
 */
@ControllerConfiguration(name = "clusterspofreport", fieldManager = "nospof")
public class ClusterReportReconciler implements Reconciler<ClusterSpofReport> {

    static final ResourceID CLUSTER = new ResourceID(ClusterSpofReport.NAME);

    private final ClusterEngine engine = ClusterEngine.standard();
    private final ClusterCache cluster;
    private final OperatorMetrics metrics;
    private final WorkloadIndex index;
    private final Clock clock;

    private InformerEventSource<ValidatingWebhookConfiguration, ClusterSpofReport> validating;
    private InformerEventSource<MutatingWebhookConfiguration, ClusterSpofReport> mutating;
    private InformerEventSource<APIService, ClusterSpofReport> apiServices;

    public ClusterReportReconciler(ClusterCache cluster, OperatorMetrics metrics, WorkloadIndex index, Clock clock) {
        this.cluster = cluster;
        this.metrics = metrics;
        this.index = index;
        this.clock = clock;
    }

    @Override
    public List<EventSource<?, ClusterSpofReport>> prepareEventSources(EventSourceContext<ClusterSpofReport> context) {
        validating = toCluster(ValidatingWebhookConfiguration.class, context);
        mutating = toCluster(MutatingWebhookConfiguration.class, context);
        apiServices = toCluster(APIService.class, context);
        return List.of(validating, mutating, apiServices, new Changes(cluster, metrics, index));
    }

    @Override
    public UpdateControl<ClusterSpofReport> reconcile(ClusterSpofReport report, Context<ClusterSpofReport> context) {
        ClusterView services = ClusterViews.of(cluster.nodes(), validating.list(v -> true).toList(), mutating.list(m -> true).toList(),
                apiServices.list(a -> true).toList(), cluster.endpointSlices());
        ClusterView view = new ClusterView(services.nodes(), services.webhooks(), services.apiServices(), services.readyEndpoints(),
                cluster.allPdbs(), index.templatesByNamespace(), cluster.allHpas(), index.workloads());
        List<Finding> findings = engine.evaluate(view);
        // A status another writer left undecodable is rewritten below; listed until then.
        cluster.undecodable().seen("ClusterSpofReport", report, UndecodableObjects.problemOf(report), () -> true);
        ClusterSpofReportStatus status = Reports.clusterStatus(view, findings, metrics.findingsByNamespace(),
                cluster.undecodable().descriptions(), Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
        Reports.withDrainBlockers(status, DrainBlockers.of(view.pdbs(), cluster::disruptionsAllowed,
                pdb -> cluster.podsSelected(pdb.namespace(), pdb.selector())));
        if (Reports.sameContent(report.getStatus(), status)) {
            return UpdateControl.noUpdate();
        }
        boolean undecodable = UndecodableObjects.problemOf(report) != null;
        report.setStatus(status);
        if (undecodable) {
            Replacing.status(context.getClient(), report, status);
            return UpdateControl.noUpdate();
        }
        return UpdateControl.patchStatus(report);
    }

    @Override
    public ErrorStatusUpdateControl<ClusterSpofReport> updateErrorStatus(ClusterSpofReport resource, Context<ClusterSpofReport> context, Exception e) {
        return FailureLog.failed(resource, context, e);
    }

    private static <R extends HasMetadata> InformerEventSource<R, ClusterSpofReport> toCluster(Class<R> type,
            EventSourceContext<ClusterSpofReport> context) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(type, ClusterSpofReport.class)
                .withName("cluster-" + type.getSimpleName().toLowerCase())
                .withItemStore(new PrunedStore<>())
                .withInformerListLimit(PrunedStore.LIST_PAGE)
                .withSecondaryToPrimaryMapper(r -> Set.of(CLUSTER))
                .build(), context);
    }

    /** Node and endpoint changes (from the shared cache) and report changes (through the metrics' counts) re-evaluate the cluster. */
    private static final class Changes extends AbstractEventSource<Void, ClusterSpofReport> {
        private final ClusterCache cluster;
        private final OperatorMetrics metrics;
        private final WorkloadIndex index;

        Changes(ClusterCache cluster, OperatorMetrics metrics, WorkloadIndex index) {
            super(Void.class, "cluster-changes");
            this.cluster = cluster;
            this.metrics = metrics;
            this.index = index;
        }

        @Override
        public void start() {
            cluster.start();
            cluster.onNodeChange(this::fire);
            // Ready endpoints (EndpointSlices) and the rest of the shared caches.
            cluster.onNamespaceChange(namespace -> fire());
            metrics.onChange(this::fire);
            index.onChange(this::fire);
            cluster.undecodable().onChange(this::fire);
            super.start();
        }

        private void fire() {
            getEventHandler().handleEvent(new Event(CLUSTER));
        }

        @Override
        public Set<Void> getSecondaryResources(ClusterSpofReport primary) {
            return Set.of();
        }
    }
}
