package dev.nospof.policy;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
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

    /** The exemption the workload's annotations declare for {@code checkId}, if any. */
    public static Optional<Exemption> exemption(Map<String, String> annotations, String checkId) {
        Set<String> ignored = ignoredChecks(annotations.get(IGNORE));
        if (!ignored.contains("*") && !ignored.contains(checkId)) {
            return Optional.empty();
        }
        String reason = annotations.getOrDefault(IGNORE_REASON, "");
        return Optional.of(new Exemption(reason.isBlank() ? NO_REASON : reason.trim(), SOURCE));
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
