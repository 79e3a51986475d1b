package dev.nospof.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nospof.adapters.DeclaredWorkloads;
import dev.nospof.adapters.Rollout;
import io.fabric8.kubernetes.api.model.APIService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
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
import java.util.function.ToIntFunction;

/**
 * Reads Kubernetes objects from files, directories (recursively: *.yaml, *.yml, *.json) and
 * standard input: multi-document YAML, {@code kind: List}, JSON and the output of
 * {@code helm template}. Every object keeps its file and line; a document that cannot be used
 * becomes an {@link InputError} with file, line and what was wrong, and reading goes on.
 */
public final class ManifestReader {

    static final String STDIN = "-";

    /**
     * Shared: building its deserializers costs more than reading a small file (one reader per
     * policy file). Its registry of every Kubernetes kind is built on first use (a third of a
     * second), which only a kind outside {@link #TYPES} needs.
     */
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization(
            new ObjectMapper().registerModule(new DecodersOnFirstUse()), true);
    /** By kind, namespace and name (an object without a name by itself), in the order they were read. */
    private final Map<Object, SourcedObject> objects = new LinkedHashMap<>();
    /** Where read objects go: {@link #objects}, or the caller's. */
    private final Sink sink;
    private final List<InputError> errors = new ArrayList<>();
    private final List<InputError> warnings = new ArrayList<>();
    private int files;
    private int documents;
    /** The lines of each object's document (with its text), kept only for small inputs such as policy files. */
    private final Map<SourcedObject, FieldLines> documentOf = new IdentityHashMap<>();
    private boolean keepDocuments;

    /** Where the objects read go, under their identity key (kind with API group, namespace, name). */
    interface Sink {

        /** Takes an object; returns where the earlier object under the same key that it replaces was read, or null. */
        Origin take(Object key, SourcedObject object);
    }

    private DeclaredWorkloads declared = DeclaredWorkloads.NONE;

    /** A reader that keeps the objects it reads ({@link #objects()}). */
    public ManifestReader() {
        this.sink = (key, object) -> {
            SourcedObject earlier = objects.remove(key);
            objects.put(key, object);
            return earlier == null ? null : earlier.origin();
        };
    }

    /** A reader that hands each object to {@code sink} and keeps none (a large input need not be held whole). */
    ManifestReader(Sink sink) {
        this.sink = sink;
    }

    /** Reads the resources of {@code declared} kinds as workloads: each is refused at its line where a declared field does not read. */
    ManifestReader declaring(DeclaredWorkloads declared) {
        this.declared = declared;
        return this;
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
        return lineOf(source, FieldLines.pathOf(path));
    }

    /** The line of a field given as names and list indexes; the object's own line for an empty path. */
    int lineOf(SourcedObject source, List<?> path) {
        FieldLines lines = documentOf.get(source);
        return lines == null ? source.line() : lines.lineOf(path, source.line());
    }

