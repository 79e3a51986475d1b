package dev.nospof.engine.checks;

import dev.nospof.engine.Check;
import dev.nospof.engine.CheckInput;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.model.Pvc;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fails when two or more replicas all mount one ReadWriteOnce (or ReadWriteOncePod) claim named
 * in the pod template: the volume attaches to one node, so every replica must run there (or
 * all but one stay pending). A claim that is not known (not in the input, not in the cluster)
 * is not judged. StatefulSet volumeClaimTemplates give each pod its own claim and never fail.
 */
public final class SharedVolumeCheck implements Check {

    public static final String ID = "shared-volume";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "two or more replicas mount the same ReadWriteOnce PersistentVolumeClaim";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public boolean readsPodTemplate() {
        return true;
    }

    @Override
    public List<Finding> evaluate(CheckInput input) {
        if (input.replicas().value() < 2) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        for (String claim : input.workload().template().claimNames().stream().distinct().toList()) {
            Optional<Pvc> pvc = input.view().pvc(claim);
            if (pvc.isEmpty() || !pvc.get().singleNode()) {
                continue;
            }
            findings.add(finding("the " + input.replicas().value() + " replicas of " + input.subject() + " all mount PersistentVolumeClaim "
                            + claim + " (" + String.join(", ", pvc.get().accessModes())
                            + "): the volume attaches to one node, so every replica is tied to it",
                    "give each replica its own claim (a StatefulSet with volumeClaimTemplates) or use a ReadWriteMany volume"));
        }
        return findings;
    }
}
