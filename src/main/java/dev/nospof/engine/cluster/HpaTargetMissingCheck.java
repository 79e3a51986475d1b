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
import java.util.stream.Collectors;

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
        Set<String> existing = existing(cluster.workloads());
        return cluster.hpas().stream().flatMap(hpa -> evaluate(hpa, existing).stream()).toList();
    }

    /**
     * The workloads that exist, keyed as autoscalers name their targets ({@link Hpa#targetKey}):
     * built once, so judging every autoscaler costs one lookup each (a scan of every workload per
     * autoscaler took 14 of 20 s of an audit of 10,000 workloads with as many HPAs).
     */
    public static Set<String> existing(List<WorkloadRef> workloads) {
        return workloads.stream().map(Hpa::targetKey).collect(Collectors.toSet());
    }

    /** One autoscaler against the workloads that exist ({@link #existing}): the operator passes the cluster's, {@code nospof audit} its input's. */
    public Optional<Finding> evaluate(Hpa hpa, Set<String> existing) {
        String group = hpa.targetApiVersion() == null || !hpa.targetApiVersion().contains("/") ? ""
                : hpa.targetApiVersion().substring(0, hpa.targetApiVersion().indexOf('/'));
        if (!KNOWN.contains(group + "/" + hpa.targetKind()) || existing.contains(hpa.targetKey())) {
            return Optional.empty();
        }
        String target = hpa.targetKind() + " " + (hpa.targetName() == null ? "(no name)" : hpa.targetName());
        return Optional.of(finding(hpa.describe() + " in " + hpa.namespace() + " targets " + target + ", which does not exist in "
                        + hpa.namespace() + ": its floor protects nothing",
                "fix scaleTargetRef of " + hpa.describe() + " to name the workload, or delete it if the workload is gone"));
    }
}
