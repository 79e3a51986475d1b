package dev.nospof.operator;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;

/**
 * Whether this process holds the lease, for the writers JOSDK does not gate itself: the
 * ClusterSpofReport bootstrap and the Argo Rollouts operator start only on the leader.
 */
@Singleton
public class Leadership {

    private static final Logger LOG = Logger.getLogger(Leadership.class);

    private final List<Runnable> onLeading = new CopyOnWriteArrayList<>();
    private volatile boolean leader;

    public boolean isLeader() {
        return leader;
    }

    /** Runs {@code action} when this process becomes the leader, or now if it is. */
    public synchronized void whenLeading(Runnable action) {
        onLeading.add(action);
        if (leader) {
            action.run();
        }
    }

    synchronized void started(String identity) {
        if (leader) {
            return;
        }
        leader = true;
        LOG.infof("%s is the leader: reconciling", identity);
        onLeading.forEach(Runnable::run);
    }
}
