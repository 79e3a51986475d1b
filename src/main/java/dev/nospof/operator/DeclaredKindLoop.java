package dev.nospof.operator;

import dev.nospof.adapters.DeclaredWorkloads;
import dev.nospof.engine.Engine;
import dev.nospof.model.DeclaredKind;
import dev.nospof.model.WorkloadKind;
import dev.nospof.report.Reports;
import dev.nospof.report.SpofReport;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * Evaluates the resources of one kind a user declared in a policy. JOSDK takes only typed
 * classes as primaries, so this is a controller loop of its own: an informer of the kind (found
 * by API discovery, retried until the kind is served), an informer of its reports, a queue that
 * evaluates each changed resource once on one thread, and the same triggers from the shared
 * caches as the other workloads (policies, namespaces, PDBs, pods and nodes). The evaluation and
 * the report are {@link WorkloadReporting}'s, as for every kind.
 */
final class DeclaredKindLoop {

    private static final Logger LOG = Logger.getLogger(DeclaredKindLoop.class);
    /** How often a kind that is not served (its CRD not installed yet) or not readable is looked for again. */
    private static final Duration RETRY = Duration.ofSeconds(10);
    private static final Duration FAILED_EVALUATION_RETRY = Duration.ofSeconds(10);

    private final KubernetesClient client;
    private final DeclaredKind declared;
    private final WorkloadKind kind;
    private final String label;
    private final ClusterCache cluster;
    private final OrphanReports orphans;
    private final OperatorMetrics metrics;
    private final WorkloadIndex index;
    private final WorkloadReporting<GenericKubernetesResource> reporting;
    private final ScheduledExecutorService queue;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    /** Reports as this loop wrote them, until its report informer has caught up with the write. */
    private final Map<String, SpofReport> written = new ConcurrentHashMap<>();
    private final List<Runnable> subscriptions = new CopyOnWriteArrayList<>();
    private volatile SharedIndexInformer<GenericKubernetesResource> resources;
    private volatile SharedIndexInformer<SpofReport> reports;
    private volatile boolean stopped;
    /** What is known of the kind, as a policy's status says it ("not served by the API server ..."). */
    private volatile String state = "looking for it";
    private final Runnable onStateChange;

