package dev.nospof.engine;

import dev.nospof.model.NodeInfo;
import java.util.Objects;

/**
 * What a policy may set. The defaults are those of the specification: at least two replicas,
 * spread across nodes by {@code kubernetes.io/hostname} and across zones by
 * {@code topology.kubernetes.io/zone} (the node label that says a node's zone).
 */
public record Thresholds(int minReplicas, String hostTopologyKey, String zoneTopologyKey) {

    public static final String HOSTNAME = NodeInfo.HOSTNAME_LABEL;
    public static final String ZONE = NodeInfo.ZONE_LABEL;
    public static final Thresholds DEFAULTS = new Thresholds(2, HOSTNAME, ZONE);

    public Thresholds {
        if (minReplicas < 1) {
            throw new IllegalArgumentException("minReplicas must be at least 1, got " + minReplicas);
        }
        Objects.requireNonNull(hostTopologyKey, "hostTopologyKey");
        Objects.requireNonNull(zoneTopologyKey, "zoneTopologyKey");
    }
}
