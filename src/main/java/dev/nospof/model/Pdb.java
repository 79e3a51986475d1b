package dev.nospof.model;

/**
 * A PodDisruptionBudget. At most one of {@code minAvailable} and {@code maxUnavailable} is set
 * in a valid object; both null means the budget constrains nothing.
 */
public record Pdb(String namespace, String name, LabelSelector selector, IntOrPercent minAvailable,
        IntOrPercent maxUnavailable) {
}
