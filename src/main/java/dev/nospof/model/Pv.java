package dev.nospof.model;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A PersistentVolume, as far as the storage checks read it: its name, the terms of its required
 * {@code nodeAffinity} (any one term admits a node), which node-attached and zonal storage write,
 * and the NFS server it mounts ({@code nfs.server}, or the {@code server} of the NFS CSI driver;
 * null for other storage).
 */
public record Pv(String name, List<NodePlacement.NodeTerm> nodeTerms, String nfsServer) {

    public Pv {
        nodeTerms = List.copyOf(Objects.requireNonNullElse(nodeTerms, List.of()));
    }

    /** The one node the volume's nodeAffinity admits (every term pins {@code kubernetes.io/hostname} to it), else null. */
    public String node() {
        return onlyValue(NodeInfo.HOSTNAME_LABEL);
    }

    /** The one value of node label {@code key} (a zone) every term of the nodeAffinity requires, else null. */
    public String onlyValue(String key) {
        if (nodeTerms.isEmpty()) {
            return null;
        }
        Set<String> values = new HashSet<>();
        for (NodePlacement.NodeTerm term : nodeTerms) {
            values.add(term.labelExpressions().stream()
                    .filter(r -> key.equals(r.key()) && "In".equals(r.operator()) && r.values().size() == 1)
                    .map(r -> r.values().get(0)).findFirst().orElse(null));
        }
        return values.size() == 1 && !values.contains(null) ? values.iterator().next() : null;
    }
}
