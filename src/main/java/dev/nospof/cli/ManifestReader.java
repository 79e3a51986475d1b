package dev.nospof.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.nospof.adapters.Rollout;
import dev.nospof.model.MappingProblems;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads Kubernetes objects from files, directories (recursively: *.yaml, *.yml, *.json) and
 * standard input: multi-document YAML, {@code kind: List}, JSON and the output of
 * {@code helm template}. Every object keeps its file and line; a document that cannot be used
 * becomes an {@link InputError} with file, line and what was wrong, and reading goes on.
 */
public final class ManifestReader {

    static final String STDIN = "-";
    /** For finding the line of a field by its path; documents themselves are read by {@link YamlDocuments}. */
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final KubernetesSerialization serialization = serialization();
    /** By kind, namespace and name (an object without a name by itself), in the order they were read. */
    private final Map<Object, SourcedObject> objects = new LinkedHashMap<>();
    private final List<InputError> errors = new ArrayList<>();
    private final List<InputError> warnings = new ArrayList<>();
    private int files;
    private int documents;
    /** The text and first line of each object's document, kept only for small inputs such as policy files. */
    private final Map<SourcedObject, Document> documentOf = new IdentityHashMap<>();
    private boolean keepDocuments;

    private record Document(String text, int firstLine) {
    }

    /** Keeps each document's text, so that {@link #lineOf} can point at a field (policy files: small). */
    ManifestReader keepingDocuments() {
        keepDocuments = true;
        return this;
    }

