package dev.nospof.policy;

import dev.nospof.engine.Evaluation;
import dev.nospof.engine.Finding;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Exemptions a workload declares for itself: {@code nospof.dev/ignore: "missing-pdb,missing-spread"}
 * (or {@code "*"}) with {@code nospof.dev/ignore-reason}. Exempted findings stay in the report,
 * marked with their reason; they no longer count towards severity and finding count.
 */
public final class AnnotationExemptions {

    public static final String IGNORE = "nospof.dev/ignore";
    public static final String IGNORE_REASON = "nospof.dev/ignore-reason";
    static final String SOURCE = "annotation " + IGNORE;
    static final String NO_REASON = "no reason given (" + IGNORE_REASON + " is not set)";

    private AnnotationExemptions() {
    }

    public static List<Assessment> assess(Evaluation evaluation) {
        Map<String, String> annotations = evaluation.view().workload().annotations();
        Set<String> ignored = ignoredChecks(annotations.get(IGNORE));
        String reason = annotations.getOrDefault(IGNORE_REASON, "").isBlank() ? NO_REASON : annotations.get(IGNORE_REASON).trim();
        return evaluation.findings().stream()
                .map(f -> new Assessment(f, applies(ignored, f) ? new Exemption(reason, SOURCE) : null))
                .toList();
    }

    private static boolean applies(Set<String> ignored, Finding finding) {
        return ignored.contains("*") || ignored.contains(finding.checkId());
    }

    private static Set<String> ignoredChecks(String value) {
        if (value == null) {
            return Set.of();
        }
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }
}
