package dev.nospof.model;

/**
 * A HorizontalPodAutoscaler. {@code minReplicas} is null when the field is absent (the API
 * then means 1).
 */
public record Hpa(String namespace, String name, String targetApiVersion, String targetKind, String targetName,
        Integer minReplicas) {

    /** Whether this autoscaler scales {@code workload}. */
    public boolean targets(WorkloadRef workload) {
        return workload.namespace().equals(namespace)
                && workload.kind().kind().equals(targetKind)
                && workload.name().equals(targetName)
                && groupOf(targetApiVersion).equals(workload.kind().group());
    }

    /** This autoscaler in {@code namespace} (for manifests that name none). */
    public Hpa inNamespace(String namespace) {
        return namespace.equals(this.namespace) ? this
                : new Hpa(namespace, name, targetApiVersion, targetKind, targetName, minReplicas);
    }

    public int effectiveMinReplicas() {
        return minReplicas == null ? 1 : minReplicas;
    }

    private static String groupOf(String apiVersion) {
        if (apiVersion == null) {
            return "";
        }
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }
}
