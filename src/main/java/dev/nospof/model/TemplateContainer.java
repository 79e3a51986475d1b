package dev.nospof.model;

import java.util.List;
import java.util.Objects;

/**
 * A container of a pod template, as far as the checks read it: its name, the ports it declares
 * and whether it has a readiness probe.
 */
public record TemplateContainer(String name, List<Port> ports, boolean readinessProbe) {

    /** A declared container port: its number and its name (null when unnamed). */
    public record Port(String name, int number) {
    }

    public TemplateContainer {
        ports = List.copyOf(Objects.requireNonNullElse(ports, List.of()));
    }

    /** Whether this container declares the port a Service targets ({@code "8080"} by number, {@code "http"} by name). */
    public boolean declares(String targetPort) {
        return ports.stream().anyMatch(p -> targetPort.equals(p.name()) || targetPort.equals(Integer.toString(p.number())));
    }
}
