package dev.nospof.engine;

import java.util.Objects;

/**
 * One failed check for one workload: a stable check id, a severity, a one-line message that
 * names the object and the number that failed, and the remediation a user can apply.
 */
public record Finding(String checkId, Severity severity, String message, String remediation) {

    public Finding {
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        remediation = Objects.requireNonNullElse(remediation, "");
    }
}
