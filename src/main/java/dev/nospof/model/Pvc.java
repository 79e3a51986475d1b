package dev.nospof.model;

import java.util.List;
import java.util.Objects;

/** A PersistentVolumeClaim: what the shared-volume check needs of it. */
public record Pvc(String namespace, String name, List<String> accessModes) {

    public Pvc {
        accessModes = List.copyOf(Objects.requireNonNullElse(accessModes, List.of()));
    }

    /** Attachable to one node at a time: ReadWriteOnce or ReadWriteOncePod, and no mode that allows more. */
    public boolean singleNode() {
        boolean once = accessModes.contains("ReadWriteOnce") || accessModes.contains("ReadWriteOncePod");
        boolean many = accessModes.contains("ReadWriteMany") || accessModes.contains("ReadOnlyMany");
        return once && !many;
    }

    public Pvc inNamespace(String namespace) {
        return namespace.equals(this.namespace) ? this : new Pvc(namespace, name, accessModes);
    }
}
