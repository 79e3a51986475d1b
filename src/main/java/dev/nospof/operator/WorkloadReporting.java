package dev.nospof.operator;

import dev.nospof.adapters.KubernetesViews;
import dev.nospof.engine.Engine;
import dev.nospof.engine.Evaluation;
import dev.nospof.adapters.PodOwners;
import dev.nospof.model.LiveState;
import dev.nospof.model.NodeInfo;
import dev.nospof.model.Workload;
import dev.nospof.model.WorkloadKind;
import dev.nospof.model.WorkloadView;
import dev.nospof.policy.PolicyResolver;
import dev.nospof.policy.RedundancyPolicy;
import dev.nospof.policy.ResolvedPolicy;
import dev.nospof.report.Reports;
import dev.nospof.report.SpofReport;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * What every workload reconciler does, whatever its primary kind: watch the PDBs, HPAs and
 * reports that concern the workload, build its view from those caches, run the engine and
 * write the SpofReport when its content changed. No API call but that write.
 *
 * @param <P> the workload kind (Deployment, StatefulSet)
 */
final class WorkloadReporting<P extends HasMetadata> {

    private static final Logger LOG = Logger.getLogger(WorkloadReporting.class);


    private final Class<P> primaryClass;
    private final String kindLabel;
    private final Engine engine;
    private final Clock clock;
    private final OperatorMetrics metrics;
    private final ClusterCache cluster;

    private InformerEventSource<PodDisruptionBudget, P> pdbs;
    private InformerEventSource<HorizontalPodAutoscaler, P> hpas;
    private InformerEventSource<PersistentVolumeClaim, P> pvcs;
    private InformerEventSource<SpofReport, P> reports;
    private InformerEventSource<RedundancyPolicy, P> policies;
    private InformerEventSource<Namespace, P> namespaces;

    WorkloadReporting(Class<P> primaryClass, WorkloadKind kind, Engine engine, Clock clock,
            OperatorMetrics metrics, ClusterCache cluster) {
        this.metrics = metrics;
        this.cluster = cluster;
        this.primaryClass = primaryClass;
        this.kindLabel = Reports.kindLabel(kind);
        this.engine = engine;
        this.clock = clock;
    }

    List<EventSource<?, P>> eventSources(EventSourceContext<P> context) {
        IndexerResourceCache<P> workloads = context.getPrimaryCache();
        // A PDB or HPA change re-evaluates every workload of its namespace: the selector (or
        // target) may have changed from one workload to another, and evaluations that change
        // nothing write nothing.
        pdbs = new InformerEventSource<>(InformerEventSourceConfiguration.from(PodDisruptionBudget.class, primaryClass)
                .withName(kindLabel + "-pdbs")
                .withSecondaryToPrimaryMapper(sameNamespace(workloads))
                .build(), context);
        hpas = new InformerEventSource<>(InformerEventSourceConfiguration.from(HorizontalPodAutoscaler.class, primaryClass)
                .withName(kindLabel + "-hpas")
                .withSecondaryToPrimaryMapper(sameNamespace(workloads))
                .build(), context);
        pvcs = new InformerEventSource<>(InformerEventSourceConfiguration.from(PersistentVolumeClaim.class, primaryClass)
                .withName(kindLabel + "-pvcs")
                .withSecondaryToPrimaryMapper(sameNamespace(workloads))
                .build(), context);
        // Only this kind's reports; a deleted or edited report is rewritten. A report deleted with
        // its workload (garbage collection through the ownerReference) takes its metric series
        // along: metrics count what reports say.
        reports = new InformerEventSource<>(InformerEventSourceConfiguration.from(SpofReport.class, primaryClass)
                .withName(kindLabel + "-reports")
                .withLabelSelector(Reports.WORKLOAD_KIND_LABEL + "=" + kindLabel)
                .withSecondaryToPrimaryMapper(WorkloadReporting::owner)
                .withOnDeleteFilter((report, finalStateUnknown) -> {
                    owner(report).forEach(id -> metrics.forget(metricsKey(id.getNamespace().orElse(""), id.getName())));
                    return true;
                })
                .build(), context);
        // Any policy change may change what every workload is checked against.
        policies = new InformerEventSource<>(InformerEventSourceConfiguration.from(RedundancyPolicy.class, primaryClass)
                .withName(kindLabel + "-policies")
                .withSecondaryToPrimaryMapper(p -> workloads.list(w -> !KubernetesViews.ownedByController(w))
                        .map(ResourceID::fromResource).collect(Collectors.toSet()))
                .build(), context);
        // Namespace labels decide which policies select a workload.
        namespaces = new InformerEventSource<>(InformerEventSourceConfiguration.from(Namespace.class, primaryClass)
                .withName(kindLabel + "-namespaces")
                .withSecondaryToPrimaryMapper(ns -> workloads.list(ns.getMetadata().getName())
                        .filter(w -> !KubernetesViews.ownedByController(w))
                        .map(ResourceID::fromResource).collect(Collectors.toSet()))
                .build(), context);
        if (primaryClass == Pod.class) {
            // A bare pod is one replica: no placement check can fail for it, so node changes need not reach it.
            return List.of(pdbs, hpas, pvcs, reports, policies, namespaces);
        }
        // Pods and nodes come from the one cache every reconciler shares.
        LiveStateEventSource<P> live = new LiveStateEventSource<>(cluster, primaryClass.getSimpleName(), workloads);
        return List.of(pdbs, hpas, pvcs, reports, policies, namespaces, live);
    }

