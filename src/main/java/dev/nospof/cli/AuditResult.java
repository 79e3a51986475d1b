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
 * @param fixes        with {@code --fix}: every mechanical fix and the document it changes
 */
record AuditResult(AuditedWorkloads<?> workloads, List<ObjectResult> objects, List<InputError> errors, List<InputError> warnings,
        int files, int documents, Map<String, Integer> skipped,
        List<CheckDescription> checks, List<String> notEvaluated, Severity failOn, Tally tally, List<ManifestFixes.Target> fixes) {

    /** This result with the fixes {@code nospof audit --fix} writes. */
    AuditResult withFixes(List<ManifestFixes.Target> fixes) {
        return new AuditResult(workloads, objects, errors, warnings, files, documents, skipped, checks, notEvaluated, failOn, tally, fixes);
    }

    /** An audit's result, with its findings counted in one walk over what was audited. */
    static AuditResult of(AuditedWorkloads<?> workloads, List<ObjectResult> objects, List<InputError> errors, List<InputError> warnings,
            int files, int documents, Map<String, Integer> skipped, List<CheckDescription> checks, List<String> notEvaluated,
            Severity failOn) {
        Tally tally = new Tally(failOn);
        Stream.concat(workloads.stream(), objects.stream()).forEach(tally::add);
        return new AuditResult(workloads, objects, errors, warnings, files, documents, skipped, checks, notEvaluated, failOn, tally,
                List.of());
    }

    /** The findings of an audit, counted. */
    static final class Tally {

        private final Severity failOn;
        private final long[] bySeverity = new long[Severity.values().length];
        private long exempted;
        private long failing;
        private long clean;

        Tally(Severity failOn) {
            this.failOn = failOn;
        }

        private void add(AuditedObject object) {
            if (object instanceof WorkloadResult && object.assessments().isEmpty()) {
                clean++;
            }
            for (Assessment a : object.assessments()) {
                if (a.exempted()) {
                    exempted++;
                    continue;
                }
                bySeverity[a.finding().severity().ordinal()]++;
                if (failOn != null && a.finding().severity().isAtLeast(failOn)) {
                    failing++;
                }
            }
        }
    }

    /** The workloads, then the other objects (workloads are evaluated as the stream is walked). */
    Stream<AuditedObject> audited() {
        return Stream.concat(workloads.stream(), objects.stream());
    }

    /** {@link #audited()}, for a loop. */
    Iterable<AuditedObject> eachAudited() {
        return () -> audited().iterator();
    }

    static final int OK = 0;
    static final int FOUND = 1;
    static final int UNUSABLE = 2;

    /** Findings of this severity, exempted ones excluded. */
    long count(Severity severity) {
        return tally.bySeverity[severity.ordinal()];
    }

    long exempted() {
        return tally.exempted;
    }

    /** Findings at or above --fail-on, exempted ones excluded. */
    long failing() {
        return tally.failing;
    }

    /** Workloads without findings. */
    long clean() {
        return tally.clean;
    }

    boolean failing(Assessment assessment) {
        return failOn != null && !assessment.exempted() && assessment.finding().severity().isAtLeast(failOn);
    }

    /** 2 when some input could not be used, else 1 when a finding reaches --fail-on, else 0. */
    int exitCode() {
        if (!errors.isEmpty()) {
            return UNUSABLE;
        }
        return tally.failing > 0 ? FOUND : OK;
    }
}
