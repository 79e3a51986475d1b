package dev.nospof.operator;

import dev.nospof.adapters.KubernetesViews;
import dev.nospof.adapters.PodOwners;
import dev.nospof.engine.EffectiveReplicas;
import dev.nospof.engine.Engine;
import dev.nospof.engine.Evaluation;
import dev.nospof.model.LiveState;
import dev.nospof.model.NodeInfo;
import dev.nospof.model.PodPlacement;
import dev.nospof.model.Workload;
import dev.nospof.model.WorkloadKind;
import dev.nospof.model.WorkloadView;
import dev.nospof.policy.Assessments;
import dev.nospof.policy.PolicyResolver;
import dev.nospof.policy.ResolvedPolicy;
import dev.nospof.remediation.RemediationPlan;
import dev.nospof.report.Remediated;
import dev.nospof.report.Reports;
import dev.nospof.report.SpofReport;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * What every workload reconciler does, whatever its primary kind: build the workload's view
 * from the shared caches, run the engine under the policies that select it and write the
 * SpofReport when its content changed (with Events for findings that appear or clear).
 *
 * @param <P> the workload kind (Deployment, StatefulSet, Rollout, ...)
 */
final class WorkloadReporting<P extends HasMetadata> {

    private static final Logger LOG = Logger.getLogger(WorkloadReporting.class);
    /** Rounds of remediation per evaluation: replicas raised, then the budget two replicas need. */
    private static final int MAX_REMEDIATION_ROUNDS = 3;


    private final Class<P> primaryClass;
    private final Function<P, Optional<Workload>> views;
    private final String kindLabel;
    private final Engine engine;
    private final Clock clock;
    private final OperatorMetrics metrics;
    private final ClusterCache cluster;
    private final WorkloadIndex index;
    private final OrphanReports orphans;
    private final WorkloadKind kind;
    private final Remediator remediator;
    private final EventBudget events = new EventBudget();
    /** When this operator started, to a second (creation timestamps have seconds). */
    private final Instant startedAt;

    private InformerEventSource<SpofReport, P> reports;
    private IndexerResourceCache<P> primaries;
    /** Workloads whose namespace is being deleted that the log has mentioned. */
    private final Set<String> saidTerminating = ConcurrentHashMap.newKeySet();

    WorkloadReporting(Class<P> primaryClass, WorkloadKind kind, Engine engine, Clock clock,
            OperatorMetrics metrics, ClusterCache cluster, WorkloadIndex index, OrphanReports orphans, Remediator remediator) {
        this(primaryClass, kind, KubernetesViews::workload, engine, clock, metrics, cluster, index, orphans, remediator);
    }

    /** With {@code views}: how an object of the kind becomes a workload, or none (owned by another, not resolvable). */
    WorkloadReporting(Class<P> primaryClass, WorkloadKind kind, Function<P, Optional<Workload>> views, Engine engine, Clock clock,
            OperatorMetrics metrics, ClusterCache cluster, WorkloadIndex index, OrphanReports orphans, Remediator remediator) {
        this.views = views;
        this.remediator = remediator;
        this.startedAt = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
        this.orphans = orphans;
        this.kind = kind;
        this.metrics = metrics;
        this.index = index;
        this.cluster = cluster;
        this.primaryClass = primaryClass;
        this.kindLabel = Reports.kindLabel(kind);
        this.engine = engine;
        this.clock = clock;
    }

    List<EventSource<?, P>> eventSources(EventSourceContext<P> context) {
        // Only this kind's reports; a deleted or edited report is rewritten. A report deleted with
        // its workload (garbage collection through the ownerReference) takes its metric series
        // along: metrics count what reports say.
        reports = new InformerEventSource<>(InformerEventSourceConfiguration.from(SpofReport.class, primaryClass)
                .withName(kindLabel + "-reports")
                .withItemStore(new PrunedStore<>())
                .withInformerListLimit(PrunedStore.LIST_PAGE)
                .withLabelSelector(Reports.WORKLOAD_KIND_LABEL + "=" + kindLabel)
                .withSecondaryToPrimaryMapper(WorkloadReporting::owner)
                .withOnDeleteFilter((report, finalStateUnknown) -> {
                    owner(report).forEach(id -> forget(id.getNamespace().orElse(""), id.getName()));
                    return true;
                })
                .build(), context);
        var primaries = context.getPrimaryCache();
        this.primaries = primaries;
        cluster.registerWorkloads(kindLabel, namespace -> primaries.list(namespace).map(views).flatMap(Optional::stream));
        orphans.register(kindLabel, new OrphanReports.Kind(kind.kind(), () -> reports.list(r -> true),
                (namespace, name) -> primaries.get(new ResourceID(name, namespace)).isPresent()));
        // PDBs, HPAs, claims, namespaces, policies, pods and nodes come from the caches every reconciler shares.
        return List.of(reports, new SharedCacheEventSource<>(cluster, kind, primaries));
    }

