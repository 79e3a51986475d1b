package dev.nospof.model;

/**
 * An autoscaler that sets the floor of a workload's replicas: a HorizontalPodAutoscaler
 * ({@code minReplicas}, absent means 1) or a KEDA ScaledObject ({@code minReplicaCount}, absent
 * means 0: it scales to zero when idle and runs at least 1 replica while it serves).
 * {@code maxReplicas} is its ceiling ({@code maxReplicas}, {@code maxReplicaCount}), null when unknown.
 */
public record Hpa(String namespace, String name, String targetApiVersion, String targetKind, String targetName,
        Integer minReplicas, Source source, Integer maxReplicas) {

    /** What kind of autoscaler it is, and how users spell its floor. */
    public enum Source {
        HPA("HPA", "minReplicas", "hpa"),
        KEDA("KEDA ScaledObject", "minReplicaCount", "scaledobject");

        private final String label;
        private final String field;
        private final String resource;

        Source(String label, String field, String resource) {
            this.label = label;
            this.field = field;
            this.resource = resource;
        }

        public String label() {
            return label;
        }

        /** The spec field that holds the floor. */
        public String field() {
            return field;
        }

        /** The resource name kubectl takes ({@code kubectl patch hpa ...}). */
        public String resource() {
            return resource;
        }
    }

    public Hpa(String namespace, String name, String targetApiVersion, String targetKind, String targetName, Integer minReplicas) {
        this(namespace, name, targetApiVersion, targetKind, targetName, minReplicas, Source.HPA, null);
    }

    public Hpa {
        source = source == null ? Source.HPA : source;
    }

    /** "HPA web" or "KEDA ScaledObject web". */
    public String describe() {
        return source.label() + " " + name;
    }

    /** Whether this autoscaler scales {@code workload}. */
    public boolean targets(WorkloadRef workload) {
        return workload.namespace().equals(namespace)
                && workload.kind().kind().equals(targetKind)
                && workload.name().equals(targetName)
                && groupOf(targetApiVersion).equals(workload.kind().group());
    }

    /** What {@link #targets} compares, as one key: the workloads that exist are looked up by it, not scanned per autoscaler. */
    public String targetKey() {
        return targetKey(namespace, groupOf(targetApiVersion), targetKind, targetName);
    }

    /** The key an autoscaler targeting {@code workload} has. */
    public static String targetKey(WorkloadRef workload) {
        return targetKey(workload.namespace(), workload.kind().group(), workload.kind().kind(), workload.name());
    }

    private static String targetKey(String namespace, String group, String kind, String name) {
        return namespace + "/" + group + "/" + kind + "/" + name;
    }

    /** This autoscaler in {@code namespace} (for manifests that name none). */
    public Hpa inNamespace(String namespace) {
        return namespace.equals(this.namespace) ? this
                : new Hpa(namespace, name, targetApiVersion, targetKind, targetName, minReplicas, source, maxReplicas);
    }

    /**
     * The fewest replicas the workload serves with. A floor of 0 (KEDA's default; an HPA with the
     * HPAScaleToZero feature) scales to zero when idle and back to 1 replica when it serves: 1.
     */
    public int effectiveMinReplicas() {
        return Math.max(floor(), 1);
    }

    /** Its floor as written, or its default when absent (1 for an HPA, 0 for KEDA). */
    public int floor() {
        return minReplicas != null ? minReplicas : source == Source.KEDA ? 0 : 1;
    }

    /** Idle it runs nothing, serving it may run one replica. */
    public boolean scalesToZero() {
        return minReplicas != null ? minReplicas == 0 : source == Source.KEDA;
    }

    private static String groupOf(String apiVersion) {
        if (apiVersion == null) {
            return "";
        }
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }
}
