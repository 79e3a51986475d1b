package dev.nospof.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The helm that {@code hack/helm.sh} provides (built from the Go module proxy, cached), run as a user would. */
public final class Helm {

    private final String binary;
    private final Path kubeconfig;

    private Helm(String binary, Path kubeconfig) {
        this.binary = binary;
        this.kubeconfig = kubeconfig;
    }

    /** Helm for commands that need no cluster (lint, template). */
    public static Helm provide(Path projectDir) {
        return provide(projectDir, null);
    }

    /** Helm pointed at the cluster of {@code kubeconfig}. */
    public static Helm provide(Path projectDir, Path kubeconfig) {
        CommandResult built = CommandResult.run(List.of(projectDir.resolve("hack/helm.sh").toString()), Duration.ofMinutes(15));
        if (built.exitCode() != 0) {
            throw new IllegalStateException("hack/helm.sh could not provide helm:\n" + built.output());
        }
        return new Helm(built.output().lines().reduce((a, b) -> b).orElseThrow().trim(), kubeconfig);
    }

    public CommandResult run(String... args) {
        List<String> command = new ArrayList<>(List.of(binary));
        if (kubeconfig != null) {
            command.addAll(List.of("--kubeconfig", kubeconfig.toString()));
        }
        command.addAll(List.of(args));
        return CommandResult.run(command, Duration.ofMinutes(3));
    }
}
