package dev.nospof.cli;

import dev.nospof.engine.Evaluation;
import dev.nospof.model.WorkloadRef;
import dev.nospof.policy.Assessment;
import dev.nospof.policy.ResolvedPolicy;
import java.util.List;

/** One audited workload: where it was read, what the engine found, what the policy made of it. */
record WorkloadResult(SourcedObject source, Evaluation evaluation, ResolvedPolicy policy, List<Assessment> assessments) {

    WorkloadRef ref() {
        return evaluation.view().workload().ref();
    }

    List<Assessment> counting() {
        return assessments.stream().filter(a -> !a.exempted()).toList();
    }
}
