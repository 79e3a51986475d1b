package dev.nospof.model;

import java.util.List;

/**
 * The pods behind a Service, as far as nospof can count them: the ready endpoints of a live
 * cluster, or on files the effective replicas of the workloads the Service selects.
 *
 * @param pods     how many
 * @param describe how nospof counted them, after "served by Service x with" ("1 ready endpoint")
 */
public record Backends(int pods, String describe) {

    /** Live: the ready endpoints the Service's EndpointSlices list. */
    public static Backends readyEndpoints(int ready) {
        return new Backends(ready, ready + " ready endpoint" + (ready == 1 ? "" : "s"));
    }

    /**
     * On files: the pods of the workloads the Service selects, each described with its effective
     * replicas ({@code "Deployment guard at 1 effective replica (spec.replicas)"}).
     */
    public static Backends ofWorkloads(int pods, List<String> workloads) {
        return new Backends(pods, pods + " pod" + (pods == 1 ? "" : "s") + " (" + String.join(", ", workloads) + ")");
    }
}
