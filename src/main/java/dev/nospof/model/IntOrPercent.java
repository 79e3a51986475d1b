package dev.nospof.model;

/** A PodDisruptionBudget bound: either an absolute number or a percentage of the expected pods. */
public record IntOrPercent(int value, boolean percent) {

    public static IntOrPercent number(int value) {
        return new IntOrPercent(value, false);
    }

    public static IntOrPercent percentage(int value) {
        return new IntOrPercent(value, true);
    }

    /**
     * The absolute value for {@code total} pods, rounding a percentage up as the disruption
     * controller does for both minAvailable and maxUnavailable.
     */
    public int scaledTo(int total) {
        if (!percent) {
            return value;
        }
        return (int) Math.ceil(value * (double) total / 100.0);
    }

    /** The absolute value for {@code total} pods, rounding a percentage down, as a rolling update does for maxUnavailable. */
    public int scaledDownTo(int total) {
        if (!percent) {
            return value;
        }
        return (int) Math.floor(value * (double) total / 100.0);
    }

    @Override
    public String toString() {
        return percent ? value + "%" : Integer.toString(value);
    }
}
