package dev.nospof.engine;

import dev.nospof.model.ClusterView;
import java.util.List;

/** A check of the cluster as a whole (nodes, zones, control plane, webhooks, APIServices); pure like {@link Check}. */
public interface ClusterCheck extends CheckDescription {

    List<Finding> evaluate(ClusterView cluster);

    default Finding finding(String message, String remediation) {
        return new Finding(id(), defaultSeverity(), message, remediation);
    }
}
