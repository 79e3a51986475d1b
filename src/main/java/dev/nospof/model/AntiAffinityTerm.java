package dev.nospof.model;

import java.util.List;
import java.util.Objects;

/**
 * A pod anti-affinity term, required or preferred. {@code namespaces} empty and no namespace
 * selector mean "the pod's own namespace".
 */
public record AntiAffinityTerm(String topologyKey, LabelSelector selector, List<String> namespaces,
        boolean hasNamespaceSelector, boolean required) {

    public AntiAffinityTerm {
        namespaces = List.copyOf(Objects.requireNonNullElse(namespaces, List.of()));
    }

    /** Whether the term looks at pods in {@code namespace}. A namespace selector is taken to include it. */
    public boolean coversNamespace(String namespace) {
        return hasNamespaceSelector || namespaces.isEmpty() || namespaces.contains(namespace);
    }
}
