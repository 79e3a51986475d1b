package dev.nospof.engine;

import java.util.List;

/**
 * A spec-only check that one object decides alone, also written in CEL, so that a
 * ValidatingAdmissionPolicy evaluated by the API server itself can enforce it while nospof is
 * down. The CEL is the check's own rule, next to its Java; it may pass more than the check (it
 * cannot see HPAs or other objects: the generator exempts what it cannot judge) but never fails
 * what the check passes.
 */
public interface CelCheck extends Check {

    /** A resource the CEL judges. */
    record Resource(String group, String version, String resource, String kind) {
    }

    /** The workload kinds whose replicas and pod template are in their own spec. */
    List<Resource> WORKLOADS = List.of(new Resource("apps", "v1", "deployments", "Deployment"),
            new Resource("apps", "v1", "statefulsets", "StatefulSet"), new Resource("apps", "v1", "replicasets", "ReplicaSet"),
            new Resource("", "v1", "replicationcontrollers", "ReplicationController"));

    /** The resources whose objects the CEL judges. */
    List<Resource> celResources();

    /**
     * A CEL expression over {@code object} (of one of {@link #celResources()}) that is true when the
     * object fails the check at {@code thresholds}.
     */
    String celFails(Thresholds thresholds);

    /** A CEL string expression saying why the object fails, in the check's own words ("has 1 replica, below ..."). */
    String celWhy(Thresholds thresholds);

    /** A fix, as plain text. */
    String celFix(Thresholds thresholds);
}
