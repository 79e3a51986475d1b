package dev.nospof.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nospof.policy.RedundancyPolicy;
import dev.nospof.report.FindingFix;
import dev.nospof.report.Remediated;
import dev.nospof.report.ReportFinding;
import dev.nospof.report.SpofReport;
import dev.nospof.testing.ClusterExtension;
import dev.nospof.testing.CommandResult;
import dev.nospof.testing.TestCluster;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Remediation as a user sees it on a real API server: what nospof changes (server-side apply,
 * field manager nospof), what it leaves alone, and what the report and the Events say. Each
 * policy selects workloads of this class's namespace by a label of the workload
 * ({@code fix: apply}, {@code fix: pdb}, {@code fix: spread}, {@code fix: dry-run}), so no other test class is touched.
 */
@ExtendWith(ClusterExtension.class)
class RemediationIT {

    static TestCluster cluster;

    private static final Duration WITHIN = Duration.ofSeconds(30);

    @BeforeAll
    static void policies() {
        cluster.client().namespaces().withName(cluster.namespace())
                .edit(ns -> { ns.getMetadata().setLabels(Map.of("nospof-it", cluster.namespace())); return ns; });
        apply(policy("remediation-apply", "apply", "checks: {single-replica: remediate, hpa-min-replicas: remediate, missing-pdb: remediate}"));
        apply(policy("remediation-pdb", "pdb", "checks: {missing-pdb: remediate}"));
        apply(policy("remediation-spread", "spread", "checks: {missing-spread: remediate}"));
        apply(policy("remediation-dry-run", "dry-run",
                "checks: {single-replica: remediate, missing-pdb: remediate}\n  remediate: {dryRun: true}"));
    }

    @AfterAll
    static void deletePolicies() {
        cluster.client().resources(RedundancyPolicy.class).withLabel("nospof-it", cluster.namespace()).delete();
    }

    @Test
    void aPdbIsCreatedOwnedAndLabelledThenDeletedWhenTheWorkloadIsScaledToOne() {
        apply(deployment("web", "pdb", 3, ""));
        PodDisruptionBudget pdb = awaitPdb("web-nospof");
        Deployment web = deployment("web");
        assertThat(pdb.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "nospof");
        assertThat(pdb.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("Deployment");
            assertThat(owner.getName()).isEqualTo("web");
            assertThat(owner.getUid()).isEqualTo(web.getMetadata().getUid());
            assertThat(owner.getController()).isTrue();
        });
        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(pdb.getSpec().getUnhealthyPodEvictionPolicy()).isEqualTo("AlwaysAllow");
        assertThat(pdb.getSpec().getSelector().getMatchLabels()).isEqualTo(Map.of("app", "web"));
        assertThat(pdb.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager).containsOnly("nospof");

        SpofReport report = cluster.awaitReport("deployment-web", r -> !remediated(r).isEmpty());
        assertThat(TestCluster.checks(report)).doesNotContain("missing-pdb");
        assertThat(remediated(report)).singleElement().satisfies(r -> {
            assertThat(r.getCheck()).isEqualTo("missing-pdb");
            assertThat(r.getAction()).isEqualTo("created PodDisruptionBudget web-nospof (maxUnavailable: 1)");
            assertThat(r.getPolicy()).isEqualTo("remediation-pdb");
        });
        awaitEvent("web", "created PodDisruptionBudget web-nospof (maxUnavailable: 1): policy remediation-pdb, check missing-pdb");

        // Another evaluation (a label change re-evaluates the workload) writes nothing.
        String pdbVersion = pdb.getMetadata().getResourceVersion();
        String reportVersion = cluster.reports().inNamespace(cluster.namespace()).withName("deployment-web").get().getMetadata()
                .getResourceVersion();
        long evaluations = evaluations();
        cluster.client().apps().deployments().inNamespace(cluster.namespace()).withName("web")
                .edit(d -> { d.getMetadata().getLabels().put("touched", "yes"); return d; });
        await("another evaluation").atMost(WITHIN).until(() -> evaluations() > evaluations);
        assertThat(pdb("web-nospof").map(p -> p.getMetadata().getResourceVersion())).contains(pdbVersion);
        assertThat(cluster.reports().inNamespace(cluster.namespace()).withName("deployment-web").get().getMetadata().getResourceVersion())
                .isEqualTo(reportVersion);

