package dev.nospof.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nospof.report.SpofReport;
import dev.nospof.testing.ClusterExtension;
import dev.nospof.testing.CommandResult;
import dev.nospof.testing.TestCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a user sees in SpofReports when nospof runs against a real API server. */
@ExtendWith(ClusterExtension.class)
class SpofReportIT {

    static TestCluster cluster;

    private static final Duration WITHIN_SECONDS = Duration.ofSeconds(15);

    @Test
    void oneReplicaDeploymentGetsSingleReplicaFindingAndIsOwnedByTheDeployment() {
        Deployment deployment = create(deployment("solo", 1));

        SpofReport report = cluster.awaitReport("deployment-solo", r -> TestCluster.checks(r).equals(List.of("single-replica")));

        assertThat(report.getSpec().getWorkload().getKind()).isEqualTo("Deployment");
        assertThat(report.getStatus().getHighestSeverity()).isEqualTo("high");
        assertThat(report.getStatus().getFindings().get(0).getMessage())
                .isEqualTo("Deployment solo has 1 effective replica (spec.replicas), below the minimum of 2: "
                        + "one pod failure or node drain takes it down");
        OwnerReference owner = report.getMetadata().getOwnerReferences().get(0);
        assertThat(owner.getKind()).isEqualTo("Deployment");
        assertThat(owner.getName()).isEqualTo("solo");
        assertThat(owner.getUid()).isEqualTo(deployment.getMetadata().getUid());
        assertThat(owner.getController()).isTrue();
    }

    @Test
    void correctPdbClearsMissingPdbWithinSeconds() {
        create(deployment("shop", 3));
        cluster.awaitReport("deployment-shop", r -> TestCluster.checks(r).equals(List.of("missing-pdb", "missing-spread")));

        create(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("shop").withNamespace(cluster.namespace()).endMetadata()
                .withNewSpec().withMaxUnavailable(new IntOrString(1)).withUnhealthyPodEvictionPolicy("AlwaysAllow")
                .withNewSelector().withMatchLabels(Map.of("app", "shop")).endSelector().endSpec()
                .build());

        SpofReport report = cluster.awaitReport("deployment-shop", r -> TestCluster.checks(r).equals(List.of("missing-spread")));
        assertThat(report.getStatus().getFindingCount()).isEqualTo(1);
    }

    @Test
    void hpaWithoutMinReplicasMakesThreeReplicasASingleReplica() {
        create(deployment("scaled", 3));
        cluster.awaitReport("deployment-scaled", r -> TestCluster.checks(r).equals(List.of("missing-pdb", "missing-spread")));

        create(new HorizontalPodAutoscalerBuilder()
                .withNewMetadata().withName("scaled").withNamespace(cluster.namespace()).endMetadata()
                .withNewSpec().withMaxReplicas(10)
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName("scaled").endScaleTargetRef()
                .endSpec().build());

        SpofReport report = cluster.awaitReport("deployment-scaled", r -> TestCluster.checks(r).equals(List.of("single-replica", "hpa-min-replicas")));
        assertThat(report.getStatus().getReplicas()).startsWith("1/");
        // autoscaling/v2 defaults an absent minReplicas to 1 on the API server.
        assertThat(report.getStatus().getFindings().get(0).getMessage())
                .isEqualTo("Deployment scaled has 1 effective replica (HPA scaled minReplicas), below the minimum of 2: "
                        + "one pod failure or node drain takes it down");
    }

    @Test
    void statefulSetWithPdbAndSpreadIsClean() {
        create(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("db").withNamespace(cluster.namespace()).endMetadata()
                .withNewSpec().withMaxUnavailable(new IntOrString(1)).withUnhealthyPodEvictionPolicy("AlwaysAllow")
                .withNewSelector().withMatchLabels(Map.of("app", "db")).endSelector().endSpec()
                .build());
        create(statefulSet("db", 3));

        SpofReport report = cluster.awaitReport("statefulset-db", r -> r.getStatus().getFindingCount() == 0);
        assertThat(report.getStatus().getHighestSeverity()).isEqualTo("none");
        assertThat(report.getStatus().getFindings()).isEmpty();
        assertThat(report.getSpec().getWorkload().getKind()).isEqualTo("StatefulSet");
    }

