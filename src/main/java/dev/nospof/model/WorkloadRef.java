package dev.nospof.model;

/** Identifies one workload: kind, namespace, name and (when known) uid. */
public record WorkloadRef(WorkloadKind kind, String namespace, String name, String uid) {

    /** "Deployment shop/web", for messages and logs. */
    public String describe() {
        return kind.kind() + " " + namespace + "/" + name;
    }
}
