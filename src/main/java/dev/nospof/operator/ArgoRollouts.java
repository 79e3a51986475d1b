package dev.nospof.operator;

import dev.nospof.adapters.Rollout;
import dev.nospof.engine.Engine;
import dev.nospof.model.WorkloadKind;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;

/**
 * Evaluates Argo Rollouts while their CRD is installed, whether Argo Rollouts came before or
 * after nospof (see {@link CrdGatedController}).
 */
@Singleton
public class ArgoRollouts {

    private final CrdGatedController controller;

    public ArgoRollouts(KubernetesClient client, Engine engine, Clock clock, OperatorMetrics metrics, ClusterCache cluster,
            WorkloadIndex index, Deployments deployments, Leadership leadership, OrphanReports orphans,
            Remediator remediator) {
        this.controller = new CrdGatedController(client, WorkloadKind.ROLLOUT, Rollout.CRD_NAME,
                () -> new RolloutReconciler(engine, clock, metrics, cluster, index, orphans, remediator, deployments),
                new CrdGatedController.Messages("Argo Rollouts is installed: Rollouts are evaluated",
                        "Argo Rollouts is no longer installed: Rollouts are not evaluated"),
                leadership, cluster, orphans, metrics, index);
    }

    void onStart(@Observes StartupEvent event) {
        controller.start();
    }

    /** The operator that runs the Rollout reconciler, while Argo Rollouts is installed. */
    Optional<Operator> operator() {
        return controller.operator();
    }

    void onStop(@Observes ShutdownEvent event) {
        controller.stop();
    }
}
