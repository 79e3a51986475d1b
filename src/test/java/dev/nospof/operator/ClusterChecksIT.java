package dev.nospof.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nospof.report.ClusterSpofReport;
import dev.nospof.report.ReportFinding;
import dev.nospof.report.SpofReport;
import dev.nospof.testing.ClusterExtension;
import dev.nospof.testing.OwnCluster;
import dev.nospof.testing.TestCluster;
import io.fabric8.kubernetes.api.model.APIServiceBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cluster checks and zone spread as the cluster grows, on a control plane of its own: one
 * control-plane node, then a second node in the same zone, then a second zone.
 */
@OwnCluster
@ExtendWith(ClusterExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterChecksIT {

    static TestCluster cluster;

    private static final Duration WITHIN_SECONDS = Duration.ofSeconds(20);

    @Test
    @Order(1)
    void oneControlPlaneNodeIsASingleNodeClusterWithASingleControlPlane() {
        node("cp-1", "zone-a", Map.of("node-role.kubernetes.io/control-plane", ""));

        ClusterSpofReport report = awaitCluster(r -> checks(r).containsAll(List.of("single-node-cluster", "single-control-plane")));
        assertThat(checks(report)).containsExactly("single-node-cluster", "single-control-plane");
        assertThat(report.getStatus().getHighestSeverity()).isEqualTo("critical");
        assertThat(message(report, "single-node-cluster"))
                .isEqualTo("the cluster has 1 schedulable node (cp-1) of 1: when it goes, every workload goes");
    }

    @Test
    @Order(2)
    void aSecondNodeInTheSameZoneIsASingleZoneCluster() {
        node("worker-1", "zone-a", Map.of());

        ClusterSpofReport report = awaitCluster(r -> checks(r).equals(List.of("single-zone-cluster", "single-control-plane")));
        assertThat(message(report, "single-zone-cluster"))
                .isEqualTo("the cluster's 2 schedulable nodes are in one zone (all are in zone zone-a): a zone outage takes every node");
    }

    @Test
    @Order(3)
    void aSecondZoneClearsItAndAsksWorkloadsToSpreadAcrossZones() {
        node("worker-2", "zone-b", Map.of());
        awaitCluster(r -> checks(r).equals(List.of("single-control-plane")));

        cluster.client().resource(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("web").withNamespace(cluster.namespace()).endMetadata()
                .withNewSpec().withMaxUnavailable(new IntOrString(1)).withUnhealthyPodEvictionPolicy("AlwaysAllow")
                .withNewSelector().withMatchLabels(Map.of("app", "web")).endSelector().endSpec().build()).create();
        var web = SpofReportIT.withSpread(SpofReportIT.deployment("web", 2));
        web.getMetadata().setNamespace(cluster.namespace());
        cluster.client().resource(web).create();

        SpofReport report = cluster.awaitReport("deployment-web", r -> TestCluster.checks(r).contains("missing-zone-spread"));
        ReportFinding zone = report.getStatus().getFindings().stream().filter(f -> f.getCheck().equals("missing-zone-spread"))
                .findFirst().orElseThrow();
        assertThat(zone.getSeverity()).isEqualTo("low");
        assertThat(zone.getMessage()).isEqualTo("Deployment web has 2 effective replicas (spec.replicas) and nothing spreads them across"
                + " the 2 zones of the cluster: the scheduler may put them all in one zone");
    }

    @Test
    @Order(4)
    void aggregatedApiServiceOnOneReadyEndpointIsAnApiServiceSpof() {
        String ns = cluster.namespace();
        cluster.client().resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withNewMetadata().withName("widgets-api").withNamespace(ns).endMetadata()
                .withNewSpec().addToSelector("app", "widgets-api").addNewPort().withPort(443).endPort().endSpec().build()).create();
        cluster.client().resource(new EndpointSliceBuilder()
                .withNewMetadata().withName("widgets-api-slice").withNamespace(ns)
                .addToLabels("kubernetes.io/service-name", "widgets-api").endMetadata()
                .withAddressType("IPv4")
                .addNewEndpoint().withAddresses("10.1.0.1").withNewConditions().withReady(true).endConditions().endEndpoint()
                .build()).create();
        cluster.client().resource(new APIServiceBuilder()
                .withNewMetadata().withName("v1alpha1.widgets.example.com").endMetadata()
                .withNewSpec().withGroup("widgets.example.com").withVersion("v1alpha1").withGroupPriorityMinimum(100)
                .withVersionPriority(100).withInsecureSkipTLSVerify(true)
                .withNewService().withNamespace(ns).withName("widgets-api").withPort(443).endService()
                .endSpec().build()).create();

        ClusterSpofReport report = awaitCluster(r -> checks(r).contains("apiservice-spof"));
        assertThat(message(report, "apiservice-spof")).isEqualTo("APIService v1alpha1.widgets.example.com is served by Service " + ns
                + "/widgets-api with 1 ready endpoint: one pod down makes the API group unavailable (and namespace deletion and"
                + " discovery stall)");
        // The aggregated API never becomes available here; remove it so nothing else waits on it.
        cluster.client().resources(io.fabric8.kubernetes.api.model.APIService.class).withName("v1alpha1.widgets.example.com").delete();
        awaitCluster(r -> !checks(r).contains("apiservice-spof"));
    }

    @Test
    @Order(5)
    void pdbThatSelectsNoWorkloadIsReportedUntilItsWorkloadExists() {
        String ns = cluster.namespace();
        cluster.client().resource(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("ghost").withNamespace(ns).endMetadata()
                .withNewSpec().withMaxUnavailable(new IntOrString(1)).withUnhealthyPodEvictionPolicy("AlwaysAllow")
                .withNewSelector().withMatchLabels(Map.of("app", "ghost")).endSelector().endSpec().build()).create();

        ClusterSpofReport report = awaitCluster(r -> checks(r).contains("pdb-selects-nothing"));
        assertThat(message(report, "pdb-selects-nothing")).isEqualTo("PodDisruptionBudget " + ns + "/ghost selects app=ghost, which no"
                + " workload's pods in " + ns + " carry: it protects nothing");

        var ghost = SpofReportIT.deployment("ghost", 2);
        ghost.getMetadata().setNamespace(ns);
        cluster.client().resource(ghost).create();
        awaitCluster(r -> !checks(r).contains("pdb-selects-nothing"));
    }

    /** An HPA created before its workload (or with a typo in the name): its floor protects nothing until the workload exists. */
    @Test
    @Order(6)
    void hpaWhoseTargetIsMissingIsReportedUntilItsWorkloadExists() {
        String ns = cluster.namespace();
        cluster.client().resource(new HorizontalPodAutoscalerBuilder()
                .withNewMetadata().withName("late").withNamespace(ns).endMetadata()
                .withNewSpec().withMinReplicas(2).withMaxReplicas(5)
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName("late").endScaleTargetRef()
                .endSpec().build()).create();

        ClusterSpofReport report = awaitCluster(r -> checks(r).contains("hpa-target-missing"));
        assertThat(message(report, "hpa-target-missing")).isEqualTo("HPA late in " + ns + " targets Deployment late, which does not exist in "
                + ns + ": its floor protects nothing");

        var late = SpofReportIT.deployment("late", 2);
        late.getMetadata().setNamespace(ns);
        cluster.client().resource(late).create();
        awaitCluster(r -> !checks(r).contains("hpa-target-missing"));
    }

    /** A budget that keeps all 3 pods of a workload makes the drain of each of their nodes hang. */
    @Test
    @Order(7)
    void aBudgetThatKeepsEveryPodIsADrainBlockerOnEachOfTheirNodes() {
        String ns = cluster.namespace();
        node("worker-3", "zone-c", Map.of());
        node("worker-4", "zone-c", Map.of());
        var blocked = SpofReportIT.withSpread(SpofReportIT.deployment("blocked", 3));
        blocked.getMetadata().setNamespace(ns);
        cluster.client().resource(blocked).create();
        // Its pods, as its ReplicaSet would make them (no controllers run here), one per node.
        for (String node : List.of("worker-2", "worker-3", "worker-4")) {
            var pod = cluster.client().resource(new io.fabric8.kubernetes.api.model.PodBuilder()
                    .withNewMetadata().withName("blocked-" + node).withNamespace(ns)
                    .withLabels(Map.of("app", "blocked", "pod-template-hash", "6f9c8d"))
                    .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet").withName("blocked-6f9c8d")
                    .withUid("00000000-0000-0000-0000-000000000007").withController(true).endOwnerReference().endMetadata()
                    .withNewSpec().withNodeName(node).addNewContainer().withName("app").withImage("nginx:1.27").endContainer().endSpec()
                    .build()).create();
            pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running")
                    .withConditions(new io.fabric8.kubernetes.api.model.PodConditionBuilder().withType("Ready").withStatus("True").build())
                    .build());
            cluster.client().resource(pod).updateStatus();
        }
        cluster.client().resource(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("all-of-them").withNamespace(ns).endMetadata()
                .withNewSpec().withMinAvailable(new IntOrString(3)).withUnhealthyPodEvictionPolicy("AlwaysAllow")
                .withNewSelector().withMatchLabels(Map.of("app", "blocked")).endSelector().endSpec().build()).create();

        ClusterSpofReport report = awaitCluster(r -> r.getStatus().getDrainBlockers() != null
                && r.getStatus().getDrainBlockers().size() == 3);
        assertThat(report.getStatus().getDrainBlockers()).allSatisfy(b -> {
            assertThat(b.getPods()).containsExactly(ns + "/blocked-" + b.getNode());
            assertThat(b.getBudgets()).containsExactly(ns + "/all-of-them");
            assertThat(b.getBlockedPods()).isEqualTo(1);
        });

        cluster.client().resource(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("all-of-them").withNamespace(ns).endMetadata()
                .withNewSpec().withMinAvailable(new IntOrString(2)).withUnhealthyPodEvictionPolicy("AlwaysAllow")
                .withNewSelector().withMatchLabels(Map.of("app", "blocked")).endSelector().endSpec().build()).update();
        awaitCluster(r -> r.getStatus().getDrainBlockers() == null);

        // The budget's status, as the disruption controller writes it, wins over the computation:
        // a status-only change (nothing the checks read) still reaches the drain blockers.
        budgetStatus(ns, "all-of-them", 0);
        awaitCluster(r -> r.getStatus().getDrainBlockers() != null && r.getStatus().getDrainBlockers().size() == 3);
        budgetStatus(ns, "all-of-them", 1);
        awaitCluster(r -> r.getStatus().getDrainBlockers() == null);
    }

    private static void budgetStatus(String ns, String name, int disruptionsAllowed) {
        cluster.client().policy().v1().podDisruptionBudget().inNamespace(ns).withName(name).editStatus(pdb -> {
            pdb.setStatus(new io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatusBuilder()
                    .withObservedGeneration(pdb.getMetadata().getGeneration()).withCurrentHealthy(2 + disruptionsAllowed).withDesiredHealthy(2)
                    .withExpectedPods(3).withDisruptionsAllowed(disruptionsAllowed).build());
            return pdb;
        });
    }

    private static void node(String name, String zone, Map<String, String> extra) {
        Map<String, String> labels = new HashMap<>(extra);
        labels.put("kubernetes.io/hostname", name);
        labels.put("topology.kubernetes.io/zone", zone);
        cluster.client().nodes().resource(new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata().build())
                .create();
    }

    private static ClusterSpofReport awaitCluster(Predicate<ClusterSpofReport> condition) {
        ClusterSpofReport[] seen = new ClusterSpofReport[1];
        await("cluster report").atMost(WITHIN_SECONDS).ignoreExceptions().until(() -> {
            seen[0] = cluster.client().resources(ClusterSpofReport.class).withName("cluster").get();
            return seen[0] != null && seen[0].getStatus() != null && condition.test(seen[0]);
        });
        return seen[0];
    }

    private static List<String> checks(ClusterSpofReport report) {
        return report.getStatus().getFindings().stream().map(ReportFinding::getCheck).toList();
    }

    private static String message(ClusterSpofReport report, String check) {
        return report.getStatus().getFindings().stream().filter(f -> f.getCheck().equals(check)).findFirst().orElseThrow().getMessage();
    }
}
