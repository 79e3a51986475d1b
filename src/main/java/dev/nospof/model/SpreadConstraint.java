package dev.nospof.model;

/**
 * A topology spread constraint of a pod template. {@code selector} is {@link LabelSelector#NOTHING}
 * when the constraint has no labelSelector: it then counts no pods and spreads nothing.
 */
public record SpreadConstraint(String topologyKey, LabelSelector selector, String whenUnsatisfiable) {
}
