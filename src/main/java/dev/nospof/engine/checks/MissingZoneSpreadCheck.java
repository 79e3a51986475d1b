package dev.nospof.engine.checks;

import dev.nospof.engine.CheckInput;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import java.util.List;
import java.util.Set;

/**
 * Fails when the cluster has two or more zones and nothing (spread constraint or anti-affinity
 * term selecting the pods' own labels) spreads a workload of two or more replicas across
 * {@code topology.kubernetes.io/zone}. Needs the nodes, so it runs only with a cluster.
 */
public final class MissingZoneSpreadCheck extends LiveCheck {

    public static final String ID = "missing-zone-spread";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "the cluster has two or more zones and nothing spreads the workload across them";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.LOW;
    }

    @Override
    public boolean readsPodTemplate() {
        return true;
    }

    @Override
    public List<Finding> evaluate(CheckInput input) {
        String key = input.thresholds().zoneTopologyKey();
        Set<String> zones = live(input).zones(key);
        if (zones.size() < 2 || input.replicas().value() < 2) {
            return List.of();
        }
        if (input.workload().template().spreadsOwnPodsAcross(key, input.workload().namespace())) {
            return List.of();
        }
        return List.of(finding(input.subject() + " has " + input.replicas().describe() + " and nothing spreads them across the "
                        + zones.size() + " zones of the cluster: the scheduler may put them all in one zone",
                "add to the pod template topologySpreadConstraints: [{maxSkew: 1, topologyKey: " + key
                        + ", whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: "
                        + Remediations.inlineYaml(Remediations.selectorLabels(input.workload())) + "}}]"));
    }
}
