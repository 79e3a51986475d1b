package dev.nospof.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nospof.engine.CheckDescription;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.policy.Assessment;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * SARIF 2.1.0: one rule per check, one result per finding located at the file and line of the
 * object it concerns; exempted findings carry a suppression with their reason; input errors
 * are tool execution notifications; the checks that need a cluster are listed in the run's
 * properties.
 */
final class SarifFormatter implements Formatter {

    @Override
    public void write(AuditResult result, PrintStream out) {
        ObjectNode root = JsonFormatter.JSON.createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "nospof");
        Main.version().ifPresent(v -> driver.put("semanticVersion", v));
        ArrayNode rules = driver.putArray("rules");
        List<CheckDescription> checks = result.checks();
        for (CheckDescription check : checks) {
            ObjectNode rule = rules.addObject();
            rule.put("id", check.id());
            rule.putObject("shortDescription").put("text", check.description());
            rule.putObject("defaultConfiguration").put("level", level(check.defaultSeverity()));
            rule.putObject("properties").put("severity", check.defaultSeverity().id());
        }

        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", result.errors().isEmpty());
        ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
        for (InputError e : result.errors()) {
            ObjectNode n = notifications.addObject();
            n.put("level", "error");
            n.putObject("message").put("text", e.message());
            location(n.putArray("locations").addObject(), e.file(), e.line());
        }

        ArrayNode results = run.putArray("results");
        for (AuditedObject w : result.eachAudited()) {
            for (Assessment a : w.assessments()) {
                Finding f = a.finding();
                ObjectNode r = results.addObject();
                r.put("ruleId", f.checkId());
                int index = indexOf(checks, f.checkId());
                if (index >= 0) {
                    r.put("ruleIndex", index);
                }
                r.put("level", level(f.severity()));
                r.putObject("message").put("text", f.message() + (f.remediation().isEmpty() ? "" : ". Fix: " + f.remediation()));
                ObjectNode location = r.putArray("locations").addObject();
                location(location, w.source().file(), w.source().line());
                location.putArray("logicalLocations").addObject()
                        .put("name", w.name())
                        .put("fullyQualifiedName", w.qualifiedName())
                        .put("kind", "object");
                if (a.exempted()) {
                    r.putArray("suppressions").addObject()
                            .put("kind", "external")
                            .put("justification", a.exemption().reason() + " (" + a.exemption().source() + ")");
                }
                r.putObject("properties")
                        .put("severity", f.severity().id())
                        .put("remediation", f.remediation())
                        .put("mode", a.decision().mode().id())
                        .put("policy", a.decision().decidedBy());
            }
        }
        ArrayNode notEvaluated = run.putObject("properties").putArray("notEvaluated");
        result.notEvaluated().forEach(notEvaluated::add);
        JsonFormatter.print(root, out);
    }

    private static void location(ObjectNode location, String file, int line) {
        ObjectNode physical = location.putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", uri(file));
        if (line > 0) {
            physical.putObject("region").put("startLine", line);
        }
    }

    /** A relative file stays a relative URI reference (forward slashes, escaped); standard input is 'stdin'. */
    static String uri(String file) {
        if (file.equals("<stdin>")) {
            return "stdin";
        }
        String path = file.replace('\\', '/');
        try {
            return path.startsWith("/") ? new URI("file", "", path, null).toASCIIString() : new URI(null, null, path, null).toASCIIString();
        } catch (URISyntaxException e) {
            return path;
        }
    }

    static String level(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "note";
        };
    }

    private static int indexOf(List<CheckDescription> checks, String id) {
        for (int i = 0; i < checks.size(); i++) {
            if (checks.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }
}
