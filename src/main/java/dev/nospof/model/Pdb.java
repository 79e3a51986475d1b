package dev.nospof.model;

/**
 * A PodDisruptionBudget. At most one of {@code minAvailable} and {@code maxUnavailable} is set
 * in a valid object; both null means the budget constrains nothing.
 */
public record Pdb(String namespace, String name, LabelSelector selector, IntOrPercent minAvailable,
        IntOrPercent maxUnavailable) {

    /** This budget in {@code namespace} (for manifests that name none). */
    public Pdb inNamespace(String namespace) {
        return namespace.equals(this.namespace) ? this : new Pdb(namespace, name, selector, minAvailable, maxUnavailable);
    }
}
