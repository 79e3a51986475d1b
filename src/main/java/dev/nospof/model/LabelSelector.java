package dev.nospof.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Kubernetes label selector with its full semantics: every matchLabels pair and every
 * matchExpressions requirement must hold. An empty selector matches everything; use
 * {@link #NOTHING} (a null selector in the API) for "matches nothing".
 */
public record LabelSelector(Map<String, String> matchLabels, List<Requirement> matchExpressions, boolean matchesNothing) {

    public static final LabelSelector EVERYTHING = new LabelSelector(Map.of(), List.of(), false);
    public static final LabelSelector NOTHING = new LabelSelector(Map.of(), List.of(), true);

    public LabelSelector {
        matchLabels = Map.copyOf(Objects.requireNonNullElse(matchLabels, Map.of()));
        matchExpressions = List.copyOf(Objects.requireNonNullElse(matchExpressions, List.of()));
    }

    public static LabelSelector of(Map<String, String> matchLabels, List<Requirement> matchExpressions) {
        return new LabelSelector(matchLabels, matchExpressions, false);
    }

    public static LabelSelector matchLabels(Map<String, String> matchLabels) {
        return of(matchLabels, List.of());
    }

    /**
     * The model of a Kubernetes selector. A null selector matches nothing; an empty one
     * matches everything (as for PodDisruptionBudgets in policy/v1). An operator the API
     * does not know makes its requirement match nothing.
     */
    public static LabelSelector of(io.fabric8.kubernetes.api.model.LabelSelector selector) {
        if (selector == null) {
            return NOTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        if (selector.getMatchExpressions() != null) {
            for (var r : selector.getMatchExpressions()) {
                requirements.add(new Requirement(r.getKey(), Operator.parse(r.getOperator()), r.getValues()));
            }
        }
        return of(selector.getMatchLabels(), requirements);
    }

    public boolean isEmpty() {
        return !matchesNothing && matchLabels.isEmpty() && matchExpressions.isEmpty();
    }

    public boolean matches(Map<String, String> labels) {
        if (matchesNothing) {
            return false;
        }
        Map<String, String> actual = Objects.requireNonNullElse(labels, Map.of());
        for (Map.Entry<String, String> e : matchLabels.entrySet()) {
            if (!e.getValue().equals(actual.get(e.getKey()))) {
                return false;
            }
        }
        for (Requirement r : matchExpressions) {
            if (!r.matches(actual)) {
                return false;
            }
        }
        return true;
    }

    /** Renders the selector the way kubectl does (app=web,tier in (a,b)), for messages. */
    public String describe() {
        if (matchesNothing) {
            return "<none>";
        }
        if (isEmpty()) {
            return "<everything>";
        }
        StringBuilder sb = new StringBuilder();
        matchLabels.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> append(sb, e.getKey() + "=" + e.getValue()));
        matchExpressions.forEach(r -> append(sb, r.describe()));
        return sb.toString();
    }

    private static void append(StringBuilder sb, String part) {
        if (!sb.isEmpty()) {
            sb.append(',');
        }
        sb.append(part);
    }

    public enum Operator {
        IN, NOT_IN, EXISTS, DOES_NOT_EXIST;

        /** The operator as the API spells it (In, NotIn, Exists, DoesNotExist), or null when unknown. */
        public static Operator parse(String operator) {
            if (operator == null) {
                return null;
            }
            return switch (operator) {
                case "In" -> IN;
                case "NotIn" -> NOT_IN;
                case "Exists" -> EXISTS;
                case "DoesNotExist" -> DOES_NOT_EXIST;
                default -> null;
            };
        }
    }

    /**
     * One matchExpressions entry. An operator the API does not know makes the requirement
     * match nothing, as the API server would refuse such a selector outright.
     */
    public record Requirement(String key, Operator operator, List<String> values) {

        public Requirement {
            values = List.copyOf(Objects.requireNonNullElse(values, List.of()));
        }

        public boolean matches(Map<String, String> labels) {
            if (operator == null) {
                return false;
            }
            String value = labels.get(key);
            return switch (operator) {
                case IN -> value != null && values.contains(value);
                case NOT_IN -> value == null || !values.contains(value);
                case EXISTS -> labels.containsKey(key);
                case DOES_NOT_EXIST -> !labels.containsKey(key);
            };
        }

        String describe() {
            if (operator == null) {
                return key + " <unknown operator>";
            }
            return switch (operator) {
                case IN -> key + " in (" + String.join(",", values) + ")";
                case NOT_IN -> key + " notin (" + String.join(",", values) + ")";
                case EXISTS -> key;
                case DOES_NOT_EXIST -> "!" + key;
            };
        }
    }
}
