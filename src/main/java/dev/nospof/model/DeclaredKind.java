package dev.nospof.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A workload kind a user declared in a RedundancyPolicy: where its replica count is
 * ({@link WorkloadKind#replicasField()}) and how its pods are found, either by the label
 * selector at {@code podSelectorPath} of each resource, or by {@code podLabels}, whose values may
 * name the resource as {@value #NAME}.
 */
public record DeclaredKind(WorkloadKind kind, String podSelectorPath, Map<String, String> podLabels) {

    /** Stands for the resource's name in a value of {@code podLabels}. */
    public static final String NAME = "$(name)";

    public DeclaredKind {
        Objects.requireNonNull(kind, "kind");
        podLabels = podLabels == null ? null : Map.copyOf(podLabels);
    }

    /** {@code podLabels} for the resource named {@code name}. */
    public Map<String, String> podLabelsOf(String name) {
        Map<String, String> labels = new LinkedHashMap<>();
        podLabels.forEach((key, value) -> labels.put(key, value.replace(NAME, name)));
        return labels;
    }
}
