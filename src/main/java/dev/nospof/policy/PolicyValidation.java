package dev.nospof.policy;

import dev.nospof.model.LabelSelector.Operator;
import dev.nospof.policy.RedundancyPolicySpec.PolicyExemption;
import dev.nospof.policy.RedundancyPolicySpec.PolicyThresholds;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;

/**
 * What the CRD schema cannot refuse (or did not, when the object was stored) but nospof cannot
 * use: selector operators the API does not know, expiry times that look right but are not dates,
 * numbers out of range. A policy with problems selects
 * nothing and says why in its status. Each problem names its field.
 */
public final class PolicyValidation {

    private PolicyValidation() {
    }

    public static List<String> problems(RedundancyPolicy policy) {
        List<String> problems = new ArrayList<>();
        RedundancyPolicySpec spec = policy.getSpec();
        if (spec == null) {
            problems.add("spec: required");
            return problems;
        }
        if (spec.undecodable() != null) {
            problems.add(spec.undecodable());
            return problems;
        }
        if (spec.getSelector() != null) {
            selector("spec.selector.namespaceSelector", spec.getSelector().getNamespaceSelector(), problems);
            selector("spec.selector.objectSelector", spec.getSelector().getObjectSelector(), problems);
        }
        if (spec.getThresholds() != null) {
            minReplicas(spec.getThresholds().getMinReplicas(), problems);
            labelKey("spec.thresholds.hostTopologyKey", spec.getThresholds().getHostTopologyKey(), problems);
            labelKey("spec.thresholds.zoneTopologyKey", spec.getThresholds().getZoneTopologyKey(), problems);
        }
        if (spec.getWorkloadKinds() != null) {
            WorkloadKindDeclarations.problems(spec.getWorkloadKinds(), problems);
        }
        List<PolicyExemption> exemptions = spec.getExemptions() == null ? List.of() : spec.getExemptions();
        for (int i = 0; i < exemptions.size(); i++) {
            PolicyExemption e = exemptions.get(i);
            if (e.getExpires() != null && PolicyResolver.expiry(e.getExpires()) == null) {
                problems.add("spec.exemptions[" + i + "].expires: " + e.getExpires() + " is not a valid RFC 3339 time");
            }
            if (e.getReason() == null || e.getReason().isBlank()) {
                problems.add("spec.exemptions[" + i + "].reason: required");
            }
            if (e.getWorkloads() != null && e.getWorkloads().length() > PolicyExemption.MAX_PATTERN_LENGTH) {
                problems.add("spec.exemptions[" + i + "].workloads: longer than " + PolicyExemption.MAX_PATTERN_LENGTH + " characters");
            }
        }
        return problems;
    }

    /** The schema says so too, but objects stored before it did (or read from files) may not. */
    private static void minReplicas(Integer min, List<String> problems) {
        if (min == null) {
            return;
        }
        if (min < 1) {
            problems.add("spec.thresholds.minReplicas: must be at least 1, got " + min);
        } else if (min > PolicyThresholds.MAX_MIN_REPLICAS) {
            problems.add("spec.thresholds.minReplicas: must be at most " + PolicyThresholds.MAX_MIN_REPLICAS + ", got "
                    + (min == Integer.MAX_VALUE ? "a number too large to hold" : min));
        }
    }

    private static void labelKey(String field, String key, List<String> problems) {
        if (key != null && (key.length() > 317 || !key.matches(RedundancyPolicySpec.PolicyThresholds.LABEL_KEY))) {
            problems.add(field + ": " + key + " is not a label key (an optional DNS subdomain prefix and '/', then a name of up to "
                    + "63 letters, digits, '-', '_' or '.')");
        }
    }

    private static void selector(String field, LabelSelector selector, List<String> problems) {
        if (selector == null || selector.getMatchExpressions() == null) {
            return;
        }
        List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
        for (int i = 0; i < expressions.size(); i++) {
            LabelSelectorRequirement r = expressions.get(i);
            String at = field + ".matchExpressions[" + i + "]";
            Operator operator = Operator.parse(r.getOperator());
            boolean hasValues = r.getValues() != null && !r.getValues().isEmpty();
            if (operator == null) {
                problems.add(at + ".operator: " + r.getOperator() + " is not one of In, NotIn, Exists, DoesNotExist");
            } else if ((operator == Operator.IN || operator == Operator.NOT_IN) && !hasValues) {
                problems.add(at + ".values: required for " + r.getOperator());
            } else if ((operator == Operator.EXISTS || operator == Operator.DOES_NOT_EXIST) && hasValues) {
                problems.add(at + ".values: must be empty for " + r.getOperator());
            }
        }
    }
}
