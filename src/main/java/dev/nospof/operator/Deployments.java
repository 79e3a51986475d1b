package dev.nospof.operator;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The Deployments as the Deployment reconciler's own cache holds them, and word of every one it
 * reconciles (created or changed): a Rollout that takes its pod template from a Deployment
 * ({@code spec.workloadRef}) reads it here and is evaluated again when it changes, without a
 * second cache of every Deployment or an API call per evaluation.
 */
@Singleton
public class Deployments {

    private final List<BiConsumer<String, String>> listeners = new CopyOnWriteArrayList<>();
    private volatile IndexerResourceCache<Deployment> cache;

    /** The Deployment reconciler's primary cache, once its controller prepares its event sources. */
    void use(IndexerResourceCache<Deployment> cache) {
        this.cache = cache;
    }

    /** The Deployment, if the cache holds it (not before the Deployment controller has started). */
    Optional<Deployment> get(String namespace, String name) {
        var deployments = cache;
        return deployments == null ? Optional.empty() : deployments.get(new ResourceID(name, namespace));
    }

    void changed(String namespace, String name) {
        listeners.forEach(l -> l.accept(namespace, name));
    }

    /** Hears every Deployment change; returns what stops the listening. */
    Runnable listen(BiConsumer<String, String> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
