package dev.nospof.engine.checks;

import dev.nospof.model.LabelSelector;
import dev.nospof.model.Workload;
import java.util.Map;
import java.util.stream.Collectors;

/** Pieces of remediation text shared by several checks. */
public final class Remediations {

    private Remediations() {
    }

    /**
     * The labels a new PDB or spread constraint should select: the workload's own matchLabels
     * when its selector is that simple, else the labels of its pod template.
     */
    public static Map<String, String> selectorLabels(Workload workload) {
        LabelSelector selector = workload.selector();
        if (!selector.matchesNothing() && !selector.matchLabels().isEmpty() && selector.matchExpressions().isEmpty()) {
            return selector.matchLabels();
        }
        return workload.template().labels();
    }

    /** {@code {app: web, tier: front}} as inline YAML, keys sorted. */
    static String inlineYaml(Map<String, String> labels) {
        return labels.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /** {@code app=web,tier=front}, keys sorted. */
    static String labelList(Map<String, String> labels) {
        return LabelSelector.matchLabels(labels).describe();
    }
}
