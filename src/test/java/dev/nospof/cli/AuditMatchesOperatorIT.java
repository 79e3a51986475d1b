package dev.nospof.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nospof.adapters.ManifestViews;
import dev.nospof.engine.Check;
import dev.nospof.engine.CheckCatalogue;
import dev.nospof.engine.CheckFixturesTest;
import dev.nospof.engine.checks.SingleFileServerCheck;
import dev.nospof.model.WorkloadKind;
import dev.nospof.report.ReportFinding;
import dev.nospof.report.SpofReport;
import dev.nospof.testing.ClusterExtension;
import dev.nospof.testing.TestCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One engine, two front ends: every check fixture gives the same findings through
 * {@code nospof audit} on the file as through the operator on a real API server.
 */
@ExtendWith(ClusterExtension.class)
class AuditMatchesOperatorIT {

    static TestCluster cluster;

    private static final Set<String> CREATED_NAMESPACES = new HashSet<>();

    /**
     * The fixtures of the spec-only checks: live-check fixtures describe nodes and pods of a
     * cluster. Not single-file-server's: their NFS servers name namespaces by DNS, which this test
     * renames (SpofReportIT proves the operator's side on the API server).
     */
    static Stream<Path> fixtures() throws IOException {
        Set<String> specChecks = CheckCatalogue.all().stream().filter(c -> !c.needsLiveState()).map(Check::id)
                .filter(id -> !id.equals(SingleFileServerCheck.ID))
                .collect(java.util.stream.Collectors.toSet());
        return CheckFixturesTest.yamlFiles(CheckFixturesTest.FIXTURES).stream()
                .filter(p -> specChecks.contains(p.getParent().getFileName().toString()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void auditAndOperatorAgree(Path fixture) throws IOException {
        String namespace = "eq-" + Integer.toHexString(fixture.toString().hashCode()).toLowerCase(Locale.ROOT);
        Set<String> fromAudit = audit(fixture, namespace);

        ManifestReader reader = new ManifestReader();
        reader.read(fixture.toString(), InputStream.nullInputStream());
        assertThat(reader.errors()).isEmpty();
        List<HasMetadata> workloads = ManifestViews.viewsByObject(reader.kubernetesObjects(), namespace, false).stream()
                .map(ManifestViews.ObjectView::object).toList();
        for (SourcedObject source : reader.objects()) {
            HasMetadata object = source.object();
            String ns = object.getMetadata().getNamespace() == null ? namespace : namespace + "-" + object.getMetadata().getNamespace();
            ensureNamespace(ns);
            object.getMetadata().setNamespace(ns);
            cluster.client().resource(object).create();
        }

        Set<String> fromOperator = new TreeSet<>();
        await(fixture + ": operator reports equal the audit's findings " + fromAudit)
                .atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> {
                    fromOperator.clear();
                    for (HasMetadata w : workloads) {
                        SpofReport report = cluster.reports().inNamespace(namespace)
                                .withName(WorkloadKind.known(w.getApiVersion(), w.getKind()).map(WorkloadKind::label)
                                        .orElse(w.getKind().toLowerCase(Locale.ROOT)) + "-" + w.getMetadata().getName()).get();
                        if (report == null || report.getStatus() == null) {
                            return false;
                        }
                        for (ReportFinding f : report.getStatus().getFindings()) {
                            fromOperator.add(w.getKind() + "/" + w.getMetadata().getName() + ":" + f.getCheck() + ":" + f.getSeverity());
                        }
                    }
                    return fromOperator.equals(fromAudit);
                });
    }

    private static Set<String> audit(Path fixture, String namespace) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Main.run(List.of("audit", fixture.toString(), "-n", namespace, "-o", "json", "--fail-on", "none"),
                InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Clock.systemUTC());
        assertThat(exit).isZero();
        Set<String> findings = new TreeSet<>();
        for (JsonNode w : JsonFormatter.JSON.readTree(out.toByteArray()).get("workloads")) {
            for (JsonNode f : w.get("findings")) {
                findings.add(w.get("kind").asText() + "/" + w.get("name").asText() + ":" + f.get("check").asText() + ":"
                        + f.get("severity").asText());
            }
        }
        return findings;
    }

    private static void ensureNamespace(String name) {
        if (CREATED_NAMESPACES.add(name)) {
            cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                    .createOr(existing -> existing.update());
        }
    }
}
