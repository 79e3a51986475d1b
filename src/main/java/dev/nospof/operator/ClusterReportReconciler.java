package dev.nospof.operator;

import dev.nospof.adapters.ClusterViews;
import dev.nospof.adapters.PodOwners;
import dev.nospof.engine.ClusterEngine;
import dev.nospof.engine.Finding;
import dev.nospof.engine.cluster.BlastRadius;
import dev.nospof.engine.cluster.DrainBlockers;
import dev.nospof.model.ClusterView;
import dev.nospof.model.Pdb;
import dev.nospof.model.PodPlacement;
import dev.nospof.model.WorkloadKind;
import dev.nospof.model.WorkloadRef;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
        long started = System.nanoTime();
        long allocatedBefore = OperatorMetrics.allocatedByThisThread();
        ClusterView services = ClusterViews.of(cluster.nodes(), validating.list(v -> true).toList(), mutating.list(m -> true).toList(),
                apiServices.list(a -> true).toList(), cluster.endpointSlices());
        ClusterView view = new ClusterView(services.nodes(), services.webhooks(), services.apiServices(), services.readyEndpoints(),
                cluster.allPdbs(), index.templatesByNamespace(), cluster.allHpas(), index.workloads());
        List<Finding> findings = engine.evaluate(view);
        // A status another writer left undecodable is rewritten below; listed until then.
        cluster.undecodable().seen("ClusterSpofReport", report, UndecodableObjects.problemOf(report), () -> true);
        ClusterSpofReportStatus status = Reports.clusterStatus(view, findings, metrics.findingsByNamespace(),
                cluster.undecodable().descriptions(), Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
        long placementStarted = System.nanoTime();
        long placementAllocatedBefore = OperatorMetrics.allocatedByThisThread();
        Map<WorkloadIndex.Entry, List<PodPlacement>> podsByWorkload = podsByWorkload();
        Map<String, List<Map.Entry<WorkloadIndex.Entry, List<PodPlacement>>>> byNamespace = new HashMap<>();
        podsByWorkload.entrySet().forEach(e -> byNamespace.computeIfAbsent(e.getKey().ref().namespace(), n -> new ArrayList<>()).add(e));
        Reports.withDrainBlockers(status, DrainBlockers.of(view.pdbs(), cluster::disruptionsAllowed, pdb -> byNamespace
                .getOrDefault(pdb.namespace(), List.of()).stream().filter(e -> pdb.selector().matches(e.getKey().labels()))
                .flatMap(e -> e.getValue().stream()).toList()));
        List<BlastRadius.Workload> placed = placedWorkloads(podsByWorkload, view.pdbs());
        Map<String, String> zones = new HashMap<>();
        view.nodes().forEach(n -> zones.put(n.name(), n.zone()));
        Reports.withBlastRadius(status, BlastRadius.byNode(placed), BlastRadius.byZone(placed, zones::get));
        long allocatedAfter = OperatorMetrics.allocatedByThisThread();
        metrics.recordClusterEvaluation(Duration.ofNanos(System.nanoTime() - started), Duration.ofNanos(System.nanoTime() - placementStarted),
                allocatedBefore < 0 ? -1 : allocatedAfter - allocatedBefore, allocatedBefore < 0 ? -1 : allocatedAfter - placementAllocatedBefore);
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

    /**
     * Every workload the reconcilers evaluated, with its live pods (read once per evaluation, for
     * the drain blockers and the blast radius): from the owner index; by their labels for the kinds
     * operators run; a bare pod is its own.
     */
    private Map<WorkloadIndex.Entry, List<PodPlacement>> podsByWorkload() {
        Map<WorkloadIndex.Entry, List<PodPlacement>> pods = new HashMap<>();
        for (WorkloadIndex.Entry entry : index.entries()) {
            WorkloadRef ref = entry.ref();
            List<PodPlacement> placed = ref.kind().operatorRun() ? cluster.podsSelected(ref.namespace(), entry.selector())
                    : ref.kind().equals(WorkloadKind.POD) ? cluster.pod(ref.namespace(), ref.name()).map(List::of).orElse(List.of())
                    : cluster.podsOf(PodOwners.key(ref.kind().kind(), ref.namespace(), ref.name()));
            if (!placed.isEmpty()) {
                pods.put(entry, placed);
            }
        }
        return pods;
    }

    /** Each placed workload with the ready pods its budget keeps. */
    private static List<BlastRadius.Workload> placedWorkloads(Map<WorkloadIndex.Entry, List<PodPlacement>> podsByWorkload, List<Pdb> pdbs) {
        Map<String, List<Pdb>> pdbsByNamespace = new HashMap<>();
        pdbs.forEach(p -> pdbsByNamespace.computeIfAbsent(p.namespace(), n -> new ArrayList<>()).add(p));
        List<BlastRadius.Workload> placed = new ArrayList<>();
        for (var e : podsByWorkload.entrySet()) {
            WorkloadIndex.Entry entry = e.getKey();
            WorkloadRef ref = entry.ref();
            List<PodPlacement> pods = e.getValue();
            Integer keep = null;
            for (Pdb pdb : pdbsByNamespace.getOrDefault(ref.namespace(), List.of())) {
                if (pdb.selector().matches(entry.labels())) {
                    keep = Math.max(keep == null ? 0 : keep, pdb.keepsReady(pods.size()));
                }
            }
            placed.add(new BlastRadius.Workload(ref.describe(), pods, keep));
        }
        return placed;
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

    /**
     * Node and endpoint changes (from the shared cache) and report changes (through the metrics'
     * counts) re-evaluate the cluster; pod changes too (the blast radius follows placement and
     * readiness), at most once per {@link #POD_CHANGES_EVERY}: a rollout or a fresh start moves
     * thousands of pods, and one evaluation after them says the same as one per pod.
     */
    private static final class Changes extends AbstractEventSource<Void, ClusterSpofReport> {
        private static final Duration POD_CHANGES_EVERY = Duration.ofSeconds(10);
        private final ClusterCache cluster;
        private final OperatorMetrics metrics;
        private final WorkloadIndex index;
        private final AtomicBoolean podChangePending = new AtomicBoolean();
        private ScheduledExecutorService podChanges;

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
            podChanges = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "nospof-cluster-pod-changes");
                t.setDaemon(true);
                return t;
            });
            cluster.onPodChangeInNamespace(namespace -> {
                if (podChangePending.compareAndSet(false, true)) {
                    podChanges.schedule(() -> {
                        podChangePending.set(false);
                        fire();
                    }, POD_CHANGES_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                }
            });
            super.start();
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
