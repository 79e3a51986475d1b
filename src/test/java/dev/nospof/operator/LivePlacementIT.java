package dev.nospof.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nospof.report.ClusterSpofReport;
import dev.nospof.report.SpofReport;
import dev.nospof.testing.ClusterExtension;
import dev.nospof.testing.OwnCluster;
import dev.nospof.testing.TestCluster;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Live placement on a real API server: Nodes with zone labels, Pods bound with spec.nodeName and
 * their status patched to Ready by the test (no scheduler or kubelet runs here).
 */
@OwnCluster
@ExtendWith(ClusterExtension.class)
class LivePlacementIT {

    static TestCluster cluster;

    private static final Duration WITHIN_SECONDS = Duration.ofSeconds(20);

    @BeforeAll
    static void nodes() {
        node("worker-1", "zone-a", Map.of());
        node("worker-2", "zone-b", Map.of());
        node("worker-3", "zone-a", Map.of("disktype", "nvme"));
    }

    @Test
    void threePodsOnOneNodeAreCoLocatedAndMovingOneClearsIt() {
        redundantDeployment("web");
        pod("web", "a", "worker-1", true);
        pod("web", "b", "worker-1", true);
        pod("web", "c", "worker-1", true);

        // All three pods counted: with two created the same findings hold, for 2 replicas.
        SpofReport report = cluster.awaitReport("deployment-web",
                r -> TestCluster.checks(r).equals(List.of("co-located-replicas", "single-zone-replicas"))
                        && r.getStatus().getFindings().get(0).getMessage().contains("3 replicas"));
        assertThat(report.getStatus().getHighestSeverity()).isEqualTo("critical");
        assertThat(report.getStatus().getFindings().get(0).getMessage())
                .isEqualTo("Deployment web has 3 replicas, all on node worker-1: losing that one node takes every replica down");

        cluster.client().pods().inNamespace(cluster.namespace()).withName("web-6f9c8d-c").withGracePeriod(0).delete();
        pod("web", "d", "worker-2", true);

        report = cluster.awaitReport("deployment-web", r -> r.getStatus().getFindingCount() == 0);
        assertThat(report.getStatus().getHighestSeverity()).isEqualTo("none");
    }

    /** The cluster report says what a node (or zone) takes down with it, from where the ready pods are. */
    @Test
    void theBlastRadiusOfANodeNamesTheWorkloadsItWouldTakeDown() {
        String ns = cluster.namespace();
        for (String app : List.of("br-a", "br-b", "br-c")) {
            redundantDeployment(app);
            pod(app, "a", "worker-1", true);
            pod(app, "b", "worker-1", true);
        }
        redundantDeployment("br-zone");
        pod("br-zone", "a", "worker-1", true);
        pod("br-zone", "b", "worker-3", true);
        // A bare pod is its own workload: it goes with its node too.
        cluster.client().resource(new PodBuilder().withNewMetadata().withName("br-bare").withNamespace(ns).endMetadata()
                .withNewSpec().withNodeName("worker-1").addNewContainer().withName("app").withImage("nginx:1.27").endContainer().endSpec()
                .build()).create();
        setReady("br-bare", true);

        ClusterSpofReport report = awaitClusterReport(r -> down(r.getStatus().getNodeBlastRadius(), "worker-1")
                .containsAll(List.of("Deployment " + ns + "/br-a", "Deployment " + ns + "/br-b", "Deployment " + ns + "/br-c",
                        "Pod " + ns + "/br-bare")));
        assertThat(down(report.getStatus().getNodeBlastRadius(), "worker-1")).as("its pods are on two nodes")
                .doesNotContain("Deployment " + ns + "/br-zone");
        assertThat(report.getStatus().getWorstNode()).startsWith("worker-1: ");
        awaitClusterReport(r -> down(r.getStatus().getZoneBlastRadius(), "zone-a").contains("Deployment " + ns + "/br-zone"));
        // Each workload's own report names its single point.
        cluster.awaitReport("deployment-br-a", r -> "all 2 ready pods are on node worker-1".equals(r.getStatus().getSinglePoint()));
        cluster.awaitReport("deployment-br-zone", r -> "all 2 ready pods are in zone zone-a (of 2 zones)".equals(r.getStatus().getSinglePoint()));
        assertThat(cluster.kubectl("get", "spofreports", "deployment-br-a", "-n", ns, "-o", "wide").output())
                .contains("SINGLE-POINT").contains("all 2 ready pods are on node worker-1");

        cluster.client().pods().inNamespace(ns).withName("br-c-6f9c8d-b").withGracePeriod(0).delete();
        pod("br-c", "c", "worker-2", true);
        awaitClusterReport(r -> !down(r.getStatus().getNodeBlastRadius(), "worker-1").contains("Deployment " + ns + "/br-c")
                && down(r.getStatus().getNodeBlastRadius(), "worker-1").contains("Deployment " + ns + "/br-a"));
        cluster.awaitReport("deployment-br-c", r -> r.getStatus().getSinglePoint() == null);
    }

