package dev.nospof.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The line in the file of every value of one document, by its path ({@code ["spec", "containers",
 * 0, "image"]}): found in one walk over the document's tokens, made the first time a problem
 * needs a line, so that a document with many problems is not read again for each.
 */
final class FieldLines {

    private static final YAMLFactory YAML = new YAMLFactory();

    private final String text;
    private final int firstLine;
    private Map<List<Object>, Integer> lines;
    /** The position (in code points) where each line after the first starts. */
    private int[] codePointAtLine;

    FieldLines(String text, int firstLine) {
        this.text = text;
        this.firstLine = firstLine;
    }

    /** A path as a mapping error gives it: field names and list indexes. */
    static List<Object> pathOf(List<JsonMappingException.Reference> references) {
        List<Object> path = new ArrayList<>();
        for (JsonMappingException.Reference reference : references) {
            path.add(reference.getFieldName() != null ? reference.getFieldName() : (Object) reference.getIndex());
        }
        return path;
    }

    /** {@code spec.exemptions[0].reason} as a path. */
    static List<Object> pathOf(String dotted) {
        List<Object> path = new ArrayList<>();
        for (String part : dotted.split("\\.")) {
            int bracket = part.indexOf('[');
            path.add(bracket < 0 ? part : part.substring(0, bracket));
            while (bracket >= 0) {
                int close = part.indexOf(']', bracket);
                if (close < 0) {
                    break;
                }
                try {
                    path.add(Integer.parseInt(part.substring(bracket + 1, close)));
                } catch (NumberFormatException e) {
                    break;
                }
                bracket = part.indexOf('[', close);
            }
        }
        return path;
    }

    /**
     * The line of the value at {@code path}; for a path that is not in the document (a required
     * field that is absent), the line of the closest enclosing value that is; else {@code fallback}.
     */
    int lineOf(List<?> path, int fallback) {
        if (lines == null) {
            lines = index();
        }
        for (int length = path.size(); length > 0; length--) {
            Integer line = lines.get(path.subList(0, length));
            if (line != null) {
                return line;
            }
        }
        return fallback;
    }

    /** The line in the file of a position in the document (in code points), counted at {@code \n}. */
    private int lineAt(long codePoints) {
        if (codePointAtLine == null) {
            List<Integer> starts = new ArrayList<>();
            int codePoint = 0;
            for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i)), codePoint++) {
                if (text.charAt(i) == '\n') {
                    starts.add(codePoint + 1);
                }
            }
            codePointAtLine = starts.stream().mapToInt(Integer::intValue).toArray();
        }
        // lines before: the newlines at or before the position
        int before = java.util.Arrays.binarySearch(codePointAtLine, (int) Math.min(codePoints, Integer.MAX_VALUE));
        int newlines = before >= 0 ? before + 1 : -before - 1;
        return firstLine + newlines;
    }

    private Map<List<Object>, Integer> index() {
        Map<List<Object>, Integer> found = new HashMap<>();
        Deque<Object> path = new ArrayDeque<>();       // the path of the container being read
        Deque<int[]> nextIndex = new ArrayDeque<>();   // per container: the next list index, or -1 in a mapping
        String field = null;
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME) {
                    field = parser.currentName();
                    continue;
                }
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    nextIndex.pop();
                    if (!path.isEmpty()) {
                        path.removeLast();
                    }
                    continue;
                }
                // A value: a scalar, or the start of a mapping or list.
                Object key = null;
                if (!nextIndex.isEmpty()) {
                    int[] index = nextIndex.peek();
                    key = index[0] < 0 ? String.valueOf(field) : (Object) index[0]++;
                    List<Object> at = new ArrayList<>(path);
                    at.add(key);
                    found.putIfAbsent(List.copyOf(at), lineAt(parser.currentTokenLocation().getCharOffset()));
                }
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    if (!nextIndex.isEmpty()) {
                        path.addLast(key);
                    }
                    nextIndex.push(new int[] {token == JsonToken.START_OBJECT ? -1 : 0});
                }
            }
        } catch (IOException | RuntimeException e) {
            // the tree was read already (by SnakeYAML); what was found before this is still right
        }
        return found;
    }
}
