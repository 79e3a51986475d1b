package dev.nospof.operator;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A sweep the leader runs when it starts leading and then every interval, on a daemon thread of its own. */
final class LeaderTimer {

    private final ScheduledExecutorService timer;

    LeaderTimer(String threadName, Leadership leadership, Duration interval, Runnable sweep) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
        leadership.whenLeading(() -> timer.scheduleWithFixedDelay(sweep, 0, interval.toMillis(), TimeUnit.MILLISECONDS));
    }

    void stop() {
        timer.shutdownNow();
    }
}
