package dev.nospof.engine.cluster;

import dev.nospof.engine.ClusterCheck;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.model.ClusterView;
import dev.nospof.model.Hpa;
import dev.nospof.model.WorkloadRef;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An HPA or KEDA ScaledObject whose target workload does not exist (a typo in a name, a leftover
 * of a deleted workload): its floor protects nothing while looking like protection. Judged only
 * for the kinds nospof always knows (Deployment, StatefulSet, ReplicaSet, ReplicationController):
 * another target kind may exist without nospof seeing it.
 */
public final class HpaTargetMissingCheck implements ClusterCheck {

    private static final Set<String> KNOWN = Set.of("apps/Deployment", "apps/StatefulSet", "apps/ReplicaSet", "/ReplicationController");

    @Override
    public String id() {
        return "hpa-target-missing";
    }

    @Override
    public String description() {
        return "an autoscaler targets a workload that does not exist";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public List<Finding> evaluate(ClusterView cluster) {
        return cluster.hpas().stream().flatMap(hpa -> evaluate(hpa, cluster.workloads()).stream()).toList();
    }

    /** One autoscaler against the workloads that exist: the operator passes the cluster's, {@code nospof audit} its input's. */
    public Optional<Finding> evaluate(Hpa hpa, List<WorkloadRef> workloads) {
        String group = hpa.targetApiVersion() == null || !hpa.targetApiVersion().contains("/") ? ""
                : hpa.targetApiVersion().substring(0, hpa.targetApiVersion().indexOf('/'));
        if (!KNOWN.contains(group + "/" + hpa.targetKind()) || workloads.stream().anyMatch(hpa::targets)) {
            return Optional.empty();
        }
        String target = hpa.targetKind() + " " + (hpa.targetName() == null ? "(no name)" : hpa.targetName());
        return Optional.of(finding(hpa.describe() + " in " + hpa.namespace() + " targets " + target + ", which does not exist in "
                        + hpa.namespace() + ": its floor protects nothing",
                "fix scaleTargetRef of " + hpa.describe() + " to name the workload, or delete it if the workload is gone"));
    }
}
