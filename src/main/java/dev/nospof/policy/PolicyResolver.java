package dev.nospof.policy;

import dev.nospof.engine.Thresholds;
import dev.nospof.policy.RedundancyPolicySpec.PolicyThresholds;
import dev.nospof.model.LabelSelector;
import dev.nospof.model.Workload;
import dev.nospof.policy.RedundancyPolicySpec.PolicyExemption;
import dev.nospof.policy.RedundancyPolicySpec.Selection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Merges the policies that select a workload, deterministically: the strictest mode of each
 * check wins (ties go to the policy whose name sorts first), the highest minimum replicas
 * wins, and the exemptions of every selecting policy apply until they expire. Policies with
 * problems ({@link PolicyValidation}) select nothing.
 */
public final class PolicyResolver {

    /** The label the API server sets on every namespace: its name. */
    static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    private PolicyResolver() {
    }

    public static ResolvedPolicy resolve(List<RedundancyPolicy> policies, Workload workload,
            Map<String, String> namespaceLabels, Instant now, List<String> checkIds) {
        List<RedundancyPolicy> selecting = policies.stream()
                .filter(p -> p.getSpec() != null && PolicyValidation.problems(p).isEmpty())
                .filter(p -> selects(p.getSpec().getSelector(), workload, namespaceLabels))
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .toList();
        if (selecting.isEmpty()) {
            return ResolvedPolicy.DEFAULT;
        }

        List<PolicyThresholds> thresholds = selecting.stream().map(p -> p.getSpec().getThresholds()).filter(Objects::nonNull).toList();
        int minReplicas = thresholds.stream()
                .map(PolicyThresholds::getMinReplicas)
                .filter(Objects::nonNull)
                .max(Integer::compare)
                .orElse(Thresholds.DEFAULTS.minReplicas());
        // A topology key has no "stricter": the first policy by name that sets one decides.
        String hostKey = thresholds.stream().map(PolicyThresholds::getHostTopologyKey).filter(Objects::nonNull).findFirst()
                .orElse(Thresholds.HOSTNAME);
        String zoneKey = thresholds.stream().map(PolicyThresholds::getZoneTopologyKey).filter(Objects::nonNull).findFirst()
                .orElse(Thresholds.ZONE);

        Map<String, PolicyDecision> decisions = new HashMap<>();
        for (String check : checkIds) {
            PolicyDecision strictest = null;
            for (RedundancyPolicy policy : selecting) {
                Map<String, Mode> modes = policy.getSpec().getChecks() == null ? Map.of() : policy.getSpec().getChecks().asMap();
                Mode mode = modes.getOrDefault(check, Objects.requireNonNullElse(policy.getSpec().getDefaultMode(), Mode.AUDIT));
                if (strictest == null || mode.stricterThan(strictest.mode())) {
                    strictest = new PolicyDecision(mode, policy.getMetadata().getName(), remediate(policy, workload.namespace()));
                }
            }
            decisions.put(check, strictest);
        }

        List<ResolvedPolicy.ExemptionRule> exemptions = new ArrayList<>();
        Instant nextExpiry = null;
        for (RedundancyPolicy policy : selecting) {
            for (PolicyExemption e : Objects.requireNonNullElse(policy.getSpec().getExemptions(), List.<PolicyExemption>of())) {
                if (!covers(e, workload)) {
                    continue;
                }
                Instant expires = expiry(e.getExpires());
                if (expires != null && !expires.isAfter(now)) {
                    continue;
                }
                if (expires != null && (nextExpiry == null || expires.isBefore(nextExpiry))) {
                    nextExpiry = expires;
                }
                String reason = e.getReason() + (expires == null ? "" : " (until " + e.getExpires() + ")");
                exemptions.add(new ResolvedPolicy.ExemptionRule(e.getChecks().stream().map(CheckId::id).toList(), reason,
                        policy.getMetadata().getName()));
            }
        }
        return new ResolvedPolicy(new Thresholds(minReplicas, hostKey, zoneKey), decisions,
                selecting.stream().map(p -> p.getMetadata().getName()).toList(), exemptions, Optional.ofNullable(nextExpiry));
    }

    private static PolicyDecision.Remediate remediate(RedundancyPolicy policy, String namespace) {
        var options = policy.getSpec().getRemediate();
        return new PolicyDecision.Remediate(options != null && Boolean.TRUE.equals(options.getDryRun()),
                options != null && Boolean.TRUE.equals(options.getForce()), namesNamespace(policy.getSpec().getSelector(), namespace));
    }

    /** Whether the selector names {@code namespace} itself (by {@code kubernetes.io/metadata.name}), not only some labels it has. */
    static boolean namesNamespace(Selection selection, String namespace) {
        if (selection == null || selection.getNamespaceSelector() == null) {
            return false;
        }
        var selector = selection.getNamespaceSelector();
        if (selector.getMatchLabels() != null && namespace.equals(selector.getMatchLabels().get(NAMESPACE_NAME_LABEL))) {
            return true;
        }
        return selector.getMatchExpressions() != null && selector.getMatchExpressions().stream()
                .anyMatch(e -> NAMESPACE_NAME_LABEL.equals(e.getKey()) && "In".equals(e.getOperator()) && e.getValues() != null
                        && e.getValues().contains(namespace));
    }

    /** Whether a policy's selector takes the workload; an absent part of it takes everything. */
    static boolean selects(Selection selection, Workload workload, Map<String, String> namespaceLabels) {
        if (selection == null) {
            return true;
        }
        if (selection.getKinds() != null && !selection.getKinds().isEmpty()
                && selection.getKinds().stream().noneMatch(k -> k.kind().equals(workload.ref().kind()))) {
            return false;
        }
        if (selection.getNamespaceSelector() != null
                && !LabelSelector.of(selection.getNamespaceSelector()).matches(namespaceLabels)) {
            return false;
        }
        return selection.getObjectSelector() == null || LabelSelector.of(selection.getObjectSelector()).matches(workload.labels());
    }

    private static boolean covers(PolicyExemption exemption, Workload workload) {
        if (exemption.getNamespaces() != null && !exemption.getNamespaces().isEmpty()
                && !exemption.getNamespaces().contains(workload.namespace())) {
            return false;
        }
        return exemption.getWorkloads() == null || Glob.of(exemption.getWorkloads()).matches(workload.name());
    }

    /** The expiry as an instant, or null when absent or unreadable (validation reports the latter). */
    public static Instant expiry(String expires) {
        if (expires == null || expires.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(expires.trim()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
