package dev.nospof.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.policy.Assessment;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.CharBuffer;
import java.util.List;

/**
 * A stable JSON document: summary, workloads with findings, other objects a check judged (every
 * PodDisruptionBudget), input errors, checks not evaluated.
 */
final class JsonFormatter implements Formatter {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public void write(AuditResult result, PrintStream out) {
        ObjectNode summary = JSON.createObjectNode();
        summary.put("files", result.files());
        summary.put("documents", result.documents());
        summary.put("workloads", result.workloads().size());
        ObjectNode skipped = summary.putObject("skipped");
        result.skipped().forEach(skipped::put);
        ObjectNode bySeverity = summary.putObject("findings");
        for (Severity s : Severity.values()) {
            bySeverity.put(s.id(), result.count(s));
        }
        summary.put("exempted", result.exempted());
        summary.put("failOn", result.failOn() == null ? "none" : result.failOn().id());
        summary.put("exitCode", result.exitCode());

        // Workloads are written one by one as they are evaluated: the document is never held whole.
        try (JsonGenerator json = JSON.createGenerator(writerTo(out))) {
            json.writeStartObject();
            json.writeFieldName("summary");
            json.writeTree(summary);
            json.writeArrayFieldStart("workloads");
            for (WorkloadResult w : result.workloads()) {
                ObjectNode node = JSON.createObjectNode();
                findings(subject(node, w).put("effectiveReplicas", w.evaluation().replicas().value()), w.assessments());
                json.writeTree(node);
            }
            json.writeEndArray();
            ArrayNode others = JSON.createArrayNode();
            for (ObjectResult o : result.objects()) {
                findings(subject(others.addObject(), o), o.assessments());
            }
            json.writeFieldName("objects");
            json.writeTree(others);
            ArrayNode errors = JSON.createArrayNode();
            for (InputError e : result.errors()) {
                errors.addObject().put("file", e.file()).put("line", e.line()).put("message", e.message());
            }
            json.writeFieldName("errors");
            json.writeTree(errors);
            ArrayNode notEvaluated = JSON.createArrayNode();
            result.notEvaluated().forEach(notEvaluated::add);
            json.writeFieldName("notEvaluated");
            json.writeTree(notEvaluated);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
    }

    /** Writes the tree as it goes: for a large audit, no second copy of the output as one string. */
    static void print(JsonNode root, PrintStream out) {
        try {
            JSON.writeValue(writerTo(out), root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
    }

    /** Characters to {@code out}, in its own encoding (as println would); closing it leaves {@code out} open. */
    private static Writer writerTo(PrintStream out) {
        return new Writer() {
            @Override
            public void write(char[] chars, int offset, int length) {
                out.append(CharBuffer.wrap(chars, offset, length));
            }

            @Override
            public void flush() {
                out.flush();
            }

            @Override
            public void close() {
                // out belongs to the caller
            }
        };
    }

    private static ObjectNode subject(ObjectNode node, AuditedObject o) {
        return node.put("file", o.source().file()).put("line", o.source().line())
                .put("kind", o.kind()).put("namespace", o.namespace()).put("name", o.name());
    }

    private static void findings(ObjectNode node, List<Assessment> assessments) {
        ArrayNode findings = node.putArray("findings");
        for (Assessment a : assessments) {
            Finding f = a.finding();
            ObjectNode finding = findings.addObject();
            finding.put("check", f.checkId());
            finding.put("severity", f.severity().id());
            finding.put("message", f.message());
            finding.put("remediation", f.remediation());
            finding.put("mode", a.decision().mode().id());
            finding.put("policy", a.decision().decidedBy());
            finding.put("exempted", a.exempted());
            if (a.exempted()) {
                finding.put("exemptionReason", a.exemption().reason());
                finding.put("exemptedBy", a.exemption().source());
            }
        }
    }
}
