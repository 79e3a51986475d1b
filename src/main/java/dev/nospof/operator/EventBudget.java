package dev.nospof.operator;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many SpofFound/SpofCleared Events one workload may have: {@link #PER_WINDOW} in each
 * {@link #WINDOW}. A workload whose pods flap between ready and not would otherwise write an
 * Event at every flip; its report still says how things are.
 */
final class EventBudget {

    static final int PER_WINDOW = 10;
    static final Duration WINDOW = Duration.ofMinutes(10);

    private record Window(Instant start, int used) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** How many of {@code wanted} Events of {@code workload} may be written at {@code now}; those are counted as used. */
    int take(String workload, int wanted, Instant now) {
        int[] granted = new int[1];
        windows.compute(workload, (key, window) -> {
            Window current = window == null || !now.isBefore(window.start().plus(WINDOW)) ? new Window(now, 0) : window;
            granted[0] = Math.max(0, Math.min(wanted, PER_WINDOW - current.used()));
            return new Window(current.start(), current.used() + granted[0]);
        });
        return granted[0];
    }

    /** The workload is gone. */
    void forget(String workload) {
        windows.remove(workload);
    }
}
