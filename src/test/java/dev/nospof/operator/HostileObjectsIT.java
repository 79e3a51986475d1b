package dev.nospof.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nospof.policy.RedundancyPolicy;
import dev.nospof.report.ClusterSpofReport;
import dev.nospof.report.SpofReport;
import dev.nospof.testing.CommandResult;
import dev.nospof.testing.ControlPlane;
import dev.nospof.testing.OperatorProcess;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Objects the API server accepted before the CRDs bounded their integers (stored under an older
 * schema, or written while it was loose): a RedundancyPolicy with {@code minReplicas: 3000000000}
 * and a SpofReport whose status claims 3000000000 findings, both beyond what Java holds in an
 * int. Decoding them used to stop the informers for good (the operator exited at start). Now the
 * operator starts, marks the policy invalid, rewrites the report, and keeps reporting changes.
 * A control plane of its own: the CRDs are loosened and restored. Also: reports whose workload
 * is gone are deleted, and SIGTERM ends an operator whose start cannot finish.
 */
class HostileObjectsIT {

    static final Path PROJECT = Path.of(System.getProperty("nospof.projectDir", ".")).toAbsolutePath();
    static final String NAMESPACE = "hostile";

    static ControlPlane plane;
    static KubernetesClient client;
    static OperatorProcess operator;

