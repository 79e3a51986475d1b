package dev.nospof.engine.checks;

import dev.nospof.engine.CheckInput;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.model.NodeInfo;
import dev.nospof.model.PodPlacement;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Live: the cluster has two or more zones, and every pod of the workload runs in one of them. */
public final class SingleZoneReplicasCheck extends LiveCheck {

    public static final String ID = "single-zone-replicas";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "the cluster has two or more zones and every pod of the workload is in one";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public List<Finding> evaluate(CheckInput input) {
        String key = input.thresholds().zoneTopologyKey();
        Set<String> zones = live(input).zones(key);
        List<PodPlacement> pods = scheduled(input);
        if (zones.size() < 2 || pods.size() < 2) {
            return List.of();
        }
        Map<String, NodeInfo> nodes = live(input).nodesByName();
        List<String> podZones = pods.stream()
                .map(p -> nodes.get(p.nodeName()))
                .map(n -> n == null ? null : n.zone(key))
                .toList();
        if (podZones.stream().anyMatch(Objects::isNull) || podZones.stream().distinct().count() != 1) {
            return List.of();
        }
        return List.of(finding(input.subject() + " has " + pods.size() + " replicas, all in zone " + podZones.get(0) + " of "
                        + zones.size() + " zones: a zone outage takes every replica down",
                "add a topologySpreadConstraint on " + key + " selecting the pods' own labels"));
    }
}
