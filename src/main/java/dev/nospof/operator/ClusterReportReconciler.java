package dev.nospof.operator;

import dev.nospof.adapters.ClusterViews;
import dev.nospof.engine.ClusterEngine;
import dev.nospof.engine.Finding;
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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps the one ClusterSpofReport ({@code cluster}) true: the cluster checks over nodes,
 * webhooks, APIServices, EndpointSlices and PDBs (against the workloads' pod templates), and
 * the per-namespace summary of the workload reports, and the blast radius and drain blockers
 * of the live placement ({@link ClusterPlacement}). A change re-evaluates what it concerns: the
 * checks only when what they read changed, the placement of the namespaces whose pods, budgets
 * or workloads changed. The status is written only when it changed.
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
    /** Set by every change the cluster checks read (not pods, not reports); the first evaluation runs them. */
    private final AtomicBoolean checksChanged = new AtomicBoolean(true);
    private volatile Checks lastChecks;
    private final ClusterPlacement placement;

    public ClusterReportReconciler(ClusterCache cluster, OperatorMetrics metrics, WorkloadIndex index, Clock clock) {
        this.cluster = cluster;
        this.metrics = metrics;
        this.index = index;
        this.clock = clock;
        this.placement = new ClusterPlacement(cluster, index);
    }

    @Override
    public List<EventSource<?, ClusterSpofReport>> prepareEventSources(EventSourceContext<ClusterSpofReport> context) {
        validating = toCluster(ValidatingWebhookConfiguration.class, context);
        mutating = toCluster(MutatingWebhookConfiguration.class, context);
        apiServices = toCluster(APIService.class, context);
        return List.of(validating, mutating, apiServices, new Changes(cluster, metrics, index, placement, checksChanged));
    }

    @Override
    public UpdateControl<ClusterSpofReport> reconcile(ClusterSpofReport report, Context<ClusterSpofReport> context) {
        long started = System.nanoTime();
        long allocatedBefore = OperatorMetrics.allocatedByThisThread();
        Checks checks = checks();
        // A status another writer left undecodable is rewritten below; listed until then.
        cluster.undecodable().seen("ClusterSpofReport", report, UndecodableObjects.problemOf(report), () -> true);
        ClusterSpofReportStatus status = Reports.clusterStatus(checks.view(), checks.findings(), metrics.findingsByNamespace(),
                cluster.undecodable().descriptions(), Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
        long placementStarted = System.nanoTime();
        long placementAllocatedBefore = OperatorMetrics.allocatedByThisThread();
        ClusterPlacement.Result placed = placement.refresh();
        Reports.withDrainBlockers(status, placed.drainBlockers());
        Reports.withBlastRadius(status, placed.nodes(), placed.zones());
        metrics.recordClusterEvaluation("placement", Duration.ofNanos(System.nanoTime() - placementStarted),
                allocatedSince(placementAllocatedBefore));
        metrics.recordClusterPlacement(placed.namespacesPlaced());
        metrics.recordClusterEvaluation("all", Duration.ofNanos(System.nanoTime() - started), allocatedSince(allocatedBefore));
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

    /** The cluster checks' view and findings: evaluated anew only when what they read changed (not on pod or report changes). */
    private record Checks(ClusterView view, List<Finding> findings) {
    }

    private Checks checks() {
        Checks last = lastChecks;
        if (last != null && !checksChanged.getAndSet(false)) {
            return last;
        }
        long started = System.nanoTime();
        long allocatedBefore = OperatorMetrics.allocatedByThisThread();
        try {
            ClusterView services = ClusterViews.of(cluster.nodes(), validating.list(v -> true).toList(), mutating.list(m -> true).toList(),
                    apiServices.list(a -> true).toList(), cluster.endpointSlices());
            ClusterView view = new ClusterView(services.nodes(), services.webhooks(), services.apiServices(), services.readyEndpoints(),
                    cluster.allPdbs(), index.templatesByNamespace(), cluster.allHpas(), index.workloads());
            lastChecks = new Checks(view, engine.evaluate(view));
        } catch (RuntimeException e) {
            checksChanged.set(true);
            throw e;
        }
        metrics.recordClusterEvaluation("checks", Duration.ofNanos(System.nanoTime() - started), allocatedSince(allocatedBefore));
        return lastChecks;
    }

    /** Bytes this thread allocated since {@code before}, or -1 where the JVM does not count them. */
    private static long allocatedSince(long before) {
        return before < 0 ? -1 : OperatorMetrics.allocatedByThisThread() - before;
    }

    @Override
    public ErrorStatusUpdateControl<ClusterSpofReport> updateErrorStatus(ClusterSpofReport resource, Context<ClusterSpofReport> context, Exception e) {
        return FailureLog.failed(resource, context, e);
    }

    private <R extends HasMetadata> InformerEventSource<R, ClusterSpofReport> toCluster(Class<R> type,
            EventSourceContext<ClusterSpofReport> context) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(type, ClusterSpofReport.class)
                .withName("cluster-" + type.getSimpleName().toLowerCase())
                .withItemStore(new PrunedStore<>())
                .withInformerListLimit(PrunedStore.LIST_PAGE)
                // Asked for every change of these objects, so it also marks the checks for evaluation.
                .withSecondaryToPrimaryMapper(r -> {
                    checksChanged.set(true);
                    return Set.of(CLUSTER);
                })
                .build(), context);
    }

    /**
     * What re-evaluates the cluster, and which part: a node change all of it; a change of what is
     * read of a PDB, HPA, claim, Namespace or EndpointSlice (from the shared cache), or a workload
     * recorded, changed or forgotten, the checks and the placement of its namespace; a report
     * change (through the metrics' counts) the summary; a pod change, or of a budget's status, the
     * placement of its namespace, at most once per {@link #POD_CHANGES_EVERY}: a rollout or a
     * fresh start moves thousands of pods, and one evaluation after a second of them says the
     * same as one per pod.
     */
    private static final class Changes extends AbstractEventSource<Void, ClusterSpofReport> {
        private static final Duration POD_CHANGES_EVERY = Duration.ofSeconds(1);
        private final ClusterCache cluster;
        private final OperatorMetrics metrics;
        private final WorkloadIndex index;
        private final ClusterPlacement placement;
        private final AtomicBoolean checksChanged;
        private final AtomicBoolean podChangePending = new AtomicBoolean();
        private ScheduledExecutorService podChanges;

        Changes(ClusterCache cluster, OperatorMetrics metrics, WorkloadIndex index, ClusterPlacement placement, AtomicBoolean checksChanged) {
            super(Void.class, "cluster-changes");
            this.cluster = cluster;
            this.metrics = metrics;
            this.index = index;
            this.placement = placement;
            this.checksChanged = checksChanged;
        }

        @Override
        public void start() {
            cluster.start();
            cluster.onNodeChange(() -> {
                checksChanged.set(true);
                placement.allChanged();
                fire();
            });
            cluster.onNamespaceChange(this::namespaceChanged);
            index.onChange(this::namespaceChanged);
            metrics.onChange(this::fire);
            cluster.undecodable().onChange(this::fire);
            podChanges = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "nospof-cluster-pod-changes");
                t.setDaemon(true);
                return t;
            });
            cluster.onPodChangeInNamespace(this::placementChanged);
            cluster.onBudgetStatusChange(this::placementChanged);
            super.start();
        }

        /** Pods, or a budget's status (which follows them), changed in {@code namespace}: its placement is due within a second. */
        private void placementChanged(String namespace) {
            placement.changed(namespace);
            if (podChangePending.compareAndSet(false, true)) {
                podChanges.schedule(() -> {
                    podChangePending.set(false);
                    fire();
                }, POD_CHANGES_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        private void namespaceChanged(String namespace) {
            checksChanged.set(true);
            placement.changed(namespace);
            fire();
        }

        @Override
        public void stop() {
            if (podChanges != null) {
                podChanges.shutdownNow();
            }
            super.stop();
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