    /**
     * Where reports are read and written: a JOSDK reconciler's context and report event source,
     * or (for kinds JOSDK cannot take as a primary) an informer of its own. What is written is
     * read back at once, so an evaluation that follows does not write again.
     */
    interface ReportStore {
        Optional<SpofReport> get(String namespace, String name);

        SpofReport create(SpofReport report);

        /** Writes {@code stored} as {@code write} does, and keeps what was written. */
        SpofReport patch(SpofReport stored, UnaryOperator<SpofReport> write);

        KubernetesClient client();
    }

    /** Within a JOSDK reconciliation. */
    Optional<Duration> reconcile(P primary, Context<P> context) {
        return reconcile(primary, new ReportStore() {
            @Override
            public Optional<SpofReport> get(String namespace, String name) {
                return reports.get(new ResourceID(name, namespace));
            }

            @Override
            public SpofReport create(SpofReport report) {
                return context.resourceOperations().create(report, reports);
            }

            @Override
            public SpofReport patch(SpofReport stored, UnaryOperator<SpofReport> write) {
                return context.resourceOperations().resourcePatch(stored, write, reports);
            }

            @Override
            public KubernetesClient client() {
                return context.getClient();
            }
        });
    }

    /**
     * Evaluates one workload and writes its report when the content changed. Returns when to
     * evaluate again by itself (an exemption expires then, or a new workload has settled), if ever.
     */
    Optional<Duration> reconcile(P primary, ReportStore store) {
        if (undecodable(primary)) {
            return Optional.empty();
        }
        Optional<Workload> view = views.apply(primary);
        if (view.isEmpty()) {
            return Optional.empty(); // a ReplicaSet a Deployment owns: the Deployment is the workload
        }
        Workload workload = view.get();
        String namespace = workload.namespace();
        long started = System.nanoTime();
        Instant now = Instant.now(clock);
        ResolvedPolicy policy = PolicyResolver.resolve(cluster.policies(), workload, cluster.namespaceLabels(namespace), now,
                engine.checkIds());
        LiveState live = liveState(workload);
        if (live != null && !workload.ref().kind().podTemplateKnown()) {
            // A declared kind's resource says nothing of its pods' readiness in a known place: its pods do.
            workload = workload.withReadyReplicas((int) live.pods().stream().filter(PodPlacement::ready).count());
        }
        WorkloadView workloadView = new WorkloadView(workload, cluster.pdbs(namespace), cluster.hpas(namespace),
                cluster.pvcs(namespace), cluster.serviceTargets(namespace), live);
        // Most workloads mount no claim: their effective replicas are left to the engine.
        List<String> nfsServers = workload.template().mountsClaimsOrNfs()
                ? workloadView.nfsServers(EffectiveReplicas.of(workloadView).value()) : List.of();
        if (!nfsServers.isEmpty()) {
            workloadView = workloadView.withFileServers(cluster.fileServers(nfsServers, namespace));
        }
        cluster.workloadSeen(workload);
        Evaluation evaluation = engine.evaluate(workloadView, policy.thresholds(), policy.skippedChecks());
        SpofReport stored = store.get(namespace, Reports.name(workload.ref())).orElse(null);

        Remediation remediation = policy.remediates() || RemediationPlan.ownPdb(workloadView).isPresent()
                ? remediate(primary, workloadView, evaluation, policy, now)
                : new Remediation(List.of(), List.of(), workloadView, evaluation, Optional.empty());
        // The report says how things are once the changes are made, not how they were a moment ago.
        evaluation = remediation.evaluation();
        List<Remediated> remediated = Reports.remediated(stored == null || stored.getStatus() == null
                        || stored.getStatus().getRemediated() == null ? List.of() : stored.getStatus().getRemediated(), remediation.applied(),
                evaluation, policy, RemediationPlan.ownPdb(remediation.view()).isPresent());
        SpofReport desired = Reports.desired(evaluation, policy, now.truncatedTo(ChronoUnit.SECONDS).toString(), remediation.planned(),
                remediated);
        if (stored != null && UndecodableObjects.problemOf(stored) != null) {
            stored = replaceUndecodable(stored, desired, store);
        }
        SpofReport written = stored;
        boolean statusWritten = false;
        if (!Reports.sameIdentity(stored, desired)) {
            try {
                if (stored == null) {
                    written = store.create(desired);
                    statusWritten = ReportStatuses.created(desired, written);
                } else {
                    written = store.patch(stored, r -> Replacing.identity(store.client(), r, desired, desired.getSpec()));
                }
            } catch (KubernetesClientException e) {
                if (!namespaceTerminating(e)) {
                    throw e;
                }
                // Retrying cannot help, and the workload goes with its namespace: said once, no retry.
                if (saidTerminating.add(metricsKey(namespace, workload.name()))) {
                    LOG.infof("%s: no report, its namespace is being deleted", workload.ref().describe());
                }
                return Optional.empty();
            }
        }
        if (!Reports.sameStatus(stored, desired)) {
            if (!statusWritten) {
                store.patch(written, r -> ReportStatuses.write(store.client(), r, desired));
            }
            // A workload that was there before nospof started is not announced on first sight: a fresh install would
            // write an Event per finding and a log line per workload (10,000 at 10,000 workloads; its report says it all).
            // Later changes are announced.
            boolean announce = stored != null || createdSinceStart(primary);
            if (announce) {
                FindingEvents.emit(store.client(), primary, stored, desired, now, events, metricsKey(namespace, workload.name()));
            }
            LOG.logf(announce ? Logger.Level.INFO : Logger.Level.DEBUG, "%s: %d finding(s), highest %s", workload.ref().describe(),
                    desired.getStatus().getFindingCount(), desired.getStatus().getHighestSeverity());
        }
        metrics.recordReport(metricsKey(namespace, workload.name()), desired);
        index.record(metricsKey(namespace, workload.name()), workload.ref(), workload.template().labels(), workload.selector());
        metrics.recordReconcile(kindLabel, Duration.ofNanos(System.nanoTime() - started));
        // One second past the expiry, so the exemption is over when the evaluation runs.
        Optional<Duration> expiry = policy.nextExpiry().map(e -> Duration.between(now, e).plusSeconds(1));
        Optional<Duration> settled = remediation.recheck();
        return settled.isPresent() && (expiry.isEmpty() || settled.get().compareTo(expiry.get()) < 0) ? settled : expiry;
    }

