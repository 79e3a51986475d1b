package dev.nospof.policy;

import dev.nospof.engine.Evaluation;
import dev.nospof.engine.Finding;
import java.util.List;
import java.util.Optional;

/**
 * The decision step, kept apart from evaluation: what each finding of an evaluation means
 * under the resolved policy. An annotation exemption is the workload owner's word and comes
 * first; a policy exemption otherwise.
 */
public final class Assessments {

    private Assessments() {
    }

    public static List<Assessment> assess(Evaluation evaluation, ResolvedPolicy policy) {
        var annotations = evaluation.view().workload().annotations();
        return evaluation.findings().stream()
                .map(f -> new Assessment(f, policy.decision(f.checkId()),
                        AnnotationExemptions.exemption(annotations, f.checkId())
                                .or(() -> policyExemption(policy, f))
                                .orElse(null)))
                .toList();
    }

    private static Optional<Exemption> policyExemption(ResolvedPolicy policy, Finding finding) {
        return policy.exemptions().stream()
                .filter(rule -> rule.covers(finding.checkId()))
                .findFirst()
                .map(rule -> new Exemption(rule.reason(), "RedundancyPolicy " + rule.policy()));
    }
}
