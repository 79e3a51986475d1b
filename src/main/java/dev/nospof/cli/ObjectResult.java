package dev.nospof.cli;

import dev.nospof.engine.CheckDescription;
import dev.nospof.policy.Assessment;
import java.util.List;

/** An audited object that is not a workload (a PodDisruptionBudget that may select nothing). */
record ObjectResult(Origin source, String kind, String namespace, String name, List<CheckDescription> checks,
        List<Assessment> assessments) implements AuditedObject {
}
