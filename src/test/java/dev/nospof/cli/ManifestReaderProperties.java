package dev.nospof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nospof.adapters.KubernetesViews;
import dev.nospof.adapters.Rollout;
import dev.nospof.engine.Engine;
import io.fabric8.kubernetes.api.model.APIService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random and mutated manifests through the audit's reader and the whole audit (in process, as
 * {@code nospof audit -}): whatever the input, no exception escapes, every rejection has a file and
 * a line within the input and says what was wrong in words, and an input read without error is
 * accounted for: every document is an object audited, read as context or skipped.
 */
class ManifestReaderProperties {

    static final Engine ENGINE = Engine.standard();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);
    static final String STDIN = "<stdin>";
    /** Per property: inputs tried, rejected with an error, read without one. */
    static final Map<String, AtomicIntegerArray> TALLY = new ConcurrentSkipListMap<>();
    /** Words that would mean a message leaks the implementation instead of saying what was expected. */
    static final List<String> LEAKS = List.of("Exception", "java.", "com.fasterxml", "org.yaml", "io.fabric8", "START_OBJECT",
            "START_ARRAY", "VALUE_STRING", "FIELD_NAME", "JsonToken", "StreamReadConstraints", "Nesting Depth", "found \"{\"", "found \"[\"");

    /** The project's own valid manifests: examples, check fixtures, the audit's inputs and policies. */
    static final List<String> SEEDS = seeds();

    static List<String> seeds() {
        List<String> seeds = new ArrayList<>();
        for (String dir : List.of("deploy/examples", "src/test/resources/checks", "src/test/resources/cluster-checks",
                "src/test/resources/cli/shop", "src/test/resources/cli/policies", "src/test/resources/cli/legacy")) {
            try (Stream<Path> files = Files.walk(Path.of(dir))) {
                for (Path file : files.filter(ManifestReader::isManifest).sorted().toList()) {
                    seeds.add(Files.readString(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return seeds;
    }

    @Property(tries = 1000)
    void arbitraryBytesAreReadOrRejectedAtALine(@ForAll("bytes") byte[] input) {
        audit("arbitrary bytes", input);
    }

    @Property(tries = 1000)
    void arbitraryTextIsReadOrRejectedAtALine(@ForAll("yamlishText") String input) {
        audit("arbitrary text", input.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 1000)
    void mutatedManifestsAreReadOrRejectedAtALine(@ForAll("mutatedManifests") byte[] input) {
        audit("mutated manifests", input);
    }

    @AfterContainer
    static void printTally() {
        printTally("arbitrary bytes", "arbitrary text", "mutated manifests");
    }

    static void printTally(String... properties) {
        for (String property : properties) {
            AtomicIntegerArray t = TALLY.getOrDefault(property, new AtomicIntegerArray(3));
            System.out.printf("%s: %d inputs tried, %d rejected with an error, %d read without error%n", property, t.get(0), t.get(1), t.get(2));
        }
    }

    /** The whole audit and every formatter on one input, then the properties every result must have. */
    static AuditResult audit(String property, byte[] input) {
        AuditResult result;
        try {
            result = new Auditor(ENGINE, CLOCK).audit(AuditOptions.parse(List.of("-")), new ByteArrayInputStream(input));
        } catch (AuditOptions.UsageException e) {
            throw new AssertionError(e);
        }
        for (AuditOptions.OutputFormat format : AuditOptions.OutputFormat.values()) {
            Formatter.of(format).write(result, new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8));
        }
        int lines = lines(input);
        for (InputError e : result.errors()) {
            if (e.message().startsWith("no Kubernetes objects in the input")) {
                continue; // about the whole input, not one of its documents
            }
            assertThat(e.file()).as(e.describe()).isEqualTo(STDIN);
            assertThat(e.line()).as(e.describe()).isBetween(1, lines);
            assertThat(e.message()).as(e.describe()).isNotBlank().doesNotContain(LEAKS).hasSizeLessThan(400)
                    .doesNotContainPattern("<[a-z ]+>");
        }
        for (InputError w : result.warnings()) {
            assertThat(w.line()).as(w.describe()).isBetween(1, lines);
        }
        if (result.errors().isEmpty()) {
            assertEveryDocumentIsAccountedFor(input, result);
        }
        AtomicIntegerArray tally = TALLY.computeIfAbsent(property, p -> new AtomicIntegerArray(3));
        tally.incrementAndGet(0);
        tally.incrementAndGet(result.errors().isEmpty() ? 2 : 1);
        return result;
    }

    /**
     * Read without error, each document (each item of a List) is an object the reader keeps or one
     * defined again later; each kept object is audited (a workload, a PDB), context for the audit
     * (an HPA, a Service, a ReplicaSet a Deployment owns, ...) or skipped, counted by kind.
     */
    static void assertEveryDocumentIsAccountedFor(byte[] input, AuditResult result) {
        int[] objectsInDocuments = {0, 0}; // documents with content, objects in them
        try {
            DocumentSplitter.split(new ByteArrayInputStream(input), new DocumentSplitter.Documents() {
                @Override
                public void document(int firstLine, int contentLine, int lastContentLine, String text) {
                    try {
                        JsonNode tree = YamlDocuments.read(text);
                        if (tree != null && !tree.isNull()) {
                            objectsInDocuments[0]++;
                            objectsInDocuments[1] += tree.path("kind").asText().endsWith("List") && tree.has("items") ? tree.get("items").size() : 1;
                        }
                    } catch (YamlDocuments.Problem e) {
                        throw new AssertionError("read without error, but not valid YAML: " + e.getMessage());
                    }
                }

                @Override
                public void unreadable(int line, String message) {
                    throw new AssertionError("read without error, but unreadable at " + line + ": " + message);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ManifestReader reader = new ManifestReader();
        reader.read("-", new ByteArrayInputStream(input));
        List<SourcedObject> kept = reader.objects();
        long definedAgain = reader.warnings().stream().filter(w -> w.message().contains("is defined again")).count();
        assertThat(reader.documents()).as("documents").isEqualTo(objectsInDocuments[0]).isEqualTo(result.documents());
        assertThat(kept.size() + definedAgain).as("objects kept or defined again").isEqualTo(objectsInDocuments[1]);

        long context = kept.stream().map(SourcedObject::object).filter(ManifestReaderProperties::isContext).count();
        long skipped = result.skipped().values().stream().mapToInt(Integer::intValue).sum();
        assertThat(result.workloads().size() + result.objects().size() + context + skipped).as("audited, context or skipped")
                .isEqualTo(kept.size());
    }

    /** Read to inform the audit of other objects, not audited itself. */
    static boolean isContext(HasMetadata object) {
        return KnownKinds.READ.contains(object.getKind()) && !(object instanceof PodDisruptionBudget) && !(object instanceof Rollout)
                && !(object instanceof ValidatingWebhookConfiguration) && !(object instanceof MutatingWebhookConfiguration)
                && !(object instanceof APIService)
                && !(object instanceof HorizontalPodAutoscaler) && !KubernetesViews.isScaledObject(object)
                && KubernetesViews.workload(object).isEmpty();
    }

    static int lines(byte[] input) {
        int lines = 1;
        for (byte b : input) {
            if (b == '\n') {
                lines++;
            }
        }
        return lines;
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(3000);
        // Mostly text-like bytes, so that lines and documents are found; some bytes are not UTF-8.
        Arbitrary<byte[]> textLike = Arbitraries.bytes().between((byte) 0x09, (byte) 0x7e).array(byte[].class).ofMaxSize(3000)
                .map(b -> {
                    for (int i = 0; i < b.length; i += 37) {
                        b[i] = (byte) "\n-:{}[]#&* \u00e9".charAt(i % 12);
                    }
                    return b;
                });
        return Arbitraries.oneOf(random, textLike);
    }

    static final List<String> TOKENS = List.of("apiVersion: ", "apps/v1", "v1", "policy/v1", "autoscaling/v2", "kind: ", "Deployment",
            "PodDisruptionBudget", "HorizontalPodAutoscaler", "List", "ConfigMap", "items:", "\n", "\n", "\n", "  ", "    ", "- ", "---\n",
            "--- ", "...\n", "metadata:", "metadata: {name: x}", "name: ", "x", "{", "}", "[", "]", ", ", ": ", "&a ", "*a", "<<: ", "# c",
            "\"", "'", "|\n", ">-\n", "!!str ", "!!int ", "!!binary ", "!x ", "? ", ":", "\t", "\u00e9", "\uD83D\uDE00", "replicas: ", "3",
            "-1", "3000000000", "1e400", ".inf", "spec:", "selector:", "matchLabels:", "app: a", "template:", "null", "~", "off", "\r\n",
            "\uFEFF", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "@", "`", "\\", "\u0000", "\u2028");

    @Provide
    Arbitrary<String> yamlishText() {
        Arbitrary<String> tokens = Arbitraries.of(TOKENS).list().ofMaxSize(120).map(t -> String.join("", t));
        return Arbitraries.oneOf(tokens, Arbitraries.strings().ofMaxLength(500));
    }

    @Provide
    Arbitrary<byte[]> mutatedManifests() {
        return Combinators.combine(Arbitraries.of(SEEDS), Arbitraries.of(Mutation.class).list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.longs()).as((seed, mutations, random) -> Mutation.apply(seed, mutations, new Random(random)));
    }

    /** What a person or a template engine does to a manifest by mistake, and what a hostile input does on purpose. */
    enum Mutation {
        DELETE_LINE, DUPLICATE_LINE, SWAP_LINES, INDENT, DEDENT, TAB_INDENT, REPLACE_SCALAR, REPLACE_SCALAR_AGAIN, INSERT_SEPARATOR,
        INSERT_DOCUMENT_END, TRUNCATE, ANCHOR_AND_ALIAS, UNDEFINED_ALIAS, MERGE_KEY, UNICODE, CRLF, BYTE_ORDER_MARK, LONG_LINE,
        DEEP_NESTING, INVALID_UTF8, DUPLICATE_DOCUMENT, LIST_OF_DOCUMENTS;

        static final List<String> SCALARS = List.of("three", "-1", "0", "3000000000", "99999999999999999999999", "1e400", "-0", ".inf",
                ".nan", "0x1F", "0o17", "true", "off", "yes", "null", "~", "[]", "{}", "[1, 2]", "{a: b}", "\"\"", "'x'", "*undefined",
                "&a x", "!!binary aGVsbG8=", "!!str 3", "!!int x", "!!float x", "!!set {a}", "!!omap [a: 1]", "!custom x",
                "2027-01-31T00:00:00Z", "|\n  block", "\"\\u0000\"", "\u00e9\u00e8", "\uD83D\uDE00", "\"%\"", "50%", "150%", "abc%",
                "x".repeat(300), "[[[[]]]]", "{? a : b}", "- a", "a: b: c", "@x", "`x`", ": ", "#", "'unterminated", "\"unterminated");

        static byte[] apply(String seed, List<Mutation> mutations, Random random) {
            List<String> lines = new ArrayList<>(List.of(seed.split("\n", -1)));
            byte[] bytes = null;
            for (Mutation mutation : mutations) {
                if (mutation == INVALID_UTF8) {
                    bytes = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
                    if (bytes.length > 0) {
                        bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(0x7f));
                    }
                    lines = null;
                    break;
                }
                mutation.mutate(lines, random);
            }
            return bytes != null ? bytes : String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        }

        void mutate(List<String> lines, Random random) {
            if (lines.isEmpty()) {
                lines.add("");
            }
            int at = random.nextInt(lines.size());
            String line = lines.get(at);
            switch (this) {
                case DELETE_LINE -> lines.remove(at);
                case DUPLICATE_LINE -> lines.add(at, line);
                case SWAP_LINES -> java.util.Collections.swap(lines, at, random.nextInt(lines.size()));
                case INDENT -> lines.set(at, " ".repeat(1 + random.nextInt(3)) + line);
                case DEDENT -> lines.set(at, line.replaceFirst("^ {1,2}", ""));
                case TAB_INDENT -> lines.set(at, "\t" + line);
                case REPLACE_SCALAR, REPLACE_SCALAR_AGAIN -> {
                    int colon = line.indexOf(": ");
                    String scalar = SCALARS.get(random.nextInt(SCALARS.size()));
                    lines.set(at, colon < 0 ? line + ": " + scalar : line.substring(0, colon + 2) + scalar);
                }
                case INSERT_SEPARATOR -> lines.add(at, random.nextBoolean() ? "---" : "--- # next");
                case INSERT_DOCUMENT_END -> lines.add(at, "...");
                case TRUNCATE -> {
                    String text = String.join("\n", lines);
                    String cut = text.substring(0, random.nextInt(text.length() + 1));
                    lines.clear();
                    lines.addAll(List.of(cut.split("\n", -1)));
                }
                case ANCHOR_AND_ALIAS -> {
                    int colon = line.indexOf(": ");
                    if (colon >= 0) {
                        lines.set(at, line.substring(0, colon + 2) + "&anchor " + line.substring(colon + 2));
                        int other = random.nextInt(lines.size());
                        String target = lines.get(other);
                        int otherColon = target.indexOf(": ");
                        lines.set(other, (otherColon < 0 ? target + ":" : target.substring(0, otherColon + 1)) + " *anchor");
                    }
                }
                case UNDEFINED_ALIAS -> lines.set(at, line.replaceFirst(": .*", ": *nowhere"));
                case MERGE_KEY -> lines.add(at, line.replaceFirst("\\S.*", "<<: " + (random.nextBoolean() ? "*anchor" : "{a: b}")));
                case UNICODE -> {
                    String[] unicode = {"\u00e9", "\u4e2d", "\uD83D\uDE00", "\u200b", "\u2028", "\u0085", "\uFEFF", "\u0000", "\uD800"};
                    int position = random.nextInt(line.length() + 1);
                    lines.set(at, line.substring(0, position) + unicode[random.nextInt(unicode.length)] + line.substring(position));
                }
                case CRLF -> lines.replaceAll(l -> l + "\r");
                case BYTE_ORDER_MARK -> lines.set(0, "\uFEFF" + lines.get(0));
                case LONG_LINE -> lines.set(at, line + " " + "x".repeat(random.nextInt(100_000)));
                case DEEP_NESTING -> {
                    int depth = new int[] {10, 60, 200, 2000}[random.nextInt(4)];
                    lines.add(at, line.replaceFirst("\\S.*", "deep: " + "[".repeat(depth) + "]".repeat(depth)));
                }
                case DUPLICATE_DOCUMENT -> {
                    List<String> copy = new ArrayList<>(lines);
                    lines.add("---");
                    lines.addAll(copy);
                }
                case LIST_OF_DOCUMENTS -> {
                    List<String> items = new ArrayList<>(List.of("apiVersion: v1", "kind: List", "items:"));
                    boolean first = true;
                    for (String l : lines) {
                        if (l.startsWith("---")) {
                            first = true;
                        } else if (!l.isBlank() && !l.startsWith("#")) {
                            items.add((first ? "  - " : "    ") + l);
                            first = false;
                        }
                    }
                    lines.clear();
                    lines.addAll(items);
                }
                case INVALID_UTF8 -> throw new IllegalStateException("applied to bytes");
                default -> throw new IllegalStateException(name());
            }
        }
    }
}