    /** A Service is what makes a missing readiness probe matter: the finding comes with it and goes with the probe. */
    @Test
    void aServiceSendingTrafficToContainersWithoutReadinessProbeIsMissingReadinessProbe() {
        create(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("probe").endMetadata()
                .withNewSpec().withMaxUnavailable(new IntOrString(1)).withUnhealthyPodEvictionPolicy("AlwaysAllow")
                .withNewSelector().withMatchLabels(Map.of("app", "probe")).endSelector().endSpec()
                .build());
        create(new DeploymentBuilder(withSpread(deployment("probe", 2))).editSpec().editTemplate().editSpec().editFirstContainer()
                .addNewPort().withName("http").withContainerPort(8080).endPort().endContainer().endSpec().endTemplate().endSpec().build());
        cluster.awaitReport("deployment-probe", r -> r.getStatus().getFindingCount() == 0);

        create(new ServiceBuilder().withNewMetadata().withName("probe").endMetadata()
                .withNewSpec().addToSelector("app", "probe").addNewPort().withPort(80).withTargetPort(new IntOrString("http")).endPort()
                .endSpec().build());
        SpofReport report = cluster.awaitReport("deployment-probe", r -> TestCluster.checks(r).equals(List.of("missing-readiness-probe")));
        assertThat(report.getStatus().getFindings().get(0).getMessage()).isEqualTo("container app of Deployment probe has no readiness"
                + " probe, and Service probe sends traffic to it at 2 effective replicas (spec.replicas): a replica that runs but cannot"
                + " answer keeps getting its share of requests");
        assertThat(report.getStatus().getFindings().get(0).getSeverity()).isEqualTo("medium");

        cluster.client().apps().deployments().inNamespace(cluster.namespace()).withName("probe")
                .edit(d -> new DeploymentBuilder(d).editSpec().editTemplate().editSpec().editFirstContainer().withNewReadinessProbe()
                        .withNewHttpGet().withPath("/ready").withPort(new IntOrString("http")).endHttpGet().endReadinessProbe()
                        .endContainer().endSpec().endTemplate().endSpec().build());
        cluster.awaitReport("deployment-probe", r -> r.getStatus().getFindingCount() == 0);
    }

    /** A claim bound to a local PersistentVolume of one node: the data of all 3 replicas lives on that node. */
    @Test
    void aClaimOnALocalVolumeOfOneNodeIsNodeBoundStorage() {
        String pvName = "local-" + cluster.namespace();
        cluster.client().persistentVolumes().resource(new io.fabric8.kubernetes.api.model.PersistentVolumeBuilder()
                .withNewMetadata().withName(pvName).endMetadata()
                .withNewSpec().withCapacity(Map.of("storage", new io.fabric8.kubernetes.api.model.Quantity("10Gi")))
                .withAccessModes("ReadWriteMany").withStorageClassName("local-storage").withNewLocal().withPath("/mnt/disks/ssd1").endLocal()
                .withNewNodeAffinity().withNewRequired().addNewNodeSelectorTerm().addNewMatchExpression().withKey("kubernetes.io/hostname")
                .withOperator("In").withValues("worker-7").endMatchExpression().endNodeSelectorTerm().endRequired().endNodeAffinity()
                .endSpec().build()).create();
        create(new io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder()
                .withNewMetadata().withName("files").endMetadata()
                .withNewSpec().withAccessModes("ReadWriteMany").withStorageClassName("local-storage").withVolumeName(pvName)
                .withNewResources().withRequests(Map.of("storage", new io.fabric8.kubernetes.api.model.Quantity("10Gi"))).endResources()
                .endSpec().build());
        create(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("files").endMetadata()
                .withNewSpec().withMaxUnavailable(new IntOrString(1)).withUnhealthyPodEvictionPolicy("AlwaysAllow")
                .withNewSelector().withMatchLabels(Map.of("app", "files")).endSelector().endSpec()
                .build());
        create(new DeploymentBuilder(withSpread(deployment("files", 3))).editSpec().editTemplate().editSpec()
                .addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName("files").endPersistentVolumeClaim().endVolume()
                .endSpec().endTemplate().endSpec().build());

        SpofReport report = cluster.awaitReport("deployment-files", r -> TestCluster.checks(r).equals(List.of("node-bound-storage")));
        assertThat(report.getStatus().getFindings().get(0).getMessage()).isEqualTo("Deployment files at 3 effective replicas"
                + " (spec.replicas) keeps data on one node: PersistentVolumeClaim files (PersistentVolume " + pvName + ", only on node"
                + " worker-7): when that node fails, the data is gone with it and the pods that need it cannot start elsewhere");
        assertThat(report.getStatus().getFindings().get(0).getSeverity()).isEqualTo("high");

        cluster.client().apps().deployments().inNamespace(cluster.namespace()).withName("files")
                .edit(d -> new DeploymentBuilder(d).editSpec().editTemplate().editSpec().withVolumes(List.of()).endSpec().endTemplate()
                        .endSpec().build());
        cluster.awaitReport("deployment-files", r -> r.getStatus().getFindingCount() == 0);
        cluster.client().persistentVolumes().withName(pvName).delete();
    }

