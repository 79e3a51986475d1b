package dev.nospof.operator;

import dev.nospof.model.WorkloadKind;
import dev.nospof.report.Reports;
import dev.nospof.report.SpofReport;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * A controller loop of nospof's own for a workload kind that is not a JOSDK primary: an informer
 * of the kind's reports, a queue that evaluates each changed workload once on one thread, and the
 * report store {@link WorkloadReporting} writes through. Subclasses say where the workloads come
 * from ({@link #current}) and what enqueues them.
 */
abstract class ReportLoop<R extends HasMetadata> {

    private static final Logger LOG = Logger.getLogger(ReportLoop.class);
    private static final Duration FAILED_EVALUATION_RETRY = Duration.ofSeconds(10);

    protected final KubernetesClient client;
    protected final WorkloadKind kind;
    protected final String label;
    protected final WorkloadReporting<R> reporting;
    protected final ScheduledExecutorService queue;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    /** Reports as this loop wrote them, until its report informer has caught up with the write. */
    private final Map<String, SpofReport> written = new ConcurrentHashMap<>();
    private final List<Runnable> subscriptions = new CopyOnWriteArrayList<>();
    protected volatile SharedIndexInformer<SpofReport> reports;
    protected volatile boolean stopped;

    ReportLoop(KubernetesClient client, WorkloadKind kind, WorkloadReporting<R> reporting, String threadName) {
        this.client = client;
        this.kind = kind;
        this.label = Reports.kindLabel(kind);
        this.reporting = reporting;
        this.queue = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The workload stored under {@code key} ("namespace/name") as it is to be evaluated, or null when there is none to evaluate. */
    protected abstract R current(String key);

    /**
     * Lists this kind's reports and keeps them (a report that exists must be known before one is
     * created for the same workload); throws when they cannot be listed within two minutes.
     */
    protected final void startReports() throws Exception {
        SharedIndexInformer<SpofReport> informer = client.resources(SpofReport.class).inAnyNamespace()
                .withLabel(Reports.WORKLOAD_KIND_LABEL, label).withLimit(PrunedStore.LIST_PAGE).runnableInformer(0);
        informer.addEventHandler(new ReportEvents());
        try {
            informer.start().toCompletableFuture().get(2, TimeUnit.MINUTES);
        } catch (Exception e) {
            informer.stop();
            throw e;
        }
        reports = informer;
    }

    /** This kind's reports as last seen. */
    protected final Stream<SpofReport> reports() {
        var informer = reports;
        return informer == null ? Stream.empty() : informer.getStore().list().stream();
    }

    /** Keeps what stops a subscription, run when the loop stops. */
    protected final void subscribed(List<Runnable> stops) {
        subscriptions.addAll(stops);
    }

    /** Stops evaluating; returns the reports this kind has, as last seen. */
    List<SpofReport> stop() {
        stopped = true;
        subscriptions.forEach(Runnable::run);
        List<SpofReport> last = reports().toList();
        if (reports != null) {
            reports.stop();
        }
        queue.shutdownNow();
        return last;
    }

    /** Evaluates the workload of {@code key} once soon, however many changes asked for it meanwhile. */
    protected final void enqueue(String key) {
        if (!stopped && pending.add(key)) {
            try {
                queue.execute(() -> evaluate(key));
            } catch (RejectedExecutionException e) {
                pending.remove(key); // stopping
            }
        }
    }

    private void evaluate(String key) {
        pending.remove(key);
        if (stopped) {
            return;
        }
        try {
            R workload = current(key);
            if (workload != null) {
                reporting.reconcile(workload, new Store()).ifPresent(again -> later(key, again));
            }
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
