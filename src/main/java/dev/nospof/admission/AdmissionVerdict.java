package dev.nospof.admission;

import dev.nospof.engine.Severity;
import dev.nospof.policy.AnnotationExemptions;
import dev.nospof.policy.Assessment;
import dev.nospof.policy.Mode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What admission answers for one object, decided from the engine's assessments of it (and, for
 * an UPDATE, of the object it replaces): a translation of findings into a decision, never a
 * second copy of a check. A finding counts unless it is exempted or only {@code info}.
 * {@code enforce} denies, naming every failing check, how to fix it and how to exempt it;
 * {@code warn} allows with a warning per check; {@code audit}, {@code remediate} and
 * {@code off} allow silently. Ratcheting: a check the old object already failed never denies
 * (an existing violator can still roll out a new image); it warns that it still fails.
 */
public record AdmissionVerdict(boolean allowed, String message, List<String> warnings) {

    public AdmissionVerdict {
        warnings = List.copyOf(warnings);
    }

    public static final AdmissionVerdict ALLOW = new AdmissionVerdict(true, null, List.of());

    /**
     * {@code object} names what is judged ("Deployment shop/web"); {@code before} is empty for a
     * CREATE (and for a DELETE's judged neighbours, when nothing failed before).
     */
    public static AdmissionVerdict judge(String object, List<Assessment> now, List<Assessment> before) {
        Set<String> failedBefore = counting(before).stream().map(a -> a.finding().checkId()).collect(Collectors.toSet());
        List<Assessment> denying = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Assessment a : counting(now)) {
            Mode mode = a.decision().mode();
            boolean enforced = mode == Mode.ENFORCE;
            if (enforced && !failedBefore.contains(a.finding().checkId())) {
                denying.add(a);
            } else if (enforced) {
                warnings.add("nospof: " + summary(a) + " (allowed: " + object + " already failed it before this change)");
            } else if (mode == Mode.WARN) {
                warnings.add("nospof: " + summary(a) + " (policy " + a.decision().decidedBy() + " warns)");
            }
        }
        if (denying.isEmpty()) {
            return new AdmissionVerdict(true, null, warnings);
        }
        return new AdmissionVerdict(false, denial(object, denying), warnings);
    }

    private static List<Assessment> counting(List<Assessment> assessments) {
        return assessments.stream().filter(a -> !a.exempted() && a.finding().severity() != Severity.INFO).toList();
    }

    /** "single-replica (high): Deployment web has 1 effective replica ...; fix: ...". */
    private static String describe(Assessment a) {
        String fix = a.finding().remediation().isBlank() ? "" : "; fix: " + a.finding().remediation();
        return summary(a) + fix;
    }

    /** Without the fix: the API server may cut warnings longer than 256 characters. */
    private static String summary(Assessment a) {
        return a.finding().checkId() + " (" + a.finding().severity().id() + "): " + a.finding().message();
    }

    private static String denial(String object, List<Assessment> denying) {
        Set<String> policies = new LinkedHashSet<>();
        denying.forEach(a -> policies.add(a.decision().decidedBy()));
        String checks = denying.stream().map(a -> a.finding().checkId()).collect(Collectors.joining(","));
        StringBuilder message = new StringBuilder("nospof: ").append(object).append(" fails ").append(denying.size())
                .append(denying.size() == 1 ? " enforced check" : " enforced checks").append(':');
        denying.forEach(a -> message.append("\n- ").append(describe(a)));
        message.append("\nEnforced by RedundancyPolicy ").append(String.join(", ", policies)).append(". To exempt it, annotate it ")
                .append(AnnotationExemptions.IGNORE).append(": \"").append(checks).append("\" with a reason in ")
                .append(AnnotationExemptions.IGNORE_REASON).append(", or add an exemption to the policy.");
        return message.toString();
    }
}