    /** The lone file server: an NFS volume whose server is a Service backed by one replica, cleared when it runs two. */
    @Test
    void aClaimOnAnNfsVolumeServedByOnePodIsASingleFileServerUntilItRunsTwo() {
        String ns = cluster.namespace();
        String server = "nfs." + ns + ".svc.cluster.local";
        create(deployment("nfs", 1));
        create(new ServiceBuilder().withNewMetadata().withName("nfs").endMetadata()
                .withNewSpec().addToSelector("app", "nfs").addNewPort().withPort(2049).endPort().endSpec().build());
        String pvName = "nfs-" + ns;
        cluster.client().persistentVolumes().resource(new io.fabric8.kubernetes.api.model.PersistentVolumeBuilder()
                .withNewMetadata().withName(pvName).endMetadata()
                .withNewSpec().withCapacity(Map.of("storage", new io.fabric8.kubernetes.api.model.Quantity("100Gi")))
                .withAccessModes("ReadWriteMany").withNewNfs().withServer(server).withPath("/exports").endNfs()
                .endSpec().build()).create();
        create(new io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder()
                .withNewMetadata().withName("share").endMetadata()
                .withNewSpec().withAccessModes("ReadWriteMany").withStorageClassName("").withVolumeName(pvName)
                .withNewResources().withRequests(Map.of("storage", new io.fabric8.kubernetes.api.model.Quantity("100Gi"))).endResources()
                .endSpec().build());
        create(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("reader").endMetadata()
                .withNewSpec().withMaxUnavailable(new IntOrString(1)).withUnhealthyPodEvictionPolicy("AlwaysAllow")
                .withNewSelector().withMatchLabels(Map.of("app", "reader")).endSelector().endSpec()
                .build());
        create(new DeploymentBuilder(withSpread(deployment("reader", 2))).editSpec().editTemplate().editSpec()
                .addNewVolume().withName("files").withNewPersistentVolumeClaim().withClaimName("share").endPersistentVolumeClaim().endVolume()
                .endSpec().endTemplate().endSpec().build());

        SpofReport report = cluster.awaitReport("deployment-reader", r -> TestCluster.checks(r).equals(List.of("single-file-server")));
        assertThat(report.getStatus().getFindings().get(0).getMessage()).isEqualTo("Deployment reader mounts files from NFS server "
                + server + ", which is Service " + ns + "/nfs with 1 pod (Deployment nfs at 1 effective replica (spec.replicas)): when"
                + " that pod fails, every workload that mounts it loses its files");
        assertThat(report.getStatus().getFindings().get(0).getSeverity()).isEqualTo("critical");

        cluster.client().apps().deployments().inNamespace(ns).withName("nfs").scale(2);
        cluster.awaitReport("deployment-reader", r -> r.getStatus().getFindingCount() == 0);
        cluster.client().persistentVolumes().withName(pvName).delete();
    }

    @Test
    void workloadThatBecomesCleanKeepsAReportWithZeroFindings() {
        create(deployment("fixme", 1));
        cluster.awaitReport("deployment-fixme", r -> TestCluster.checks(r).equals(List.of("single-replica")));

        create(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("fixme").withNamespace(cluster.namespace()).endMetadata()
                .withNewSpec().withMaxUnavailable(new IntOrString(1)).withUnhealthyPodEvictionPolicy("AlwaysAllow")
                .withNewSelector().withMatchLabels(Map.of("app", "fixme")).endSelector().endSpec()
                .build());
        cluster.client().apps().deployments().inNamespace(cluster.namespace()).withName("fixme")
                .edit(d -> new DeploymentBuilder(withSpread(d)).editSpec().withReplicas(3).endSpec().build());

        SpofReport report = cluster.awaitReport("deployment-fixme", r -> r.getStatus().getFindingCount() == 0);
        assertThat(report.getStatus().getHighestSeverity()).isEqualTo("none");
        assertThat(report.getStatus().getReplicas()).startsWith("3/");
    }

