package dev.nospof.model;

/**
 * How a workload's controller replaces its pods on a rollout: {@code type} as the API spells it
 * (RollingUpdate, Recreate, OnDelete) and, for a rolling update, how many pods may be unavailable
 * at once (the API's default filled in: 25% for a Deployment, 1 for a StatefulSet).
 */
public record UpdateStrategy(String type, IntOrPercent maxUnavailable) {

    public static final String ROLLING_UPDATE = "RollingUpdate";
    public static final String RECREATE = "Recreate";

    public boolean recreate() {
        return RECREATE.equals(type);
    }

    public boolean rolling() {
        return ROLLING_UPDATE.equals(type);
    }
}
