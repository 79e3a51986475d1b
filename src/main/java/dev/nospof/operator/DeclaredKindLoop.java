package dev.nospof.operator;

import dev.nospof.adapters.DeclaredWorkloads;
import dev.nospof.engine.Engine;
import dev.nospof.model.DeclaredKind;
import dev.nospof.report.Reports;
import dev.nospof.report.SpofReport;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Evaluates the resources of one kind a user declared in a policy. JOSDK takes only typed
 * classes as primaries, so this is a {@link ReportLoop}: an informer of the kind (found by API
 * discovery, retried until the kind is served), its reports' informer and queue, and the same
 * triggers from the shared caches as the other workloads (policies, namespaces, PDBs, pods and
 * nodes). The evaluation and the report are {@link WorkloadReporting}'s, as for every kind.
 */
final class DeclaredKindLoop extends ReportLoop<GenericKubernetesResource> {

    private static final Logger LOG = Logger.getLogger(DeclaredKindLoop.class);
    /** How often a kind that is not served (its CRD not installed yet) or not readable is looked for again. */
    private static final Duration RETRY = Duration.ofSeconds(10);

    private final DeclaredKind declared;
    private final ClusterCache cluster;
    private final OrphanReports orphans;
    private final OperatorMetrics metrics;
    private final WorkloadIndex index;
    private volatile SharedIndexInformer<GenericKubernetesResource> resources;
    /** What is known of the kind, as a policy's status says it ("not served by the API server ..."). */
    private volatile String state = "looking for it";
    private final Runnable onStateChange;

    DeclaredKindLoop(KubernetesClient client, DeclaredKind declared, Engine engine, Clock clock, OperatorMetrics metrics, ClusterCache cluster,
            WorkloadIndex index, OrphanReports orphans, Remediator remediator, Runnable onStateChange) {
        super(client, declared.kind(), new WorkloadReporting<>(GenericKubernetesResource.class, declared.kind(),
                r -> DeclaredWorkloads.workload(r, declared), engine, clock, metrics, cluster, index, orphans, remediator),
                "nospof-declared-" + Reports.kindLabel(declared.kind()));
        this.onStateChange = onStateChange;
        this.declared = declared;
        this.cluster = cluster;
        this.orphans = orphans;
        this.metrics = metrics;
        this.index = index;
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

    @Override
    List<SpofReport> stop() {
        List<SpofReport> last = super.stop();
        orphans.forget(label);
        cluster.forgetWorkloads(label);
        if (resources != null) {
            resources.stop();
        }
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
        try {
            startReports(); // first: a report that exists must be known before one is created for the same workload
        } catch (Exception e) {
            retryLater("its reports could not be listed (" + FailureLog.reason(e) + ")");
            return;
        }
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
        orphans.register(label, new OrphanReports.Kind(kind.kind(), this::reports,
                (namespace, name) -> informer.getStore().getByKey(namespace + "/" + name) != null));
        subscribed(cluster.onChangesConcerning(kind, true, this::enqueueNamespace, this::enqueueAll,
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

    @Override
    protected GenericKubernetesResource current(String key) {
        GenericKubernetesResource resource = resources == null ? null : resources.getStore().getByKey(key);
        if (resource != null) {
            cluster.undecodable().seen(kind.kind(), resource, new DeclaredWorkloads(List.of(declared)).problem(resource)
                    .map(Map.Entry::getValue).orElse(null), () -> resources.getStore().getByKey(key) != null);
        }
        return resource;
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
            reporting.forget(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
            cluster.undecodable().forget(kind.kind(), resource);
        }
    }
}
