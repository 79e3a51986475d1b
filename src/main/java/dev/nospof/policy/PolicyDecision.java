package dev.nospof.policy;

/**
 * The mode of one check for one workload and the policy that decided it ({@code default} when
 * none did), with that policy's remediation options.
 */
public record PolicyDecision(Mode mode, String decidedBy, Remediate remediate) {

    public static final String BUILT_IN = "default";
    public static final PolicyDecision DEFAULT = new PolicyDecision(Mode.AUDIT, BUILT_IN);

    public PolicyDecision(Mode mode, String decidedBy) {
        this(mode, decidedBy, Remediate.DEFAULT);
    }

    public PolicyDecision {
        remediate = remediate == null ? Remediate.DEFAULT : remediate;
    }

    /**
     * How the deciding policy remediates: {@code dryRun} reports without applying, {@code force}
     * also changes GitOps-managed workloads, {@code namesNamespace} when its namespaceSelector
     * names the workload's namespace ({@code kubernetes.io/metadata.name}): remediation acts on
     * kube-system and nospof's own namespace only then.
     */
    public record Remediate(boolean dryRun, boolean force, boolean namesNamespace) {
        public static final Remediate DEFAULT = new Remediate(false, false, false);
    }
}
