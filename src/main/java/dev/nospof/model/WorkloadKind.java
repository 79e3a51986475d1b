package dev.nospof.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A kind of workload nospof evaluates, with the API group and version that serve it, the
 * lower-case label its reports carry ({@code deployment}; {@code cnpg-cluster} where the kind
 * alone is ambiguous) and the field that holds its replica count. The Kubernetes workload kinds,
 * the custom resources that operators run pods for (Prometheus, a CloudNativePG Cluster), each
 * judged where its CRD is installed, and the kinds users declare in a RedundancyPolicy
 * ({@link #declared}).
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

    /** The kinds whose pods nospof finds through owner references and whose pod template it reads. */
    private static final List<WorkloadKind> KUBERNETES_AND_ROLLOUT = List.of(DEPLOYMENT, STATEFUL_SET, REPLICA_SET, REPLICATION_CONTROLLER,
            POD, ROLLOUT);

    /**
     * A kind a user declared (a Kafka, a Redis cluster of some operator): its replicas are at
     * {@code replicasPath}; its label is the lower-case kind, or, where that names a known kind,
     * {@code <kind>.<group>}.
     */
    public static WorkloadKind declared(String group, String version, String kind, String replicasPath) {
        String label = kind.toLowerCase(Locale.ROOT);
        boolean taken = KNOWN.stream().anyMatch(k -> k.label.equals(label));
        return new WorkloadKind(kind, group + "/" + version, taken ? label + "." + group : label,
                replicasPath.startsWith(".") ? replicasPath.substring(1) : replicasPath);
    }

    /** The known kind served as {@code apiVersion} and {@code kind}, if any. */
    public static Optional<WorkloadKind> known(String apiVersion, String kind) {
        return KNOWN.stream().filter(k -> k.apiVersion.equals(apiVersion) && k.kind.equals(kind)).findFirst();
    }

    /**
     * Whether an operator runs the pods of this kind (a custom resource other than an Argo
     * Rollout, declared ones included): its pods are found by their labels.
     */
    public boolean operatorRun() {
        return !KUBERNETES_AND_ROLLOUT.contains(this);
    }

    /** Whether nospof knows how pods of this kind are made; not for a kind a user declared in a policy (its operator writes them). */
    public boolean podTemplateKnown() {
        return KNOWN.contains(this);
    }

    public String group() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }
}