    private boolean createdSinceStart(P primary) {
        return KubernetesViews.createdAt(primary).map(created -> !created.isBefore(startedAt)).orElse(true);
    }

    /** What remediation did for one workload, and the view and evaluation once it is done. */
    private record Remediation(List<RemediationPlan.Planned> planned, List<Remediated> applied, WorkloadView view, Evaluation evaluation,
            Optional<Duration> recheck) {
    }

    /**
     * Plans and applies remediation, in rounds: a fix can make another finding fail (two replicas
     * now need a budget), so the view after one round's changes is planned again, until nothing
     * is left to change. Each round is planned on the view without nospof's own budget: would
     * missing-pdb fail without it? A workload too new to change is planned, its changes pending.
     */
    private Remediation remediate(P primary, WorkloadView view, Evaluation evaluation, ResolvedPolicy policy, Instant now) {
        List<Remediated> applied = new ArrayList<>();
        List<RemediationPlan.Planned> planned = List.of();
        for (int round = 0; round < MAX_REMEDIATION_ROUNDS; round++) {
            WorkloadView basisView = RemediationPlan.withoutOwnPdb(view);
            Evaluation basis = basisView == view ? evaluation : engine.evaluate(basisView, policy.thresholds(), policy.skippedChecks());
            RemediationPlan plan = RemediationPlan.plan(basis, Assessments.assess(basis, policy), policy.thresholds(),
                    RemediationPlan.ownPdb(view), remediator.settings());
            boolean changes = !plan.writes().isEmpty() || plan.deleteOwnPdb().isPresent();
            Duration settling = remediator.settling(primary, now);
            if (changes && !settling.isZero()) {
                return new Remediation(remediator.pending(plan).planned(), applied, view, evaluation,
                        Optional.of(settling.plusMillis(100)));
            }
            Remediator.Result result = remediator.apply(plan, primary, now);
            planned = result.planned();
            applied.addAll(result.records());
            if (!result.changed()) {
                break;
            }
            view = result.applyTo(view);
            evaluation = engine.evaluate(view, policy.thresholds(), policy.skippedChecks());
        }
        return new Remediation(planned, applied, view, evaluation, Optional.empty());
    }

