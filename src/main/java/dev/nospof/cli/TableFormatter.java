package dev.nospof.cli;

import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.policy.Assessment;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The default output: each workload (and each PDB with a finding) with its findings and fixes, then a summary. */
final class TableFormatter implements Formatter {

    @Override
    public void write(AuditResult result, PrintStream out) {
        // Every workload; other objects (PDBs) only when a check found something.
        result.audited().filter(o -> o instanceof WorkloadResult || !o.assessments().isEmpty()).forEach(w -> {
            String replicas = w instanceof WorkloadResult workload ? "  " + workload.evaluation().replicas().describe() : "";
            out.println(w.source().file() + ":" + w.source().line() + "  " + w.kind() + " " + w.displayName()
                    + replicas + (w.assessments().isEmpty() ? ": no findings" : ""));
            for (Assessment a : w.assessments()) {
                Finding f = a.finding();
                String label = a.exempted() ? "EXEMPTED" : f.severity().name();
                out.printf(Locale.ROOT, "  %-9s %-26s %s%n", label, f.checkId(), f.message());
                if (a.exempted()) {
                    out.printf(Locale.ROOT, "  %-9s %-26s reason: %s (%s)%n", "", "", a.exemption().reason(), a.exemption().source());
                } else if (!f.remediation().isEmpty()) {
                    out.printf(Locale.ROOT, "  %-9s %-26s fix: %s%n", "", "", f.remediation());
                }
            }
        });
        if (!result.workloads().isEmpty()) {
            out.println();
        }
        out.println(summary(result));
        out.println(verdict(result));
        out.println("Not evaluated on files (they need a cluster): " + String.join(", ", result.notEvaluated()));
    }

    static String summary(AuditResult result) {
        List<String> parts = new ArrayList<>();
        for (Severity s : Severity.values()) {
            long n = result.count(s);
            if (n > 0) {
                parts.add(n + " " + s.id());
            }
        }
        if (result.exempted() > 0) {
            parts.add(result.exempted() + " exempted");
        }
        long clean = result.clean();
        String counts = parts.isEmpty() ? "no findings" : String.join(", ", parts);
        return result.workloads().size() + " workload(s) in " + result.files() + " file(s), " + result.documents()
                + " document(s): " + counts + "; " + clean + " workload(s) without findings"
                + (result.skipped().isEmpty() ? "" : "; " + skipped(result) + " skipped (kinds nospof does not judge)")
                + (result.errors().isEmpty() ? "" : "; " + result.errors().size() + " problem(s) in the input (see the errors)");
    }

    private static String skipped(AuditResult result) {
        return result.skipped().entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
    }

    static String verdict(AuditResult result) {
        if (!result.errors().isEmpty()) {
            return "Result: unusable input (exit 2).";
        }
        if (result.workloads().isEmpty() && result.objects().isEmpty()) {
            return "Result: nothing audited: the input holds no workloads and no PodDisruptionBudgets.";
        }
        if (result.failOn() == null) {
            return "Result: passed (--fail-on none).";
        }
        long failing = result.failing();
        return failing == 0
                ? "Result: passed: nothing at or above " + result.failOn().id() + "."
                : "Result: failed: " + failing + " finding(s) at or above " + result.failOn().id() + ".";
    }
}
