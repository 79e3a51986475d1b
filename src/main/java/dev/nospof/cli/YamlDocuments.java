package dev.nospof.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.ConstructorException;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * One YAML (or JSON) document to a tree, as kubectl reads it: anchors, aliases and merge keys
 * ({@code <<: *labels}) are resolved; duplicate keys are an error (kubectl's strict decoding);
 * alias expansion is bounded (no billion laughs); timestamps stay strings, as Kubernetes wants
 * them. YAML 1.1 scalars are as kubectl sees them: an unquoted {@code off} is the boolean false.
 */
final class YamlDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ALIASES = 50;
    /** SnakeYAML's default, kept: deeper than any Kubernetes object. */
    private static final int NESTING_LIMIT = 50;

    /** Unusable YAML: what was wrong, and the line within the document (0 when unknown). */
    static final class Problem extends Exception {
        private final int line;

        Problem(String message, int line) {
            super(message);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    private YamlDocuments() {
    }

    /** A loader is costly to build (its resolver compiles patterns) and not thread-safe: one per thread. */
    private static final ThreadLocal<Yaml> LOADER = ThreadLocal.withInitial(() -> {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(NESTING_LIMIT);
        return new Yaml(new MarkedConstructor(options), new Representer(new DumperOptions()), new DumperOptions(), options,
                new StringTimestamps());
    });

    static JsonNode read(String text) throws Problem {
        Object loaded;
        try {
            loaded = LOADER.get().load(text);
        } catch (DuplicateKeyException e) {
            throw new Problem("duplicate key " + duplicateKey(e) + " (kubectl refuses it; YAML alone would silently keep the last)",
                    lineOf(text, e.getProblemMark()));
        } catch (MarkedYAMLException e) {
            int line = lineOf(text, e.getProblemMark());
            if (e.getProblem() != null && e.getProblem().startsWith("expected '<document start>'")) {
                throw new Problem("more content after the end of the document (one object per document; separate them with ---)", line);
            }
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw new Problem(inWords(e.getProblem()) + context, line);
        } catch (ReaderException e) {
            int line = lineAt(text, e.getPosition());
            throw new Problem(String.format("a control character (U+%04X) is not allowed in YAML; write it escaped in a double-quoted "
                    + "string", e.getCodePoint()), line);
        } catch (YAMLException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Number of aliases")) {
                throw new Problem("more than " + MAX_ALIASES + " aliases to lists or mappings: not expanded (a YAML bomb?)", 0);
            }
            throw new Problem(inWords(firstLine(e.getMessage())), 0);
        } catch (IllegalArgumentException e) {
            // SnakeYAML refuses some tags ("!%+0" decodes to one with a space) with a bare IllegalArgumentException, without a mark.
            String message = firstLine(e.getMessage());
            throw new Problem(message.startsWith("Tag ") ? "a tag (!) " + message.substring(4).replaceFirst("\\.$", "") : inWords(message), 0);
        }
        return loaded == null ? null : JSON.valueToTree(loaded);
    }

    /** The line of a mark, 0 when there is none. */
    private static int lineOf(String text, Mark mark) {
        return mark == null ? 0 : lineAt(text, mark.getIndex());
    }

    /**
     * The line (from 1) of a position in code points, counted at {@code \n} as the rest of nospof
     * counts lines: YAML also breaks lines at a lone {@code \r}, NEL, LS and PS, so its own line
     * numbers can run ahead of the file's.
     */
    static int lineAt(String text, int codePoints) {
        int end;
        try {
            end = text.offsetByCodePoints(0, Math.max(0, codePoints));
        } catch (IndexOutOfBoundsException e) {
            end = text.length();
        }
        int line = 1;
        for (int i = 0; i < end; i++) {
            line += text.charAt(i) == '\n' ? 1 : 0;
        }
        return line;
    }

    /** SnakeYAML's names for what it expected or found ({@code <block end>}), in words. */
    private static final Map<String, String> TOKEN_WORDS = Map.ofEntries(
            Map.entry("scalar", "a value"), Map.entry("block mapping start", "the start of a mapping"),
            Map.entry("block sequence start", "the start of a list"), Map.entry("block end", "the end of an indented block"),
            Map.entry("stream start", "the start of the document"), Map.entry("stream end", "the end of the document"),
            Map.entry("document start", "the start of a document"), Map.entry("document end", "the end of the document"),
            Map.entry("tag", "a tag (!)"), Map.entry("alias", "an alias (*)"), Map.entry("anchor", "an anchor (&)"),
            Map.entry("flow mapping start", "'{'"), Map.entry("flow mapping end", "'}'"), Map.entry("flow sequence start", "'['"),
            Map.entry("flow sequence end", "']'"), Map.entry("block entry", "'-'"), Map.entry("flow entry", "','"),
            Map.entry("key", "a key"), Map.entry("value", "':'"), Map.entry("directive", "a directive (%)"));
    private static final Pattern TOKEN_NAME = Pattern.compile("'?<([a-z ]+)>'?");

    private static String inWords(String problem) {
        if (problem == null) {
            return "unreadable";
        }
        if (problem.startsWith("Nesting Depth exceeded")) {
            return "nested more than " + NESTING_LIMIT + " levels deep: not read (a YAML bomb?)";
        }
        String words = TOKEN_NAME.matcher(problem).replaceAll(m -> Matcher.quoteReplacement(TOKEN_WORDS.getOrDefault(m.group(1), "something else")));
        // Where a block should have ended, something else was found: almost always an indentation mistake.
        return problem.contains("<block end>") ? words + "; check the indentation" : words;
    }

    private static String duplicateKey(DuplicateKeyException e) {
        String problem = e.getProblem(); // "found duplicate key replicas"
        return problem.startsWith("found duplicate key ") ? problem.substring("found duplicate key ".length()) : problem;
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse(message);
    }

    /**
     * A value with an explicit tag that does not hold one ({@code !!int x}, {@code !!binary} that
     * is not base64) is an error at its line, not an exception from deep inside the loader.
     */
    private static final class MarkedConstructor extends SafeConstructor {
        MarkedConstructor(LoaderOptions options) {
            super(options);
        }

        @Override
        protected Object constructObject(Node node) {
            if (node instanceof MappingNode mapping) {
                for (NodeTuple entry : mapping.getValue()) {
                    Node key = entry.getKeyNode();
                    if (!(key instanceof ScalarNode) || key.getTag().equals(Tag.NULL)) {
                        // JSON, and so Kubernetes, has text keys only
                        throw new ConstructorException(null, null, "a key that is " + (key instanceof ScalarNode ? "empty (null)"
                                : "a list or mapping") + ": keys are text", key.getStartMark(), null) {
                        };
                    }
                }
            }
            try {
                return super.constructObject(node);
            } catch (YAMLException e) {
                throw e;
            } catch (RuntimeException e) {
                String tag = node.getTag().getValue().startsWith(Tag.PREFIX) ? "!!" + node.getTag().getValue().substring(Tag.PREFIX.length())
                        : node.getTag().getValue();
                String value = node instanceof ScalarNode scalar ? "the value \"" + InputError.excerpt(scalar.getValue()) + "\"" : "the value";
                throw new ConstructorException(null, null, value + " is not a valid " + tag, node.getStartMark(), e) {
                };
            }
        }
    }

    /** The YAML 1.1 resolver without timestamps: "2027-01-31T00:00:00Z" unquoted stays a string. */
    private static final class StringTimestamps extends Resolver {
        @Override
        public void addImplicitResolver(Tag tag, Pattern regexp, String first, int limit) {
            if (!Tag.TIMESTAMP.equals(tag)) {
                super.addImplicitResolver(tag, regexp, first, limit);
            }
        }
    }
}
