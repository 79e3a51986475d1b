package dev.nospof.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
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
        return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(), options,
                new StringTimestamps());
    });

    static JsonNode read(String text) throws Problem {
        Object loaded;
        try {
            loaded = LOADER.get().load(text);
        } catch (DuplicateKeyException e) {
            throw new Problem("duplicate key " + duplicateKey(e) + " (kubectl refuses it; YAML alone would silently keep the last)",
                    e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            if (e.getProblem() != null && e.getProblem().startsWith("expected '<document start>'")) {
                throw new Problem("more content after the end of the document (one object per document; separate them with ---)", line);
            }
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw new Problem(e.getProblem() + context, line);
        } catch (YAMLException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Number of aliases")) {
                throw new Problem("more than " + MAX_ALIASES + " aliases to lists or mappings: not expanded (a YAML bomb?)", 0);
            }
            throw new Problem(firstLine(e.getMessage()), 0);
        }
        return loaded == null ? null : JSON.valueToTree(loaded);
    }

    private static String duplicateKey(DuplicateKeyException e) {
        String problem = e.getProblem(); // "found duplicate key replicas"
        return problem.startsWith("found duplicate key ") ? problem.substring("found duplicate key ".length()) : problem;
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse(message);
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
