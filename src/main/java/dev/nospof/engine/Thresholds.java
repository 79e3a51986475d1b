package dev.nospof.engine;

/**
 * The numbers a policy may set. The defaults are those of the specification: at least two
 * replicas, spread across {@code kubernetes.io/hostname}.
 */
public record Thresholds(int minReplicas, String hostTopologyKey) {

    public static final String HOSTNAME = "kubernetes.io/hostname";
    public static final Thresholds DEFAULTS = new Thresholds(2, HOSTNAME);

    public Thresholds {
        if (minReplicas < 1) {
            throw new IllegalArgumentException("minReplicas must be at least 1, got " + minReplicas);
        }
    }
}
