package dev.nospof.model;

import java.util.Map;
import java.util.Objects;

/** A node as the checks see it: name, labels and whether new pods may be scheduled on it. */
public record NodeInfo(String name, Map<String, String> labels, boolean schedulable) {

    public static final String ZONE_LABEL = "topology.kubernetes.io/zone";
    public static final String HOSTNAME_LABEL = "kubernetes.io/hostname";
    public static final String CONTROL_PLANE_LABEL = "node-role.kubernetes.io/control-plane";

    public NodeInfo {
        labels = Map.copyOf(Objects.requireNonNullElse(labels, Map.of()));
    }

    /** The zone label, or null when the node has none. */
    public String zone() {
        return zone(ZONE_LABEL);
    }

    /** The node's zone as the label {@code key} says (a policy may name another label), or null. */
    public String zone(String key) {
        return labels.get(key);
    }
}
