package dev.nospof.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A kind of workload nospof evaluates, with the API group and version that serve it, the
 * lower-case label its reports carry ({@code deployment}; {@code cnpg-cluster} where the kind
 * alone is ambiguous) and the field that holds its replica count. The Kubernetes workload kinds,
 * and the custom resources that operators run pods for (Prometheus, a CloudNativePG Cluster),
 * each judged where its CRD is installed.
 */
public record WorkloadKind(String kind, String apiVersion, String label, String replicasField) {

    public static final WorkloadKind DEPLOYMENT = builtIn("Deployment", "apps/v1");
    public static final WorkloadKind STATEFUL_SET = builtIn("StatefulSet", "apps/v1");
    /** Only one that no controller owns: a Deployment's ReplicaSets are evaluated as the Deployment. */
    public static final WorkloadKind REPLICA_SET = builtIn("ReplicaSet", "apps/v1");
    /** Only one that no controller owns. */
    public static final WorkloadKind REPLICATION_CONTROLLER = builtIn("ReplicationController", "v1");
    /** A bare Pod, which no controller owns: nothing recreates it. */
    public static final WorkloadKind POD = builtIn("Pod", "v1");
    /** An Argo Rollout, where its CRD is installed. */
    public static final WorkloadKind ROLLOUT = builtIn("Rollout", "argoproj.io/v1alpha1");
    /** A Prometheus of the Prometheus Operator (spec.replicas). */
    public static final WorkloadKind PROMETHEUS = builtIn("Prometheus", "monitoring.coreos.com/v1");
    /** An Alertmanager of the Prometheus Operator (spec.replicas). */
    public static final WorkloadKind ALERTMANAGER = builtIn("Alertmanager", "monitoring.coreos.com/v1");
    /** A ThanosRuler of the Prometheus Operator (spec.replicas). */
    public static final WorkloadKind THANOS_RULER = builtIn("ThanosRuler", "monitoring.coreos.com/v1");
    /** A CloudNativePG Cluster (spec.instances): "Cluster" alone names kinds of several projects. */
    public static final WorkloadKind CNPG_CLUSTER = new WorkloadKind("Cluster", "postgresql.cnpg.io/v1", "cnpg-cluster", "spec.instances");

    /** Every kind nospof knows without being told, Kubernetes' own first. */
    public static final List<WorkloadKind> KNOWN = List.of(DEPLOYMENT, STATEFUL_SET, REPLICA_SET, REPLICATION_CONTROLLER, POD, ROLLOUT,
            PROMETHEUS, ALERTMANAGER, THANOS_RULER, CNPG_CLUSTER);

    private static WorkloadKind builtIn(String kind, String apiVersion) {
        return new WorkloadKind(kind, apiVersion, kind.toLowerCase(Locale.ROOT), "spec.replicas");
    }

    /** The known kind served as {@code apiVersion} and {@code kind}, if any. */
    public static Optional<WorkloadKind> known(String apiVersion, String kind) {
        return KNOWN.stream().filter(k -> k.apiVersion.equals(apiVersion) && k.kind.equals(kind)).findFirst();
    }

    /** Whether an operator runs the pods of this kind (a custom resource other than an Argo Rollout). */
    public boolean operatorRun() {
        return List.of(PROMETHEUS, ALERTMANAGER, THANOS_RULER, CNPG_CLUSTER).contains(this);
    }

    public String group() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }
}
