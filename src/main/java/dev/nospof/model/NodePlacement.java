package dev.nospof.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a pod template may run: {@code spec.nodeName}, {@code spec.nodeSelector} and the
 * required node affinity (terms OR'ed, the expressions of a term AND'ed).
 */
public record NodePlacement(String nodeName, Map<String, String> nodeSelector, List<NodeTerm> requiredTerms) {

    public static final NodePlacement ANYWHERE = new NodePlacement(null, Map.of(), List.of());

    public NodePlacement {
        nodeSelector = Map.copyOf(Objects.requireNonNullElse(nodeSelector, Map.of()));
        requiredTerms = List.copyOf(Objects.requireNonNullElse(requiredTerms, List.of()));
    }

    public boolean constrained() {
        return (nodeName != null && !nodeName.isEmpty()) || !nodeSelector.isEmpty() || !requiredTerms.isEmpty();
    }

    public boolean admits(NodeInfo node) {
        if (nodeName != null && !nodeName.isEmpty() && !nodeName.equals(node.name())) {
            return false;
        }
        for (Map.Entry<String, String> e : nodeSelector.entrySet()) {
            if (!e.getValue().equals(node.labels().get(e.getKey()))) {
                return false;
            }
        }
        return requiredTerms.isEmpty() || requiredTerms.stream().anyMatch(t -> t.admits(node));
    }

    /** One nodeSelectorTerm: every expression on labels and on fields (metadata.name) must hold. */
    public record NodeTerm(List<NodeRequirement> labelExpressions, List<NodeRequirement> fieldExpressions) {

        public NodeTerm {
            labelExpressions = List.copyOf(Objects.requireNonNullElse(labelExpressions, List.of()));
            fieldExpressions = List.copyOf(Objects.requireNonNullElse(fieldExpressions, List.of()));
        }

        boolean admits(NodeInfo node) {
            if (labelExpressions.isEmpty() && fieldExpressions.isEmpty()) {
                return false; // an empty term matches no objects
            }
            return labelExpressions.stream().allMatch(r -> r.matches(node.labels().get(r.key()), node.labels().containsKey(r.key())))
                    && fieldExpressions.stream().allMatch(r -> !"metadata.name".equals(r.key()) || r.matches(node.name(), true));
        }
    }

    /** A node selector requirement: In, NotIn, Exists, DoesNotExist, Gt, Lt. An unknown operator matches nothing. */
    public record NodeRequirement(String key, String operator, List<String> values) {

        public NodeRequirement {
            values = List.copyOf(Objects.requireNonNullElse(values, List.of()));
        }

        boolean matches(String value, boolean present) {
            return switch (Objects.requireNonNullElse(operator, "")) {
                case "In" -> present && values.contains(value);
                case "NotIn" -> !present || !values.contains(value);
                case "Exists" -> present;
                case "DoesNotExist" -> !present;
                case "Gt" -> present && compare(value) > 0;
                case "Lt" -> present && compare(value) < 0;
                default -> false;
            };
        }

        private int compare(String value) {
            try {
                return Long.compare(Long.parseLong(value), Long.parseLong(values.get(0)));
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                return 0;
            }
        }
    }
}
