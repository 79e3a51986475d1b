package dev.nospof.cli;

import dev.nospof.engine.CheckDescription;
import dev.nospof.engine.Severity;
import dev.nospof.policy.Assessment;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Everything an audit found, for the formatters and the exit code.
 *
 * @param workloads    every workload of the input
 * @param objects      every other object a check judged (the PodDisruptionBudgets)
 * @param warnings     objects read in an API version current clusters no longer serve, objects defined twice
 * @param skipped      objects of kinds nospof does not judge (ConfigMap, DaemonSet, CRDs), counted by kind
 * @param failOn       the severity at or above which the audit fails; null for never
 * @param checks       the checks that run on files
 * @param notEvaluated ids of the checks that need a cluster
 */
record AuditResult(List<WorkloadResult> workloads, List<ObjectResult> objects, List<InputError> errors, List<InputError> warnings,
        int files, int documents, Map<String, Integer> skipped,
        List<CheckDescription> checks, List<String> notEvaluated, Severity failOn) {

    /** The workloads, then the other objects. */
    Stream<AuditedObject> audited() {
        return Stream.concat(workloads.stream(), objects.stream());
    }

    static final int OK = 0;
    static final int FOUND = 1;
    static final int UNUSABLE = 2;

    Stream<Assessment> counting() {
        return audited().flatMap(w -> w.counting().stream());
    }

    long count(Severity severity) {
        return counting().filter(a -> a.finding().severity() == severity).count();
    }

    long exempted() {
        return audited().flatMap(w -> w.assessments().stream()).filter(Assessment::exempted).count();
    }

    boolean failing(Assessment assessment) {
        return failOn != null && !assessment.exempted() && assessment.finding().severity().isAtLeast(failOn);
    }

    boolean failed() {
        return counting().anyMatch(this::failing);
    }

    /** 2 when some input could not be used, else 1 when a finding reaches --fail-on, else 0. */
    int exitCode() {
        if (!errors.isEmpty()) {
            return UNUSABLE;
        }
        return failed() ? FOUND : OK;
    }
}
