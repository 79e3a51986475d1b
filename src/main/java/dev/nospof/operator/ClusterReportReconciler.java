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
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
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
        Placement placement = placement(view.pdbs());
        Reports.withDrainBlockers(status, DrainBlockers.of(view.pdbs(), cluster::disruptionsAllowed,
                pdb -> placement.podsOfBudget().getOrDefault(pdb, List.of())));
        List<BlastRadius.Workload> placed = placement.workloads();
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

    /** The placed workloads (with the ready pods their budgets keep) and the pods each budget selects. */
    private record Placement(List<BlastRadius.Workload> workloads, Map<Pdb, List<PodPlacement>> podsOfBudget) {
    }

    /**
     * Every workload the reconcilers evaluated, with its live pods (read once per evaluation, for
     * the drain blockers and the blast radius): from the owner index; by their labels for the kinds
     * operators run; a bare pod is its own. Each budget is matched once, for both, and only
     * against the workloads of its namespace that carry its first matchLabels pair.
     */
    private Placement placement(List<Pdb> pdbs) {
        List<WorkloadIndex.Entry> entries = new ArrayList<>();
        List<List<PodPlacement>> pods = new ArrayList<>();
        Map<String, List<Integer>> byNamespace = new HashMap<>();
        for (WorkloadIndex.Entry entry : index.entries()) {
            WorkloadRef ref = entry.ref();
            List<PodPlacement> placed = ref.kind().operatorRun() ? cluster.podsSelected(ref.namespace(), entry.selector())
                    : ref.kind().equals(WorkloadKind.POD) ? cluster.pod(ref.namespace(), ref.name()).map(List::of).orElse(List.of())
                    : cluster.podsOf(PodOwners.key(ref.kind().kind(), ref.namespace(), ref.name()));
            if (!placed.isEmpty()) {
                byNamespace.computeIfAbsent(ref.namespace(), n -> new ArrayList<>()).add(entries.size());
                entries.add(entry);
                pods.add(placed);
            }
        }
        // The workloads of each namespace by each of their labels: a budget's first matchLabels pair
        // names its candidates, so 5,000 budgets are not each matched against every workload of their namespace.
        Map<String, Map<String, Map<String, List<Integer>>>> byLabel = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Map<String, Map<String, List<Integer>>> labels = byLabel.computeIfAbsent(entries.get(i).ref().namespace(), n -> new HashMap<>());
            for (Map.Entry<String, String> label : entries.get(i).labels().entrySet()) {
                labels.computeIfAbsent(label.getKey(), k -> new HashMap<>()).computeIfAbsent(label.getValue(), v -> new ArrayList<>(1)).add(i);
            }
        }
        int[] keep = new int[entries.size()];
        Arrays.fill(keep, -1);
        Map<Pdb, List<PodPlacement>> podsOfBudget = new IdentityHashMap<>();
        for (Pdb pdb : pdbs) {
            List<PodPlacement> selected = new ArrayList<>();
            List<Integer> candidates = pdb.selector().matchLabels().isEmpty() ? byNamespace.getOrDefault(pdb.namespace(), List.of())
                    : candidates(byLabel.get(pdb.namespace()), pdb.selector().matchLabels().entrySet().iterator().next());
            for (int i : candidates) {
                if (pdb.selector().matches(entries.get(i).labels())) {
                    keep[i] = Math.max(keep[i], pdb.keepsReady(pods.get(i).size()));
                    selected.addAll(pods.get(i));
                }
            }
            podsOfBudget.put(pdb, selected);
        }
        List<BlastRadius.Workload> workloads = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            workloads.add(new BlastRadius.Workload(entries.get(i).ref().describe(), pods.get(i), keep[i] < 0 ? null : keep[i]));
        }
        return new Placement(workloads, podsOfBudget);
    }

    /** The workloads of a namespace that carry {@code label}, by {@code byLabel} (label key, then value). */
    private static List<Integer> candidates(Map<String, Map<String, List<Integer>>> byLabel, Map.Entry<String, String> label) {
        Map<String, List<Integer>> byValue = byLabel == null ? null : byLabel.get(label.getKey());
        return byValue == null ? List.of() : byValue.getOrDefault(label.getValue(), List.of());
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
