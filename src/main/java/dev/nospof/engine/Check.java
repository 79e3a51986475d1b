package dev.nospof.engine;

import java.util.List;

/**
 * One rule of the catalogue. Implementations are pure: the same input always gives the same
 * findings, with no I/O, clock or Kubernetes client.
 */
public interface Check extends CheckDescription {

    /**
     * Whether the check needs the cluster's live state (pods, nodes). Such checks are not
     * evaluated on manifests, where the view has none.
     */
    default boolean needsLiveState() {
        return false;
    }

    /**
     * Whether the check reads the workload's pod template beyond its labels (spread rules,
     * containers, volumes). Such checks are not evaluated on workloads of kinds whose pod template
     * nospof does not know (kinds declared in a policy: their operators write the pods).
     */
    default boolean readsPodTemplate() {
        return false;
    }

    /** The findings for this input; empty when the workload passes. */
    List<Finding> evaluate(CheckInput input);

    default Finding finding(String message, String remediation) {
        return new Finding(id(), defaultSeverity(), message, remediation);
    }
}
