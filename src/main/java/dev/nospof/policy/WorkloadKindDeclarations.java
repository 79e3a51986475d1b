package dev.nospof.policy;

import dev.nospof.model.DeclaredKind;
import dev.nospof.model.MappingProblems;
import dev.nospof.model.WorkloadKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The workload kinds users declare in RedundancyPolicies ({@code spec.workloadKinds}). A kind
 * declared by any valid policy is a workload for every policy (which of them applies to it is
 * up to their selectors, as for any workload). When two policies declare the same group and
 * kind, the one first by name counts.
 */
public final class WorkloadKindDeclarations {

    static final int MAX_PER_POLICY = 20;

    private WorkloadKindDeclarations() {
    }

    /** The kinds the valid ones of {@code policies} declare, in the order of the policies' names. */
    public static List<DeclaredKind> of(List<RedundancyPolicy> policies) {
        List<DeclaredKind> kinds = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> labels = new HashSet<>();
        policies.stream()
                .filter(p -> p.getSpec() != null && p.getSpec().getWorkloadKinds() != null && PolicyValidation.problems(p).isEmpty())
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .flatMap(p -> p.getSpec().getWorkloadKinds().stream())
                .filter(d -> seen.add(d.getGroup() + "/" + d.getKind()))
                .forEach(d -> {
                    WorkloadKind kind = WorkloadKind.declared(d.getGroup(), d.getVersion(), d.getKind(), d.getReplicasPath());
                    if (!labels.add(kind.label())) {
                        // Two groups with a kind of the same name: the second is told apart by its group.
                        kind = new WorkloadKind(kind.kind(), kind.apiVersion(), kind.label() + "." + d.getGroup(), kind.replicasField());
                        labels.add(kind.label());
                    }
                    kinds.add(new DeclaredKind(kind, d.getPodSelectorPath(), d.getPodLabels()));
                });
        return List.copyOf(kinds);
    }

    /** What is wrong with the declarations of one policy (what the CRD refuses too, for files and older objects). */
    static void problems(List<DeclaredWorkloadKind> declared, List<String> problems) {
        if (declared.size() > MAX_PER_POLICY) {
            problems.add("spec.workloadKinds: at most " + MAX_PER_POLICY + " kinds");
            return;
        }
        for (int i = 0; i < declared.size(); i++) {
            String field = "spec.workloadKinds[" + i + "]";
            DeclaredWorkloadKind d = declared.get(i);
            if (d == null) {
                problems.add(field + ": expected a kind, found null");
                continue;
            }
            required(field + ".group", d.getGroup(), DeclaredWorkloadKind.GROUP, DeclaredWorkloadKind.MAX_GROUP_LENGTH,
                    "an API group with a dot, e.g. kafka.strimzi.io", problems);
            required(field + ".version", d.getVersion(), DeclaredWorkloadKind.VERSION, DeclaredWorkloadKind.MAX_NAME_LENGTH,
                    "a version such as v1beta2", problems);
            required(field + ".kind", d.getKind(), DeclaredWorkloadKind.KIND, DeclaredWorkloadKind.MAX_NAME_LENGTH, "a kind such as Kafka",
                    problems);
            required(field + ".replicasPath", d.getReplicasPath(), DeclaredWorkloadKind.FIELD_PATH, DeclaredWorkloadKind.MAX_PATH_LENGTH,
                    "a field path such as .spec.replicas", problems);
            if ((d.getPodSelectorPath() == null) == (d.getPodLabels() == null)) {
                problems.add(field + ": set exactly one of podSelectorPath and podLabels");
            }
            if (d.getPodSelectorPath() != null) {
                required(field + ".podSelectorPath", d.getPodSelectorPath(), DeclaredWorkloadKind.FIELD_PATH,
                        DeclaredWorkloadKind.MAX_PATH_LENGTH, "a field path such as .spec.selector", problems);
            }
            if (d.getPodLabels() != null) {
                podLabels(field + ".podLabels", d.getPodLabels(), problems);
            }
            if (d.getGroup() != null && d.getKind() != null
                    && WorkloadKind.KNOWN.stream().anyMatch(k -> k.group().equals(d.getGroup()) && k.kind().equals(d.getKind()))) {
                problems.add(field + ": " + d.getKind() + " of " + d.getGroup() + " is built in: nospof judges it without a declaration");
            }
        }
    }

    private static void required(String field, String value, String pattern, int maxLength, String expected, List<String> problems) {
        if (value == null) {
            problems.add(field + ": required");
        } else if (value.length() > maxLength || !value.matches(pattern)) {
            problems.add(field + ": expected " + expected + ", found " + MappingProblems.excerpt(value));
        }
    }

    private static void podLabels(String field, Map<String, String> labels, List<String> problems) {
        if (labels.isEmpty() || labels.size() > DeclaredWorkloadKind.MAX_POD_LABELS) {
            problems.add(field + ": expected 1 to " + DeclaredWorkloadKind.MAX_POD_LABELS + " labels");
            return;
        }
        labels.forEach((key, value) -> {
            if (!key.matches(RedundancyPolicySpec.PolicyThresholds.LABEL_KEY) || key.length() > 317) {
                problems.add(field + ": " + MappingProblems.excerpt(key) + " is not a label key");
            } else if (value == null || value.isEmpty()) {
                problems.add(field + "." + key + ": expected a value (a pod label cannot select by key alone here)");
            }
        });
    }
}
