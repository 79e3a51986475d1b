package dev.nospof.model;

/**
 * Where one live pod of a workload runs and whether it is ready. {@code nodeName} is null
 * while the pod is not scheduled.
 */
public record PodPlacement(String name, String nodeName, boolean ready) {

    public boolean scheduled() {
        return nodeName != null && !nodeName.isEmpty();
    }
}
