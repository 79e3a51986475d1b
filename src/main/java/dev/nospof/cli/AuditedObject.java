package dev.nospof.cli;

import dev.nospof.engine.CheckDescription;
import dev.nospof.policy.Assessment;
import java.util.List;

/** What an audit reports on: a workload, or another object a check judges (a PodDisruptionBudget). */
interface AuditedObject {

    /** Where it was read. */
    Origin source();

    String kind();

    String namespace();

    String name();

    /** {@code Deployment/shop/web}; {@code APIService/v1beta1.metrics.k8s.io} for an object of no namespace. */
    default String qualifiedName() {
        return kind() + "/" + displayName();
    }

    /** {@code shop/web}, or the name alone for an object of no namespace. */
    default String displayName() {
        return namespace() == null ? name() : namespace() + "/" + name();
    }

    /** The checks that ran on it (those a policy turned off excluded). */
    List<? extends CheckDescription> checks();

    List<Assessment> assessments();

    /** The findings that count: exempted ones excluded. */
    default List<Assessment> counting() {
        return assessments().stream().filter(a -> !a.exempted()).toList();
    }
}
