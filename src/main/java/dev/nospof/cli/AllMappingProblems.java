package dev.nospof.cli;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nospof.model.MappingProblems;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Decodes a tree and, when it does not decode, finds every field that does not, not only the
 * first: Jackson stops at the first, so each failing field is noted, set aside in a copy of the
 * tree and decoding tried again, up to {@link #MAX_PROBLEMS} times an object.
 */
final class AllMappingProblems {

    static final int MAX_PROBLEMS = 20;

    /** A field that does not decode: its path in the tree (names and list indexes) and what was wrong. */
    record Problem(List<Object> path, String message) {
    }

    /** The decoded value, or (when any field did not decode) null and every problem found. */
    record Decoded<T>(T value, List<Problem> problems) {
    }

    private AllMappingProblems() {
    }

    /**
     * {@code value} when every part of it decoded; a custom resource whose spec or status did not
     * (the operator's tolerant decoding) fails here as Jackson would have, so {@link #decode} finds
     * each such field too.
     */
    static <T> T wholly(T value) {
        if (value instanceof CustomResource<?, ?> resource) {
            var undecodable = dev.nospof.model.Decoded.firstUndecodable(resource.getSpec(), resource.getStatus());
            if (undecodable.isPresent()) {
                throw new IllegalArgumentException(undecodable.get().undecodable(), undecodable.get().undecodableCause());
            }
        }
        return value;
    }

    static <T> Decoded<T> decode(JsonNode tree, Function<JsonNode, T> decoder) {
        List<Problem> problems = new ArrayList<>();
        emptyValues(tree, new ArrayList<>(), problems);
        if (!problems.isEmpty()) {
            return new Decoded<>(null, problems);
        }
        Set<List<Object>> setAside = new HashSet<>();
        JsonNode attempt = tree;
        while (true) {
            try {
                T value = decoder.apply(attempt);
                return problems.isEmpty() ? new Decoded<>(value, List.of()) : new Decoded<>(null, problems);
            } catch (IllegalArgumentException | ClassCastException e) {
                List<Object> path = e.getCause() instanceof JsonMappingException jme ? FieldLines.pathOf(jme.getPath()) : List.of();
                if (problems.size() == MAX_PROBLEMS) {
                    problems.add(new Problem(List.of(), "more fields do not decode: only the first " + MAX_PROBLEMS + " are reported"));
                    return new Decoded<>(null, problems);
                }
                if (!setAside.add(path)) {
                    return new Decoded<>(null, problems); // setting the field aside did not help: nothing more to learn
                }
                problems.add(new Problem(path, describe(e, at(attempt, path), path)));
                if (attempt == tree) {
                    attempt = tree.deepCopy(); // the caller's tree stays as read
                }
                if (path.isEmpty() || !setAside(attempt, path)) {
                    return new Decoded<>(null, problems);
                }
            }
        }
    }

    /**
     * The problem in words; where Jackson names the token it found ({@code found "{"}) or calls
     * a number too large for a 32-bit field "not an integer", the value in the tree says what it is.
     */
    private static String describe(Throwable e, JsonNode found, List<Object> path) {
        String message = MappingProblems.describe(e);
        if (found != null && MappingProblems.exceedsReadLimit(e)) {
            // Jackson's limit on the length of a number it was asked to read, worded with its own class names
            return dotted(path) + ": expected a number, found " + (found.isNumber() ? "one of " + found.asText().length() + " digits"
                    : "\"" + InputError.excerpt(found.asText()) + "\"");
        }
        if (message.contains("IntOrString")) {
            return dotted(path) + ": expected an integer or a string such as \"25%\", found " + what(found);
        }
        if (message.contains("`")) {
            // a model class Jackson could not build, named by its class: say what was found instead
            return dotted(path) + ": not a valid value here, found " + what(found);
        }
        if (found == null || !(e.getCause() instanceof InvalidFormatException invalid)) {
            return message;
        }
        if (found.isContainerNode()) {
            return message.replace(", found \"" + MappingProblems.excerpt(invalid.getValue()) + "\"", ", found "
                    + (found.isObject() ? "a mapping" : "a list"));
        }
        boolean int32 = invalid.getTargetType() == Integer.class || invalid.getTargetType() == int.class;
        if (int32 && found.isIntegralNumber() && !found.canConvertToInt()) {
            return message.replace("expected an integer,", "expected an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ",");
        }
        return message;
    }

    private static String what(JsonNode found) {
        if (found == null || found.isNull()) {
            return "nothing";
        }
        if (found.isObject() || found.isArray()) {
            return found.isObject() ? "a mapping" : "a list";
        }
        return found.isTextual() ? "\"" + InputError.excerpt(found.asText()) + "\"" : InputError.excerpt(found.asText());
    }

    /** {@code spec.containers[0].image}, as MappingProblems writes paths. */
    private static String dotted(List<Object> path) {
        StringBuilder dotted = new StringBuilder();
        for (Object step : path) {
            dotted.append(step instanceof Integer index ? "[" + index + "]" : (dotted.length() == 0 ? "" : ".") + step);
        }
        return dotted.toString();
    }

    private static JsonNode at(JsonNode root, List<Object> path) {
        JsonNode node = root;
        for (Object step : path) {
            node = node == null ? null : step instanceof Integer index ? node.get(index) : node.get((String) step);
        }
        return node;
    }

    /** Mappings of text to text: a key without a value in them ({@code {app: web, tier:x}} has a key "tier:x") is no label. */
    private static final Set<String> TEXT_MAPS = Set.of("labels", "annotations", "matchLabels", "nodeSelector", "selector");

    /**
     * {@code - } with nothing after it, or {@code [~]}: a list element that is null; a label or
     * selector key without a value: nothing reading a Kubernetes object expects either (an API
     * server refuses or zeroes them), so each is said at its line.
     */
    private static void emptyValues(JsonNode node, List<Object> path, List<Problem> problems) {
        if (problems.size() >= MAX_PROBLEMS) {
            return;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.add(i);
                if (node.get(i).isNull()) {
                    problems.add(new Problem(List.copyOf(path), dotted(path) + ": an empty list element; remove it or give it a value"));
                } else {
                    emptyValues(node.get(i), path, problems);
                }
                path.remove(path.size() - 1);
            }
        } else if (node.isObject()) {
            boolean textMap = !path.isEmpty() && TEXT_MAPS.contains(String.valueOf(path.get(path.size() - 1)));
            for (var field : (Iterable<java.util.Map.Entry<String, JsonNode>>) node::fields) {
                path.add(field.getKey());
                boolean selectorField = field.getKey().equals("matchLabels") || field.getKey().equals("matchExpressions");
                if (textMap && field.getValue().isNull() && !selectorField && problems.size() < MAX_PROBLEMS) {
                    problems.add(new Problem(List.copyOf(path), dotted(path) + ": no value; write '' for an empty one"));
                } else {
                    emptyValues(field.getValue(), path, problems);
                }
                path.remove(path.size() - 1);
            }
        }
    }

    /** Removes the field at {@code path} (a list element becomes null, so that later indexes stay right). */
    private static boolean setAside(JsonNode root, List<Object> path) {
        JsonNode parent = root;
        for (Object step : path.subList(0, path.size() - 1)) {
            parent = step instanceof Integer index ? parent.get(index) : parent.get((String) step);
            if (parent == null) {
                return false;
            }
        }
        Object last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object && last instanceof String field && object.has(field)) {
            object.remove(field);
            return true;
        }
        if (parent instanceof ArrayNode array && last instanceof Integer index && index < array.size()) {
            array.set(index, NullNode.getInstance());
            return true;
        }
        return false;
    }
}