    /**
     * Evaluates one workload and writes its report when the content changed. Returns when to
     * evaluate again by itself (an exemption expires then), if ever.
     */
    Optional<Duration> reconcile(P primary, Context<P> context) {
        String namespace = primary.getMetadata().getNamespace();
        String key = metricsKey(namespace, primary.getMetadata().getName());
        Optional<Workload> view = KubernetesViews.workload(primary);
        if (view.isEmpty()) {
            return Optional.empty(); // a ReplicaSet a Deployment owns: the Deployment is the workload
        }
        Workload workload = view.get();
        long started = System.nanoTime();
        Instant now = Instant.now(clock);
        ResolvedPolicy policy = PolicyResolver.resolve(policies.list(p -> true).toList(), workload,
                namespaceLabels(namespace), now, engine.checkIds());
        WorkloadView workloadView = new WorkloadView(workload,
                pdbs.list(namespace, p -> true).map(KubernetesViews::pdb).toList(),
                hpas.list(namespace, h -> true).map(KubernetesViews::hpa).toList(),
                pvcs.list(namespace, c -> true).map(KubernetesViews::pvc).toList(),
                liveState(workload));
        Evaluation evaluation = engine.evaluate(workloadView, policy.thresholds(), policy.skippedChecks());

        SpofReport desired = Reports.desired(evaluation, policy, now.truncatedTo(ChronoUnit.SECONDS).toString());
        SpofReport stored = reports.get(new ResourceID(desired.getMetadata().getName(), namespace)).orElse(null);
        if (!Reports.sameIdentity(stored, desired)) {
            context.resourceOperations().serverSideApply(desired, reports);
        }
        if (!Reports.sameStatus(stored, desired)) {
            context.resourceOperations().serverSideApplyStatus(desired);
            FindingEvents.emit(context.getClient(), primary, stored, desired, now);
            LOG.infof("%s: %d finding(s), highest %s", workload.ref().describe(), desired.getStatus().getFindingCount(),
                    desired.getStatus().getHighestSeverity());
        }
        metrics.recordReport(key, desired);
        metrics.recordReconcile(kindLabel, Duration.ofNanos(System.nanoTime() - started));
        // One second past the expiry, so the exemption is over when the evaluation runs.
        return policy.nextExpiry().map(expiry -> Duration.between(now, expiry).plusSeconds(1));
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
        return new LiveState(cluster.podsOf(PodOwners.key(workload.ref().kind().kind(), workload.namespace(), workload.name())), nodes);
    }

    private String metricsKey(String namespace, String name) {
        return kindLabel + "/" + namespace + "/" + name;
    }

    private Map<String, String> namespaceLabels(String namespace) {
        return namespaces.get(new ResourceID(namespace)).map(ns -> ns.getMetadata().getLabels()).orElse(null);
    }

    /** Every workload of the object's namespace (objects a controller owns are not workloads of their own). */
    private static <R extends HasMetadata, W extends HasMetadata> SecondaryToPrimaryMapper<R> sameNamespace(
            IndexerResourceCache<W> workloads) {
        return object -> workloads.list(object.getMetadata().getNamespace())
                .filter(w -> !KubernetesViews.ownedByController(w))
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet());
    }

    private static Set<ResourceID> owner(SpofReport report) {
        if (report.getSpec() == null || report.getSpec().getWorkload() == null || report.getSpec().getWorkload().getName() == null) {
            return Set.of();
        }
        return Set.of(new ResourceID(report.getSpec().getWorkload().getName(), report.getMetadata().getNamespace()));
    }
}