    /**
     * The line of a field given as a path ({@code spec.thresholds.minReplicas},
     * {@code spec.exemptions[0].reason}) in the object's document, or the object's own line.
     */
    int lineOf(SourcedObject source, String path) {
        Document document = documentOf.get(source);
        if (document == null) {
            return source.line();
        }
        List<JsonMappingException.Reference> references = new ArrayList<>();
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            references.add(new JsonMappingException.Reference(null, bracket < 0 ? part : part.substring(0, bracket)));
            if (bracket >= 0) {
                references.add(new JsonMappingException.Reference(null, Integer.parseInt(part.substring(bracket + 1, part.indexOf(']')))));
            }
        }
        // A required field that is absent: the line of the closest part of its path that is there.
        for (int length = references.size(); length > 0; length--) {
            int line = lineOfPath(document.text(), document.firstLine(), references.subList(0, length), -1);
            if (line > 0) {
                return line;
            }
        }
        return source.line();
    }

    /** Argo Rollouts are workloads: read them typed, so a malformed one is reported by field. */
    private static KubernetesSerialization serialization() {
        KubernetesSerialization serialization = new KubernetesSerialization();
        serialization.registerKubernetesResource(Rollout.class);
        return serialization;
    }

    List<SourcedObject> objects() {
        return new ArrayList<>(objects.values());
    }

    /** The objects read so far, without their positions. */
    public List<HasMetadata> kubernetesObjects() {
        return objects.values().stream().map(SourcedObject::object).toList();
    }

    List<InputError> errors() {
        return errors;
    }

    /** What was read but deserves a word: objects in API versions current clusters no longer serve. */
    List<InputError> warnings() {
        return warnings;
    }

    /** What could not be used so far, as {@code file:line: message} lines. */
    public List<String> problems() {
        return errors.stream().map(InputError::describe).toList();
    }

    int files() {
        return files;
    }

    int documents() {
        return documents;
    }

    /** Reads one argument: a file, a directory or {@code -}. A path that does not exist is an error. */
    void read(String argument, InputStream stdin) {
        if (argument.equals(STDIN)) {
            try {
                readStream("<stdin>", stdin);
            } catch (IOException e) {
                errors.add(new InputError("<stdin>", 0, "cannot read standard input: " + e.getMessage()));
            }
            return;
        }
        Path path = Path.of(argument);
        if (Files.isDirectory(path)) {
            manifestsIn(path).forEach(this::readFile);
        } else if (Files.exists(path)) {
            readFile(path); // a regular file, or a pipe: nospof audit <(helm template ...)
        } else {
            errors.add(new InputError(argument, 0, "no such file or directory"));
        }
    }

    /**
     * The manifests below a directory, sorted, following symbolic links (a link back up the tree is
     * said and not followed). A directory that cannot be read is an error; the rest is read.
     */
    private List<Path> manifestsIn(Path root) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                            if (attributes.isRegularFile() && isManifest(file)) {
                                found.add(file);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            if (e instanceof FileSystemLoopException) {
                                warnings.add(new InputError(file.toString(), 0, "symbolic link loop, not followed"));
                            } else if (e instanceof AccessDeniedException) {
                                errors.add(new InputError(file.toString(), 0, "cannot read: permission denied"));
                            } else {
                                errors.add(new InputError(file.toString(), 0, "cannot read: " + e.getMessage()));
                            }
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            errors.add(new InputError(root.toString(), 0, "cannot list directory: " + e.getMessage()));
        }
        found.sort(null);
        return found;
    }

    static boolean isManifest(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private void readFile(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            readStream(path.toString(), in);
        } catch (AccessDeniedException e) {
            errors.add(new InputError(path.toString(), 0, "cannot read: permission denied"));
        } catch (IOException e) {
            errors.add(new InputError(path.toString(), 0, "cannot read file: " + e.getMessage()));
        }
    }

    /** Reads YAML text; the text of tests and fixtures, read as a file would be. */
    public void readText(String file, String text) {
        try {
            readStream(file, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not from an array
        }
    }

    /** Reads documents as they come: only one document's text is held at a time. */
    private void readStream(String file, InputStream in) throws IOException {
        files++;
        DocumentSplitter.split(in, new DocumentSplitter.Documents() {
            @Override
            public void document(int firstLine, int contentLine, String text) {
                documents++;
                readDocument(file, firstLine, contentLine, text);
            }

            @Override
            public void unreadable(int line, String message) {
                documents++;
                errors.add(new InputError(file, line, message));
            }
        });
    }

    private void readDocument(String file, int firstLine, int line, String text) {
        JsonNode tree;
        try {
            tree = YamlDocuments.read(text);
        } catch (YamlDocuments.Problem e) {
            errors.add(new InputError(file, e.line() > 0 ? firstLine + e.line() - 1 : line, "not valid YAML: " + e.getMessage()));
            return;
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return;
        }
        if (!tree.isObject()) {
            errors.add(new InputError(file, line, "expected a Kubernetes object (a mapping), found " + describe(tree)));
            return;
        }
        if (!tree.hasNonNull("apiVersion") || !tree.hasNonNull("kind")) {
            errors.add(new InputError(file, line, "expected a Kubernetes object: apiVersion and kind are required"));
            return;
        }
        if (tree.get("kind").asText().endsWith("List") && tree.has("items")) {
            readList(file, firstLine, line, text, tree);
            return;
        }
        if (!named(tree)) {
            errors.add(new InputError(file, line, tree.get("kind").asText() + ": metadata.name is required (kubectl refuses an object "
                    + "without a name)"));
            return;
        }
        var kindProblem = KnownKinds.problem(tree.get("apiVersion").asText(), tree.get("kind").asText());
        if (kindProblem.isPresent()) {
            errors.add(new InputError(file, line, kindProblem.get()));
            return;
        }
        toObject(file, firstLine, line, text, tree);
    }

    private void readList(String file, int firstLine, int line, String text, JsonNode tree) {
        JsonNode items = tree.get("items");
        if (!items.isArray()) {
            errors.add(new InputError(file, line, "items: expected a list of objects, found " + describe(items)));
            return;
        }
        List<Integer> itemLines = itemLines(text, firstLine);
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            int itemLine = i < itemLines.size() ? itemLines.get(i) : line;
            if (!item.isObject() || !item.hasNonNull("apiVersion") || !item.hasNonNull("kind")) {
                errors.add(new InputError(file, itemLine, "items[" + i + "]: expected a Kubernetes object with apiVersion and kind"));
                continue;
            }
            if (!named(item)) {
                errors.add(new InputError(file, itemLine, "items[" + i + "]: metadata.name is required"));
                continue;
            }
            var kindProblem = KnownKinds.problem(item.get("apiVersion").asText(), item.get("kind").asText());
            if (kindProblem.isPresent()) {
                errors.add(new InputError(file, itemLine, "items[" + i + "]: " + kindProblem.get()));
                continue;
            }
            try {
                accept((HasMetadata) serialization.convertValue(item, KubernetesResource.class), file, itemLine,
                        "items[" + i + "]: ", path -> itemLine);
            } catch (IllegalArgumentException | ClassCastException e) {
                errors.add(new InputError(file, itemLine, "items[" + i + "]: " + MappingProblems.describe(e)));
            }
        }
    }

    private void toObject(String file, int firstLine, int line, String text, JsonNode tree) {
        try {
            SourcedObject added = accept((HasMetadata) serialization.convertValue(tree, KubernetesResource.class), file, line, "",
                    path -> lineOfPath(text, firstLine, path.stream().map(f -> new JsonMappingException.Reference(null, f)).toList(), line));
            if (added != null && keepDocuments) {
                documentOf.put(added, new Document(text, firstLine));
            }
        } catch (IllegalArgumentException | ClassCastException e) {
            int at = e.getCause() instanceof JsonMappingException jme ? lineOfPath(text, firstLine, jme.getPath(), line) : line;
            errors.add(new InputError(file, at, MappingProblems.describe(e)));
        }
    }

    /**
     * Takes a read object: older versions of the kinds nospof judges as the current one (with a note
     * when no longer served), refused as the API server would refuse it (each problem at the line
     * {@code lineOf} gives for its field path), a second definition replacing the first. Returns
     * what was added, or null.
     */
    private SourcedObject accept(HasMetadata object, String file, int line, String prefix, Function<List<String>, Integer> lineOf) {
        LegacyVersions.Current current = LegacyVersions.current(object);
        List<ApiValidation.Problem> refused = ApiValidation.problems(current.object());
        if (!refused.isEmpty()) {
            refused.forEach(p -> errors.add(new InputError(file, lineOf.apply(p.path()),
                    prefix + object.getKind() + " " + object.getMetadata().getName() + ": " + p.message())));
            return null;
        }
        current.note().ifPresent(note -> warnings.add(new InputError(file, line, note)));
        SourcedObject sourced = new SourcedObject(current.object(), file, line);
        Object key = identity(sourced.object()).<Object>map(k -> k).orElseGet(Object::new);
        // kubectl apply would leave the later one; two copies of one PDB would look like an overlap.
        SourcedObject earlier = objects.remove(key);
        if (earlier != null) {
            String ns = sourced.object().getMetadata().getNamespace();
            warnings.add(new InputError(file, line, sourced.object().getKind() + " " + (ns == null ? "" : ns + "/")
                    + sourced.object().getMetadata().getName() + " is defined again (first at " + earlier.file() + ":"
                    + earlier.line() + "): the later definition is audited, as kubectl apply would leave it"));
        }
        objects.put(key, sourced);
        return sourced;
    }

    /** Kind (with API group) and name, with the namespace the document gives, if any. */
    private static Optional<String> identity(HasMetadata object) {
        if (object.getMetadata() == null || object.getMetadata().getName() == null) {
            return Optional.empty();
        }
        String apiVersion = Objects.requireNonNullElse(object.getApiVersion(), "");
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) + "/" : "";
        String namespace = object.getMetadata().getNamespace() == null ? "" : object.getMetadata().getNamespace() + "/";
        return Optional.of(group + object.getKind() + "|" + namespace + object.getMetadata().getName());
    }

    /** A name, or a generateName for the API server to complete. */
    private static boolean named(JsonNode object) {
        JsonNode metadata = object.get("metadata");
        return metadata != null && metadata.isObject() && (textual(metadata.get("name")) || textual(metadata.get("generateName")));
    }

    private static boolean textual(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isBlank();
    }

    /** The line of the field a mapping error points at, found by walking the document's tokens. */
    private static int lineOfPath(String text, int firstLine, List<JsonMappingException.Reference> path, int fallback) {
        if (path.isEmpty()) {
            return fallback;
        }
        try (JsonParser parser = YAML.getFactory().createParser(text)) {
            JsonToken token = parser.nextToken();
            for (int depth = 0; depth < path.size(); depth++) {
                JsonMappingException.Reference ref = path.get(depth);
                if (!advanceTo(parser, token, ref)) {
                    return fallback;
                }
                token = parser.nextToken();
            }
            return firstLine + parser.currentTokenLocation().getLineNr() - 1;
        } catch (IOException e) {
            return fallback;
        }
    }

    /** Moves the parser from the start of a container ({@code token}) to the value of {@code ref}'s field or index. */
    private static boolean advanceTo(JsonParser parser, JsonToken token, JsonMappingException.Reference ref) throws IOException {
        if (token == JsonToken.START_OBJECT && ref.getFieldName() != null) {
            JsonToken t;
            while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
                if (ref.getFieldName().equals(parser.currentName())) {
                    return true;
                }
                parser.nextToken();
                parser.skipChildren();
            }
            return false;
        }
        if (token == JsonToken.START_ARRAY && ref.getIndex() >= 0) {
            for (int i = 0; i < ref.getIndex(); i++) {
                if (parser.nextToken() == JsonToken.END_ARRAY) {
                    return false;
                }
                parser.skipChildren();
            }
            // the caller's nextToken() moves onto the element itself
            return true;
        }
        return false;
    }

    /** Lines (in the file) where each element of the root 'items' sequence starts. */
    private static List<Integer> itemLines(String text, int firstLine) {
        List<Integer> lines = new ArrayList<>();
        try (JsonParser parser = YAML.getFactory().createParser(text)) {
            int depth = 0;
            boolean inItems = false;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME && depth == 1 && "items".equals(parser.currentName())) {
                    inItems = true;
                } else if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    if (inItems && depth == 2 && token == JsonToken.START_OBJECT) {
                        lines.add(firstLine + parser.currentTokenLocation().getLineNr() - 1);
                    }
                    depth++;
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                    if (depth == 1) {
                        inItems = false;
                    }
                }
            }
        } catch (IOException e) {
            // the tree was read already; without item lines the list's own line is used
        }
        return lines;
    }

    private static String describe(JsonNode node) {
        if (node.isArray()) {
            return "a sequence";
        }
        if (node.isTextual()) {
            return "the text \"" + node.asText() + "\"";
        }
        return "a " + node.getNodeType().toString().toLowerCase();
    }
}
