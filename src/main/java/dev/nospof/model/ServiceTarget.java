package dev.nospof.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Service as its spec routes traffic: the pods its selector picks and the ports it sends to,
 * as the Service names them ({@code targetPort} by number or name, else its {@code port}). A
 * Service without a selector routes to endpoints maintained by hand and selects no pod.
 */
public record ServiceTarget(String namespace, String name, Map<String, String> selector, List<String> targetPorts, String clusterIp) {

    public ServiceTarget(String namespace, String name, Map<String, String> selector, List<String> targetPorts) {
        this(namespace, name, selector, targetPorts, null);
    }

    public ServiceTarget {
        selector = Map.copyOf(Objects.requireNonNullElse(selector, Map.of()));
        targetPorts = List.copyOf(Objects.requireNonNullElse(targetPorts, List.of()));
    }

    /** Whether this Service sends traffic to pods labelled {@code labels}. */
    public boolean selects(Map<String, String> labels) {
        return !selector.isEmpty() && LabelSelector.matchLabels(selector).matches(labels);
    }

    /** This Service in {@code namespace} (for manifests that name none). */
    public ServiceTarget inNamespace(String namespace) {
        return namespace.equals(this.namespace) ? this : new ServiceTarget(namespace, name, selector, targetPorts, clusterIp);
    }
}
