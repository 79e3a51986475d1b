package dev.nospof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nospof.engine.CheckFixturesTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;

/**
 * nospof audit end to end, in process: golden output for every format, exit codes, input
 * errors with file and line, policies, standard input.
 */
class AuditCommandTest {

    static final String SHOP = "src/test/resources/cli/shop";
    static final String POLICY = "src/test/resources/cli/policies/shop.yaml";
    static final Path GOLDEN = Path.of("src/test/resources/cli/golden");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);

    record Run(int exit, String out, String err) {
    }

    static Run runWithStdin(String stdin, String... args) {
        return runWithBytes(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    static Run runWithBytes(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream(stdin);
        int exit = Main.run(List.of(args), in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Run run(String... args) {
        return runWithStdin("", args);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"table", "json", "sarif", "junit"})
    void goldenOutput(String format) throws IOException {
        Run run = run("audit", SHOP, "--policy", POLICY, "--output", format);
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isEqualTo(1);

        Path golden = GOLDEN.resolve("shop." + format + (format.equals("table") ? ".txt" : format.equals("junit") ? ".xml" : ".json"));
        if (Boolean.getBoolean("nospof.updateGolden")) {
            Files.writeString(golden, run.out());
        }
        assertThat(run.out()).as("%s differs; run with -Dnospof.updateGolden=true to accept the new output", golden)
                .isEqualTo(Files.readString(golden));
    }

    @Test
    void crossFileObjectsApplyAndPolicyDecides() throws IOException {
        JsonNode json = JsonFormatter.JSON.readTree(run("audit", SHOP, "--policy", POLICY, "-o", "json").out());
        List<String> found = new ArrayList<>();
        for (JsonNode w : json.get("workloads")) {
            for (JsonNode f : w.get("findings")) {
                found.add(w.get("name").asText() + ":" + f.get("check").asText() + ":" + f.get("mode").asText()
                        + (f.get("exempted").asBoolean() ? ":exempted" : ""));
            }
        }
        // The PDB of pdbs.yaml protects web (web.yaml); the HPA of pdbs.yaml makes worker (worker.json) 1 replica;
        // the policy needs 3 replicas, switches missing-spread off and exempts worker's HPA floor.
        assertThat(found).containsExactly(
                "admin:single-replica:enforce:exempted",
                "worker:single-replica:enforce",
                "worker:hpa-min-replicas:audit:exempted",
                "db:pdb-blocks-eviction:audit",
                "db:pdb-unhealthy-eviction:audit");
        assertThat(found).noneMatch(f -> f.startsWith("web:"));
    }

    /**
     * A fail-closed webhook and an APIService of the input are judged by the effective replicas
     * of the input's workloads behind their Services, and not judged when the input lacks the Service.
     */
    @Test
    void webhooksAndApiServicesOnFilesAreJudgedByTheWorkloadsBehindTheirServices(@TempDir Path dir) throws IOException {
        Path served = Path.of("src/test/resources/cli/served/chart.yaml");
        Run run = run("audit", served.toString(), "-o", "json", "--fail-on", "none");
        assertThat(objectFindings(run)).containsExactly(
                "ValidatingWebhookConfiguration guard: webhook-spof critical: ValidatingWebhookConfiguration guard webhook guard.example.com"
                        + " (failurePolicy: Fail) is served by Service guard-system/guard-webhook with 1 pod (Deployment guard at 1 effective"
                        + " replica (spec.replicas)): one pod down blocks the API writes it intercepts",
                "APIService v1beta1.metrics.k8s.io: apiservice-spof high: APIService v1beta1.metrics.k8s.io is served by Service"
                        + " kube-system/metrics-server with 1 pod (Deployment metrics-server at 1 effective replica (spec.replicas)): one pod"
                        + " down makes the API group unavailable (and namespace deletion and discovery stall)");
        assertThat(run("audit", served.toString()).out().lines().filter(l -> l.startsWith("Not evaluated")).findFirst().orElseThrow())
                .doesNotContain("webhook-spof").doesNotContain("apiservice-spof");

        String chart = Files.readString(served);
        Path redundant = Files.writeString(dir.resolve("redundant.yaml"), chart.replace("replicas: 1", "replicas: 2"));
        assertThat(objectFindings(run("audit", redundant.toString(), "-o", "json", "--fail-on", "none"))).isEmpty();

        // Rendered for clusters before 1.22: read as v1, with v1beta1's default failurePolicy (Ignore) where none is set.
        String legacy = chart.replace("apiVersion: admissionregistration.k8s.io/v1\n", "apiVersion: admissionregistration.k8s.io/v1beta1\n")
                .replace("apiVersion: apiregistration.k8s.io/v1\n", "apiVersion: apiregistration.k8s.io/v1beta1\n");
        Path old = Files.writeString(dir.resolve("old.yaml"), legacy);
        Run oldRun = run("audit", old.toString(), "-o", "json", "--fail-on", "none");
        assertThat(objectFindings(oldRun)).hasSize(2);
        assertThat(oldRun.err()).contains("ValidatingWebhookConfiguration guard uses admissionregistration.k8s.io/v1beta1, which Kubernetes"
                + " 1.22 and later no longer serve: use admissionregistration.k8s.io/v1").contains("APIService v1beta1.metrics.k8s.io uses"
                + " apiregistration.k8s.io/v1beta1");
        Path defaulted = Files.writeString(dir.resolve("defaulted.yaml"), legacy.replace("    failurePolicy: Fail\n", ""));
        assertThat(objectFindings(run("audit", defaulted.toString(), "-o", "json", "--fail-on", "none")))
                .as("v1beta1 without failurePolicy: Ignore").singleElement().asString().startsWith("APIService");

        String withoutService = chart.replace("metadata: {name: guard-webhook, namespace: guard-system}", "metadata: {name: elsewhere}");
        Path unknown = Files.writeString(dir.resolve("unknown.yaml"), withoutService);
        assertThat(objectFindings(run("audit", unknown.toString(), "-o", "json", "--fail-on", "none")))
                .as("the webhook's Service is not in the input: not judged").singleElement().asString().startsWith("APIService");
    }

    /** Operator-run custom resources are workloads on files too; a replica count their CRD would refuse is refused at its line. */
    @Test
    void prometheusAndCloudNativePgClustersAreWorkloads(@TempDir Path dir) throws IOException {
        Run run = run("audit", "src/test/resources/checks/single-replica/fail-prometheus-one-replica.yaml",
                "src/test/resources/checks/single-replica/fail-cnpg-cluster-one-instance.yaml", "--fail-on", "none");
        assertThat(run.out()).contains("Prometheus default/main  1 effective replica (spec.replicas)")
                .contains("Cluster default/orders  1 effective replica (spec.instances)")
                .contains("fix: set spec.instances to 2: kubectl patch cluster.postgresql.cnpg.io/orders -n default --type merge"
                        + " -p '{\"spec\":{\"instances\":2}}'")
                .contains("2 workload(s) in 2 file(s)").doesNotContain("skipped");
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata: {name: x}\n"
                + "spec:\n  instances: three\n");
        Run refused = run("audit", bad.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains(bad + ":5: Cluster x: spec.instances: expected a whole number of at least 0, found three");
        Path shapeless = Files.writeString(dir.resolve("shapeless.yaml"), "apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\n"
                + "metadata: {name: x}\nspec:\n  replicas: 2\n  topologySpreadConstraints: {maxSkew: 1}\n");
        assertThat(run("audit", shapeless.toString()).err())
                .contains(shapeless + ":6: Prometheus x: spec: topologySpreadConstraints: expected a list");
    }

    /**
     * Kinds a policy declares are workloads on files: replicas at the declared path, pods by the
     * declared labels or the selector at the declared path; a field that does not read is refused
     * at its line, and so is a declaration the CRD would refuse.
     */
    @Test
    void kindsDeclaredInAPolicyAreJudgedOnFiles(@TempDir Path dir) throws IOException {
        String data = "src/test/resources/cli/declared/data.yaml";
        String policy = "src/test/resources/cli/declared/policy.yaml";
        Run run = run("audit", data, "--policy", policy, "-o", "json", "--fail-on", "none");
        assertThat(run.err()).isEmpty();
        List<String> found = new ArrayList<>();
        for (JsonNode w : JsonFormatter.JSON.readTree(run.out()).get("workloads")) {
            found.add(w.get("kind").asText() + " " + w.get("name").asText() + " " + w.get("effectiveReplicas").asInt() + ":"
                    + w.get("findings").findValuesAsText("check"));
        }
        // The Kafka of 3 has a budget on the labels Strimzi sets; the checks that read a pod template are not run on them.
        assertThat(found).containsExactly("Kafka events 1:[single-replica]", "Kafka orders 3:[]", "RedisCluster sessions 2:[missing-pdb]");
        assertThat(JsonFormatter.JSON.readTree(run.out()).get("workloads").get(0).get("findings").get(0).get("remediation").asText())
                .endsWith("kubectl patch kafka.kafka.strimzi.io/events -n data --type merge -p '{\"spec\":{\"kafka\":{\"replicas\":2}}}'");
        JsonNode without = JsonFormatter.JSON.readTree(run("audit", data, "-o", "json", "--fail-on", "none").out());
        assertThat(without.get("workloads")).as("without the policy they are skipped").isEmpty();
        assertThat(without.get("summary").get("skipped").get("Kafka").asInt()).isEqualTo(2);

        Path bad = Files.writeString(dir.resolve("bad.yaml"), """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: Kafka
                metadata:
                  name: events
                spec:
                  kafka:
                    replicas: three
                """);
        Run refused = run("audit", bad.toString(), "--policy", policy);
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains(bad + ":7: Kafka events: .spec.kafka.replicas: expected a whole number of at least 0");

        Path badPolicy = Files.writeString(dir.resolve("policy.yaml"), Files.readString(Path.of(policy))
                .replace("replicasPath: .spec.replicas", "replicasPath: spec.replicas[0]"));
        Run invalid = run("audit", data, "--policy", badPolicy.toString());
        assertThat(invalid.exit()).isEqualTo(2);
        assertThat(invalid.err()).contains("spec.workloadKinds[1].replicasPath: expected a field path such as .spec.replicas, found "
                + "spec.replicas[0]");
    }

    /** {@code kind name: check severity: message} of every finding on an object that is not a workload. */
    private static List<String> objectFindings(Run run) throws IOException {
        List<String> found = new ArrayList<>();
        for (JsonNode o : JsonFormatter.JSON.readTree(run.out()).get("objects")) {
            for (JsonNode f : o.get("findings")) {
                found.add(o.get("kind").asText() + " " + o.get("name").asText() + ": " + f.get("check").asText() + " "
                        + f.get("severity").asText() + ": " + f.get("message").asText());
            }
        }
        return found;
    }

    @Test
    void exitCodes() {
        assertThat(run("audit", SHOP).exit()).as("high findings").isEqualTo(1);
        assertThat(run("audit", SHOP, "--fail-on", "critical").exit()).isZero();
        assertThat(run("audit", SHOP, "--fail-on", "none").exit()).isZero();
        assertThat(run("audit", SHOP + "/db.yml", "--fail-on", "medium").exit()).as("db has a high finding").isEqualTo(1);
        assertThat(run("audit", "src/test/resources/checks/single-replica/pass-three-replicas.yaml").exit()).isZero();
        assertThat(run("audit").exit()).isEqualTo(2);
        assertThat(run("audit", SHOP, "--output", "xml").exit()).isEqualTo(2);
        assertThat(run("audit", SHOP, "--fail-on", "severe").exit()).isEqualTo(2);
        assertThat(run("audit", "no/such/dir").exit()).isEqualTo(2);
        assertThat(run("lint", SHOP).exit()).isEqualTo(2);
    }

    @Test
    void usageErrorsSayWhatWasExpected() {
        Run run = run("audit", SHOP, "--output", "xml");
        assertThat(run.err()).contains("--output: unknown format 'xml'; expected table, json, sarif or junit");
        assertThat(run("audit", "no/such/dir").err()).contains("error: no/such/dir: no such file or directory");
        assertThat(run("audit", "--help").out()).contains("Usage: nospof audit").contains("at most " + DocumentSplitter.MAX_DOCUMENT_SIZE);
    }

    @Test
    void malformedDocumentsAreReportedWithFileAndLineAndTheRestIsAudited() {
        String input = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: first}
                spec: {replicas: 1, selector: {matchLabels: {app: a}}, template: {metadata: {labels: {app: a}}}}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: broken
                spec: {}
                ---
                - a list
                ---
                kind: Deployment
                metadata: {name: no-api-version}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: typo}
                spec:
                  replicas: three
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: last}
                spec: {replicas: 1, selector: {matchLabels: {app: b}}, template: {metadata: {labels: {app: b}}}}
                """;
        Run run = runWithStdin(input, "audit", "-", "-o", "json");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines().toList()).containsExactly(
                "error: <stdin>:9: not valid YAML: expected ',' or '}', but got : (while parsing a flow mapping)",
                "error: <stdin>:11: expected a Kubernetes object (a mapping), found a sequence",
                "error: <stdin>:13: expected a Kubernetes object: apiVersion and kind are required",
                "error: <stdin>:20: spec.replicas: expected an integer, found \"three\"");
        assertThat(run.out()).contains("\"name\" : \"first\"").contains("\"name\" : \"last\"");
    }

    /** A long value that does not decode is quoted by its start: the message stays one readable line (found by a jqwik property). */
    @Test
    void aLongWrongValueIsQuotedByItsStart() {
        Run run = runWithStdin("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: long}
                spec: {replicas: "1 %s", selector: {matchLabels: {app: a}}, template: {metadata: {labels: {app: a}}}}
                """.formatted("x".repeat(1000)), "audit", "-");
        assertThat(run.err().lines().toList()).containsExactly(
                "error: <stdin>:4: spec.replicas: expected a number, found \"1 " + "x".repeat(55) + "...\"");
    }

    /** Every field that does not decode is reported at its own line, in documents and in list items, not only the first. */
    @Test
    void everyBadFieldOfADocumentIsReportedAtItsLine() {
        String input = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: typos}
                spec:
                  replicas: three
                  minReadySeconds: soon
                  revisionHistoryLimit: 3000000000
                  selector: {matchLabels: {app: a}}
                  template:
                    metadata: {labels: {app: a}}
                    spec:
                      containers:
                        - name: c
                          image: nginx
                          ports: [{containerPort: http}]
                ---
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: autoscaling/v2
                    kind: HorizontalPodAutoscaler
                    metadata: {name: h}
                    spec:
                      scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: typos}
                      minReplicas: two
                      maxReplicas:
                        many: 3
                """;
        Run run = runWithStdin(input, "audit", "-");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines().toList()).containsExactly(
                "error: <stdin>:5: spec.replicas: expected an integer, found \"three\"",
                "error: <stdin>:6: spec.minReadySeconds: expected an integer, found \"soon\"",
                "error: <stdin>:7: spec.revisionHistoryLimit: expected an integer from -2147483648 to 2147483647, found \"3000000000\"",
                "error: <stdin>:15: spec.template.spec.containers[0].ports[0].containerPort: expected an integer, found \"http\"",
                "error: <stdin>:25: items[0]: spec.minReplicas: expected an integer, found \"two\"",
                "error: <stdin>:27: items[0]: spec.maxReplicas: expected an integer, found a mapping");
    }

    /** A document made of mistakes is not reported without end: the first 20 problems, then a note. */
    @Test
    void problemsOfOneDocumentAreBounded() {
        StringBuilder input = new StringBuilder("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n");
        for (int i = 0; i < 25; i++) {
            input.append("    - {name: c").append(i).append(", image: nginx, ports: [{containerPort: p").append(i).append("}]}\n");
        }
        Run run = runWithStdin(input.toString(), "audit", "-");

        List<String> errors = run.err().lines().toList();
        assertThat(errors).hasSize(AllMappingProblems.MAX_PROBLEMS + 1);
        assertThat(errors.get(0)).isEqualTo("error: <stdin>:6: spec.containers[0].ports[0].containerPort: expected an integer, found \"p0\"");
        assertThat(errors.get(19)).isEqualTo("error: <stdin>:25: spec.containers[19].ports[0].containerPort: expected an integer, found \"p19\"");
        assertThat(errors.get(20)).isEqualTo("error: <stdin>:1: more fields do not decode: only the first 20 are reported");
    }

    @Test
    void rolloutsAreAuditedAndOnesThatCannotBeAreReported() {
        String input = """
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: canary}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: canary}}
                  template: {metadata: {labels: {app: canary}}}
                ---
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: typo}
                spec:
                  replicas: three
                ---
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: elsewhere}
                spec:
                  replicas: 3
                  workloadRef: {apiVersion: apps/v1, kind: Deployment, name: web}
                """;
        Run run = runWithStdin(input, "audit", "-", "-o", "json");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines().toList()).containsExactly(
                "error: <stdin>:13: spec.replicas: expected an integer, found \"three\"",
                "error: <stdin>:15: spec.workloadRef: Rollout elsewhere takes its pod template from Deployment web, "
                        + "which is not in the input; audit them together (this Rollout was not audited)");
        assertThat(run.out()).contains("\"workloads\" : 1,").contains("\"kind\" : \"Rollout\"").contains("\"name\" : \"canary\"")
                .contains("kubectl scale rollout/canary");
    }

    @Test
    void aPdbThatSelectsNoWorkloadOfTheInputIsReportedOnThePdb() {
        String input = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: web}}
                  template: {metadata: {labels: {app: web}}}
                ---
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: web}
                spec:
                  maxUnavailable: 1
                  selector: {matchLabels: {app: webb}}
                """;
        Run table = runWithStdin(input, "audit", "-");

        assertThat(table.out().lines().toList()).containsSubsequence(
                "<stdin>:9  PodDisruptionBudget default/web",
                "  LOW       pdb-selects-nothing        PodDisruptionBudget default/web selects app=webb, which no workload's pods "
                        + "in default carry: it protects nothing");
        Run json = runWithStdin(input, "audit", "-", "-o", "json");
        assertThat(json.out()).contains("\"kind\" : \"PodDisruptionBudget\"").contains("\"check\" : \"pdb-selects-nothing\"");
        assertThat(json.out()).doesNotContain("\"pdb-selects-nothing\" ]"); // not among the checks left for a cluster
    }

    static List<Path> pdbSelectsNothingFixtures() throws IOException {
        return CheckFixturesTest.yamlFiles(Path.of("src/test/resources/cluster-checks/pdb-selects-nothing"));
    }

    /** On the cluster-check fixtures of pdb-selects-nothing, the audit finds what the cluster engine finds. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pdbSelectsNothingFixtures")
    void pdbSelectsNothingOnFilesAgreesWithTheClusterCheck(Path file) throws IOException {
        boolean expected = CheckFixturesTest.expectation(file, Files.readString(file)).contains("pdb-selects-nothing:low");

        Run run = run("audit", file.toString(), "-o", "json", "--fail-on", "none");

        assertThat(run.exit()).isZero();
        assertThat(run.out().contains("\"check\" : \"pdb-selects-nothing\"")).as(run.out()).isEqualTo(expected);
    }

    @Test
    void invalidPoliciesAreRefusedWithFileLineAndField() {
        Run run = run("audit", SHOP, "--policy", "src/test/resources/cli/policies/invalid.yaml");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines().toList()).containsExactly(
                "error: src/test/resources/cli/policies/invalid.yaml:7: spec.checks.missing-pbd: unknown field",
                "error: src/test/resources/cli/policies/invalid.yaml:15: spec.checks.missing-pdb: unknown value 'loud'; expected one of off, audit, warn, enforce, remediate",
                "error: src/test/resources/cli/policies/invalid.yaml:22: RedundancyPolicy zero: spec.thresholds.minReplicas: must be at least 1, got 0",
                "error: src/test/resources/cli/policies/invalid.yaml:24: RedundancyPolicy zero: spec.exemptions[0].reason: required");
    }

    @Test
    void everyProblemOfAPolicyIsReported(@TempDir Path dir) throws IOException {
        Path policy = Files.writeString(dir.resolve("policy.yaml"), """
                apiVersion: nospof.dev/v1alpha1
                kind: RedundancyPolicy
                metadata: {name: p}
                spec:
                  checks:
                    missing-pbd: warn
                    missing-pdb: loud
                  thresholds: {minReplicas: many}
                """);
        Run run = run("audit", SHOP, "--policy", policy.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines().toList()).containsExactly(
                "error: " + policy + ":6: spec.checks.missing-pbd: unknown field",
                "error: " + policy + ":7: spec.checks.missing-pdb: unknown value 'loud'; expected one of off, audit, warn, enforce, remediate",
                "error: " + policy + ":8: spec.thresholds.minReplicas: expected an integer");
    }

    /** HPAs and PDBs in the versions charts rendered for older clusters count as the current versions do. */
    @Test
    void olderApiVersionsAreReadAsTheCurrentOnesWithAWarning() throws IOException {
        String legacy = "src/test/resources/cli/legacy/charts-for-1.22.yaml";
        Run run = run("audit", legacy, "-o", "json", "--fail-on", "none");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode json = JsonFormatter.JSON.readTree(run.out());
        Map<String, List<String>> checks = new TreeMap<>();
        json.get("workloads").forEach(w -> checks.put(w.get("name").asText(),
                StreamSupport.stream(w.get("findings").spliterator(), false).map(f -> f.get("check").asText()).sorted().toList()));
        assertThat(checks).containsExactlyInAnyOrderEntriesOf(Map.of(
                "engine", List.of("pdb-unhealthy-eviction"),              // v2beta1 floor 2, v1beta1 PDB selects it (a field it never had)
                "exporter", List.of("hpa-min-replicas", "single-replica"), // v2beta2 floor 1
                "api", List.of("hpa-min-replicas", "single-replica")));    // v1 floor 1
        assertThat(run.out()).contains("\"check\" : \"pdb-selects-nothing\""); // an empty v1beta1 selector selects nothing
        assertThat(run.err().lines().toList()).containsExactly(
                "warning: " + legacy + ":17: HorizontalPodAutoscaler engine uses autoscaling/v2beta1, which Kubernetes 1.25 and later no "
                        + "longer serve: use autoscaling/v2 (audited as such)",
                "warning: " + legacy + ":26: PodDisruptionBudget engine uses policy/v1beta1, which Kubernetes 1.25 and later no longer "
                        + "serve: use policy/v1 (audited as such)",
                "warning: " + legacy + ":44: HorizontalPodAutoscaler exporter uses autoscaling/v2beta2, which Kubernetes 1.26 and later no "
                        + "longer serve: use autoscaling/v2 (audited as such)",
                "warning: " + legacy + ":53: PodDisruptionBudget everything-or-nothing uses policy/v1beta1, which Kubernetes 1.25 and "
                        + "later no longer serve: use policy/v1 (audited as such)");
    }

    /** A document may start on its separator line; a second definition of an object replaces the first, with a warning. */
    @Test
    void documentsOnSeparatorLinesAndRedefinedObjects(@TempDir Path dir) throws IOException {
        String deployment = "{apiVersion: apps/v1, kind: Deployment, metadata: {name: web}, spec: {replicas: %d, selector: "
                + "{matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, image: nginx}]}}}}";
        Path file = Files.writeString(dir.resolve("flow.yaml"), "--- " + deployment.formatted(1) + "\n"
                + "--- # the PDB, twice: one budget, not two that overlap\n"
                + "{apiVersion: policy/v1, kind: PodDisruptionBudget, metadata: {name: web}, spec: {maxUnavailable: 1, selector: {matchLabels: {app: web}}}}\n"
                + "--- {apiVersion: policy/v1, kind: PodDisruptionBudget, metadata: {name: web}, spec: {maxUnavailable: 1, selector: {matchLabels: {app: web}}}}\n"
                + "--- " + deployment.formatted(3) + "\n");
        Run run = run("audit", file.toString(), "-o", "json", "--fail-on", "none");
        JsonNode json = JsonFormatter.JSON.readTree(run.out());
        assertThat(json.get("workloads")).hasSize(1);
        assertThat(json.at("/workloads/0/line").asInt()).isEqualTo(5);
        assertThat(run.out()).doesNotContain("pdb-overlap").doesNotContain("single-replica");
        assertThat(run.err().lines().toList()).containsExactly(
                "warning: " + file + ":4: PodDisruptionBudget web is defined again (first at " + file + ":3): the later definition is "
                        + "audited, as kubectl apply would leave it",
                "warning: " + file + ":5: Deployment web is defined again (first at " + file + ":1): the later definition is audited, "
                        + "as kubectl apply would leave it");
    }

    /** What used to pass silently with nothing audited is an input error with file and line. */
    @Test
    void inputThatCannotBeAuditedIsNeverAPass(@TempDir Path dir) throws IOException {
        Path nameless = Files.writeString(dir.resolve("nameless.yaml"), "apiVersion: apps/v1\nkind: Deployment\nspec: {replicas: 1}\n");
        Path duplicate = Files.writeString(dir.resolve("duplicate.yaml"),
                "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: 3\n  replicas: 1\n");
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "# nothing rendered\n");

        Run run = run("audit", nameless.toString(), duplicate.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines().toList()).containsExactly(
                "error: " + nameless + ":1: Deployment: metadata.name is required (kubectl refuses an object without a name)",
                "error: " + duplicate + ":6: not valid YAML: duplicate key replicas (kubectl refuses it; YAML alone would silently keep "
                        + "the last)");

        Path latin1 = Files.write(dir.resolve("latin1.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: caf\u00e9}\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        Run notUtf8 = run("audit", latin1.toString());
        assertThat(notUtf8.exit()).isEqualTo(2);
        assertThat(notUtf8.err()).contains("error: " + latin1 + ":3: not UTF-8 text (manifests are UTF-8)");

        Run nothing = run("audit", empty.toString());
        assertThat(nothing.exit()).isEqualTo(2);
        assertThat(nothing.err()).contains("error: " + empty + ": no Kubernetes objects in the input: nothing was audited");
        Run latin1Stdin = runWithBytes(new byte[] {'k', 'i', 'n', 'd', ':', ' ', (byte) 0xe9, '\n'}, "audit", "-");
        assertThat(latin1Stdin.err()).contains("error: <stdin>:1: not UTF-8 text (manifests are UTF-8)");
        Run emptyStdin = runWithStdin("", "audit", "-");
        assertThat(emptyStdin.exit()).isEqualTo(2);
        assertThat(emptyStdin.err()).contains("error: -: no Kubernetes objects in the input");
    }

    static String deployment(int i) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app-%d}
                spec:
                  replicas: 3
                  selector: {matchLabels: {app: a%d}}
                  template: {metadata: {labels: {app: a%d}}, spec: {containers: [{name: c, image: nginx}]}}
                """.formatted(i, i, i);
    }

    /** A document over the limit is refused at its first line; the documents around it are read, their lines counted. */
    @Test
    void aDocumentLargerThanTheLimitIsRefusedAndTheOthersAreRead(@TempDir Path dir) throws IOException {
        String data = "  big: \"" + "x".repeat(DocumentSplitter.MAX_DOCUMENT_BYTES) + "\"\n";
        Path file = Files.writeString(dir.resolve("big.yaml"), deployment(1) + "---\n# a ConfigMap too large to apply\n"
                + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n" + data + "---\n" + deployment(2) + "---\n"
                + "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"data\": {\"x\": \"" + "y".repeat(DocumentSplitter.MAX_DOCUMENT_BYTES)
                + "\"}}\n---\n" + deployment(3).replace("replicas: 3", "replicas: three"));

        Run run = run("audit", file.toString(), "-o", "json", "--fail-on", "none");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines().toList()).containsExactly(
                "error: " + file + ":10: document larger than 3 MiB (the API server's limit for one object): not read; split it, one "
                        + "object per document",
                "error: " + file + ":24: document larger than 3 MiB (the API server's limit for one object): not read; split it, one "
                        + "object per document",
                "error: " + file + ":30: spec.replicas: expected an integer, found \"three\"");
        JsonNode json = JsonFormatter.JSON.readTree(run.out());
        assertThat(json.at("/summary/documents").asInt()).isEqualTo(5);
        assertThat(json.get("workloads")).extracting(w -> w.get("name").asText() + ":" + w.get("line").asInt())
                .containsExactly("app-1:1", "app-2:16");
    }

    /** Many documents in one file: each keeps its own line, and an error in the last is at its line in the file. */
    @Test
    void manyDocumentsInOneFileKeepTheirLines(@TempDir Path dir) throws IOException {
        int count = 2000;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : "---\n").append(i == count - 1 ? deployment(i).replace("replicas: 3", "replicas: three") : deployment(i));
        }
        Path file = Files.writeString(dir.resolve("many.yaml"), text.toString());
        int linesPerDocument = deployment(0).split("\n").length + 1;

        Run run = run("audit", file.toString(), "-o", "json", "--fail-on", "none");

        assertThat(run.err().lines().toList()).containsExactly(
                "error: " + file + ":" + ((count - 1) * linesPerDocument + 5) + ": spec.replicas: expected an integer, found \"three\"");
        JsonNode json = JsonFormatter.JSON.readTree(run.out());
        assertThat(json.at("/summary/documents").asInt()).isEqualTo(count);
        assertThat(json.get("workloads")).hasSize(count - 1);
        assertThat(json.at("/workloads/" + (count - 2) + "/line").asInt()).isEqualTo((count - 2) * linesPerDocument + 1);
    }

    /** A document end marker (...) and Windows line ends do not shift the lines of what follows. */
    @Test
    void documentEndMarkersAndCrlfKeepLinesRight() {
        String input = "apiVersion: v1\r\nkind: ConfigMap\r\nmetadata: {name: a}\r\n...\r\n---\r\n"
                + deployment(1).replace("replicas: 3", "replicas: three").replace("\n", "\r\n");

        Run run = runWithStdin(input, "audit", "-");

        assertThat(run.err().lines().toList()).containsExactly("error: <stdin>:10: spec.replicas: expected an integer, found \"three\"");
    }

    static List<String> errorsOf(String stdin) {
        Run run = runWithStdin(stdin, "audit", "-");
        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        return run.err().lines().toList();
    }

    /** Inputs the property-based tests (ManifestReaderProperties) found escaping as exceptions or misreported. */
    @Test
    void yamlTheLoaderCannotTakeIsAnErrorAtItsLine() {
        String head = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n";
        // An explicit tag on a value that is not one threw from inside SnakeYAML.
        assertThat(errorsOf(head + "  replicas: !!int three\n")).containsExactly(
                "error: <stdin>:5: not valid YAML: the value \"three\" is not a valid !!int");
        assertThat(errorsOf(head + "  x: !!binary policy/v1\n")).containsExactly(
                "error: <stdin>:5: not valid YAML: the value \"policy/v1\" is not a valid !!binary");
        // A null key threw when the tree was built.
        assertThat(errorsOf(head + "  ~: 3\n")).containsExactly("error: <stdin>:5: not valid YAML: a key that is empty (null): keys are text");
        // The end of a document without a final newline was reported on a line after the last.
        assertThat(errorsOf(head + "  selector: {matchLabels: {app: a}")).containsExactly(
                "error: <stdin>:5: not valid YAML: expected ',' or '}', but got the end of the document (while parsing a flow mapping)");
        // YAML also breaks lines at a lone \r (here \r\r\n) and at NEL: lines are still counted as the file has them.
        String doubledCr = head.replace("\n", "\r\r\n");
        assertThat(errorsOf(doubledCr + "  replicas: three\r\r\n")).containsExactly(
                "error: <stdin>:5: spec.replicas: expected an integer, found \"three\"");
        assertThat(errorsOf(doubledCr + "  x: \u0085 [\r\r\n")).containsExactly(
                "error: <stdin>:5: not valid YAML: expected the end of an indented block, but found '['; check the indentation (while parsing a "
                        + "block mapping)");
        // SnakeYAML's names for what it expected (<block end>, <scalar>) are said in words.
        assertThat(errorsOf(head + "  replicas: 3\n selector: {}\n")).containsExactly(
                "error: <stdin>:6: not valid YAML: expected the end of an indented block, but found the start of a mapping; check the "
                        + "indentation (while parsing a block mapping)");
        // A control character had no line (position only): it is counted.
        assertThat(errorsOf(head + "  replicas: 3\n  paused: \u0007true\n")).containsExactly(
                "error: <stdin>:6: not valid YAML: a control character (U+0007) is not allowed in YAML; write it escaped in a double-quoted string");
        // ManifestReaderProperties found a tag SnakeYAML refuses with a bare IllegalArgumentException.
        assertThat(errorsOf("\n!%+0")).containsExactly("error: <stdin>:2: not valid YAML: a tag (!) must not contain leading or trailing spaces");
        assertThat(errorsOf(head + "  deep: " + "[".repeat(60) + "]".repeat(60) + "\n")).containsExactly(
                "error: <stdin>:1: not valid YAML: nested more than 50 levels deep: not read (a YAML bomb?)");
    }

    @Test
    void valuesThatDoNotFitAreSaidInWords() {
        String head = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n";
        // Jackson's own limit on numbers surfaced with its class names.
        assertThat(errorsOf(head + "  replicas: 3 " + "x".repeat(2000) + "\n")).containsExactly(
                "error: <stdin>:5: spec.replicas: expected a number, found \"3 " + "x".repeat(55) + "...\"");
        // ManifestReaderProperties found a number of 11,668 digits in a kind read generically (an Alertmanager) worded by Jackson.
        assertThat(errorsOf("apiVersion: monitoring.coreos.com/v1\nkind: Alertmanager\nmetadata: {name: main}\nspec:\n"
                + "  topologySpreadConstraints:\n    - maxSkew: " + "1".repeat(1200) + "\n")).singleElement().asString()
                .contains("maxSkew").contains("expected a number of at most 1000 digits, found one of 1200").doesNotContain("StreamReadConstraints");
        assertThat(errorsOf("apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: p}\nspec:\n  maxUnavailable: [1]\n"))
                .containsExactly("error: <stdin>:5: spec.maxUnavailable: expected an integer or a string such as \"25%\", found a list");
        // A list element with nothing in it reached the engine as null (a NullPointerException on an EndpointSlice).
        assertThat(errorsOf("apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: e}\naddressType: IPv4\n"
                + "endpoints:\n  -\n  - addresses: [10.0.0.1]\n")).containsExactly(
                "error: <stdin>:6: endpoints[0]: an empty list element; remove it or give it a value");
        // "{app: web, tier:x}" has a key "tier:x" without a value: a null label value reached the engine (a NullPointerException).
        assertThat(errorsOf("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: web}}\n"
                + "  template:\n    metadata:\n      labels: {app: web, tier:x}\n")).containsExactly(
                "error: <stdin>:8: spec.template.metadata.labels.tier:x: no value; write '' for an empty one");
        // An empty document is no document; an empty kind is no kind.
        Run empty = runWithStdin("~\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n", "audit", "-", "-o", "json");
        assertThat(empty.out()).contains("\"documents\" : 1,");
        assertThat(errorsOf("apiVersion: apps/v1\nkind: ''\nmetadata: {name: d}\n")).containsExactly(
                "error: <stdin>:1: expected a Kubernetes object: apiVersion and kind must be text, not empty");
    }

    /** A value of the input quoted in an error is cut short: a kind of 100,000 letters made a 100 KB line and a slow suggestion. */
    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void longValuesAreQuotedShort() {
        String kind = "Deploy" + "x".repeat(100_000);
        assertThat(errorsOf("apiVersion: apps/v1\nkind: " + kind + "\nmetadata: {name: d}\n")).containsExactly(
                "error: <stdin>:1: unknown kind Deploy" + "x".repeat(51) + "... in apps/v1");
        assertThat(errorsOf("just text " + "y".repeat(500) + "\n")).containsExactly(
                "error: <stdin>:1: expected a Kubernetes object (a mapping), found the text \"just text " + "y".repeat(47) + "...\"");
    }

    /** YAML as kubectl reads it: anchors, aliases and merge keys resolved; bombs and trailing garbage refused. */
    @Test
    void anchorsAliasesAndMergeKeysAreReadAsKubectlReadsThem(@TempDir Path dir) throws IOException {
        Path anchors = Files.writeString(dir.resolve("anchors.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 2
                  selector:
                    matchLabels: &labels {app: web}
                  template:
                    metadata:
                      labels:
                        <<: *labels
                        tier: front
                    spec:
                      topologySpreadConstraints:
                        - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: *labels}}
                      containers: [{name: web, image: nginx}]
                ---
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: web}
                spec: {maxUnavailable: 1, unhealthyPodEvictionPolicy: AlwaysAllow, selector: {matchLabels: {app: web}}}
                """);
        Run run = run("audit", anchors.toString(), "--fail-on", "info");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("1 workload(s) without findings");

        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            bomb.append(c).append(": &").append(c).append(" [").append(("*" + (char) (c - 1) + ", ").repeat(8)).append('*')
                    .append((char) (c - 1)).append("]\n");
        }
        Path laughs = Files.writeString(dir.resolve("laughs.yaml"), bomb + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\n");
        Path trailing = Files.writeString(dir.resolve("trailing.json"), "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": "
                + "{\"name\": \"x\"}} garbage\n");
        Run refused = run("audit", laughs.toString(), trailing.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err().lines().toList()).containsExactly(
                "error: " + laughs + ":1: not valid YAML: more than 50 aliases to lists or mappings: not expanded (a YAML bomb?)",
                "error: " + trailing + ":1: not valid YAML: more content after the end of the document (one object per document; "
                        + "separate them with ---)");
    }

    /** Objects the API server would refuse are refused here, at the field's line, and not judged. */
    @Test
    void objectsTheApiServerWouldRefuseAreRefused(@TempDir Path dir) throws IOException {
        Path refused = Files.writeString(dir.resolve("refused.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: negative}
                spec:
                  replicas: -1
                  selector: {matchLabels: {app: x}}
                  template:
                    metadata: {labels: {app: y}}
                    spec: {containers: [{name: c, image: nginx}]}
                ---
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: both}
                spec:
                  minAvailable: 1
                  maxUnavailable: 1
                  selector: {matchLabels: {app: x}}
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: nameless}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment}
                  maxReplicas: 3
                """);
        Run run = run("audit", refused.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines().toList()).containsExactly(
                "error: " + refused + ":5: Deployment negative: spec.replicas: must be at least 0, got -1",
                "error: " + refused + ":8: Deployment negative: spec.template.metadata.labels: the selector app=x does not select the "
                        + "template's labels",
                "error: " + refused + ":16: PodDisruptionBudget both: spec: minAvailable and maxUnavailable cannot both be set",
                "error: " + refused + ":23: HorizontalPodAutoscaler nameless: spec.scaleTargetRef: kind and name are required");
    }

    /** An owner reference the API server would refuse (found by ManifestReaderProperties: a nameless ReplicaSet owner). */
    @Test
    void anOwnerReferenceWithoutNameIsRefusedAtItsLine(@TempDir Path dir) throws IOException {
        Path refused = Files.writeString(dir.resolve("owned.yaml"), """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web-1
                  ownerReferences:
                    - {apiVersion: apps/v1, kind: ReplicaSet, uid: rs-uid, controller: true}
                spec: {containers: [{name: c, image: nginx}]}
                """);
        Run run = run("audit", refused.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines().toList()).containsExactly(
                "error: " + refused + ":6: Pod web-1: metadata.ownerReferences[0].name: required");
    }

    /** kubectl reads an unquoted off as false; the error says so instead of naming Java types. */
    @Test
    void anUnquotedOffIsExplained(@TempDir Path dir) throws IOException {
        Path policy = Files.writeString(dir.resolve("policy.yaml"),
                "apiVersion: nospof.dev/v1alpha1\nkind: RedundancyPolicy\nmetadata: {name: p}\nspec:\n  defaultMode: off\n");
        Run run = run("audit", SHOP, "--policy", policy.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines().toList()).containsExactly("error: " + policy + ":5: spec.defaultMode: found true or false: YAML "
                + "reads an unquoted on, off, yes or no as a boolean; quote it (\"off\"); expected one of off, audit, warn, enforce, remediate");
    }

    /** A kind or version nospof would not read is an error that says what to write; kinds it does not judge are counted. */
    @Test
    void unknownKindsAndVersionsAreErrorsAndOtherKindsAreCounted(@TempDir Path dir) throws IOException {
        String body = "\nmetadata: {name: x}\nspec: {replicas: 1}\n";
        Path typo = Files.writeString(dir.resolve("typo.yaml"), "apiVersion: apps/v1\nkind: Deploymnet" + body);
        Path removed = Files.writeString(dir.resolve("removed.yaml"), "apiVersion: extensions/v1beta1\nkind: Deployment" + body);
        Path unserved = Files.writeString(dir.resolve("unserved.yaml"), "apiVersion: apps/v9\nkind: StatefulSet" + body);
        Run run = run("audit", typo.toString(), removed.toString(), unserved.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines().toList()).containsExactly(
                "error: " + typo + ":1: unknown kind Deploymnet in apps/v1: did you mean Deployment?",
                "error: " + removed + ":1: Deployment in extensions/v1beta1 is no longer served (removed in Kubernetes 1.16): use apps/v1",
                "error: " + unserved + ":1: StatefulSet is not served as apps/v9: use apps/v1");

        Path others = Files.writeString(dir.resolve("others.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n"
                + "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: d}\n---\n"
                + "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n");
        Run skipped = run("audit", others.toString());
        assertThat(skipped.exit()).isZero();
        assertThat(skipped.out()).contains("1 ConfigMap, 1 DaemonSet, 1 Widget skipped (kinds nospof does not judge)")
                .contains("Result: nothing audited: the input holds no workloads and no PodDisruptionBudgets.");
    }

    /** Symbolic links to directories are followed, a loop is said once; a named pipe is read like a file. */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void symlinkedDirectoriesAndPipesAreRead(@TempDir Path dir) throws Exception {
        Path apps = Files.createDirectories(dir.resolve("real/apps"));
        Files.copy(Path.of("deploy/examples/web-single-replica.yaml"), apps.resolve("web.yaml"));
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createSymbolicLink(root.resolve("linked"), dir.resolve("real"));
        Files.createSymbolicLink(apps.resolve("loop"), root);
        Run run = run("audit", root.toString(), "-o", "json");
        assertThat(JsonFormatter.JSON.readTree(run.out()).get("workloads")).hasSize(1);
        assertThat(run.err().lines().toList()).containsExactly(
                "warning: " + root.resolve("linked/apps/loop") + ": symbolic link loop, not followed");

        Path fifo = dir.resolve("pipe");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Thread writer = new Thread(() -> {
            try (var out = Files.newOutputStream(fifo)) {
                Files.copy(Path.of("deploy/examples/web-single-replica.yaml"), out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        Run piped = run("audit", fifo.toString());
        writer.join();
        assertThat(piped.exit()).as(piped.err()).isEqualTo(1);
        assertThat(piped.out()).contains(fifo + ":2  Deployment nospof-demo/web");
    }

    /** A pattern that a backtracking regular expression never finishes on; the timeout only guards against a hang. */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aHostileExemptionPatternAndOversizedNumbersDoNotHangOrOverflow(@TempDir Path dir) throws IOException {
        String name = "a".repeat(200);
        Path workload = Files.writeString(dir.resolve("long.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %s}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: long}}
                  template:
                    metadata: {labels: {app: long}}
                    spec: {containers: [{name: app, image: nginx:1.27}]}
                """.formatted(name));
        Path hostile = Files.writeString(dir.resolve("hostile.yaml"), """
                apiVersion: nospof.dev/v1alpha1
                kind: RedundancyPolicy
                metadata: {name: hostile}
                spec:
                  exemptions: [{workloads: "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", checks: [single-replica], reason: hostile}]
                """);
        Run run = run("audit", workload.toString(), "--policy", hostile.toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("single-replica");

        Path huge = Files.writeString(dir.resolve("huge.yaml"), """
                apiVersion: nospof.dev/v1alpha1
                kind: RedundancyPolicy
                metadata: {name: huge}
                spec:
                  thresholds: {minReplicas: 5000}
                """);
        Run refused = run("audit", workload.toString(), "--policy", huge.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("spec.thresholds.minReplicas: must be at most 1000, got 5000");
    }

    @Test
    void sarifLocatesEveryResultAndSuppressesExemptions() throws IOException {
        JsonNode sarif = JsonFormatter.JSON.readTree(run("audit", SHOP, "--policy", POLICY, "-o", "sarif").out());
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        JsonNode run = sarif.get("runs").get(0);
        assertThat(run.at("/tool/driver/name").asText()).isEqualTo("nospof");
        for (JsonNode result : run.get("results")) {
            assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).startsWith("src/test/resources/cli/shop/");
            assertThat(result.at("/locations/0/physicalLocation/region/startLine").asInt()).isPositive();
            assertThat(run.at("/tool/driver/rules/" + result.get("ruleIndex").asInt() + "/id").asText()).isEqualTo(result.get("ruleId").asText());
        }
        assertThat(run.get("results")).filteredOn(r -> r.has("suppressions")).hasSize(2);
        assertThat(run.at("/properties/notEvaluated")).isNotEmpty();
    }

    @Test
    void junitIsWellFormedAndAgreesWithTheExitCode() throws Exception {
        Run run = run("audit", SHOP, "-o", "junit");
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)));
        int failures = Integer.parseInt(xml.getDocumentElement().getAttribute("failures"));
        assertThat(failures).isPositive();
        assertThat(run.exit()).isEqualTo(1);

        Run passing = run("audit", SHOP, "-o", "junit", "--fail-on", "critical");
        Document none = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(passing.out().getBytes(StandardCharsets.UTF_8)));
        assertThat(none.getDocumentElement().getAttribute("failures")).isEqualTo("0");
        assertThat(passing.exit()).isZero();
    }
}
