package dev.nospof.policy;

import dev.nospof.engine.Thresholds;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What every policy that selects one workload adds up to: thresholds, the mode of each check
 * (strictest wins), the exemptions in force, and when the next of them expires.
 *
 * @param policies   names of the policies that select the workload, sorted
 * @param nextExpiry the earliest future expiry among the exemptions that apply, so the caller
 *                   can evaluate again then
 */
public record ResolvedPolicy(Thresholds thresholds, Map<String, PolicyDecision> decisions, List<String> policies,
        List<ExemptionRule> exemptions, Optional<Instant> nextExpiry) {

    /** Nothing installed: every check audited with the default thresholds. */
    public static final ResolvedPolicy DEFAULT = new ResolvedPolicy(Thresholds.DEFAULTS, Map.of(), List.of(), List.of(),
            Optional.empty());

    public ResolvedPolicy {
        decisions = Map.copyOf(decisions);
        policies = List.copyOf(policies);
        exemptions = List.copyOf(exemptions);
    }

    public PolicyDecision decision(String checkId) {
        return decisions.getOrDefault(checkId, PolicyDecision.DEFAULT);
    }

    /** Whether any check is in remediate mode: only then is remediation planned. */
    public boolean remediates() {
        return decisions.values().stream().anyMatch(d -> d.mode() == Mode.REMEDIATE);
    }

    /** The checks switched off: the engine does not evaluate them. */
    public Set<String> skippedChecks() {
        return decisions.entrySet().stream().filter(e -> e.getValue().mode() == Mode.OFF).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    /** An exemption of a policy that applies to the workload, for the checks it names. */
    public record ExemptionRule(List<String> checks, String reason, String policy) {

        public boolean covers(String checkId) {
            return checks.contains("*") || checks.contains(checkId);
        }
    }
}
