package dev.nospof.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nospof.report.SpofReport;
import dev.nospof.testing.ClusterExtension;
import dev.nospof.testing.CommandResult;
import dev.nospof.testing.OwnCluster;
import dev.nospof.testing.TestCluster;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Argo Rollouts and KEDA installed after nospof, then removed, on a control plane of its own that
 * starts without either CRD: nospof picks each up when its CRD is applied, without a restart, and
 * lets go of it when the CRD is deleted.
 */
@OwnCluster
@ExtendWith(ClusterExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OptionalIntegrationsIT {

    static TestCluster cluster;

    private static final String ROLLOUT_CRD = "src/test/resources/crds/argo-rollout-stand-in.yaml";
    private static final String KEDA_CRD = "src/test/resources/crds/keda-scaledobject-stand-in.yaml";
    private static final String PROMETHEUS_CRD = "src/test/resources/crds/prometheus-stand-in.yaml";
    private static final String CNPG_CRD = "src/test/resources/crds/cnpg-cluster-stand-in.yaml";
    private static final String REDIS_CRD = "src/test/resources/crds/rediscluster-example.yaml";
    private static final Duration WITHIN_SECONDS = Duration.ofSeconds(30);

    @Test
    @Order(1)
    void rolloutsAreEvaluatedOnceArgoRolloutsIsInstalled() {
        assertThat(cluster.operatorReadiness()).containsPattern("\"name\" ?: ?\"nospof Argo Rollouts\"")
                .containsPattern("\"installed\" ?: ?false");
        apply("-f", ROLLOUT_CRD);
        awaitLog("Argo Rollouts is installed: Rollouts are evaluated");
        // Its own JOSDK operator is part of readiness.
        await("readiness covers the Rollout operator").atMost(WITHIN_SECONDS)
                .until(() -> cluster.operatorReadiness().replace(" ", "").contains("\"installed\":true"));
        assertThat(cluster.operatorReadiness()).doesNotContain("DOWN");
        applyManifest("""
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: checkout}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: checkout}}
                  strategy: {canary: {steps: [{setWeight: 20}]}}
                  template:
                    metadata: {labels: {app: checkout}}
                    spec:
                      containers: [{name: app, image: nginx:1.27}]
                """);

        SpofReport report = cluster.awaitReport("rollout-checkout", r -> TestCluster.checks(r).contains("single-replica"));
        assertThat(report.getSpec().getWorkload().getKind()).isEqualTo("Rollout");
        assertThat(report.getMetadata().getOwnerReferences().get(0).getApiVersion()).isEqualTo("argoproj.io/v1alpha1");
        assertThat(report.getStatus().getFindings().get(0).getMessage()).startsWith("Rollout checkout has 1 effective replica");

        CommandResult table = cluster.kubectl("get", "spofreports", "-n", cluster.namespace());
        assertThat(table.output()).containsPattern("rollout-checkout\\s+Rollout\\s+checkout\\s+high");

        // Scaled up with kubectl, through the CRD's scale subresource, as a user would.
        apply("scale", "rollout/checkout", "-n", cluster.namespace(), "--replicas=3");
        cluster.awaitReport("rollout-checkout", r -> !TestCluster.checks(r).contains("single-replica"));
    }

    @Test
    @Order(2)
    void aRolloutThatTakesItsTemplateFromADeploymentIsJudgedOnThatTemplate() {
        // The Rollout comes first: it is evaluated once its Deployment exists.
        applyManifest("""
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: search}
                spec:
                  replicas: 3
                  workloadRef: {apiVersion: apps/v1, kind: Deployment, name: search}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: search}
                spec:
                  replicas: 0
                  selector: {matchLabels: {app: search}}
                  template:
                    metadata: {labels: {app: search}}
                    spec:
                      containers: [{name: app, image: nginx:1.27}]
                ---
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: search}
                spec:
                  maxUnavailable: 1
                  unhealthyPodEvictionPolicy: AlwaysAllow
                  selector: {matchLabels: {app: search}}
                """);

        // The PDB selects the Deployment's template labels; the template has no spread.
        SpofReport report = cluster.awaitReport("rollout-search", r -> TestCluster.checks(r).equals(List.of("missing-spread")));
        assertThat(report.getStatus().getEffectiveReplicas()).isEqualTo(3);

        // A change of the Deployment's template is a change of the Rollout's.
        cluster.client().resource(SpofReportIT.withSpread(cluster.client().apps().deployments().inNamespace(cluster.namespace())
                .withName("search").get())).update();
        cluster.awaitReport("rollout-search", r -> TestCluster.checks(r).isEmpty());
    }

    @Test
    @Order(3)
    void rolloutPodsAreTheRolloutsLiveState() {
        cluster.client().nodes().resource(new NodeBuilder().withNewMetadata().withName("worker-1")
                .withLabels(Map.of("kubernetes.io/hostname", "worker-1", "topology.kubernetes.io/zone", "a")).endMetadata().build()).create();
        cluster.client().nodes().resource(new NodeBuilder().withNewMetadata().withName("worker-2")
                .withLabels(Map.of("kubernetes.io/hostname", "worker-2", "topology.kubernetes.io/zone", "b")).endMetadata().build()).create();
        // checkout has 3 replicas now; Argo would run them as pods of ReplicaSet checkout-7d4f9b.
        for (String suffix : List.of("a", "b", "c")) {
            rolloutPod("checkout", "7d4f9b", suffix, "worker-1");
        }
        SpofReport report = cluster.awaitReport("rollout-checkout", r -> TestCluster.checks(r).contains("co-located-replicas"));
        assertThat(report.getStatus().getFindings().stream().filter(f -> f.getCheck().equals("co-located-replicas")).findFirst()
                .orElseThrow().getMessage()).contains("worker-1");

        cluster.client().pods().inNamespace(cluster.namespace()).withName("checkout-7d4f9b-c").delete();
        rolloutPod("checkout", "7d4f9b", "d", "worker-2");
        cluster.awaitReport("rollout-checkout", r -> !TestCluster.checks(r).contains("co-located-replicas"));
    }

    @Test
    @Order(4)
    void scaledObjectsCountOnceKedaIsInstalledAndStopCountingWhenItIsRemoved() {
        applyManifest("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: worker}
                spec:
                  replicas: 3
                  selector: {matchLabels: {app: worker}}
                  template:
                    metadata: {labels: {app: worker}}
                    spec:
                      topologySpreadConstraints:
                        - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: worker}}}
                        - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: worker}}}
                      containers: [{name: app, image: nginx:1.27}]
                ---
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: worker}
                spec:
                  maxUnavailable: 1
                  unhealthyPodEvictionPolicy: AlwaysAllow
                  selector: {matchLabels: {app: worker}}
                """);
        cluster.awaitReport("deployment-worker", r -> r.getStatus().getEffectiveReplicas() == 3
                && !TestCluster.checks(r).contains("single-replica"));

        apply("-f", KEDA_CRD);
        awaitLog("KEDA is installed");
        applyManifest("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: worker}
                spec:
                  scaleTargetRef: {name: worker}
                  minReplicaCount: 1
                  maxReplicaCount: 10
                  triggers: [{type: cpu, metadata: {value: "60"}}]
                """);
        SpofReport report = cluster.awaitReport("deployment-worker", r -> TestCluster.checks(r).contains("hpa-min-replicas"));
        assertThat(report.getStatus().getEffectiveReplicas()).isEqualTo(1);

        apply("delete", "-f", KEDA_CRD);
        awaitLog("KEDA is no longer installed");
        cluster.awaitReport("deployment-worker", r -> r.getStatus().getEffectiveReplicas() == 3
                && !TestCluster.checks(r).contains("hpa-min-replicas"));
    }

    @Test
    @Order(5)
    void removingArgoRolloutsStopsRolloutsAndReinstallingStartsThemAgain() {
        apply("delete", "-f", ROLLOUT_CRD);
        awaitLog("Argo Rollouts is no longer installed");

        apply("-f", ROLLOUT_CRD);
        await("Argo Rollouts evaluated again").atMost(WITHIN_SECONDS)
                .until(() -> cluster.operatorLogSinceStart().split("Argo Rollouts is installed", -1).length == 3);
        applyManifest("""
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: again}
                spec:
                  selector: {matchLabels: {app: again}}
                  template:
                    metadata: {labels: {app: again}}
                    spec:
                      containers: [{name: app, image: nginx:1.27}]
                """);
        SpofReport report = cluster.awaitReport("rollout-again", r -> TestCluster.checks(r).contains("single-replica"));
        assertThat(report.getStatus().getFindings().get(0).getMessage()).contains("spec.replicas absent, defaults to 1");
    }

    /**
     * A Prometheus and a CloudNativePG Cluster are workloads once their CRDs are installed: judged
     * on their replica field, their pods found by the labels their operators set, and the
     * StatefulSet the Prometheus Operator makes for a Prometheus not judged on its own.
     */
    @Test
    @Order(6)
    void workloadsThatOperatorsRunAreEvaluatedOnceTheirCrdIsInstalled() {
        apply("-f", PROMETHEUS_CRD);
        apply("-f", CNPG_CRD);
        awaitLog("the CRD of the Prometheus Operator's Prometheus is installed: they are evaluated");
        awaitLog("the CRD of CloudNativePG's Cluster is installed: they are evaluated");
        applyManifest("""
                apiVersion: monitoring.coreos.com/v1
                kind: Prometheus
                metadata: {name: main}
                spec: {replicas: 1, serviceAccountName: prometheus}
                ---
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: orders}
                spec: {instances: 1, storage: {size: 1Gi}}
                """);
        SpofReport prometheus = cluster.awaitReport("prometheus-main", r -> TestCluster.checks(r).contains("single-replica"));
        assertThat(prometheus.getSpec().getWorkload().getKind()).isEqualTo("Prometheus");
        assertThat(prometheus.getMetadata().getOwnerReferences().get(0).getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(prometheus.getStatus().getFindings().get(0).getMessage()).isEqualTo("Prometheus main has 1 effective replica"
                + " (spec.replicas), below the minimum of 2: one pod failure or node drain takes it down");
        SpofReport orders = cluster.awaitReport("cnpg-cluster-orders", r -> TestCluster.checks(r).contains("single-replica"));
        assertThat(orders.getStatus().getFindings().get(0).getMessage()).startsWith("Cluster orders has 1 effective replica (spec.instances)");

        // The Prometheus Operator's StatefulSet and pods for it: two replicas, both on worker-1.
        var owner = cluster.client().genericKubernetesResources("monitoring.coreos.com/v1", "Prometheus").inNamespace(cluster.namespace())
                .withName("main").get();
        var statefulSet = cluster.client().resource(new io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder()
                .withNewMetadata().withName("prometheus-main").withNamespace(cluster.namespace())
                .addNewOwnerReference().withApiVersion("monitoring.coreos.com/v1").withKind("Prometheus").withName("main")
                .withUid(owner.getMetadata().getUid()).withController(true).endOwnerReference().endMetadata()
                .withNewSpec().withReplicas(1).withServiceName("prometheus-operated")
                .withNewSelector().withMatchLabels(Map.of("prometheus", "main")).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("prometheus", "main")).endMetadata()
                .withNewSpec().addNewContainer().withName("prometheus").withImage("prom/prometheus").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        apply("patch", "prometheus/main", "-n", cluster.namespace(), "--type", "merge", "-p", "{\"spec\":{\"replicas\":2}}");
        for (String suffix : List.of("0", "1")) {
            Pod pod = cluster.client().resource(new PodBuilder()
                    .withNewMetadata().withName("prometheus-main-" + suffix).withNamespace(cluster.namespace())
                    .withLabels(Map.of("prometheus", "main", "app.kubernetes.io/name", "prometheus"))
                    .addNewOwnerReference().withApiVersion("apps/v1").withKind("StatefulSet").withName("prometheus-main")
                    .withUid(statefulSet.getMetadata().getUid()).withController(true).endOwnerReference()
                    .endMetadata()
                    .withNewSpec().withNodeName("worker-1").addNewContainer().withName("prometheus").withImage("prom/prometheus").endContainer()
                    .endSpec().build()).create();
            pod.setStatus(new PodStatusBuilder().withPhase("Running")
                    .withConditions(new PodConditionBuilder().withType("Ready").withStatus("True").build()).build());
            cluster.client().resource(pod).updateStatus();
        }
        SpofReport placed = cluster.awaitReport("prometheus-main", r -> TestCluster.checks(r).contains("co-located-replicas"));
        assertThat(TestCluster.checks(placed)).doesNotContain("single-replica");
        // Judged as its Prometheus, not on its own: a workload created after it is reported, it is not.
        applyManifest("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: sentinel}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: sentinel}}
                  template:
                    metadata: {labels: {app: sentinel}}
                    spec:
                      containers: [{name: app, image: nginx:1.27}]
                """);
        cluster.awaitReport("deployment-sentinel", r -> true);
        assertThat(cluster.client().resources(SpofReport.class).inNamespace(cluster.namespace()).withName("statefulset-prometheus-main").get())
                .isNull();
    }

    /**
     * A kind nospof does not know, declared in a policy before its CRD exists: evaluated once the
     * CRD is served, by the declared replica path and pod labels, and no longer (reports deleted)
     * once no policy declares it.
     */
    @Test
    @Order(7)
    void aKindDeclaredInAPolicyIsEvaluatedLikeAnyWorkload() {
        CommandResult policy = cluster.kubectlApply("""
                apiVersion: nospof.dev/v1alpha1
                kind: RedundancyPolicy
                metadata: {name: declares-redis}
                spec:
                  workloadKinds:
                    - group: cache.example.dev
                      version: v1
                      kind: RedisCluster
                      replicasPath: .spec.replicas
                      podLabels: {redis.example.dev/cluster: $(name)}
                """);
        assertThat(policy.exitCode()).as(policy.output()).isZero();
        awaitLog("RedisCluster (cache.example.dev/v1), declared in a policy: not served by the API server (is its CRD installed?)");
        awaitPolicyStatus("declares-redis", "RedisCluster (cache.example.dev/v1): not served by the API server (is its CRD installed?)");
        apply("-f", REDIS_CRD);
        awaitLog("RedisCluster (cache.example.dev/v1), declared in a policy, is served as redisclusters.cache.example.dev: its resources"
                + " are evaluated");
        awaitPolicyStatus("declares-redis", "RedisCluster (cache.example.dev/v1): evaluated: served as redisclusters.cache.example.dev");
        applyManifest("""
                apiVersion: cache.example.dev/v1
                kind: RedisCluster
                metadata: {name: sessions}
                spec: {replicas: 1}
                """);
        SpofReport report = cluster.awaitReport("rediscluster-sessions", r -> TestCluster.checks(r).contains("single-replica"));
        assertThat(report.getSpec().getWorkload().getApiVersion()).isEqualTo("cache.example.dev/v1");
        assertThat(report.getStatus().getFindings().get(0).getMessage()).isEqualTo("RedisCluster sessions has 1 effective replica"
                + " (spec.replicas), below the minimum of 2: one pod failure or node drain takes it down");
        assertThat(report.getStatus().getFindings().get(0).getRemediation()).endsWith("kubectl patch rediscluster.cache.example.dev/sessions -n "
                + cluster.namespace() + " --type merge -p '{\"spec\":{\"replicas\":2}}'");
        assertThat(cluster.kubectl("get", "spofreports", "-n", cluster.namespace()).output())
                .containsPattern("rediscluster-sessions\\s+RedisCluster\\s+sessions\\s+high");

        apply("patch", "rediscluster/sessions", "-n", cluster.namespace(), "--type", "merge", "-p", "{\"spec\":{\"replicas\":2}}");
        cluster.awaitReport("rediscluster-sessions", r -> !TestCluster.checks(r).contains("single-replica"));
        // Its operator's pods, found by the declared labels: both on worker-2.
        for (String suffix : List.of("0", "1")) {
            Pod pod = cluster.client().resource(new PodBuilder()
                    .withNewMetadata().withName("sessions-" + suffix).withNamespace(cluster.namespace())
                    .withLabels(Map.of("redis.example.dev/cluster", "sessions")).endMetadata()
                    .withNewSpec().withNodeName("worker-2").addNewContainer().withName("redis").withImage("redis:7").endContainer()
                    .endSpec().build()).create();
            pod.setStatus(new PodStatusBuilder().withPhase("Running")
                    .withConditions(new PodConditionBuilder().withType("Ready").withStatus("True").build()).build());
            cluster.client().resource(pod).updateStatus();
        }
        // Both ready, by their pods: the resource has no ready count nospof knows of.
        SpofReport placed = cluster.awaitReport("rediscluster-sessions", r -> TestCluster.checks(r).contains("co-located-replicas")
                && Integer.valueOf(2).equals(r.getStatus().getReadyReplicas()));
        assertThat(placed.getStatus().getReplicas()).isEqualTo("2/2");

        apply("delete", "redundancypolicy", "declares-redis");
        await("the report of a kind no policy declares is deleted").atMost(WITHIN_SECONDS).until(() -> cluster.client()
                .resources(SpofReport.class).inNamespace(cluster.namespace()).withName("rediscluster-sessions").get() == null);
        awaitLog("RedisCluster (cache.example.dev/v1) is no longer declared by a policy: it is not evaluated");
    }

    // ---- helpers

    /** kubectl apply ARGS, or any other kubectl verb when the first argument is not an option. */
    private static void apply(String... args) {
        List<String> command = args[0].startsWith("-") ? concat("apply", args) : List.of(args);
        CommandResult result = cluster.kubectl(command.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private static void applyManifest(String manifest) {
        String namespaced = manifest.replace("metadata: {name: ", "metadata: {namespace: " + cluster.namespace() + ", name: ");
        CommandResult result = cluster.kubectlApply(namespaced);
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private static List<String> concat(String first, String... rest) {
        List<String> all = new java.util.ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all;
    }

    /** kubectl shows the policy's status saying {@code state} of a kind it declares. */
    private static void awaitPolicyStatus(String policy, String state) {
        await(state).atMost(WITHIN_SECONDS).until(() -> cluster.kubectl("get", "redundancypolicy", policy, "-o",
                "jsonpath={.status.workloadKinds}").output().contains(state));
    }

    private static void awaitLog(String line) {
        await(line).atMost(WITHIN_SECONDS).until(() -> cluster.operatorLogSinceStart().contains(line));
    }

    private static void rolloutPod(String rollout, String hash, String suffix, String node) {
        Pod pod = cluster.client().resource(new PodBuilder()
                .withNewMetadata().withName(rollout + "-" + hash + "-" + suffix).withNamespace(cluster.namespace())
                .withLabels(Map.of("app", rollout, "rollouts-pod-template-hash", hash))
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet").withName(rollout + "-" + hash)
                .withUid("00000000-0000-0000-0000-000000000003").withController(true).endOwnerReference()
                .endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("app").withImage("nginx:1.27").endContainer().endSpec()
                .build()).create();
        pod.setStatus(new PodStatusBuilder().withPhase("Running")
                .withConditions(new PodConditionBuilder().withType("Ready").withStatus("True").build()).build());
        cluster.client().resource(pod).updateStatus();
    }
}
