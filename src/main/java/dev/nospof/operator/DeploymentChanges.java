package dev.nospof.operator;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * Tells who listens that a Deployment was reconciled (created or changed), by namespace and
 * name: a Rollout that takes its pod template from that Deployment ({@code spec.workloadRef})
 * is evaluated again, without a second cache of every Deployment.
 */
@Singleton
public class DeploymentChanges {

    private final List<BiConsumer<String, String>> listeners = new CopyOnWriteArrayList<>();

    void changed(String namespace, String name) {
        listeners.forEach(l -> l.accept(namespace, name));
    }

    /** Hears every Deployment change; returns what stops the listening. */
    Runnable listen(BiConsumer<String, String> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
