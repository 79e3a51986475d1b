package dev.nospof.model;

import java.util.List;
import java.util.Objects;

/**
 * A PersistentVolumeClaim: its access modes and, when it is bound and the volume is known, the
 * PersistentVolume it is bound to ({@code volume}, else null).
 */
public record Pvc(String namespace, String name, List<String> accessModes, Pv volume) {

    public Pvc(String namespace, String name, List<String> accessModes) {
        this(namespace, name, accessModes, null);
    }

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
        return namespace.equals(this.namespace) ? this : new Pvc(namespace, name, accessModes, volume);
    }

    /** This claim, bound to {@code volume}. */
    public Pvc boundTo(Pv volume) {
        return new Pvc(namespace, name, accessModes, volume);
    }
}