    @Test
    void oddButLegalSpecsGetReportsAndDoNotStopOthers() {
        Deployment noReplicas = deployment("noreplicas", 1);
        noReplicas.getSpec().setReplicas(null);
        create(noReplicas);
        create(deployment("zero", 0));
        create(deployment("normal", 2));

        // The API server defaults an absent replicas field to 1 on Deployments.
        cluster.awaitReport("deployment-noreplicas", r -> TestCluster.checks(r).equals(List.of("single-replica")));
        SpofReport zero = cluster.awaitReport("deployment-zero", r -> TestCluster.checks(r).equals(List.of("single-replica")));
        assertThat(zero.getStatus().getHighestSeverity()).isEqualTo("info");
        assertThat(zero.getStatus().getFindings().get(0).getMessage()).contains("scaled to zero");
        cluster.awaitReport("deployment-normal", r -> TestCluster.checks(r).equals(List.of("missing-pdb", "missing-spread")));
    }

    @Test
    void readyReplicasFollowTheWorkloadStatus() {
        create(deployment("ready", 2));
        cluster.awaitReport("deployment-ready", r -> "2/0".equals(r.getStatus().getReplicas()));

        Deployment current = cluster.client().apps().deployments().inNamespace(cluster.namespace()).withName("ready").get();
        current.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                .withReplicas(2).withReadyReplicas(2).withAvailableReplicas(2).build());
        cluster.client().resource(current).updateStatus();

