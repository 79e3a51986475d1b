package dev.nospof.operator;

import dev.nospof.adapters.OperatorResources;
import dev.nospof.engine.Engine;
import dev.nospof.model.WorkloadKind;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates the workloads that operators run, each kind while its CRD is installed (see
 * {@link CrdGatedController}): Prometheus, Alertmanager and ThanosRuler of the Prometheus
 * Operator, and CloudNativePG Clusters.
 */
@Singleton
public class OperatorRunWorkloads {

    private final Map<WorkloadKind, CrdGatedController> controllers;

    public OperatorRunWorkloads(KubernetesClient client, Engine engine, Clock clock, OperatorMetrics metrics, ClusterCache cluster,
            WorkloadIndex index, Leadership leadership, OrphanReports orphans, Remediator remediator) {
        this.controllers = Map.of(
                WorkloadKind.PROMETHEUS, new CrdGatedController(client, WorkloadKind.PROMETHEUS, OperatorResources.Prometheus.CRD_NAME,
                        () -> new OperatorRunReconcilers.PrometheusReconciler(engine, clock, metrics, cluster, index, orphans, remediator),
                        messages("the Prometheus Operator's Prometheus"), leadership, cluster, orphans, metrics, index),
                WorkloadKind.ALERTMANAGER, new CrdGatedController(client, WorkloadKind.ALERTMANAGER, OperatorResources.Alertmanager.CRD_NAME,
                        () -> new OperatorRunReconcilers.AlertmanagerReconciler(engine, clock, metrics, cluster, index, orphans, remediator),
                        messages("the Prometheus Operator's Alertmanager"), leadership, cluster, orphans, metrics, index),
                WorkloadKind.THANOS_RULER, new CrdGatedController(client, WorkloadKind.THANOS_RULER, OperatorResources.ThanosRuler.CRD_NAME,
                        () -> new OperatorRunReconcilers.ThanosRulerReconciler(engine, clock, metrics, cluster, index, orphans, remediator),
                        messages("the Prometheus Operator's ThanosRuler"), leadership, cluster, orphans, metrics, index),
                WorkloadKind.CNPG_CLUSTER, new CrdGatedController(client, WorkloadKind.CNPG_CLUSTER, OperatorResources.CnpgCluster.CRD_NAME,
                        () -> new OperatorRunReconcilers.CnpgClusterReconciler(engine, clock, metrics, cluster, index, orphans, remediator),
                        messages("CloudNativePG's Cluster"), leadership, cluster, orphans, metrics, index));
    }

    private static CrdGatedController.Messages messages(String kind) {
        return new CrdGatedController.Messages("the CRD of " + kind + " is installed: they are evaluated",
                "the CRD of " + kind + " is no longer installed: they are not evaluated");
    }

    void onStart(@Observes StartupEvent event) {
        controllers.values().forEach(CrdGatedController::start);
    }

    void onStop(@Observes ShutdownEvent event) {
        controllers.values().forEach(CrdGatedController::stop);
    }

    /** The operators running now, one per kind whose CRD is installed. */
    List<Operator> operators() {
        return controllers.values().stream().map(CrdGatedController::operator).flatMap(Optional::stream).toList();
    }
}
