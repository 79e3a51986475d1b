package dev.nospof.model;

/**
 * A PodDisruptionBudget. At most one of {@code minAvailable} and {@code maxUnavailable} is set
 * in a valid object; both null means the budget constrains nothing. {@code managedBy} is its
 * {@code app.kubernetes.io/managed-by} label and {@code controllerUid} the uid its controller
 * owner reference names (null when absent): together they tell a budget nospof created.
 * {@code unhealthyPodEvictionPolicy} is as written (null when unset, which the API server treats
 * as {@value #IF_HEALTHY_BUDGET}).
 */
public record Pdb(String namespace, String name, LabelSelector selector, IntOrPercent minAvailable,
        IntOrPercent maxUnavailable, String managedBy, String controllerUid, String unhealthyPodEvictionPolicy) {

    /** The policy that lets a drain evict pods that are running but not ready, whatever the budget says. */
    public static final String ALWAYS_ALLOW = "AlwaysAllow";
    /** The default policy: pods that are not ready are evicted only while the budget is met. */
    public static final String IF_HEALTHY_BUDGET = "IfHealthyBudget";

    public Pdb(String namespace, String name, LabelSelector selector, IntOrPercent minAvailable, IntOrPercent maxUnavailable) {
        this(namespace, name, selector, minAvailable, maxUnavailable, null, null, null);
    }

    /** This budget in {@code namespace} (for manifests that name none). */
    public Pdb inNamespace(String namespace) {
        return namespace.equals(this.namespace) ? this
                : new Pdb(namespace, name, selector, minAvailable, maxUnavailable, managedBy, controllerUid, unhealthyPodEvictionPolicy);
    }

    /** How many of {@code expected} pods this budget keeps ready (the disruption controller's desired healthy count). */
    public int keepsReady(int expected) {
        int kept = maxUnavailable != null ? expected - maxUnavailable.scaledTo(expected)
                : minAvailable != null ? minAvailable.scaledTo(expected) : 0;
        return Math.max(0, kept);
    }

    /**
     * Whether this budget lets every one of {@code replicas} pods be evicted at once: no bound,
     * a minAvailable of 0 (or a percentage that rounds up to 0), or a maxUnavailable that reaches
     * the replicas. Such a budget is met whatever the pods do.
     */
    public boolean letsEveryPodGo(int replicas) {
        if (maxUnavailable != null) {
            return maxUnavailable.scaledTo(replicas) >= replicas;
        }
        return minAvailable == null || minAvailable.scaledTo(replicas) <= 0;
    }
}
