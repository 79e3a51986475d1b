package dev.nospof.engine.checks;

import dev.nospof.engine.Check;
import dev.nospof.engine.CheckInput;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.model.Pvc;
import dev.nospof.model.WorkloadKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * From 2 effective replicas (any StatefulSet that runs), the pods keep data on one machine: a
 * hostPath volume, or a claim bound to a PersistentVolume whose nodeAffinity admits exactly one
 * node (a {@code local} volume and the like). When that node fails, its data goes with it, and a
 * pod that needs it cannot start anywhere else. A StatefulSet's claims are the template's and
 * each pod's own ({@code <template>-<statefulset>-<ordinal>}); a claim or volume nospof cannot
 * see is not judged.
 */
public final class NodeBoundStorageCheck implements Check {

    public static final String ID = "node-bound-storage";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "the pods keep data on one node: a hostPath volume or a node-local PersistentVolume";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public boolean readsPodTemplate() {
        return true;
    }

    @Override
    public List<Finding> evaluate(CheckInput input) {
        int replicas = input.replicas().value();
        boolean statefulSet = input.workload().ref().kind().equals(WorkloadKind.STATEFUL_SET);
        if (replicas < 1 || (replicas < 2 && !statefulSet)) {
            return List.of();
        }
        List<String> bound = new ArrayList<>();
        input.workload().template().hostPaths().forEach(v -> bound.add("hostPath volume " + v));
        for (String claim : input.view().podClaims(replicas)) {
            Optional<Pvc> pvc = input.view().pvc(claim);
            if (pvc.isPresent() && pvc.get().volume() != null && pvc.get().volume().node() != null) {
                bound.add("PersistentVolumeClaim " + claim + " (PersistentVolume " + pvc.get().volume().name() + ", only on node "
                        + pvc.get().volume().node() + ")");
            }
        }
        if (bound.isEmpty()) {
            return List.of();
        }
        return List.of(finding(input.subject() + " at " + input.replicas().describe() + " keeps data on one node: " + String.join(", ", bound)
                        + ": when that node fails, the data is gone with it and the pods that need it cannot start elsewhere",
                "use storage that outlives a node (a network or replicated volume) instead of hostPath or node-local volumes,"
                        + " or replicate the data between replicas on different nodes"));
    }
}
