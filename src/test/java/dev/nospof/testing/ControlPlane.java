package dev.nospof.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real etcd + kube-apiserver on 127.0.0.1, started by {@code hack/control-plane.sh} once per
 * JVM. The script's watchdog stops it if this JVM dies without calling {@link #stop()}.
 * There is no controller-manager, scheduler or kubelet: tests create pods, statuses and
 * endpoints themselves.
 */
public final class ControlPlane implements AutoCloseable {

    private final Path projectDir;
    private final Path dir;
    private final Path kubeconfig;
    private final Path binDir;
    private final KubernetesClient client;

    private ControlPlane(Path projectDir, Path dir, Path kubeconfig) throws IOException {
        this.projectDir = projectDir;
        this.dir = dir;
        this.kubeconfig = kubeconfig;
        this.binDir = Path.of(Files.readString(dir.resolve("bin-dir")).trim());
        this.client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
                .build();
    }

    /** Starts a control plane and applies the CRDs of deploy/crds; fails with the script's explanation when it cannot. */
    public static ControlPlane start(Path projectDir) {
        ControlPlane plane = startBare(projectDir);
        try {
            plane.applyCrds(projectDir.resolve("deploy/crds"));
        } catch (IOException | RuntimeException e) {
            plane.stop();
            throw new IllegalStateException("cannot apply the CRDs: " + e.getMessage(), e);
        }
        return plane;
    }

    /** Starts a control plane without nospof's CRDs (the chart installs them). */
    public static ControlPlane startBare(Path projectDir) {
        try {
            Path dir = Files.createTempDirectory("nospof-control-plane-");
            Process process = new ProcessBuilder(projectDir.resolve("hack/control-plane.sh").toString(), "up", dir.toString(),
                    "--watch-pid", Long.toString(ProcessHandle.current().pid()))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(20, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("hack/control-plane.sh could not start a control plane (its message is above). "
                        + "Integration tests need kube-apiserver, kubectl and etcd: run hack/k8s-binaries.sh or set KUBEBUILDER_ASSETS.");
            }
            return new ControlPlane(projectDir, dir, Path.of(out));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the control plane: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Applies every CRD manifest of {@code dir} and waits until each is established. */
    public void applyCrds(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().matches(".*\\.ya?ml$")).sorted().toList();
        }
        List<String> names = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                for (HasMetadata crd : client.load(in).items()) {
                    client.resource(crd).serverSideApply();
                    names.add(crd.getMetadata().getName());
                }
            }
        }
        for (String name : names) {
            client.apiextensions().v1().customResourceDefinitions().withName(name).waitUntilCondition(
                    ControlPlane::established, 60, TimeUnit.SECONDS);
        }
    }

    private static boolean established(CustomResourceDefinition crd) {
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
                && crd.getStatus().getConditions().stream()
                .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    public KubernetesClient client() {
        return client;
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    /** Runs the control plane's own kubectl against it; returns exit code and combined output. */
    public CommandResult kubectl(String... args) {
        return kubectlWith(kubeconfig, args);
    }

    /** The same kubectl under another identity: the users of {@code kubeconfig}. */
    public CommandResult kubectlWith(Path kubeconfig, String... args) {
        List<String> command = new ArrayList<>(List.of(binDir.resolve("kubectl").toString(), "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        return CommandResult.run(command, Duration.ofMinutes(1));
    }

    /**
     * A kubeconfig for this API server as a ServiceAccount, with a token from the TokenRequest
     * API ({@code kubectl create token}): what a pod running under that account would present.
     */
    public Path kubeconfigFor(String serviceAccount, String namespace) throws IOException {
        CommandResult token = kubectl("create", "token", serviceAccount, "-n", namespace, "--duration", "2h");
        if (token.exitCode() != 0) {
            throw new IllegalStateException("kubectl create token " + serviceAccount + ": " + token.output());
        }
        String admin = Files.readString(kubeconfig);
        String config = admin.replaceFirst("(?m)^(\\s*token:).*$", "$1 " + token.output().trim())
                .replace("nospof-admin", "serviceaccount-" + serviceAccount);
        Path file = Files.createTempFile("nospof-sa-" + serviceAccount + "-", ".kubeconfig");
        Files.writeString(file, config);
        return file;
    }

    public void stop() {
        client.close();
        CommandResult.run(List.of(projectDir.resolve("hack/control-plane.sh").toString(), "down", dir.toString()),
                Duration.ofMinutes(1));
    }

    @Override
    public void close() {
        stop();
    }
}
