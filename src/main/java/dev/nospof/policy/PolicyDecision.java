package dev.nospof.policy;

/** The mode of one check for one workload and the policy that decided it ({@code default} when none did). */
public record PolicyDecision(Mode mode, String decidedBy) {

    public static final String BUILT_IN = "default";
    public static final PolicyDecision DEFAULT = new PolicyDecision(Mode.AUDIT, BUILT_IN);
}
