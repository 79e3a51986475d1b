package dev.nospof.operator;

import dev.nospof.model.Decoded;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * The objects nospof skips because a part of them does not decode ({@link dev.nospof.model.Decoded}):
 * each said once in the log, counted in {@code nospof_undecodable_objects{kind}} and listed in the
 * ClusterSpofReport, until the object is repaired or gone.
 */
@Singleton
public class UndecodableObjects {

    private static final Logger LOG = Logger.getLogger(UndecodableObjects.class);

    /** An object skipped, and how to tell it is still there (the cache it came from). */
    private record Entry(String kind, String description, BooleanSupplier present) {
    }

    private final MeterRegistry registry;
    /** By "kind namespace/name". */
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Boolean> gauges = new ConcurrentHashMap<>();
    /** What was logged: a stale cached copy seen again after a repair is not said twice. */
    private final Set<String> said = ConcurrentHashMap.newKeySet();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public UndecodableObjects(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * What was just read of {@code object}: {@code problem} is why it does not decode, or null when
     * it does (which forgets it). {@code present} tells later whether the object still exists.
     */
    void seen(String kind, HasMetadata object, String problem, BooleanSupplier present) {
        String name = name(kind, object);
        if (problem == null) {
            forget(name);
            return;
        }
        Entry entry = new Entry(kind, name + ": " + problem, present);
        Entry previous = entries.put(name, entry);
        if (previous == null || !previous.description().equals(entry.description())) {
            if (said.add(entry.description())) {
                LOG.warnf("%s: does not decode: %s", name, problem);
            }
            gauge(kind);
            listeners.forEach(Runnable::run);
        }
    }

    /** Forgets an object that was deleted or replaced (the caller says which). */
    void forget(String kind, HasMetadata object) {
        if (entries.remove(name(kind, object)) != null) {
            listeners.forEach(Runnable::run);
        }
    }

    private void forget(String name) {
        if (entries.remove(name) != null) {
            LOG.infof("%s: decodes again", name);
            listeners.forEach(Runnable::run);
        }
    }

    /** "SpofReport shop/deployment-web: status.findings[0].exempted: expected true or false", sorted; gone objects dropped. */
    List<String> descriptions() {
        entries.entrySet().removeIf(e -> !e.getValue().present().getAsBoolean());
        return entries.values().stream().map(Entry::description).sorted().toList();
    }

    /** Hears every object added to or removed from the list. */
    void onChange(Runnable listener) {
        listeners.add(listener);
    }

    private void gauge(String kind) {
        gauges.computeIfAbsent(kind, k -> {
            Gauge.builder("nospof.undecodable.objects", () -> entries.values().stream().filter(e -> e.kind().equals(k)).count())
                    .description("objects skipped because a part of them does not decode, by kind")
                    .tag("kind", k).register(registry);
            return true;
        });
    }

    /** Why the spec or status of {@code resource} does not decode, or null when both do. */
    static String problemOf(CustomResource<?, ?> resource) {
        return Decoded.firstUndecodable(resource.getSpec(), resource.getStatus()).map(Decoded::undecodable).orElse(null);
    }

    private static String name(String kind, HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return kind + " " + (namespace == null ? "" : namespace + "/") + Objects.requireNonNullElse(object.getMetadata().getName(), "?");
    }
}