    /**
     * A report another writer left undecodable: listed, then replaced whole as nospof writes it
     * (server-side apply cannot merge into an object that does not decode). Returns it replaced.
     */
    private SpofReport replaceUndecodable(SpofReport stored, SpofReport desired, ReportStore store) {
        String problem = UndecodableObjects.problemOf(stored);
        cluster.undecodable().seen("SpofReport", stored, problem,
                () -> store.get(stored.getMetadata().getNamespace(), stored.getMetadata().getName()).isPresent());
        ReportStatuses.write(store.client(), stored, desired);
        SpofReport replaced = Replacing.specAndMetadata(store.client(), desired, desired.getSpec());
        cluster.undecodable().forget("SpofReport", stored);
        LOG.infof("SpofReport %s/%s: replaced as nospof writes it", stored.getMetadata().getNamespace(), stored.getMetadata().getName());
        return replaced;
    }

    /** A workload that does not decode (an Argo Rollout with a field of the wrong type) is skipped and listed, not judged from defaults. */
    private boolean undecodable(P primary) {
        if (!(primary instanceof CustomResource<?, ?> resource)) {
            return false;
        }
        String problem = UndecodableObjects.problemOf(resource);
        cluster.undecodable().seen(primary.getKind(), primary, problem, () -> primaries.get(ResourceID.fromResource(primary)).isPresent());
        return problem != null;
    }

    /**
     * The workload's pods (owner index) and the nodes. A cluster without Node objects has no
     * placement to judge (an API server alone, as in tests): the live checks are then not run.
     */
    private LiveState liveState(Workload workload) {
        List<NodeInfo> nodes = cluster.nodes();
        if (nodes.isEmpty()) {
            return null;
        }
        // An operator runs the pods of a custom resource (through a StatefulSet, say): they are found by the labels it sets.
        List<PodPlacement> pods = workload.ref().kind().operatorRun()
                ? cluster.podsSelected(workload.namespace(), workload.selector())
                : cluster.podsOf(PodOwners.key(workload.ref().kind().kind(), workload.namespace(), workload.name()));
        return new LiveState(pods, nodes, cluster.services(workload.namespace()));
    }

    /** The API server refuses new objects in a namespace that is being deleted (403, cause NamespaceTerminating). */
    private static boolean namespaceTerminating(KubernetesClientException e) {
        return e.getCode() == 403 && e.getStatus() != null && e.getStatus().getDetails() != null
                && e.getStatus().getDetails().getCauses() != null
                && e.getStatus().getDetails().getCauses().stream().anyMatch(c -> "NamespaceTerminating".equals(c.getReason()));
    }

    /** The workload is gone: its metric series, Event budget and index entry go too. */
    void forget(String namespace, String name) {
        String key = metricsKey(namespace, name);
        metrics.forget(key);
        events.forget(key);
        index.forget(key);
    }

    private String metricsKey(String namespace, String name) {
        return kindLabel + "/" + namespace + "/" + name;
    }



    private static Set<ResourceID> owner(SpofReport report) {
        if (report.getSpec() == null || report.getSpec().getWorkload() == null || report.getSpec().getWorkload().getName() == null) {
            return Set.of();
        }
        return Set.of(new ResourceID(report.getSpec().getWorkload().getName(), report.getMetadata().getNamespace()));
    }
}
