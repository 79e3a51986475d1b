package dev.nospof.engine.checks;

import dev.nospof.engine.CheckInput;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.model.Pvc;
import dev.nospof.model.WorkloadKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Live: the cluster has two or more zones, and every bound volume of a StatefulSet of 2 or more
 * effective replicas sits in one zone (its PersistentVolume's nodeAffinity requires one value of
 * the zone key): a zone outage takes every replica's data, and no pod can start in another zone,
 * whatever its spread says. Judged when at least two of its claims are bound to volumes nospof
 * sees, each with a zone.
 */
public final class SingleZoneVolumesCheck extends LiveCheck {

    public static final String ID = "single-zone-volumes";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "the cluster has two or more zones and every bound volume of a StatefulSet is in one";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public List<Finding> evaluate(CheckInput input) {
        int replicas = input.replicas().value();
        String key = input.thresholds().zoneTopologyKey();
        Set<String> clusterZones = live(input).zones(key);
        if (!input.workload().ref().kind().equals(WorkloadKind.STATEFUL_SET) || replicas < 2 || clusterZones.size() < 2) {
            return List.of();
        }
        List<String> volumes = new ArrayList<>();
        Set<String> zones = new TreeSet<>();
        for (String claim : input.view().podClaims(replicas)) {
            Optional<Pvc> pvc = input.view().pvc(claim);
            if (pvc.isEmpty() || pvc.get().volume() == null) {
                continue;
            }
            String zone = pvc.get().volume().onlyValue(key);
            if (zone == null) {
                return List.of(); // a volume that may be in more than one zone: not all in one
            }
            volumes.add(pvc.get().volume().name());
            zones.add(zone);
        }
        if (volumes.size() < 2 || zones.size() != 1) {
            return List.of();
        }
        return List.of(finding("the " + volumes.size() + " bound volumes of " + input.subject() + " (" + String.join(", ", volumes)
                        + ") are all in zone " + zones.iterator().next() + " of " + clusterZones.size()
                        + " zones: a zone outage takes every replica's data, and no pod can start in another zone",
                "use a StorageClass with volumeBindingMode: WaitForFirstConsumer and spread the pods across " + key
                        + ", so each replica's volume is made in its pod's zone"));
    }
}