    @BeforeAll
    static void storeHostileObjectsThenStartTheOperator() throws Exception {
        plane = ControlPlane.start(PROJECT);
        client = plane.client();
        applyCrdsWithoutMaximums();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE)
                .withLabels(Map.of("hostile", "yes")).endMetadata().build()).create();
        apply("""
                apiVersion: nospof.dev/v1alpha1
                kind: RedundancyPolicy
                metadata: {name: overflow}
                spec:
                  selector: {namespaceSelector: {matchLabels: {hostile: "yes"}}}
                  thresholds: {minReplicas: 3000000000}
                ---
                apiVersion: nospof.dev/v1alpha1
                kind: SpofReport
                metadata: {name: deployment-victim, namespace: %s, labels: {nospof.dev/workload-kind: deployment}}
                spec: {workload: {apiVersion: apps/v1, kind: Deployment, name: victim}}
                """.formatted(NAMESPACE));
        CommandResult status = plane.kubectl("patch", "spofreport", "deployment-victim", "-n", NAMESPACE,
                "--type=merge", "-p", "{\"status\":{\"findingCount\":3000000000}}");
        assertThat(status.exitCode()).as(status.output()).isZero();
        storeObjectsThatDoNotDecode();
        plane.applyCrds(PROJECT.resolve("deploy/crds")); // bounded again; stored objects stay as they are
        create(SpofReportIT.deployment("victim", 1));

        // Reports of workloads that do not exist, and one that does not say which kind its workload is
        // (nothing to ask the API server about: kept).
        apply(orphanReport("deployment-ghost", "ghost") + "---\n" + """
                apiVersion: nospof.dev/v1alpha1
                kind: SpofReport
                metadata: {name: deployment-kindless, namespace: %s, labels: {nospof.dev/workload-kind: deployment}}
                spec: {workload: {name: kindless}}
                """.formatted(NAMESPACE));

        // A workload whose namespace is being deleted (no namespace controller here: it stays so).
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("going").endMetadata().build()).create();
        var going = SpofReportIT.deployment("web", 1);
        going.getMetadata().setNamespace("going");
        client.resource(going).create();
        client.namespaces().withName("going").delete();

        // A pod whose controller does not exist (no garbage collector here: it stays).
        apply("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: stranded
                  namespace: %s
                  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: vanished-5d4f, uid: 3f1c2c52-0d1e-4c55-9d0a-6b0f5f9d2a11,
                                     controller: true}]
                spec: {containers: [{name: app, image: registry.example/app:1}]}
                """.formatted(NAMESPACE));

        operator = OperatorProcess.start(PROJECT, plane.kubeconfig(), Map.of("NOSPOF_ORPHANS_SWEEP_INTERVAL", "2s"));
    }

    @AfterAll
    static void stop() {
        if (operator != null) {
            operator.close();
        }
        if (plane != null) {
            plane.stop();
        }
    }

    @Test
    void anOverflowingPolicyIsInvalidAndSaysWhy() {
        await("policy status").atMost(Duration.ofSeconds(30)).until(() -> {
            RedundancyPolicy policy = client.resources(RedundancyPolicy.class).withName("overflow").get();
            return policy.getStatus() != null && Boolean.FALSE.equals(policy.getStatus().getValid());
        });
        assertThat(client.resources(RedundancyPolicy.class).withName("overflow").get().getStatus().getMessage())
                .contains("spec.thresholds.minReplicas: must be at most 1000, got a number too large to hold");
    }

    /**
     * Objects that do not decode are skipped and said (the policy's status, the log once, a metric,
     * the cluster report), nospof's own are rewritten, and the operator stays ready and live.
     */
    @Test
    void objectsThatDoNotDecodeAreSkippedAndListedNotAStoppedWatch() {
        String problem = "spec.thresholds.minReplicas: expected an integer";
        await("the mistyped policy's status").atMost(Duration.ofSeconds(30)).until(() -> {
            RedundancyPolicy policy = client.resources(RedundancyPolicy.class).withName("mistyped").get();
            return policy.getStatus() != null && Boolean.FALSE.equals(policy.getStatus().getValid());
        });
        assertThat(client.resources(RedundancyPolicy.class).withName("mistyped").get().getStatus().getMessage()).isEqualTo(problem);
        await("listed in the cluster report").atMost(Duration.ofSeconds(30)).until(() -> undecodableListed()
                .contains("RedundancyPolicy mistyped: " + problem));
        assertThat(operator.log().split(java.util.regex.Pattern.quote("RedundancyPolicy mistyped: does not decode: " + problem), -1))
                .as("logged once").hasSize(2);
        assertThat(operator.metrics()).contains("nospof_undecodable_objects{kind=\"RedundancyPolicy\"} 1.0");

        // nospof's own objects that another writer left undecodable are rewritten.
        await("deployment-mangled rewritten").atMost(Duration.ofSeconds(30))
                .until(() -> report("deployment-mangled").map(r -> "single-replica".equals(r.getStatus().getFailingChecks())).orElse(false));
        await("the cluster report rewritten").atMost(Duration.ofSeconds(30)).until(() -> {
            var cluster = client.resources(ClusterSpofReport.class).withName(ClusterSpofReport.NAME).get();
            return cluster.getStatus() != null && cluster.getStatus().undecodable() == null && cluster.getStatus().getNodes() != null;
        });
        assertThat(operator.log()).contains("SpofReport hostile/deployment-mangled: does not decode: status.findings[0].exempted: "
                + "expected true or false").contains("SpofReport hostile/deployment-mangled: replaced as nospof writes it");

        assertThat(operator.readiness()).contains("\"status\": \"UP\"");
        assertThat(operator.liveness()).contains("\"status\": \"UP\"").contains("nospof informers");

        client.resources(RedundancyPolicy.class).withName("mistyped").delete();
        await("no longer listed once deleted").atMost(Duration.ofSeconds(30)).until(() -> !undecodableListed().contains("mistyped"));
        assertThat(operator.metrics()).contains("nospof_undecodable_objects{kind=\"RedundancyPolicy\"} 0.0");
    }

    private static String undecodableListed() {
        var cluster = client.resources(ClusterSpofReport.class).withName(ClusterSpofReport.NAME).get();
        return cluster == null || cluster.getStatus() == null ? "" : String.valueOf(cluster.getStatus().getUndecodableObjects());
    }

    @Test
    void anOverflowingReportIsRewrittenAndLaterChangesAreReported() {
        await("deployment-victim rewritten").atMost(Duration.ofSeconds(30))
                .until(() -> report("deployment-victim").map(r -> Integer.valueOf(1).equals(r.getStatus().getFindingCount())).orElse(false));
        // The invalid policy selects nothing: the default minimum of 2 applies.
        assertThat(report("deployment-victim").orElseThrow().getStatus().getFailingChecks()).isEqualTo("single-replica");

        create(SpofReportIT.deployment("later", 1));
        await("a later workload reported").atMost(Duration.ofSeconds(30))
                .until(() -> report("deployment-later").map(r -> "single-replica".equals(r.getStatus().getFailingChecks())).orElse(false));
        assertThat(operator.readiness()).contains("\"status\": \"UP\"");
    }

    /** Nothing recreates a pod whose ReplicaSet is gone: it is reported as a bare pod is, saying why. */
    @Test
    void aPodWhoseControllerDoesNotExistIsUnmanaged() {
        await("pod-stranded reported").atMost(Duration.ofSeconds(30)).until(() -> report("pod-stranded").isPresent());
        var finding = report("pod-stranded").orElseThrow().getStatus().getFindings().stream()
                .filter(f -> "unmanaged-pod".equals(f.getCheck())).findFirst().orElseThrow();
        assertThat(finding.getMessage()).isEqualTo("Pod stranded is owned by ReplicaSet vanished-5d4f, which does not exist: "
                + "when it or its node fails, nothing recreates it");
        assertThat(operator.log()).contains("Pod hostile/stranded: its controller ReplicaSet vanished-5d4f does not exist");
    }

    /** The API server refuses new reports in a namespace being deleted: one line in the log, no retries, no stack trace. */
    @Test
    void aTerminatingNamespaceIsOneLineNotAStackTraceLoop() {
        String line = "Deployment going/web: no report, its namespace is being deleted";
        await("the refusal logged").atMost(Duration.ofSeconds(30)).until(() -> operator.log().contains(line));
        assertThat(operator.log().split(java.util.regex.Pattern.quote(line), -1)).as("logged once").hasSize(2);
        assertThat(operator.log()).doesNotContain("being terminated");
    }

    /** Whatever failed in this run (refusals, undecodable objects, replaced reports) was said in lines, never a stack trace. */
    @Test
    void failuresAreLinesNotStackTraces() {
        await("the hostile objects handled").atMost(Duration.ofSeconds(30))
                .until(() -> operator.log().contains("SpofReport hostile/deployment-mangled: replaced as nospof writes it"));
        assertThat(operator.log()).doesNotContain("\tat ").doesNotContain("Caused by");
    }

    /** Orphaned reports go when the leader starts and, later ones, at the next sweep; others stay. */
    @Test
    void reportsOfWorkloadsThatDoNotExistAreDeleted() throws Exception {
        await("orphan deleted at start").atMost(Duration.ofSeconds(30)).until(() -> reportObject("deployment-ghost") == null);
        apply(orphanReport("deployment-later-ghost", "later-ghost"));
        await("orphan deleted by the next sweep").atMost(Duration.ofSeconds(30))
                .until(() -> reportObject("deployment-later-ghost") == null);
        assertThat(operator.log()).contains("deleted SpofReport hostile/deployment-ghost: its Deployment ghost no longer exists");
        assertThat(reportObject("deployment-kindless")).as("no kind to look its workload up by: kept").isNotNull();
        assertThat(reportObject("deployment-victim")).as("its workload exists").isNotNull();
    }

    private static SpofReport reportObject(String name) {
        return client.resources(SpofReport.class).inNamespace(NAMESPACE).withName(name).get();
    }

    private static String orphanReport(String name, String workload) {
        return """
                apiVersion: nospof.dev/v1alpha1
                kind: SpofReport
                metadata: {name: %s, namespace: %s, labels: {nospof.dev/workload-kind: deployment}}
                spec: {workload: {apiVersion: apps/v1, kind: Deployment, name: %s}}
                """.formatted(name, NAMESPACE, workload);
    }

    /**
     * An operator that cannot finish starting (its ServiceAccount may read nothing: informers
     * retry for ever) still ends at once on SIGTERM, instead of making Kubernetes wait out the
     * grace period.
     */
    @Test
    void sigtermEndsAnOperatorStuckStarting() throws Exception {
        client.serviceAccounts().inNamespace(NAMESPACE).resource(new io.fabric8.kubernetes.api.model.ServiceAccountBuilder()
                .withNewMetadata().withName("nobody").endMetadata().build()).create();
        OperatorProcess stuck = OperatorProcess.launch(PROJECT, plane.kubeconfigFor("nobody", NAMESPACE), Map.of());
        try {
            await("the start is stuck on refused lists").atMost(Duration.ofMinutes(1))
                    .until(() -> stuck.log().contains("forbidden"));
            assertThat(stuck.isAlive()).isTrue();
            stuck.terminate();
            assertThat(stuck.awaitExit(Duration.ofSeconds(20))).as("exits on SIGTERM:\n" + stuck.tail()).isTrue();
            assertThat(stuck.exitCode()).isEqualTo(143);
            assertThat(stuck.log()).contains("nospof: SIGTERM while still starting; exiting now");
        } finally {
            stuck.close();
        }
    }

    private static java.util.Optional<SpofReport> report(String name) {
        return java.util.Optional.ofNullable(client.resources(SpofReport.class).inNamespace(NAMESPACE).withName(name).get())
                .filter(r -> r.getStatus() != null);
    }

    private static void create(io.fabric8.kubernetes.api.model.apps.Deployment deployment) {
        deployment.getMetadata().setNamespace(NAMESPACE);
        client.resource(deployment).create();
    }

    private static void apply(String manifest) throws Exception {
        Path file = Files.createTempFile("nospof-hostile-", ".yaml");
        Files.writeString(file, manifest);
        CommandResult applied = plane.kubectl("apply", "-f", file.toString());
        Files.delete(file);
        assertThat(applied.exitCode()).as(applied.output()).isZero();
    }

    /**
     * With every spec and status schemaless for a moment, objects whose fields have the wrong type:
     * a policy, a report's status (another writer), the cluster report's status.
     */
    private static void storeObjectsThatDoNotDecode() throws Exception {
        Path schemaless = Files.createTempDirectory("nospof-schemaless-crds-");
        try (Stream<Path> files = Files.list(PROJECT.resolve("deploy/crds"))) {
            for (Path file : files.toList()) {
                var crd = client.apiextensions().v1().customResourceDefinitions().load(file.toFile()).item();
                crd.getSpec().getVersions().forEach(version -> {
                    var properties = version.getSchema().getOpenAPIV3Schema().getProperties();
                    for (String part : List.of("spec", "status")) {
                        properties.put(part, new JSONSchemaPropsBuilder().withType("object").withXKubernetesPreserveUnknownFields(true).build());
                    }
                    version.getSchema().getOpenAPIV3Schema().setXKubernetesValidations(null);
                });
                Files.writeString(schemaless.resolve(file.getFileName()), client.getKubernetesSerialization().asYaml(crd));
            }
        }
        plane.applyCrds(schemaless);
        create(SpofReportIT.deployment("mangled", 1));
        apply("""
                apiVersion: nospof.dev/v1alpha1
                kind: RedundancyPolicy
                metadata: {name: mistyped}
                spec:
                  selector: {namespaceSelector: {matchLabels: {hostile: "yes"}}}
                  thresholds: {minReplicas: three}
                ---
                apiVersion: nospof.dev/v1alpha1
                kind: SpofReport
                metadata: {name: deployment-mangled, namespace: %s, labels: {nospof.dev/workload-kind: deployment}}
                spec: {workload: {apiVersion: apps/v1, kind: Deployment, name: mangled}}
                ---
                apiVersion: nospof.dev/v1alpha1
                kind: ClusterSpofReport
                metadata: {name: cluster}
                """.formatted(NAMESPACE));
        // A SpofReport's status is part of the object (its CRD has no status subresource); the cluster report's is not.
        for (List<String> patch : List.of(
                List.of("spofreport", "deployment-mangled", "-n", NAMESPACE, "-p", "{\"status\":{\"findings\":[{\"check\":\"x\",\"exempted\":{\"yes\":1}}]}}"),
                List.of("clusterspofreport", "cluster", "-p", "{\"status\":{\"nodes\":{\"count\":3}}}", "--subresource=status"))) {
            List<String> command = new java.util.ArrayList<>(List.of("patch"));
            command.addAll(patch);
            command.add("--type=merge");
            CommandResult patched = plane.kubectl(command.toArray(String[]::new));
            assertThat(patched.exitCode()).as(patched.output()).isZero();
        }
    }

    /** The CRDs as they were before integers were bounded. */
    private static void applyCrdsWithoutMaximums() throws Exception {
        Path loose = Files.createTempDirectory("nospof-loose-crds-");
        List<Path> crds;
        try (Stream<Path> files = Files.list(PROJECT.resolve("deploy/crds"))) {
            crds = files.toList();
        }
        for (Path crd : crds) {
            Files.writeString(loose.resolve(crd.getFileName()), Files.readAllLines(crd).stream()
                    .filter(line -> !line.trim().startsWith("maximum:")).reduce("", (a, b) -> a + b + "\n"));
        }
        plane.applyCrds(loose);
    }
}
