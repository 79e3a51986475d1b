package dev.nospof.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.nospof.remediation.Fix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes fixes into manifests, as a user would edit them: a number changed in place where the
 * document has the field on a line of its own (the rest of the line, comments included, kept),
 * otherwise the document written again with the change (its field order kept, its comments
 * lost: the YAML library does not keep them); a new PodDisruptionBudget as a new document right
 * after its workload's. Documents without a fix are left as they were, byte for byte.
 */
final class ManifestFixes {

    /** A fix and the document it changes: the workload's, or the autoscaler's for its floor. */
    record Target(Origin document, Fix fix) {
    }

    private static final ObjectMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR).build());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code replicas: 1}, alone on its line but for a comment: the number can be changed in place. */
    private static final String SCALAR_LINE = "^(\\s*%s:\\s*)(\\d+)(\\s*(?:#.*)?)$";

    private ManifestFixes() {
    }

    /**
     * {@code text} (the file {@code file}) with the fixes of its documents applied; a fix that
     * cannot be written is said in {@code notes}.
     */
    static String fix(String file, String text, List<Target> targets, List<InputError> notes) {
        Map<Integer, List<Fix>> byDocument = new TreeMap<>();
        targets.stream().filter(t -> t.document().file().equals(file))
                .forEach(t -> byDocument.computeIfAbsent(t.document().line(), l -> new ArrayList<>()).add(t.fix()));
        if (byDocument.isEmpty()) {
            return text;
        }
        Map<Integer, Integer> lastLineOf = new LinkedHashMap<>();
        try {
            DocumentSplitter.split(new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    new DocumentSplitter.Documents() {
                        @Override
                        public void document(int firstLine, int contentLine, int lastContentLine, String document) {
                            lastLineOf.put(contentLine, lastContentLine);
                        }

                        @Override
                        public void unreadable(int line, String message) {
                        }
                    });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // not from an array
        }
        boolean json = file.endsWith(".json");
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        // From the last document up, so the line numbers of those before stay right.
        List<Integer> starts = new ArrayList<>(byDocument.keySet());
        java.util.Collections.reverse(starts);
        for (int start : starts) {
            List<Fix> fixes = byDocument.get(start);
            Integer last = lastLineOf.get(start);
            if (last == null) {
                fixes.forEach(f -> notes.add(new InputError(file, start, "not fixed (an item of a kind: List): " + f.describe())));
                continue;
            }
            List<String> document = new ArrayList<>(lines.subList(start - 1, last));
            List<String> added = new ArrayList<>();
            List<Fix> inPlace = new ArrayList<>();
            for (Fix fix : fixes) {
                if (fix instanceof Fix.CreatePdb pdb) {
                    if (json) {
                        notes.add(new InputError(file, start, "not fixed (a JSON file holds one object): " + fix.describe()));
                    } else {
                        added.add("---");
                        added.addAll(List.of(yaml(withoutNamespaceUnless(pdb.gitPatch(), namespaced(document))).split("\n")));
                    }
                } else {
                    inPlace.add(fix);
                }
            }
            if (!inPlace.isEmpty()) {
                document = edited(document, start, inPlace, json);
            }
            document.addAll(added);
            List<String> replaced = new ArrayList<>(lines.subList(0, start - 1));
            replaced.addAll(document);
            replaced.addAll(lines.subList(last, lines.size()));
            lines = replaced;
        }
        return String.join("\n", lines);
    }

    /** The document with the fixes: numbers changed in place when every fix is one such, else written again. */
    private static List<String> edited(List<String> document, int firstLine, List<Fix> fixes, boolean json) {
        List<String> edited = new ArrayList<>(document);
        FieldLines fieldLines = new FieldLines(String.join("\n", document), firstLine);
        boolean inPlace = !json;
        for (Fix fix : fixes) {
            Map.Entry<String, Integer> number = number(fix);
            if (number == null) {
                inPlace = false;
                break;
            }
            int line = fieldLines.lineOf(List.of("spec", number.getKey()), -1);
            Matcher m = line < 0 ? null : Pattern.compile(SCALAR_LINE.formatted(Pattern.quote(number.getKey())))
                    .matcher(edited.get(line - firstLine));
            if (m == null || !m.matches()) {
                inPlace = false;
                break;
            }
            edited.set(line - firstLine, m.group(1) + number.getValue() + m.group(3));
        }
        if (inPlace) {
            return edited;
        }
        JsonNode tree;
        try {
            tree = YamlDocuments.read(String.join("\n", document));
        } catch (YamlDocuments.Problem e) {
            return document; // it was read before: cannot happen
        }
        ObjectNode spec = ((ObjectNode) tree).withObject("/spec");
        for (Fix fix : fixes) {
            Map.Entry<String, Integer> number = number(fix);
            if (number != null && !spec.has(number.getKey())) {
                // A new field first in spec, where people write replicas, not after the pod template.
                ObjectNode rest = spec.deepCopy();
                spec.removeAll();
                spec.put(number.getKey(), number.getValue());
                spec.setAll(rest);
            } else if (number != null) {
                spec.put(number.getKey(), number.getValue());
            } else if (fix instanceof Fix.AddSpread spread) {
                ArrayNode constraints = spec.withObject("/template").withObject("/spec").withArray("topologySpreadConstraints");
                JsonNode constraint = JSON.valueToTree(spread.gitPatch()).at("/spec/template/spec/topologySpreadConstraints/0");
                constraints.add(constraint);
            }
        }
        String written = json ? pretty(tree) : yaml(tree);
        return new ArrayList<>(List.of(written.split("\n")));
    }

    /** The field and value of a fix that sets one number under spec, or null. */
    private static Map.Entry<String, Integer> number(Fix fix) {
        if (fix instanceof Fix.ScaleWorkload scale) {
            return Map.entry("replicas", scale.to());
        }
        if (fix instanceof Fix.RaiseAutoscalerFloor floor) {
            return Map.entry(floor.autoscaler().source().field(), floor.to());
        }
        return null;
    }

    /** Whether the workload's document names its namespace: a new document beside it does so too, or not. */
    private static boolean namespaced(List<String> document) {
        try {
            return YamlDocuments.read(String.join("\n", document)).at("/metadata/namespace").isTextual();
        } catch (YamlDocuments.Problem e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutNamespaceUnless(Map<String, Object> object, boolean namespaced) {
        if (namespaced) {
            return object;
        }
        Map<String, Object> copy = new LinkedHashMap<>(object);
        Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) copy.get("metadata"));
        metadata.remove("namespace");
        copy.put("metadata", metadata);
        return copy;
    }

    private static String yaml(Object value) {
        try {
            String text = YAML.writeValueAsString(value);
            return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pretty(JsonNode value) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
