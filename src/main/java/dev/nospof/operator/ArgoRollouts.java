package dev.nospof.operator;

import dev.nospof.adapters.Rollout;
import dev.nospof.engine.Engine;
import dev.nospof.model.WorkloadKind;
import dev.nospof.report.Reports;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Evaluates Argo Rollouts while their CRD is installed, whether Argo Rollouts came before or
 * after nospof. JOSDK takes no new controller once an operator has started, so the Rollout
 * reconciler runs in an operator of its own, started when the CRD is served and stopped when it
 * is deleted; it shares the cluster caches, the engine, metrics and client with the rest. Like
 * the other reconcilers it runs on the leader only.
 */
@Singleton
public class ArgoRollouts {

    private static final Logger LOG = Logger.getLogger(ArgoRollouts.class);

    private final KubernetesClient client;
    private final Engine engine;
    private final Clock clock;
    private final OperatorMetrics metrics;
    private final ClusterCache cluster;
    private final WorkloadIndex index;
    private final Deployments deployments;
    private final Leadership leadership;
    private final OrphanReports orphans;
    private final Remediator remediator;
    private CrdWatch watch;
    private volatile boolean installed;
    private volatile Operator operator;

    public ArgoRollouts(KubernetesClient client, Engine engine, Clock clock, OperatorMetrics metrics, ClusterCache cluster,
            WorkloadIndex index, Deployments deployments, Leadership leadership, OrphanReports orphans,
            Remediator remediator) {
        this.orphans = orphans;
        this.remediator = remediator;
        this.deployments = deployments;
        this.leadership = leadership;
        this.client = client;
        this.engine = engine;
        this.clock = clock;
        this.metrics = metrics;
        this.cluster = cluster;
        this.index = index;
    }

    void onStart(@Observes StartupEvent event) {
        // Rollout reports are written by the leader only: the operator runs while both hold.
        // Each side sets its flag before it reads the other's, so one of them starts it.
        leadership.whenLeading(() -> {
            if (installed) {
                start();
            }
        });
        watch = new CrdWatch(client, Rollout.CRD_NAME, HasMetadata.getVersion(Rollout.class), new CrdWatch.Listener() {
            @Override
            public void served() {
                installed = true;
                if (leadership.isLeader()) {
                    start();
                }
            }

            @Override
            public void gone() {
                installed = false;
                stop();
                LOG.info("Argo Rollouts is no longer installed: Rollouts are not evaluated");
            }
        });
        watch.start();
    }

    /** The operator that runs the Rollout reconciler, while Argo Rollouts is installed. */
    Optional<Operator> operator() {
        return Optional.ofNullable(operator);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (watch != null) {
            watch.stop();
        }
        stop();
    }

    private synchronized void start() {
        if (operator != null) {
            return;
        }
        Operator rollouts = new Operator(o -> o.withKubernetesClient(client)
                .withCloseClientOnStop(false)
                // As the main operator: a failed first list is retried, not fatal.
                .withStopOnInformerErrorDuringStartup(false));
        rollouts.register(new RolloutReconciler(engine, clock, metrics, cluster, index, orphans, remediator, deployments));
        rollouts.start();
        operator = rollouts;
        LOG.info("Argo Rollouts is installed: Rollouts are evaluated");
    }

    private synchronized void stop() {
        if (operator == null) {
            return;
        }
        String kind = Reports.kindLabel(WorkloadKind.ROLLOUT);
        orphans.forget(kind); // before its caches stop proving anything
        cluster.forgetWorkloads(kind);
        operator.stop();
        operator = null;
        // The Rollouts went with their CRD, and their reports with them (owner references).
        metrics.forgetKind(kind);
        index.forgetKind(kind);
    }
}