    private static List<String> down(List<dev.nospof.report.ClusterSpofReportStatus.Impact> impacts, String name) {
        return impacts == null ? List.of() : impacts.stream().filter(i -> i.getName().equals(name)).findFirst()
                .map(i -> i.getDownWorkloads() == null ? List.<String>of() : i.getDownWorkloads()).orElse(List.of());
    }

    @Test
    void fewerThanTwoReadyPodsIsDegradedRedundancy() {
        redundantDeployment("api");
        pod("api", "a", "worker-1", true);
        pod("api", "b", "worker-2", true);
        pod("api", "c", "worker-3", true);
        cluster.awaitReport("deployment-api", r -> r.getStatus().getFindingCount() == 0);

        setReady("api-6f9c8d-b", false);
        setReady("api-6f9c8d-c", false);

        SpofReport report = cluster.awaitReport("deployment-api", r -> TestCluster.checks(r).equals(List.of("degraded-redundancy")));
        assertThat(report.getStatus().getFindings().get(0).getMessage())
                .isEqualTo("Deployment api wants 3 replicas but 1 of its 3 pods are ready: it runs on a single pod right now");
    }

    @Test
    void nodeSelectorThatOneNodeSatisfiesPinsTheWorkload() {
        Deployment pinned = redundantDeploymentSpec("fast");
        pinned.getSpec().getTemplate().getSpec().setNodeSelector(Map.of("disktype", "nvme"));
        cluster.client().resource(pinned).create();

        SpofReport report = cluster.awaitReport("deployment-fast", r -> TestCluster.checks(r).contains("pinned-to-one-node"));
        assertThat(report.getStatus().getFindings().stream().filter(f -> f.getCheck().equals("pinned-to-one-node")).findFirst()
                .orElseThrow().getMessage()).startsWith("Deployment fast can only run on node worker-3 (1 of 3 nodes admits");
    }

    @Test
    void serviceWithOneReadyEndpointIsASingleEndpointService() {
        redundantDeployment("shop");
        pod("shop", "a", "worker-1", true);
        pod("shop", "b", "worker-2", true);
        pod("shop", "c", "worker-3", true);
        cluster.client().resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withNewMetadata().withName("shop").withNamespace(cluster.namespace()).endMetadata()
                .withNewSpec().addToSelector("app", "shop").addNewPort().withPort(80).endPort().endSpec().build()).create();
        endpoints(cluster.namespace(), "shop", true, false, false);

        SpofReport report = cluster.awaitReport("deployment-shop", r -> TestCluster.checks(r).equals(List.of("single-endpoint-service")));
        assertThat(report.getStatus().getFindings().get(0).getMessage()).isEqualTo("Service shop selects the pods of Deployment shop"
                + " and has 1 ready endpoint: every client of the Service depends on that one pod");

