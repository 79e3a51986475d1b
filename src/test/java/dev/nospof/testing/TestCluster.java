package dev.nospof.testing;

import dev.nospof.report.ReportFinding;
import dev.nospof.report.SpofReport;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;

/** What an integration test class gets: a client, its own namespace, kubectl, the operator's log. */
public final class TestCluster {

    private final ControlPlane plane;
    private final OperatorProcess operator;
    private final String namespace;

    TestCluster(ControlPlane plane, OperatorProcess operator, String namespace) {
        this.plane = plane;
        this.operator = operator;
        this.namespace = namespace;
    }

    public KubernetesClient client() {
        return plane.client();
    }

    /** The namespace that belongs to this test class alone. */
    public String namespace() {
        return namespace;
    }

    public MixedOperation<SpofReport, KubernetesResourceList<SpofReport>, Resource<SpofReport>> reports() {
        return client().resources(SpofReport.class);
    }

    /** Waits (up to 20 s) until the report {@code name} of this namespace exists, has a status and meets {@code condition}. */
    public SpofReport awaitReport(String name, Predicate<SpofReport> condition) {
        SpofReport[] seen = new SpofReport[1];
        Awaitility.await("report " + name).atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            seen[0] = reports().inNamespace(namespace).withName(name).get();
            return seen[0] != null && seen[0].getStatus() != null && condition.test(seen[0]);
        });
        return seen[0];
    }

    /** The check ids of a report's findings, in report order. */
    public static List<String> checks(SpofReport report) {
        if (report.getStatus() == null || report.getStatus().getFindings() == null) {
            return List.of();
        }
        return report.getStatus().getFindings().stream().map(ReportFinding::getCheck).toList();
    }

    public CommandResult kubectl(String... args) {
        return plane.kubectl(args);
    }

    /** {@code kubectl apply -f} of a manifest given as text, as a user would apply a file. */
    public CommandResult kubectlApply(String manifest) {
        try {
            Path file = Files.createTempFile("nospof-it-", ".yaml");
            try {
                Files.writeString(file, manifest);
                return plane.kubectl("apply", "-f", file.toString());
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The operator's Prometheus metrics. */
    public String operatorMetrics() {
        return operator.metrics();
    }

    /** The operator's readiness document ({@code /q/health/ready}). */
    public String operatorReadiness() {
        return operator.readiness();
    }

    /** The operator's whole log since it started. */
    public String operatorLogSinceStart() {
        return operator.log();
    }

    /** The operator's recent log lines, to attach to a failure message. */
    public String operatorLog() {
        return operator.tail();
    }
}