        SpofReport report = cluster.awaitReport("deployment-ready", r -> "2/2".equals(r.getStatus().getReplicas()));
        assertThat(report.getStatus().getReadyReplicas()).isEqualTo(2);
    }

    @Test
    void unchangedResyncWritesNothing() {
        create(deployment("steady", 3));
        SpofReport first = cluster.awaitReport("deployment-steady", r -> TestCluster.checks(r).equals(List.of("missing-pdb", "missing-spread")));

        List<String> modifications = new CopyOnWriteArrayList<>();
        try (Watch watch = cluster.reports().inNamespace(cluster.namespace()).withName("deployment-steady")
                .watch(first.getMetadata().getResourceVersion(), new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, SpofReport report) {
                        modifications.add(action + " " + TestCluster.checks(report));
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                    }
                })) {
            // Re-evaluated, same content: must not be written.
            cluster.client().apps().deployments().inNamespace(cluster.namespace()).withName("steady")
                    .edit(d -> new DeploymentBuilder(d).editMetadata().addToAnnotations("touched", "1").endMetadata().build());
            // Re-evaluated, new content: written. Events of one workload are processed in order,
            // so once this change shows, the evaluation of the touch above has happened.
            cluster.client().apps().deployments().inNamespace(cluster.namespace()).withName("steady")
                    .edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(1).endSpec().build());
            cluster.awaitReport("deployment-steady", r -> TestCluster.checks(r).equals(List.of("single-replica")));
            await().atMost(WITHIN_SECONDS).until(() -> !modifications.isEmpty());
        }
        assertThat(modifications).containsExactly("MODIFIED [single-replica]");
    }

    @Test
    void annotationExemptionKeepsTheFindingVisibleWithItsReason() {
        Deployment deployment = deployment("admin", 1);
        deployment.getMetadata().setAnnotations(Map.of("nospof.dev/ignore", "single-replica",
                "nospof.dev/ignore-reason", "internal tool, an outage is acceptable"));
        create(deployment);

        SpofReport report = cluster.awaitReport("deployment-admin", r -> TestCluster.checks(r).equals(List.of("single-replica")));
        assertThat(report.getStatus().getFindingCount()).isZero();
        assertThat(report.getStatus().getExemptedCount()).isEqualTo(1);
        assertThat(report.getStatus().getHighestSeverity()).isEqualTo("none");
        assertThat(report.getStatus().getFindings().get(0).getExempted()).isTrue();
        assertThat(report.getStatus().getFindings().get(0).getExemptionReason())
                .isEqualTo("internal tool, an outage is acceptable (annotation nospof.dev/ignore)");

        cluster.client().apps().deployments().inNamespace(cluster.namespace()).withName("admin")
                .edit(d -> new DeploymentBuilder(d).editMetadata().removeFromAnnotations("nospof.dev/ignore").endMetadata().build());
        report = cluster.awaitReport("deployment-admin", r -> r.getStatus().getFindingCount() == 1);
        assertThat(report.getStatus().getHighestSeverity()).isEqualTo("high");
        assertThat(report.getStatus().getFindings().get(0).getExempted()).isNull();
    }

    @Test
    void eventsTellWhenAFindingAppearsAndWhenItClears() {
        create(deployment("evented", 1));
        cluster.awaitReport("deployment-evented", r -> TestCluster.checks(r).equals(List.of("single-replica")));
        await("SpofFound event").atMost(WITHIN_SECONDS).until(() -> events("evented").stream()
                .anyMatch(e -> e.equals("Warning SpofFound single-replica: Deployment evented has 1 effective replica (spec.replicas), "
                        + "below the minimum of 2: one pod failure or node drain takes it down")));

        cluster.client().apps().deployments().inNamespace(cluster.namespace()).withName("evented")
                .edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(2).endSpec().build());
        await("SpofCleared event").atMost(WITHIN_SECONDS).until(() -> events("evented").stream()
                .anyMatch(e -> e.equals("Normal SpofCleared single-replica no longer fails")));
        assertThat(events("evented")).filteredOn(e -> e.contains("SpofFound"))
                .containsExactlyInAnyOrder(
                        "Warning SpofFound single-replica: Deployment evented has 1 effective replica (spec.replicas), "
                                + "below the minimum of 2: one pod failure or node drain takes it down",
                        "Warning SpofFound missing-pdb: Deployment evented has 2 effective replicas (spec.replicas) and no "
                                + "PodDisruptionBudget in namespace " + cluster.namespace()
                                + " selects its pods (app=evented): a node drain may evict them all at once",
                        "Warning SpofFound missing-spread: Deployment evented has 2 effective replicas (spec.replicas) and nothing "
                                + "spreads its own pods across kubernetes.io/hostname: the scheduler may place them all on one node");
    }

    @Test
    void metricsCountFindingsByNamespaceCheckAndSeverity() {
        create(deployment("measured", 1));
        cluster.awaitReport("deployment-measured", r -> TestCluster.checks(r).equals(List.of("single-replica")));

        String series = "nospof_findings{check=\"single-replica\",namespace=\"" + cluster.namespace() + "\",severity=\"high\"}";
        await("metric " + series).atMost(WITHIN_SECONDS).until(() -> cluster.operatorMetrics().lines()
                .anyMatch(l -> l.startsWith(series) && Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) >= 1.0));
        assertThat(cluster.operatorMetrics()).contains("nospof_reconcile_duration_seconds_count{kind=\"deployment\"");

        // Deleting the workload deletes its report through the ownerReference; there is no garbage
        // collector here, so the test does its part.
        double before = value(series);
        cluster.client().apps().deployments().inNamespace(cluster.namespace()).withName("measured").delete();
        cluster.reports().inNamespace(cluster.namespace()).withName("deployment-measured").delete();
        await("metric drops with the report").atMost(WITHIN_SECONDS).until(() -> value(series) == before - 1);
    }

    private static double value(String series) {
        return cluster.operatorMetrics().lines().filter(l -> l.startsWith(series))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(0);
    }

    private static List<String> events(String workload) {
        return cluster.client().v1().events().inNamespace(cluster.namespace()).list().getItems().stream()
                .filter(e -> workload.equals(e.getInvolvedObject().getName()))
                .map(e -> e.getType() + " " + e.getReason() + " " + e.getMessage())
                .toList();
    }

    @Test
    void standaloneReplicaSetsAndReplicationControllersAreWorkloadsButADeploymentsReplicaSetIsNot() {
        Deployment template = deployment("rs-solo", 1);
        create(new io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder()
                .withNewMetadata().withName("rs-owned").addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment")
                .withName("someone").withUid("00000000-0000-0000-0000-000000000002").withController(true).endOwnerReference().endMetadata()
                .withNewSpec().withReplicas(1).withSelector(template.getSpec().getSelector()).withTemplate(template.getSpec().getTemplate())
                .endSpec().build());
        create(new io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder()
                .withNewMetadata().withName("rs-solo").endMetadata()
                .withNewSpec().withReplicas(1).withSelector(template.getSpec().getSelector()).withTemplate(template.getSpec().getTemplate())
                .endSpec().build());
        create(new io.fabric8.kubernetes.api.model.ReplicationControllerBuilder()
                .withNewMetadata().withName("legacy-rc").endMetadata()
                .withNewSpec().withReplicas(1).withSelector(Map.of("app", "legacy-rc"))
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", "legacy-rc")).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("nginx:1.27").endContainer().endSpec().endTemplate()
                .endSpec().build());

        SpofReport rs = cluster.awaitReport("replicaset-rs-solo", r -> TestCluster.checks(r).equals(List.of("single-replica")));
        assertThat(rs.getSpec().getWorkload().getKind()).isEqualTo("ReplicaSet");
        SpofReport rc = cluster.awaitReport("replicationcontroller-legacy-rc", r -> TestCluster.checks(r).equals(List.of("single-replica")));
        assertThat(rc.getMetadata().getOwnerReferences().get(0).getApiVersion()).isEqualTo("v1");

        // A PDB in the namespace re-evaluates every ReplicaSet of it, the owned one included: still no report for it.
        create(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("rs-solo").endMetadata()
                .withNewSpec().withMinAvailable(new IntOrString(1)).withUnhealthyPodEvictionPolicy("AlwaysAllow")
                .withNewSelector().withMatchLabels(Map.of("app", "rs-solo")).endSelector().endSpec().build());
        cluster.awaitReport("replicaset-rs-solo", r -> TestCluster.checks(r).equals(List.of("single-replica", "pdb-blocks-eviction")));
        assertThat(cluster.reports().inNamespace(cluster.namespace()).withName("replicaset-rs-owned").get()).isNull();
    }

    @Test
    void kubectlGetSpofreportsShowsTheColumns() {
        create(deployment("columns", 1));
        cluster.awaitReport("deployment-columns", r -> TestCluster.checks(r).equals(List.of("single-replica")));

        CommandResult table = cluster.kubectl("get", "spofreports", "-A");
        assertThat(table.exitCode()).as(table.output()).isZero();
        List<String> lines = table.output().lines().toList();
        assertThat(lines.get(0).split("\\s+"))
                .containsExactly("NAMESPACE", "NAME", "KIND", "WORKLOAD", "SEVERITY", "FINDINGS", "REPLICAS", "AGE");
        assertThat(lines).anySatisfy(line -> assertThat(line.split("\\s+")).startsWith(
                cluster.namespace(), "deployment-columns", "Deployment", "columns", "high", "1", "1/0"));

        CommandResult wide = cluster.kubectl("get", "spof", "-n", cluster.namespace(), "deployment-columns", "-o", "wide");
        assertThat(wide.exitCode()).as(wide.output()).isZero();
        assertThat(wide.output().lines().toList().get(0).split("\\s+"))
                .containsExactly("NAME", "KIND", "WORKLOAD", "SEVERITY", "FINDINGS", "REPLICAS", "AGE", "CHECKS", "SINGLE-POINT");
        // No pod runs for it here: no node or zone holds its ready pods, the last column is empty.
        assertThat(wide.output().lines().toList().get(1).strip()).endsWith("single-replica");
    }

    // ---- helpers

    private static <T extends HasMetadata> T create(T object) {
        object.getMetadata().setNamespace(cluster.namespace());
        return cluster.client().resource(object).create();
    }



    static Deployment deployment(String name, int replicas) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().withMatchLabels(Map.of("app", name)).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", name)).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("nginx:1.27").endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    static Deployment withSpread(Deployment d) {
        String app = d.getMetadata().getName();
        return new DeploymentBuilder(d).editSpec().editTemplate().editSpec()
                .addNewTopologySpreadConstraint().withMaxSkew(1).withTopologyKey("kubernetes.io/hostname")
                .withWhenUnsatisfiable("ScheduleAnyway").withNewLabelSelector().withMatchLabels(Map.of("app", app))
                .endLabelSelector().endTopologySpreadConstraint()
                .endSpec().endTemplate().endSpec().build();
    }

    static StatefulSet statefulSet(String name, int replicas) {
        return new StatefulSetBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withReplicas(replicas).withServiceName(name)
                .withNewSelector().withMatchLabels(Map.of("app", name)).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", name)).endMetadata()
                .withNewSpec()
                .addNewTopologySpreadConstraint().withMaxSkew(1).withTopologyKey("kubernetes.io/hostname")
                .withWhenUnsatisfiable("DoNotSchedule").withNewLabelSelector().withMatchLabels(Map.of("app", name))
                .endLabelSelector().endTopologySpreadConstraint()
                .addNewContainer().withName("app").withImage("postgres:17").endContainer().endSpec()
                .endTemplate().endSpec().build();
    }
}