        cluster.client().resources(io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice.class).inNamespace(cluster.namespace())
                .withName("shop-slice").delete();
        endpoints(cluster.namespace(), "shop", true, true, true);
        cluster.awaitReport("deployment-shop", r -> r.getStatus().getFindingCount() == 0);
    }

    @Test
    void webhookThatFailsClosedOnOneReadyEndpointIsAClusterSpof() {
        String ns = cluster.namespace();
        cluster.client().resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withNewMetadata().withName("guard").withNamespace(ns).endMetadata()
                .withNewSpec().addToSelector("app", "guard").addNewPort().withPort(443).endPort().endSpec().build()).create();
        endpoints(ns, "guard", true, false);
        // Rules on a resource nobody writes, so the webhook (which nothing serves) blocks nothing here.
        cluster.client().resource(new io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder()
                .withNewMetadata().withName("guard").endMetadata()
                .addNewWebhook().withName("guard.example.com").withFailurePolicy("Fail").withSideEffects("None")
                .withAdmissionReviewVersions("v1")
                .withNewClientConfig().withNewService().withNamespace(ns).withName("guard").endService().endClientConfig()
                .addNewRule().withApiGroups("example.com").withApiVersions("v1").withResources("widgets").withOperations("CREATE").endRule()
                .endWebhook().build()).create();

        ClusterSpofReport report = awaitClusterReport(r -> r.getStatus().getFindings().stream().anyMatch(f -> f.getCheck().equals("webhook-spof")));
        assertThat(report.getStatus().getFindings()).filteredOn(f -> f.getCheck().equals("webhook-spof")).singleElement()
                .satisfies(f -> {
                    assertThat(f.getSeverity()).isEqualTo("critical");
                    assertThat(f.getMessage()).isEqualTo("ValidatingWebhookConfiguration guard webhook guard.example.com (failurePolicy: Fail)"
                            + " is served by Service " + ns + "/guard with 1 ready endpoint: one pod down blocks the API writes it intercepts");
                });
        assertThat(report.getStatus().getNodes()).isEqualTo(3);
        assertThat(report.getStatus().getZones()).isEqualTo(2);
        assertThat(report.getStatus().getNamespaces()).anySatisfy(n -> assertThat(n.getNamespace()).isEqualTo(ns));

        var table = cluster.kubectl("get", "cspof");
        assertThat(table.output().lines().toList().get(0).split("\\s+"))
                .containsExactly("NAME", "SEVERITY", "FINDINGS", "NODES", "ZONES", "WORST-NODE", "AGE");

        cluster.client().resources(io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice.class).inNamespace(ns)
                .withName("guard-slice").delete();
        endpoints(ns, "guard", true, true);
        awaitClusterReport(r -> r.getStatus().getFindings().stream().noneMatch(f -> f.getCheck().equals("webhook-spof")));
    }

    // ---- helpers

    private static void endpoints(String ns, String service, boolean... ready) {
        var slice = new io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder()
                .withNewMetadata().withName(service + "-slice").withNamespace(ns)
                .addToLabels("kubernetes.io/service-name", service).endMetadata()
                .withAddressType("IPv4");
        for (int i = 0; i < ready.length; i++) {
            slice.addNewEndpoint().withAddresses("10.1.0." + (i + 1)).withNewConditions().withReady(ready[i]).endConditions().endEndpoint();
        }
        cluster.client().resource(slice.build()).create();
    }

    private static ClusterSpofReport awaitClusterReport(Predicate<ClusterSpofReport> condition) {
        ClusterSpofReport[] seen = new ClusterSpofReport[1];
        await("cluster report").atMost(WITHIN_SECONDS).ignoreExceptions().until(() -> {
            seen[0] = cluster.client().resources(ClusterSpofReport.class).withName("cluster").get();
            return seen[0] != null && seen[0].getStatus() != null && condition.test(seen[0]);
        });
        return seen[0];
    }

    private static void node(String name, String zone, Map<String, String> extra) {
        Map<String, String> labels = new java.util.HashMap<>(extra);
        labels.put("kubernetes.io/hostname", name);
        labels.put("topology.kubernetes.io/zone", zone);
        cluster.client().nodes().resource(new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata().build())
                .create();
    }

    /** Three replicas, a PDB, spread on hostname and zone: nothing wrong in the spec. */
    private static void redundantDeployment(String name) {
        cluster.client().resource(redundantDeploymentSpec(name)).create();
    }

    private static Deployment redundantDeploymentSpec(String name) {
        cluster.client().resource(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName(name).withNamespace(cluster.namespace()).endMetadata()
                .withNewSpec().withMaxUnavailable(new IntOrString(1)).withUnhealthyPodEvictionPolicy("AlwaysAllow")
                .withNewSelector().withMatchLabels(Map.of("app", name)).endSelector().endSpec().build()).create();
        Deployment d = SpofReportIT.withSpread(SpofReportIT.deployment(name, 3));
        d.getMetadata().setNamespace(cluster.namespace());
        return new DeploymentBuilder(d).editSpec().editTemplate().editSpec()
                .editFirstContainer().withNewReadinessProbe().withNewHttpGet().withPath("/").withPort(new IntOrString(80)).endHttpGet()
                .endReadinessProbe().endContainer()
                .addNewTopologySpreadConstraint().withMaxSkew(1).withTopologyKey("topology.kubernetes.io/zone")
                .withWhenUnsatisfiable("ScheduleAnyway").withNewLabelSelector().withMatchLabels(Map.of("app", name))
                .endLabelSelector().endTopologySpreadConstraint()
                .endSpec().endTemplate().endSpec().build();
    }

    /** A pod of the Deployment's ReplicaSet {@code <name>-6f9c8d}, bound to {@code node}. */
    private static void pod(String app, String suffix, String node, boolean ready) {
        Pod pod = cluster.client().resource(new PodBuilder()
                .withNewMetadata().withName(app + "-6f9c8d-" + suffix).withNamespace(cluster.namespace())
                .withLabels(Map.of("app", app, "pod-template-hash", "6f9c8d"))
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet").withName(app + "-6f9c8d")
                .withUid("00000000-0000-0000-0000-000000000001").withController(true).endOwnerReference()
                .endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("app").withImage("nginx:1.27").endContainer().endSpec()
                .build()).create();
        setReady(pod.getMetadata().getName(), ready);
    }

    private static void setReady(String pod, boolean ready) {
        Pod current = cluster.client().pods().inNamespace(cluster.namespace()).withName(pod).get();
        current.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running")
                .withConditions(new PodConditionBuilder().withType("Ready").withStatus(ready ? "True" : "False").build()).build());
        cluster.client().resource(current).updateStatus();
    }


}
