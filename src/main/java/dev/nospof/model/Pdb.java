package dev.nospof.model;

/**
 * A PodDisruptionBudget. At most one of {@code minAvailable} and {@code maxUnavailable} is set
 * in a valid object; both null means the budget constrains nothing. {@code managedBy} is its
 * {@code app.kubernetes.io/managed-by} label and {@code controllerUid} the uid its controller
 * owner reference names (null when absent): together they tell a budget nospof created.
 */
public record Pdb(String namespace, String name, LabelSelector selector, IntOrPercent minAvailable,
        IntOrPercent maxUnavailable, String managedBy, String controllerUid) {

    public Pdb(String namespace, String name, LabelSelector selector, IntOrPercent minAvailable, IntOrPercent maxUnavailable) {
        this(namespace, name, selector, minAvailable, maxUnavailable, null, null);
    }

    /** This budget in {@code namespace} (for manifests that name none). */
    public Pdb inNamespace(String namespace) {
        return namespace.equals(this.namespace) ? this
                : new Pdb(namespace, name, selector, minAvailable, maxUnavailable, managedBy, controllerUid);
    }
}
