package dev.nospof.operator;

import dev.nospof.adapters.KubernetesViews;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.source.filter.GenericFilter;

/** Lets through only objects that no controller owns (standalone ReplicaSets and ReplicationControllers). */
public class UnownedFilter implements GenericFilter<HasMetadata> {

    @Override
    public boolean accept(HasMetadata resource) {
        return !KubernetesViews.ownedByController(resource);
    }
}