    DeclaredKindLoop(KubernetesClient client, DeclaredKind declared, Engine engine, Clock clock, OperatorMetrics metrics, ClusterCache cluster,
            WorkloadIndex index, OrphanReports orphans, Remediator remediator, Runnable onStateChange) {
        this.client = client;
        this.onStateChange = onStateChange;
        this.declared = declared;
        this.kind = declared.kind();
        this.label = Reports.kindLabel(kind);
        this.cluster = cluster;
        this.orphans = orphans;
        this.metrics = metrics;
        this.index = index;
        this.reporting = new WorkloadReporting<>(GenericKubernetesResource.class, kind, r -> DeclaredWorkloads.workload(r, declared), engine,
                clock, metrics, cluster, index, orphans, remediator);
        this.queue = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "nospof-declared-" + label);
            thread.setDaemon(true);
            return thread;
        });
    }

    DeclaredKind declared() {
        return declared;
    }

    /** Whether its resources are evaluated, or why not. */
    String state() {
        return state;
    }

    /** Starts looking for the kind; its resources are evaluated from when it is served and readable. */
    void start() {
        queue.execute(this::connect);
    }

    /** Stops evaluating; returns the reports this kind has, as last seen. */
    List<SpofReport> stop() {
        stopped = true;
        subscriptions.forEach(Runnable::run);
        orphans.forget(label);
        cluster.forgetWorkloads(label);
        List<SpofReport> last = reports == null ? List.of() : List.copyOf(reports.getStore().list());
        if (resources != null) {
            resources.stop();
        }
        if (reports != null) {
            reports.stop();
        }
        queue.shutdownNow();
        metrics.forgetKind(label);
        index.forgetKind(label);
        return last;
    }

    private String describe() {
        return kind.kind() + " (" + kind.apiVersion() + ")";
    }

    private void connect() {
        if (stopped) {
            return;
        }
        Optional<APIResource> served;
        try {
            served = served();
        } catch (KubernetesClientException e) {
            retryLater("API discovery failed (" + FailureLog.reason(e) + ")");
            return;
        }
        if (served.isEmpty()) {
            retryLater("not served by the API server (is its CRD installed?)");
            return;
        }
        ResourceDefinitionContext definition = new ResourceDefinitionContext.Builder().withGroup(kind.group())
                .withVersion(kind.apiVersion().substring(kind.apiVersion().indexOf('/') + 1)).withKind(kind.kind())
                .withPlural(served.get().getName()).withNamespaced(Boolean.TRUE.equals(served.get().getNamespaced())).build();
        String resource = served.get().getName() + "." + kind.group();
        SharedIndexInformer<SpofReport> reportInformer = client.resources(SpofReport.class).inAnyNamespace()
                .withLabel(Reports.WORKLOAD_KIND_LABEL, label).withLimit(PrunedStore.LIST_PAGE).runnableInformer(0);
        reportInformer.addEventHandler(new ReportEvents());
        try {
            // Reports first: a report that exists must be known before one is created for the same workload.
            reportInformer.start().toCompletableFuture().get(2, TimeUnit.MINUTES);
        } catch (Exception e) {
            reportInformer.stop();
            retryLater("its reports could not be listed (" + FailureLog.reason(e) + ")");
            return;
        }
        reports = reportInformer;
        SharedIndexInformer<GenericKubernetesResource> informer = client.genericKubernetesResources(definition).inAnyNamespace()
                .withLimit(PrunedStore.LIST_PAGE).runnableInformer(0);
        informer.exceptionHandler((started, t) -> {
            if (t instanceof KubernetesClientException k && (k.getCode() == 403 || k.getCode() == 401)) {
                state("not readable: nospof may not list " + resource + " (grant it with the chart's declaredWorkloadResources)",
                        describe() + ", declared in a policy: nospof may not list " + resource
                                + "; grant it with the chart's declaredWorkloadResources; retrying");
            }
            return !stopped;
        });
        informer.addEventHandler(new ResourceEvents());
        resources = informer;
        cluster.registerWorkloads(label, namespace -> informer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace).stream()
                .map(r -> DeclaredWorkloads.workload(r, declared)).flatMap(Optional::stream));
        orphans.register(label, new OrphanReports.Kind(kind.kind(), () -> reportInformer.getStore().list().stream(),
                (namespace, name) -> informer.getStore().getByKey(namespace + "/" + name) != null));
        subscriptions.addAll(cluster.onChangesConcerning(kind, true, this::enqueueNamespace, this::enqueueAll,
                (namespace, name) -> enqueue(namespace + "/" + name)));
        informer.start().thenRun(() -> state("evaluated: served as " + resource,
                describe() + ", declared in a policy, is served as " + resource + ": its resources are evaluated"));
    }

    /** The API resource that serves the kind, by discovery (every authenticated user may read it); empty while it is not served. */
    private Optional<APIResource> served() {
        APIResourceList list = client.getApiResources(kind.apiVersion());
        if (list == null || list.getResources() == null) {
            return Optional.empty();
        }
        return list.getResources().stream().filter(r -> kind.kind().equals(r.getKind()) && !r.getName().contains("/")).findFirst();
    }

    private void retryLater(String why) {
        state(why, describe() + ", declared in a policy: " + why + "; looking again every " + RETRY.toSeconds() + " s");
        if (!stopped) {
            queue.schedule(this::connect, RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** A new state is logged once (not every retry) and told to the policies' status. */
    private void state(String now, String log) {
        if (!now.equals(state)) {
            state = now;
            LOG.info(log);
            onStateChange.run();
        }
    }

    private void enqueueNamespace(String namespace) {
        if (resources != null) {
            resources.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace).forEach(r -> enqueue(Cache.metaNamespaceKeyFunc(r)));
        }
    }

    private void enqueueAll() {
        if (resources != null) {
            resources.getStore().listKeys().forEach(this::enqueue);
        }
    }

    /** Evaluates the resource of {@code key} once soon, however many changes asked for it meanwhile. */
    private void enqueue(String key) {
        if (!stopped && pending.add(key)) {
            try {
                queue.execute(() -> evaluate(key));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                pending.remove(key); // stopping
            }
        }
    }

    private void evaluate(String key) {
        pending.remove(key);
        GenericKubernetesResource resource = resources == null ? null : resources.getStore().getByKey(key);
        if (resource == null || stopped) {
            return;
        }
        cluster.undecodable().seen(kind.kind(), resource, new DeclaredWorkloads(List.of(declared)).problem(resource)
                .map(Map.Entry::getValue).orElse(null), () -> resources.getStore().getByKey(key) != null);
        try {
            reporting.reconcile(resource, new Store()).ifPresent(again -> later(key, again));
        } catch (RuntimeException e) {
            LOG.warnf("%s %s: evaluation failed, retrying in %d s: %s", kind.kind(), key, FAILED_EVALUATION_RETRY.toSeconds(),
                    FailureLog.reason(e));
            later(key, FAILED_EVALUATION_RETRY);
        }
    }

    private void later(String key, Duration delay) {
        if (!stopped) {
            queue.schedule(() -> enqueue(key), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The reports of this kind: the informer's, or what was just written while the informer has not seen it yet. */
    private final class Store implements WorkloadReporting.ReportStore {
        @Override
        public Optional<SpofReport> get(String namespace, String name) {
            String key = namespace + "/" + name;
            SpofReport own = written.get(key);
            return Optional.ofNullable(own != null ? own : reports.getStore().getByKey(key));
        }

        @Override
        public SpofReport create(SpofReport report) {
            return remember(client.resource(report).create());
        }

        @Override
        public SpofReport patch(SpofReport stored, UnaryOperator<SpofReport> write) {
            return remember(write.apply(stored));
        }

        @Override
        public KubernetesClient client() {
            return client;
        }

        private SpofReport remember(SpofReport report) {
            written.put(Cache.metaNamespaceKeyFunc(report), report);
            return report;
        }
    }

    private final class ResourceEvents implements ResourceEventHandler<GenericKubernetesResource> {
        @Override
        public void onAdd(GenericKubernetesResource resource) {
            enqueue(Cache.metaNamespaceKeyFunc(resource));
        }

        @Override
        public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
            enqueue(Cache.metaNamespaceKeyFunc(after));
        }

        @Override
        public void onDelete(GenericKubernetesResource resource, boolean unknownFinalState) {
            // Its report goes with it (owner reference); so do its metric series.
            String key = label + "/" + resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
            metrics.forget(key);
            index.forget(key);
            cluster.undecodable().forget(kind.kind(), resource);
        }
    }

    /** A report edited or deleted by someone else is written again; one this loop wrote is no longer needed in {@link #written}. */
    private final class ReportEvents implements ResourceEventHandler<SpofReport> {
        @Override
        public void onAdd(SpofReport report) {
            caughtUp(report);
        }

        @Override
        public void onUpdate(SpofReport before, SpofReport after) {
            SpofReport own = written.get(Cache.metaNamespaceKeyFunc(after));
            boolean ours = own != null && Objects.equals(own.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion());
            caughtUp(after);
            if (!ours) {
                owner(after); // what this loop just wrote needs no evaluation to follow it
            }
        }

        @Override
        public void onDelete(SpofReport report, boolean unknownFinalState) {
            written.remove(Cache.metaNamespaceKeyFunc(report));
            owner(report);
        }

        private void caughtUp(SpofReport report) {
            String key = Cache.metaNamespaceKeyFunc(report);
            SpofReport own = written.get(key);
            if (own != null && !older(report, own)) {
                written.remove(key, own);
            }
        }

        private void owner(SpofReport report) {
            if (report.getSpec() != null && report.getSpec().getWorkload() != null && report.getSpec().getWorkload().getName() != null) {
                enqueue(report.getMetadata().getNamespace() + "/" + report.getSpec().getWorkload().getName());
            }
        }
    }

    /** Whether {@code seen} is an older version than {@code own}; resource versions of etcd are numbers that grow. */
    private static boolean older(HasMetadata seen, HasMetadata own) {
        try {
            return Long.parseLong(seen.getMetadata().getResourceVersion()) < Long.parseLong(own.getMetadata().getResourceVersion());
        } catch (NumberFormatException | NullPointerException e) {
            return false;
        }
    }
}
