package dev.nospof.operator;

import dev.nospof.adapters.TemplatePruning;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.Map;

/**
 * An informer's store that keeps objects without what nospof never reads: {@code managedFields}
 * (often larger than the spec) and kubectl's {@code last-applied-configuration} annotation (a
 * second copy of the object as text), and of a workload's pod template what the engine does not
 * read (TemplatePruning). Applied to every cache nospof keeps; at 10,000 workloads
 * these small maps were most of the heap. An object is pruned as it arrives, before any handler
 * or reconciler sees it (each event's object is decoded anew: nothing else holds it yet).
 */
public class PrunedStore<T extends HasMetadata> extends BasicItemStore<T> {

    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    /** Lists are read in pages of this many objects: no list of 30,000 pods runs into the API server's 60 s limit. */
    static final long LIST_PAGE = 500;

    public PrunedStore() {
        super(Cache::metaNamespaceKeyFunc);
    }

    @Override
    public T put(String key, T object) {
        return super.put(key, pruned(object));
    }

    /** {@code object}, pruned in place (a workload's pod template too: TemplatePruning). */
    static <T extends HasMetadata> T pruned(T object) {
        TemplatePruning.pruned(object);
        var metadata = object.getMetadata();
        if (metadata != null) {
            metadata.setManagedFields(null);
            Map<String, String> annotations = metadata.getAnnotations();
            if (annotations != null && annotations.containsKey(LAST_APPLIED)) {
                annotations.remove(LAST_APPLIED);
            }
        }
        return object;
    }
}
