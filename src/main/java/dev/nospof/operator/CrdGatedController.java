package dev.nospof.operator;

import dev.nospof.model.WorkloadKind;
import dev.nospof.report.Reports;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * One workload reconciler that runs while its CRD is installed, whether the CRD came before or
 * after nospof. JOSDK takes no new controller once an operator has started, so the reconciler
 * runs in a JOSDK operator of its own, started when the CRD is served and stopped when it is
 * deleted; it shares the cluster caches, engine, metrics and client with the rest. Like the
 * other reconcilers it runs on the leader only.
 */
final class CrdGatedController {

    private static final Logger LOG = Logger.getLogger(CrdGatedController.class);

    /** What nospof tells the log about this kind ("Argo Rollouts is installed: Rollouts are evaluated"). */
    record Messages(String installed, String removed) {
    }

    private final KubernetesClient client;
    private final WorkloadKind kind;
    private final String crdName;
    private final Supplier<Reconciler<?>> reconciler;
    private final Messages messages;
    private final Leadership leadership;
    private final ClusterCache cluster;
    private final OrphanReports orphans;
    private final OperatorMetrics metrics;
    private final WorkloadIndex index;
    private CrdWatch watch;
    private volatile boolean installed;
    private volatile Operator operator;

    CrdGatedController(KubernetesClient client, WorkloadKind kind, String crdName, Supplier<Reconciler<?>> reconciler, Messages messages,
            Leadership leadership, ClusterCache cluster, OrphanReports orphans, OperatorMetrics metrics, WorkloadIndex index) {
        this.client = client;
        this.kind = kind;
        this.crdName = crdName;
        this.reconciler = reconciler;
        this.messages = messages;
        this.leadership = leadership;
        this.cluster = cluster;
        this.orphans = orphans;
        this.metrics = metrics;
        this.index = index;
    }

    /** Starts watching the CRD; the reconciler runs from when it is served and this replica leads. */
    void start() {
        // Each side sets its flag before it reads the other's, so one of them starts it.
        leadership.whenLeading(() -> {
            if (installed) {
                startOperator();
            }
        });
        String version = kind.apiVersion().substring(kind.apiVersion().indexOf('/') + 1);
        watch = new CrdWatch(client, crdName, version, new CrdWatch.Listener() {
            @Override
            public void served() {
                installed = true;
                if (leadership.isLeader()) {
                    startOperator();
                }
            }

            @Override
            public void gone() {
                installed = false;
                stopOperator();
                LOG.info(messages.removed());
            }
        });
        watch.start();
    }

    void stop() {
        if (watch != null) {
            watch.stop();
        }
        stopOperator();
    }

    /** The operator that runs the reconciler, while the CRD is installed. */
    Optional<Operator> operator() {
        return Optional.ofNullable(operator);
    }

    private synchronized void startOperator() {
        if (operator != null) {
            return;
        }
        Operator started = new Operator(o -> o.withKubernetesClient(client)
                .withCloseClientOnStop(false)
                // As the main operator: a failed first list is retried, not fatal.
                .withStopOnInformerErrorDuringStartup(false));
        started.register(reconciler.get());
        started.start();
        operator = started;
        LOG.info(messages.installed());
    }

    private synchronized void stopOperator() {
        if (operator == null) {
            return;
        }
        String label = Reports.kindLabel(kind);
        orphans.forget(label); // before its caches stop proving anything
        cluster.forgetWorkloads(label);
        operator.stop();
        operator = null;
        // The workloads went with their CRD, and their reports with them (owner references).
        metrics.forgetKind(label);
        index.forgetKind(label);
    }
}
