package dev.nospof.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * The operator as users run it: the packaged application ({@code target/quarkus-app}) in its
 * own JVM, pointed at the test control plane through KUBECONFIG. Its log goes to
 * {@code target/operator-it-N.log} (one per operator started in the run).
 */
public final class OperatorProcess implements AutoCloseable {

    private static final java.util.concurrent.atomic.AtomicInteger STARTED = new java.util.concurrent.atomic.AtomicInteger();

    private final Process process;
    private final Path log;
    private int port;

    private OperatorProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** The operator's Prometheus metrics, as a scrape would read them. */
    public String metrics() {
        return get("/q/metrics");
    }

    /** The readiness document ({@code /q/health/ready}), whatever its status. */
    public String readiness() {
        return get("/q/health/ready");
    }

    /** The liveness document ({@code /q/health/live}), whatever its status. */
    public String liveness() {
        return get("/q/health/live");
    }

    private String get(String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static OperatorProcess start(Path projectDir, Path kubeconfig) {
        return start(projectDir, kubeconfig, java.util.Map.of());
    }

    /**
     * Starts the operator with {@code env} added to its environment (the chart's settings, such as
     * {@code NOSPOF_LEADER_ELECTION_LEASE_NAMESPACE}) and waits until it is ready.
     */
    public static OperatorProcess start(Path projectDir, Path kubeconfig, java.util.Map<String, String> env) {
        OperatorProcess operator = launch(projectDir, kubeconfig, env);
        operator.awaitReady();
        return operator;
    }

    /** Starts the operator without waiting for it to become ready (for tests of a start that cannot finish). */
    public static OperatorProcess launch(Path projectDir, Path kubeconfig, java.util.Map<String, String> env) {
        Path jar = projectDir.resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: integration tests run after 'mvn package' (use mvn verify)");
        }
        Path log = projectDir.resolve("target/operator-it-" + STARTED.incrementAndGet() + ".log");
        try {
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dquarkus.http.host=127.0.0.1",
                    "-Dquarkus.http.port=" + port,
                    "-jar", jar.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("KUBECONFIG", kubeconfig.toString());
            builder.environment().putAll(env);
            OperatorProcess operator = new OperatorProcess(builder.start(), log);
            operator.port = port;
            return operator;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the operator: " + e.getMessage(), e);
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build();
        try {
            Awaitility.await("operator readiness (log: " + log + ")")
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("the operator exited with " + process.exitValue() + "; log:\n" + tail());
                        }
                        try {
                            return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                        } catch (IOException e) {
                            return false;
                        }
                    });
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The whole log since the operator started. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The last lines of the operator's log, for failure messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** A port nothing listens on now (for the operator's HTTP server, or its webhook). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Sends SIGTERM, as Kubernetes does to a pod it stops, without waiting. */
    public void terminate() {
        process.destroy();
    }

    /** Sends SIGKILL: the process gets no chance to hand anything over. */
    public void kill() {
        process.destroyForcibly();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, once the process has ended. */
    public int exitCode() {
        return process.exitValue();
    }

    /** Waits up to {@code timeout} for the process to end; true when it did. */
    public boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
