package dev.nospof.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What of a pod template the checks need: its labels, the rules that spread its pods, where it
 * may run, the PersistentVolumeClaims its volumes name (shared by every replica), its
 * containers (not the init containers), its hostPath volumes ({@code "data (/var/lib/db)"}), the
 * servers of its inline NFS volumes and, for a StatefulSet, the names of its volumeClaimTemplates
 * (each pod gets a claim of its own from each, {@code <template>-<statefulset>-<ordinal>}).
 */
public record PodTemplate(Map<String, String> labels, List<SpreadConstraint> spreadConstraints,
        List<AntiAffinityTerm> antiAffinityTerms, NodePlacement placement, List<String> claimNames, List<TemplateContainer> containers,
        List<String> hostPaths, List<String> nfsServers, List<String> claimTemplates) {

    public PodTemplate(Map<String, String> labels, List<SpreadConstraint> spreadConstraints, List<AntiAffinityTerm> antiAffinityTerms) {
        this(labels, spreadConstraints, antiAffinityTerms, NodePlacement.ANYWHERE, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    public PodTemplate(Map<String, String> labels, List<SpreadConstraint> spreadConstraints, List<AntiAffinityTerm> antiAffinityTerms,
            NodePlacement placement, List<String> claimNames, List<TemplateContainer> containers) {
        this(labels, spreadConstraints, antiAffinityTerms, placement, claimNames, containers, List.of(), List.of(), List.of());
    }

    public PodTemplate {
        placement = Objects.requireNonNullElse(placement, NodePlacement.ANYWHERE);
        claimNames = List.copyOf(Objects.requireNonNullElse(claimNames, List.of()));
        containers = List.copyOf(Objects.requireNonNullElse(containers, List.of()));
        hostPaths = List.copyOf(Objects.requireNonNullElse(hostPaths, List.of()));
        nfsServers = List.copyOf(Objects.requireNonNullElse(nfsServers, List.of()));
        claimTemplates = List.copyOf(Objects.requireNonNullElse(claimTemplates, List.of()));
        labels = Map.copyOf(Objects.requireNonNullElse(labels, Map.of()));
        spreadConstraints = List.copyOf(Objects.requireNonNullElse(spreadConstraints, List.of()));
        antiAffinityTerms = List.copyOf(Objects.requireNonNullElse(antiAffinityTerms, List.of()));
    }

    /** Whether the pods mount a claim or an NFS volume: only then can they mount a file server. */
    public boolean mountsClaimsOrNfs() {
        return !claimNames.isEmpty() || !claimTemplates.isEmpty() || !nfsServers.isEmpty();
    }

    /** This template with {@code spreadConstraints} in place of its own. */
    public PodTemplate withSpreadConstraints(List<SpreadConstraint> spreadConstraints) {
        return new PodTemplate(labels, spreadConstraints, antiAffinityTerms, placement, claimNames, containers, hostPaths, nfsServers, claimTemplates);
    }

    /** This template, of a StatefulSet whose volumeClaimTemplates are named {@code claimTemplates}. */
    public PodTemplate withClaimTemplates(List<String> claimTemplates) {
        return new PodTemplate(labels, spreadConstraints, antiAffinityTerms, placement, claimNames, containers, hostPaths, nfsServers, claimTemplates);
    }

    /**
     * Whether a topology spread constraint or a pod anti-affinity term (required or preferred)
     * on {@code topologyKey} counts the template's own pods, for pods in {@code namespace}.
     */
    public boolean spreadsOwnPodsAcross(String topologyKey, String namespace) {
        return spreadConstraints.stream().anyMatch(c -> topologyKey.equals(c.topologyKey()) && c.selector().matches(labels))
                || antiAffinityTerms.stream().anyMatch(t -> topologyKey.equals(t.topologyKey()) && t.coversNamespace(namespace)
                        && t.selector().matches(labels));
    }
}