        // One replica: a budget would block every drain, so nospof takes its own away.
        scale("web", 1);
        await("web-nospof deleted").atMost(WITHIN).until(() -> pdb("web-nospof").isEmpty());
        awaitEvent("web", "deleted PodDisruptionBudget web-nospof that nospof created: the workload has 1 effective replica"
                + " (spec.replicas): a budget would block drains");
        assertThat(remediated(cluster.awaitReport("deployment-web", r -> remediated(r).isEmpty()))).isEmpty();
    }

    @Test
    void aUsersPdbIsNeverTouchedAndNospofsOwnGivesWayToIt() {
        apply(deployment("api", "pdb", 2, ""));
        awaitPdb("api-nospof");
        apply("""
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: api-users, namespace: %s}
                spec: {minAvailable: 1, selector: {matchLabels: {app: api}}}
                """.formatted(cluster.namespace()));
        String usersVersion = pdb("api-users").orElseThrow().getMetadata().getResourceVersion();
        await("api-nospof gives way to the user's budget").atMost(WITHIN).until(() -> pdb("api-nospof").isEmpty());
        SpofReport report = cluster.awaitReport("deployment-api", r -> !TestCluster.checks(r).contains("pdb-overlap"));
        assertThat(TestCluster.checks(report)).doesNotContain("missing-pdb", "pdb-overlap");

        // A workload whose pods a user's budget already selects never gets one of nospof's.
        apply(deployment("api-canary", "pdb", 2, "").replace("app: api-canary", "app: api"));
        cluster.awaitReport("deployment-api-canary", r -> true);
        assertThat(pdb("api-canary-nospof")).isEmpty();
        assertThat(pdb("api-users").orElseThrow().getMetadata().getResourceVersion()).isEqualTo(usersVersion);
    }

    @Test
    void replicasAreRaisedAndManagedFieldsShowNospofOwningOnlyThem() {
        apply(deployment("single", "apply", 1, ""));
        await("single raised to 2").atMost(WITHIN).until(() -> deployment("single").getSpec().getReplicas() == 2);
        ManagedFieldsEntry nospof = deployment("single").getMetadata().getManagedFields().stream()
                .filter(m -> m.getManager().equals("nospof")).findFirst().orElseThrow();
        assertThat(nospof.getOperation()).isEqualTo("Apply");
        assertThat(cluster.client().getKubernetesSerialization().asJson(nospof.getFieldsV1()))
                .isEqualTo("{\"f:spec\":{\"f:replicas\":{}}}");
        awaitEvent("single", "raised spec.replicas 1 → 2: policy remediation-apply, check single-replica");
        // Two replicas need a budget: made in the same evaluation.
        SpofReport report = cluster.awaitReport("deployment-single", r -> remediated(r).size() == 2);
        assertThat(TestCluster.checks(report)).doesNotContain("single-replica", "missing-pdb");
        assertThat(remediated(report)).extracting(Remediated::getAction)
                .containsExactly("raised spec.replicas 1 → 2", "created PodDisruptionBudget single-nospof (maxUnavailable: 1)");

        // Evaluated again (a budget in the namespace changes; it selects other pods): nothing is written.
        String deploymentVersion = deployment("single").getMetadata().getResourceVersion();
        String pdbVersion = pdb("single-nospof").orElseThrow().getMetadata().getResourceVersion();
        String reportVersion = report.getMetadata().getResourceVersion();
        long evaluations = evaluations();
        apply("""
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: unrelated, namespace: %s}
                spec: {maxUnavailable: 1, selector: {matchLabels: {app: unrelated}}}
                """.formatted(cluster.namespace()));
        await("another evaluation").atMost(WITHIN).until(() -> evaluations() > evaluations);
        assertThat(deployment("single").getMetadata().getResourceVersion()).isEqualTo(deploymentVersion);
        assertThat(pdb("single-nospof").orElseThrow().getMetadata().getResourceVersion()).isEqualTo(pdbVersion);
        assertThat(cluster.reports().inNamespace(cluster.namespace()).withName("deployment-single").get().getMetadata().getResourceVersion())
                .isEqualTo(reportVersion);
    }

    @Test
    void aSpreadConstraintIsAddedBesideTheUsersOwnAndManagedFieldsShowNospofOwningThatEntryOnly() {
        apply("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: spread, namespace: %s, labels: {fix: spread}}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: spread}}
                  template:
                    metadata: {labels: {app: spread}}
                    spec:
                      containers: [{name: app, image: registry.example/app:1}]
                      topologySpreadConstraints:
                        - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: spread}}}
                """.formatted(cluster.namespace()));
        await("a hostname constraint added").atMost(WITHIN).until(() -> deployment("spread").getSpec().getTemplate().getSpec()
                .getTopologySpreadConstraints().size() == 2);
        var constraints = deployment("spread").getSpec().getTemplate().getSpec().getTopologySpreadConstraints();
        assertThat(constraints).anySatisfy(c -> {
            assertThat(c.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone");
            assertThat(c.getWhenUnsatisfiable()).isEqualTo("DoNotSchedule");
        });
        assertThat(constraints).anySatisfy(c -> {
            assertThat(c.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
            assertThat(c.getWhenUnsatisfiable()).isEqualTo("ScheduleAnyway");
            assertThat(c.getMaxSkew()).isEqualTo(1);
            assertThat(c.getLabelSelector().getMatchLabels()).isEqualTo(Map.of("app", "spread"));
        });
        String owned = cluster.client().getKubernetesSerialization().asJson(deployment("spread").getMetadata().getManagedFields().stream()
                .filter(m -> m.getManager().equals("nospof")).findFirst().orElseThrow().getFieldsV1());
        assertThat(owned).isEqualTo("{\"f:spec\":{\"f:template\":{\"f:spec\":{\"f:topologySpreadConstraints\":{"
                + "\"k:{\\\"topologyKey\\\":\\\"kubernetes.io/hostname\\\",\\\"whenUnsatisfiable\\\":\\\"ScheduleAnyway\\\"}\":"
                + "{\".\":{},\"f:labelSelector\":{},\"f:maxSkew\":{},\"f:topologyKey\":{},\"f:whenUnsatisfiable\":{}}}}}}}");
        awaitEvent("spread", "added a topology spread constraint on kubernetes.io/hostname (ScheduleAnyway): policy remediation-spread,"
                + " check missing-spread");
    }

    @Test
    void anHpasFloorIsRaisedAndTheWorkloadsReplicasAreLeftToIt() {
        // Applied together, as users do: nospof waits for the workload to settle, so it sees the HPA before it acts.
        apply(deployment("scaled", "apply", 1, "") + """
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: scaled, namespace: %s}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: scaled}
                  minReplicas: 1
                  maxReplicas: 5
                  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}}]
                """.formatted(cluster.namespace()));
        await("the HPA's floor raised to 2").atMost(WITHIN).until(() -> hpa("scaled").getSpec().getMinReplicas() == 2);
        HorizontalPodAutoscaler hpa = hpa("scaled");
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(5);
        assertThat(hpa.getSpec().getMetrics()).hasSize(1); // nospof owns minReplicas only: the user's metrics stay
        assertThat(deployment("scaled").getSpec().getReplicas()).isEqualTo(1);
        assertThat(deployment("scaled").getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager).doesNotContain("nospof");
        awaitEvent("scaled", "raised minReplicas of HPA scaled 1 → 2: policy remediation-apply, check single-replica");
    }

    @Test
    void aKedaScaledObjectsFloorIsRaisedAndOneThatIdlesAtZeroIsLeftAlone() {
        apply(deployment("queue", "apply", 1, "") + """
                ---
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: queue, namespace: %1$s}
                spec:
                  scaleTargetRef: {name: queue}
                  minReplicaCount: 1
                  maxReplicaCount: 10
                  triggers: [{type: cpu, metadata: {value: "60"}}]
                """.formatted(cluster.namespace()) + "---\n" + deployment("nightly", "apply", 1, "") + """
                ---
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: nightly, namespace: %1$s}
                spec:
                  scaleTargetRef: {name: nightly}
                  minReplicaCount: 0
                  triggers: [{type: cron, metadata: {start: "0 1 * * *", end: "0 2 * * *"}}]
                """.formatted(cluster.namespace()));
        await("the ScaledObject's floor raised to 2").atMost(WITHIN).until(() -> minReplicaCount("queue") == 2);
        assertThat(deployment("queue").getSpec().getReplicas()).isEqualTo(1);
        awaitEvent("queue", "raised minReplicaCount of KEDA ScaledObject queue 1 → 2: policy remediation-apply, check single-replica");

        SpofReport nightly = cluster.awaitReport("deployment-nightly", r -> TestCluster.checks(r).contains("hpa-min-replicas"));
        assertThat(nightly.getStatus().getFindings()).allSatisfy(f -> assertThat(f.getFix()).as(f.getCheck()).isNull());
        assertThat(minReplicaCount("nightly")).isZero();
    }

    private static int minReplicaCount(String scaledObject) {
        var object = cluster.client().genericKubernetesResources("keda.sh/v1alpha1", "ScaledObject").inNamespace(cluster.namespace())
                .withName(scaledObject).get();
        return ((Number) ((Map<?, ?>) object.getAdditionalProperties().get("spec")).get("minReplicaCount")).intValue();
    }

    @Test
    void aWorkloadScaledToZeroOnPurposeIsNeverScaledUp() {
        apply(deployment("idle", "apply", 0, ""));
        SpofReport report = cluster.awaitReport("deployment-idle", r -> TestCluster.checks(r).contains("single-replica"));
        assertThat(report.getStatus().getHighestSeverity()).isEqualTo("info");
        assertThat(deployment("idle").getSpec().getReplicas()).isZero();
        assertThat(pdb("idle-nospof")).isEmpty();
    }

    @Test
    void aWorkloadArgoCdManagesIsNotChangedAndItsFindingCarriesThePatchForGit() {
        apply(deployment("gitops", "apply", 1, "annotations: {argocd.argoproj.io/tracking-id: \"shop:apps/Deployment:ns/gitops\"}"));
        SpofReport report = cluster.awaitReport("deployment-gitops", r -> fix(r, "single-replica").isPresent());
        FindingFix fix = fix(report, "single-replica").orElseThrow();
        assertThat(fix.getState()).isEqualTo("gitops");
        assertThat(fix.getAction()).isEqualTo("raise spec.replicas of Deployment gitops from 1 to 2");
        assertThat(fix.getReason()).contains("managed by Argo CD (argocd.argoproj.io/tracking-id: shop:apps/Deployment:ns/gitops)")
                .contains("set remediate.force in policy remediation-apply");
        assertThat(fix.getPatch()).contains("kind: Deployment").contains("name: gitops").contains("replicas: 2");
        assertThat(deployment("gitops").getSpec().getReplicas()).isEqualTo(1);
        assertThat(deployment("gitops").getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager).doesNotContain("nospof");
    }

    @Test
    void aDryRunReportsTheExactChangeAndMakesNone() {
        apply(deployment("preview", "dry-run", 1, ""));
        SpofReport report = cluster.awaitReport("deployment-preview", r -> fix(r, "single-replica").isPresent());
        FindingFix fix = fix(report, "single-replica").orElseThrow();
        assertThat(fix.getState()).isEqualTo("dry-run");
        assertThat(fix.getReason()).isEqualTo("dry run (policy remediation-dry-run sets remediate.dryRun): would raise spec.replicas of"
                + " Deployment preview from 1 to 2");
        assertThat(fix.getPatch()).isEqualTo("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: preview
                  namespace: %s
                spec:
                  replicas: 2
                """.formatted(cluster.namespace()));
        assertThat(deployment("preview").getSpec().getReplicas()).isEqualTo(1);
    }

    @Test
    void nospofsPdbGoesWhenTheWorkloadIsIgnoredOrThePolicyNoLongerRemediates() {
        apply(deployment("ignored", "pdb", 2, ""));
        awaitPdb("ignored-nospof");
        cluster.client().apps().deployments().inNamespace(cluster.namespace()).withName("ignored")
                .edit(d -> { d.getMetadata().setAnnotations(Map.of("nospof.dev/ignore", "*", "nospof.dev/ignore-reason", "a test")); return d; });
        await("ignored-nospof deleted").atMost(WITHIN).until(() -> pdb("ignored-nospof").isEmpty());

        apply(deployment("moved", "pdb", 2, ""));
        awaitPdb("moved-nospof");
        cluster.client().apps().deployments().inNamespace(cluster.namespace()).withName("moved")
                .edit(d -> { d.getMetadata().getLabels().put("fix", "dry-run"); return d; });
        await("moved-nospof deleted").atMost(WITHIN).until(() -> pdb("moved-nospof").isEmpty());
        SpofReport report = cluster.awaitReport("deployment-moved", r -> fix(r, "missing-pdb").isPresent());
        assertThat(fix(report, "missing-pdb").orElseThrow().getState()).isEqualTo("dry-run");
    }

    private static String policy(String name, String fix, String specBody) {
        return """
                apiVersion: nospof.dev/v1alpha1
                kind: RedundancyPolicy
                metadata:
                  name: %s
                  labels: {nospof-it: %s}
                spec:
                  selector:
                    namespaceSelector: {matchLabels: {nospof-it: %s}}
                    objectSelector: {matchLabels: {fix: %s}}
                  %s
                """.formatted(name, cluster.namespace(), cluster.namespace(), fix, specBody);
    }

    private static String deployment(String name, String fix, int replicas, String metadata) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                  namespace: %2$s
                  labels: {fix: %3$s}
                  %5$s
                spec:
                  replicas: %4$d
                  selector: {matchLabels: {app: %1$s}}
                  template:
                    metadata: {labels: {app: %1$s}}
                    spec:
                      containers: [{name: app, image: registry.example/app:1}]
                      topologySpreadConstraints:
                        - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: %1$s}}}
                """.formatted(name, cluster.namespace(), fix, replicas, metadata);
    }

    private static void apply(String manifest) {
        CommandResult result = cluster.kubectlApply(manifest);
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private static void scale(String deployment, int replicas) {
        CommandResult result = cluster.kubectl("scale", "deployment/" + deployment, "-n", cluster.namespace(), "--replicas=" + replicas);
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private static Deployment deployment(String name) {
        return cluster.client().apps().deployments().inNamespace(cluster.namespace()).withName(name).get();
    }

    private static HorizontalPodAutoscaler hpa(String name) {
        return cluster.client().autoscaling().v2().horizontalPodAutoscalers().inNamespace(cluster.namespace()).withName(name).get();
    }

    private static Optional<PodDisruptionBudget> pdb(String name) {
        return Optional.ofNullable(cluster.client().policy().v1().podDisruptionBudget().inNamespace(cluster.namespace()).withName(name).get());
    }

    private static PodDisruptionBudget awaitPdb(String name) {
        await(name + " created").atMost(WITHIN).until(() -> pdb(name).isPresent());
        return pdb(name).orElseThrow();
    }

    private static List<Remediated> remediated(SpofReport report) {
        return report.getStatus() == null || report.getStatus().getRemediated() == null ? List.of() : report.getStatus().getRemediated();
    }

    private static Optional<FindingFix> fix(SpofReport report, String check) {
        return report.getStatus().getFindings().stream().filter(f -> f.getCheck().equals(check)).map(ReportFinding::getFix)
                .filter(java.util.Objects::nonNull).findFirst();
    }

    private static void awaitEvent(String workload, String message) {
        Predicate<Event> matches = e -> "SpofRemediated".equals(e.getReason()) && workload.equals(e.getInvolvedObject().getName())
                && message.equals(e.getMessage());
        await("Event on " + workload + ": " + message).atMost(WITHIN)
                .until(() -> cluster.client().v1().events().inNamespace(cluster.namespace()).list().getItems().stream().anyMatch(matches));
    }

    private static long evaluations() {
        return cluster.operatorMetrics().lines().filter(l -> l.startsWith("nospof_reconcile_duration_seconds_count{kind=\"deployment\""))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
