package dev.nospof.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What of a pod template the checks need: its labels and the rules that spread its pods. */
public record PodTemplate(Map<String, String> labels, List<SpreadConstraint> spreadConstraints,
        List<AntiAffinityTerm> antiAffinityTerms) {

    public PodTemplate {
        labels = Map.copyOf(Objects.requireNonNullElse(labels, Map.of()));
        spreadConstraints = List.copyOf(Objects.requireNonNullElse(spreadConstraints, List.of()));
        antiAffinityTerms = List.copyOf(Objects.requireNonNullElse(antiAffinityTerms, List.of()));
    }
}