    /**
     * The classes of the kinds nospof reads, by apiVersion/kind: decoded straight to its class, an
     * object costs no lookup in the registry of every Kubernetes kind, whose first use costs half
     * a CPU-second (most of a small audit). Other kinds go through the registry. Argo Rollouts are
     * workloads: read typed, a malformed one is reported by field.
     */
    private static final Map<String, Class<? extends KubernetesResource>> TYPES = Map.ofEntries(
            Map.entry("apps/v1/Deployment", Deployment.class), Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("apps/v1/ReplicaSet", ReplicaSet.class), Map.entry("v1/ReplicationController", ReplicationController.class),
            Map.entry("v1/Pod", Pod.class), Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("v1/PersistentVolume", PersistentVolume.class),
            Map.entry("v1/Service", Service.class), Map.entry("v1/Node", Node.class), Map.entry("v1/Namespace", Namespace.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("discovery.k8s.io/v1/EndpointSlice", EndpointSlice.class), Map.entry("argoproj.io/v1alpha1/Rollout", Rollout.class),
            Map.entry("admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration", ValidatingWebhookConfiguration.class),
            Map.entry("admissionregistration.k8s.io/v1/MutatingWebhookConfiguration", MutatingWebhookConfiguration.class),
            Map.entry("apiregistration.k8s.io/v1/APIService", APIService.class));

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
            public void document(int firstLine, int contentLine, int lastContentLine, String text) {
                readDocument(file, firstLine, contentLine, lastContentLine, text);
            }

            @Override
            public void unreadable(int line, String message) {
                documents++;
                errors.add(new InputError(file, line, message));
            }
        });
    }

    private void readDocument(String file, int firstLine, int line, int lastLine, String text) {
        JsonNode tree;
        try {
            tree = YamlDocuments.read(text);
        } catch (YamlDocuments.Problem e) {
            documents++;
            // Past the last line ("but got <stream end>"): where the document ends, a line the file has.
            int at = e.line() > 0 ? Math.min(firstLine + e.line() - 1, lastLine) : line;
            errors.add(new InputError(file, at, "not valid YAML: " + e.getMessage()));
            return;
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return; // "~", "null", an anchor alone: an empty document, as kubectl skips it
        }
        documents++;
        if (!tree.isObject()) {
            errors.add(new InputError(file, line, "expected a Kubernetes object (a mapping), found " + describe(tree)));
            return;
        }
        if (!tree.hasNonNull("apiVersion") || !tree.hasNonNull("kind")) {
            errors.add(new InputError(file, line, "expected a Kubernetes object: apiVersion and kind are required"));
            return;
        }
        if (!textual(tree.get("apiVersion")) || !textual(tree.get("kind"))) {
            errors.add(new InputError(file, line, "expected a Kubernetes object: apiVersion and kind must be text, not empty"));
            return;
        }
        if (tree.get("kind").asText().endsWith("List") && tree.has("items")) {
            readList(file, firstLine, line, text, tree);
            return;
        }
        if (!named(tree)) {
            errors.add(new InputError(file, line, InputError.excerpt(tree.get("kind").asText()) + ": metadata.name is required (kubectl refuses an object "
                    + "without a name)"));
            return;
        }
        var kindProblem = KnownKinds.problem(tree.get("apiVersion").asText(), tree.get("kind").asText());
        if (kindProblem.isPresent()) {
            errors.add(new InputError(file, line, kindProblem.get()));
            return;
        }
        FieldLines lines = new FieldLines(text, firstLine);
        SourcedObject added = toObject(file, line, "", tree, path -> lines.lineOf(path, line));
        if (added != null && keepDocuments) {
            documentOf.put(added, lines);
        }
    }

    private void readList(String file, int firstLine, int line, String text, JsonNode tree) {
        JsonNode items = tree.get("items");
        if (!items.isArray()) {
            errors.add(new InputError(file, line, "items: expected a list of objects, found " + describe(items)));
            return;
        }
        FieldLines lines = new FieldLines(text, firstLine);
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            List<Object> itemPath = List.of("items", i);
            int itemLine = lines.lineOf(itemPath, line);
            String prefix = "items[" + i + "]: ";
            if (!item.isObject() || !textual(item.get("apiVersion")) || !textual(item.get("kind"))) {
                errors.add(new InputError(file, itemLine, prefix + "expected a Kubernetes object with apiVersion and kind"));
                continue;
            }
            if (!named(item)) {
                errors.add(new InputError(file, itemLine, prefix + "metadata.name is required"));
                continue;
            }
            var kindProblem = KnownKinds.problem(item.get("apiVersion").asText(), item.get("kind").asText());
            if (kindProblem.isPresent()) {
                errors.add(new InputError(file, itemLine, prefix + kindProblem.get()));
                continue;
            }
            toObject(file, itemLine, prefix, item, path -> lines.lineOf(concat(itemPath, path), itemLine));
        }
    }

    private static List<Object> concat(List<Object> first, List<?> then) {
        List<Object> path = new ArrayList<>(first);
        path.addAll(then);
        return path;
    }

    /**
     * Decodes a document or list item to its object and takes it; when fields do not decode,
     * each is an error at its own line ({@code lineOf} a path), and the object is not taken.
     */
    private SourcedObject toObject(String file, int line, String prefix, JsonNode tree, ToIntFunction<List<?>> lineOf) {
        Class<? extends KubernetesResource> type = TYPES.getOrDefault(tree.path("apiVersion").asText() + "/" + tree.path("kind").asText(),
                KubernetesResource.class);
        var decoded = AllMappingProblems.decode(tree, node -> AllMappingProblems.wholly((HasMetadata) SERIALIZATION.convertValue(node, type)));
        if (decoded.value() == null) {
            decoded.problems().forEach(p -> errors.add(new InputError(file, p.path().isEmpty() ? line : lineOf.applyAsInt(p.path()),
                    prefix + p.message())));
            return null;
        }
        return accept(decoded.value(), file, line, prefix, lineOf);
    }

    /**
     * Takes a read object: older versions of the kinds nospof judges as the current one (with a note
     * when no longer served), refused as the API server would refuse it (each problem at the line
     * {@code lineOf} gives for its field path), a second definition replacing the first. Returns
     * what was added, or null.
     */
    private SourcedObject accept(HasMetadata object, String file, int line, String prefix, ToIntFunction<List<?>> lineOf) {
        LegacyVersions.Current current = LegacyVersions.current(object);
        List<ApiValidation.Problem> refused = new ArrayList<>(ApiValidation.problems(current.object()));
        declared.problem(current.object()).ifPresent(p -> refused.add(new ApiValidation.Problem(p.getKey(), p.getValue())));
        if (!refused.isEmpty()) {
            refused.forEach(p -> errors.add(new InputError(file, lineOf.applyAsInt(p.path()),
                    prefix + object.getKind() + " " + InputError.excerpt(object.getMetadata().getName()) + ": " + p.message())));
            return null;
        }
        current.note().ifPresent(note -> warnings.add(new InputError(file, line, note)));
        SourcedObject sourced = new SourcedObject(current.object(), file, line);
        Object key = identity(sourced.object()).<Object>map(k -> k).orElseGet(Object::new);
        // kubectl apply would leave the later one; two copies of one PDB would look like an overlap.
        Origin earlier = sink.take(key, sourced);
        if (earlier != null) {
            String ns = sourced.object().getMetadata().getNamespace();
            warnings.add(new InputError(file, line, sourced.object().getKind() + " " + (ns == null ? "" : ns + "/")
                    + sourced.object().getMetadata().getName() + " is defined again (first at " + earlier.file() + ":"
                    + earlier.line() + "): the later definition is audited, as kubectl apply would leave it"));
        }
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

    private static String describe(JsonNode node) {
        if (node.isArray()) {
            return "a sequence";
        }
        if (node.isTextual()) {
            return "the text \"" + InputError.excerpt(node.asText()) + "\"";
        }
        return "a " + node.getNodeType().toString().toLowerCase();
    }
}
