package dev.nospof.cli;

import dev.nospof.engine.Check;
import dev.nospof.engine.Evaluation;
import dev.nospof.model.WorkloadRef;
import dev.nospof.policy.Assessment;
import dev.nospof.policy.ResolvedPolicy;
import java.util.List;

/** One audited workload: where it was read, what the engine found, what the policy made of it. */
record WorkloadResult(Origin source, Evaluation evaluation, ResolvedPolicy policy, List<Assessment> assessments,
        List<Check> checks) implements AuditedObject {

    WorkloadRef ref() {
        return evaluation.view().workload().ref();
    }

    @Override
    public String kind() {
        return ref().kind().kind();
    }

    @Override
    public String namespace() {
        return ref().namespace();
    }

    @Override
    public String name() {
        return ref().name();
    }
}
