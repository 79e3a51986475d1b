package dev.nospof.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a cluster shows of one workload beyond its spec: its pods (from the informer index by
 * owner), the cluster's nodes and the Services of its namespace with their ready endpoints.
 * Only the operator has it; manifests do not.
 */
public record LiveState(List<PodPlacement> pods, List<NodeInfo> nodes, List<ServiceEndpoints> services) {

    public LiveState(List<PodPlacement> pods, List<NodeInfo> nodes) {
        this(pods, nodes, List.of());
    }

    public LiveState {
        pods = List.copyOf(Objects.requireNonNullElse(pods, List.of()));
        nodes = List.copyOf(Objects.requireNonNullElse(nodes, List.of()));
        services = List.copyOf(Objects.requireNonNullElse(services, List.of()));
    }

    /** A Service of the workload's namespace: its pod selector and how many endpoints are ready (EndpointSlices). */
    public record ServiceEndpoints(String name, LabelSelector selector, int readyEndpoints) {
    }

    public Map<String, NodeInfo> nodesByName() {
        return nodes.stream().collect(Collectors.toMap(NodeInfo::name, Function.identity(), (a, b) -> a));
    }

    /** The zones of the schedulable nodes that carry the zone label {@code key}. */
    public Set<String> zones(String key) {
        return nodes.stream().filter(NodeInfo::schedulable).map(n -> n.zone(key)).filter(Objects::nonNull)
                .collect(Collectors.toSet());
    }
}
