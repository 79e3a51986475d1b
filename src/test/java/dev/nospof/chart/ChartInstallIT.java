package dev.nospof.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nospof.admission.Certificates;
import dev.nospof.policy.RedundancyPolicy;
import dev.nospof.report.ClusterSpofReport;
import dev.nospof.report.SpofReport;
import dev.nospof.testing.CommandResult;
import dev.nospof.testing.ControlPlane;
import dev.nospof.testing.Helm;
import dev.nospof.testing.OperatorProcess;
import dev.nospof.testing.Tls;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code helm install} as a platform team runs it, on a control plane of its own that starts
 * without nospof's CRDs, into a namespace that enforces the restricted Pod Security Standard;
 * then the packaged operator runs as the chart's ServiceAccount (a token from the TokenRequest
 * API), not as an admin: it must do its whole job with no 403, and two and three of them share
 * the work through the leader Lease, taking over after SIGTERM and SIGKILL. Then upgrade and
 * uninstall.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChartInstallIT {

    static final Path PROJECT = HelmChartIT.PROJECT;
    static final String NAMESPACE = "nospof-system";
    static final String SERVICE_ACCOUNT = "nospof";
    static final String LEASE = "nospof-leader";
    /** The chart's default lease timings (values.yaml), as the chart hands them to the operator. */
    static final Map<String, String> CHART_LEADER_ELECTION = Map.of(
            "NOSPOF_LEADER_ELECTION_LEASE_NAMESPACE", NAMESPACE,
            "NOSPOF_LEADER_ELECTION_LEASE_NAME", LEASE,
            "NOSPOF_LEADER_ELECTION_LEASE_DURATION", "15s",
            "NOSPOF_LEADER_ELECTION_RENEW_DEADLINE", "10s",
            "NOSPOF_LEADER_ELECTION_RETRY_PERIOD", "2s");
    static final Duration LEASE_DURATION = Duration.ofSeconds(15);
    /** The webhook's names as the chart gives them to the operator (HelmChartIT checks the rendered env). */
    static final String WEBHOOK_SERVICE = "nospof-webhook";
    static final String WEBHOOK_SECRET = "nospof-webhook-certificates";
    static final String WEBHOOK_CONFIGURATION = "nospof-" + NAMESPACE;
    static final Map<String, String> CHART_ADMISSION = Map.of(
            "NOSPOF_ADMISSION_SERVICE", WEBHOOK_SERVICE,
            "NOSPOF_ADMISSION_NAMESPACE", NAMESPACE,
            "NOSPOF_ADMISSION_SECRET", WEBHOOK_SECRET,
            "NOSPOF_ADMISSION_CONFIGURATION", WEBHOOK_CONFIGURATION,
            "NOSPOF_ADMISSION_CERTIFICATES", "nospof",
            "NOSPOF_ADMISSION_CERTIFICATE_VALIDITY", "8760h");
    /** The chart's default: no write RBAC, and the operator told so. */
    static final Map<String, String> CHART_REMEDIATION = Map.of(
            "NOSPOF_REMEDIATION_ENABLED", "false",
            "NOSPOF_REMEDIATION_NAMESPACE", NAMESPACE);
    static final String DENIED = "admission webhook \"validate.nospof.dev\" denied the request: ";
    /** The webhook port of each operator process (several run on this one machine). */
    static final Map<OperatorProcess, Integer> webhookPorts = new java.util.HashMap<>();

    static ControlPlane plane;
    static KubernetesClient client;
    static Helm helm;
    static Path serviceAccountKubeconfig;
    static final List<OperatorProcess> operators = new ArrayList<>();

    @BeforeAll
    static void startControlPlane() {
        plane = ControlPlane.startBare(PROJECT);
        client = plane.client();
        helm = Helm.provide(PROJECT, plane.kubeconfig());
    }

    @AfterAll
    static void stop() {
        operators.forEach(OperatorProcess::close);
        if (plane != null) {
            plane.stop();
        }
    }

    @Test
    @Order(1)
    void installsIntoARestrictedNamespace() throws Exception {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE)
                .withLabels(Map.of("pod-security.kubernetes.io/enforce", "restricted")).endMetadata().build()).create();
        CommandResult install = helm.run("install", "nospof", HelmChartIT.CHART.toString(), "-n", NAMESPACE,
                "--set", "defaultPolicy.enabled=true", "--set", "declaredWorkloadResources[0].apiGroup=cache.example.dev",
                "--set", "declaredWorkloadResources[0].resources[0]=redisclusters");
        System.out.println(install.output());
        assertThat(install.exitCode()).as(install.output()).isZero();
        assertThat(install.output()).contains("STATUS: deployed").contains("kubectl get spofreports -A")
                .doesNotContain("WARNING: replicaCount is 1");

        CommandResult single = helm.run("install", "nospof", HelmChartIT.CHART.toString(), "-n", NAMESPACE, "--dry-run=client",
                "--set", "replicaCount=1");
        assertThat(single.output()).as(single.output()).contains("WARNING: replicaCount is 1");

        for (String crd : List.of("spofreports.nospof.dev", "clusterspofreports.nospof.dev", "redundancypolicies.nospof.dev")) {
            assertThat(client.apiextensions().v1().customResourceDefinitions().withName(crd).get()).as(crd).isNotNull();
        }
        assertThat(client.serviceAccounts().inNamespace(NAMESPACE).withName(SERVICE_ACCOUNT).get()).isNotNull();
        assertThat(client.rbac().clusterRoles().withName("nospof").get()).isNotNull();
        assertThat(client.rbac().clusterRoleBindings().withName("nospof").get().getSubjects().get(0).getNamespace()).isEqualTo(NAMESPACE);
        assertThat(client.rbac().roles().inNamespace(NAMESPACE).withName("nospof-leader-election").get()).isNotNull();
        assertThat(client.policy().v1().podDisruptionBudget().inNamespace(NAMESPACE).withName("nospof").get()).isNotNull();
        assertThat(client.services().inNamespace(NAMESPACE).withName("nospof-metrics").get()).isNotNull();
        assertThat(client.resources(RedundancyPolicy.class).withName("nospof-default").get()).isNotNull();
        assertThat(client.apps().deployments().inNamespace(NAMESPACE).withName("nospof").get().getSpec().getReplicas()).isEqualTo(2);
    }

    /** No kubelet runs here, so the pod template is proven by a server-side dry run of a Pod made from it. */
    @Test
    @Order(2)
    void podTemplateIsAdmittedByTheRestrictedPodSecurityStandard() throws Exception {
        Deployment deployment = client.apps().deployments().inNamespace(NAMESPACE).withName("nospof").get();
        var template = deployment.getSpec().getTemplate();
        Pod pod = new PodBuilder().withMetadata(new ObjectMetaBuilder().withName("nospof-pod-security-check").withNamespace(NAMESPACE)
                .withLabels(template.getMetadata().getLabels()).build()).withSpec(template.getSpec()).build();
        CommandResult admitted = dryRun(pod);
        assertThat(admitted.exitCode()).as(admitted.output()).isZero();
        assertThat(admitted.output()).contains("created (server dry run)").doesNotContain("Warning").doesNotContain("violates");

        // The namespace does enforce: the same pod without its security contexts is refused.
        Pod loose = new PodBuilder(pod).editSpec().withSecurityContext(null).editFirstContainer().withSecurityContext(null)
                .endContainer().endSpec().build();
        CommandResult refused = dryRun(loose);
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("violates PodSecurity \"restricted:latest\"");
    }

    @Test
    @Order(3)
    void serviceAccountMayDoItsJobAndNothingElse() throws Exception {
        // kubectl auth can-i resolves a custom resource through discovery: its CRD must be served.
        plane.applyCrds(PROJECT.resolve("src/test/resources/crds"));
        serviceAccountKubeconfig = plane.kubeconfigFor(SERVICE_ACCOUNT, NAMESPACE);
        System.out.println("kubectl auth can-i --list as the chart's ServiceAccount (namespace " + NAMESPACE + "):\n"
                + plane.kubectlWith(serviceAccountKubeconfig, "auth", "can-i", "--list", "-n", NAMESPACE).output());
        for (String allowed : List.of("list deployments.apps -A", "watch pods -A", "list nodes", "watch persistentvolumes", "create spofreports.nospof.dev -n default",
                "patch spofreports.nospof.dev -n default", "patch spofreports.nospof.dev --subresource=status -n default", "patch clusterspofreports.nospof.dev",
                "patch redundancypolicies.nospof.dev --subresource=status", "create events -n default",
                "delete spofreports.nospof.dev -n default",
                "update leases.coordination.k8s.io -n " + NAMESPACE, "patch leases.coordination.k8s.io -n " + NAMESPACE,
                "watch customresourcedefinitions.apiextensions.k8s.io/rollouts.argoproj.io",
                "watch customresourcedefinitions.apiextensions.k8s.io/prometheuses.monitoring.coreos.com",
                "watch customresourcedefinitions.apiextensions.k8s.io/clusters.postgresql.cnpg.io",
                "list prometheuses.monitoring.coreos.com -A", "watch alertmanagers.monitoring.coreos.com -A",
                "watch thanosrulers.monitoring.coreos.com -A", "list clusters.postgresql.cnpg.io -A",
                "get redisclusters.cache.example.dev -n default", "list redisclusters.cache.example.dev -A",
                "watch redisclusters.cache.example.dev -A",
                "get secrets/" + WEBHOOK_SECRET + " -n " + NAMESPACE, "update secrets/" + WEBHOOK_SECRET + " -n " + NAMESPACE,
                "patch validatingwebhookconfigurations.admissionregistration.k8s.io/" + WEBHOOK_CONFIGURATION,
                "create validatingadmissionpolicies.admissionregistration.k8s.io",
                "delete validatingadmissionpolicybindings.admissionregistration.k8s.io",
                "list validatingadmissionpolicies.admissionregistration.k8s.io")) {
            assertThat(canI(allowed)).as("can-i %s", allowed).isEqualTo("yes");
        }
        for (String refused : List.of("update deployments.apps -n default", "patch deployments.apps -n default",
                "patch statefulsets.apps -n default", "delete pods -n default", "create pods -n default",
                "patch poddisruptionbudgets.policy -n default", "create poddisruptionbudgets.policy -n default",
                "update horizontalpodautoscalers.autoscaling -n default", "get secrets -n kube-system", "list secrets -n default",
                "get secrets -n " + NAMESPACE, "create leases.coordination.k8s.io -n default", "delete clusterspofreports.nospof.dev",
                "update redundancypolicies.nospof.dev", "list customresourcedefinitions.apiextensions.k8s.io",
                "create validatingwebhookconfigurations.admissionregistration.k8s.io",
                "patch validatingwebhookconfigurations.admissionregistration.k8s.io/other", "update secrets/other -n " + NAMESPACE,
                "create secrets -n " + NAMESPACE, "delete secrets/" + WEBHOOK_SECRET + " -n " + NAMESPACE,
                "update validatingadmissionpolicies.admissionregistration.k8s.io", "patch prometheuses.monitoring.coreos.com -n default",
                "update clusters.postgresql.cnpg.io -n default", "delete persistentvolumes", "update persistentvolumes",
                "patch redisclusters.cache.example.dev -n default")) {
            assertThat(canI(refused)).as("can-i %s", refused).isEqualTo("no");
        }
    }

    /** The packaged operator under the chart's identity: every kind, reports, the cluster report, Events, the Lease; no 403. */
    @Test
    @Order(4)
    void operatorDoesItsWholeJobAsTheChartsServiceAccount() throws Exception {
        // Argo Rollouts and KEDA (stand-in CRDs) are installed: their watches run under the chart's RBAC too.
        // So are the Prometheus Operator's and CloudNativePG's: their workloads are judged under it.
        plane.applyCrds(PROJECT.resolve("src/test/resources/crds"));
        // A report whose Deployment is gone (the garbage collector missed it): removed when a leader starts;
        // a pod whose ReplicaSet is gone: reported.
        apply(PROJECT.resolve("src/test/resources/chart/orphan-report.yaml"));
        OperatorProcess a = startOperator("nospof-a");
        await("nospof-a holds the lease").atMost(Duration.ofSeconds(30)).until(() -> holder().startsWith("nospof-a"));

        apply(PROJECT.resolve("deploy/examples"));
        apply(PROJECT.resolve("src/test/resources/chart/every-kind.yaml"));
        for (String report : List.of("deployment-web", "deployment-api", "deployment-legacy", "deployment-worker", "deployment-cart",
                "deployment-search", "deployment-admin", "deployment-batch", "statefulset-db")) {
            awaitEvaluated("nospof-demo", report);
        }
        assertThat(failing("nospof-demo", "deployment-web")).contains("single-replica");
        for (String report : List.of("replicaset-lone-rs", "replicationcontroller-old-rc")) {
            assertThat(failing("chart-kinds", awaitEvaluated("chart-kinds", report))).contains("single-replica");
        }
        assertThat(failing("chart-kinds", awaitEvaluated("chart-kinds", "pod-bare"))).contains("unmanaged-pod");
        for (String report : List.of("prometheus-k8s", "cnpg-cluster-orders", "rediscluster-sessions")) {
            assertThat(failing("chart-kinds", awaitEvaluated("chart-kinds", report))).contains("single-replica");
        }
        // The Rollout's floor comes from the KEDA ScaledObject: both integrations work under the chart's RBAC.
        await("rollout-canary judged with its ScaledObject").atMost(Duration.ofSeconds(60))
                .until(() -> failing("chart-kinds", "rollout-canary").contains("hpa-min-replicas"));

        await("ClusterSpofReport written").atMost(Duration.ofSeconds(60)).until(() -> {
            ClusterSpofReport cluster = client.resources(ClusterSpofReport.class).withName(ClusterSpofReport.NAME).get();
            return cluster != null && cluster.getStatus() != null;
        });
        await("SpofFound Events").atMost(Duration.ofSeconds(30)).until(() -> client.v1().events().inNamespace("nospof-demo").list()
                .getItems().stream().anyMatch(e -> "SpofFound".equals(e.getReason())));
        await("the default policy's status").atMost(Duration.ofSeconds(30)).until(() -> {
            RedundancyPolicy policy = client.resources(RedundancyPolicy.class).withName("nospof-default").get();
            return policy.getStatus() != null && policy.getStatus().getSelectedWorkloads() != null && policy.getStatus().getSelectedWorkloads() > 0;
        });
        await("the orphaned report deleted").atMost(Duration.ofSeconds(30))
                .until(() -> client.resources(SpofReport.class).inNamespace("default").withName("deployment-gone").get() == null);
        // The owner's GET (404) and the pod's own GET, under the chart's identity.
        assertThat(failing("default", awaitEvaluated("default", "pod-stranded"))).contains("unmanaged-pod");
        assertThat(a.log()).contains("Argo Rollouts is installed");
        assertNotRefused(a);
    }

    /**
     * The webhook in the cluster, under the chart's identity: the operator fills the chart's Secret
     * with a CA and a serving certificate, sets the caBundle of the chart's webhook configuration
     * and serves the certificate; the API server calls it through the chart's Service (its
     * endpoints made by hand: no kubelet runs pods here) and a 1-replica Deployment is denied.
     */
    @Test
    @Order(5)
    void theWebhookIsServedThroughTheChartsServiceWithTheCertificateInTheSecret() throws Exception {
        OperatorProcess a = operators.get(0);
        await("the certificates written to the chart's Secret").atMost(Duration.ofSeconds(30))
                .until(() -> secretData(Certificates.Material.CERTIFICATE) != null);
        String caBundle = secretData(Certificates.Material.CA_BUNDLE);
        await("the caBundle set").atMost(Duration.ofSeconds(30)).until(() -> caBundle.equals(caBundleOfTheWebhook()));
        assertThat(servedCertificate(a)).as("the replica serves the certificate in the Secret")
                .isEqualTo(Certificates.parse(secretData(Certificates.Material.CERTIFICATE)).get(0));
        assertThat(Certificates.parse(secretData(Certificates.Material.CERTIFICATE)).get(0).getSubjectAlternativeNames())
                .anyMatch(n -> n.get(1).equals(WEBHOOK_SERVICE + "." + NAMESPACE + ".svc"));

        routeTheWebhookServiceTo(webhookPorts.get(a));
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("enforced").withLabels(Map.of("admission", "enforced"))
                .endMetadata().build()).create();
        apply(Files.writeString(Files.createTempFile("nospof-policy-", ".yaml"), """
                apiVersion: nospof.dev/v1alpha1
                kind: RedundancyPolicy
                metadata: {name: enforced}
                spec:
                  selector: {namespaceSelector: {matchLabels: {admission: enforced}}}
                  admission: webhook
                  defaultMode: audit
                  checks:
                    single-replica: enforce
                ---
                apiVersion: nospof.dev/v1alpha1
                kind: RedundancyPolicy
                metadata: {name: enforced-in-the-api-server}
                spec:
                  selector: {namespaceSelector: {matchLabels: {admission: cel}}}
                  defaultMode: audit
                  checks:
                    single-replica: enforce
                """));
        await("the policy enforced at admission").atMost(Duration.ofSeconds(30))
                .until(() -> plane.kubectl("create", "deployment", "lone", "-n", "enforced", "--image=registry.example/app:1",
                        "--replicas=1", "--dry-run=server").output().contains(DENIED));
        CommandResult created = plane.kubectl("create", "deployment", "lone", "-n", "enforced", "--image=registry.example/app:1",
                "--replicas=1");
        assertThat(created.exitCode()).isNotZero();
        assertThat(created.output()).contains(DENIED + "nospof: Deployment enforced/lone fails 1 enforced check:\n- single-replica (high): ");
        assertThat(plane.kubectl("create", "deployment", "pair", "-n", "enforced", "--image=registry.example/app:1", "--replicas=2")
                .exitCode()).as("2 replicas pass").isZero();
        // The leader generates the ValidatingAdmissionPolicy of a policy with admission: both (the default), under the chart's RBAC.
        await("the ValidatingAdmissionPolicy generated").atMost(Duration.ofSeconds(30)).until(() -> client.admissionRegistration().v1()
                .validatingAdmissionPolicyBindings().withName("nospof-enforced-in-the-api-server-single-replica").get() != null);
        // And deletes them when their policy goes (no garbage collector runs here: nospof itself, under the same RBAC).
        client.resources(RedundancyPolicy.class).withName("enforced-in-the-api-server").delete();
        await("the ValidatingAdmissionPolicy removed with its policy").atMost(Duration.ofSeconds(30)).until(() -> client
                .admissionRegistration().v1().validatingAdmissionPolicies().withName("nospof-enforced-in-the-api-server-single-replica")
                .get() == null && client.admissionRegistration().v1().validatingAdmissionPolicyBindings()
                .withName("nospof-enforced-in-the-api-server-single-replica").get() == null);
        assertThat(a.log()).contains("admission webhook serving https://0.0.0.0:" + webhookPorts.get(a));
        assertNotRefused(a);
    }

    /**
     * A second replica stays ready and idle; the leader is stopped with SIGTERM, later another
     * with SIGKILL, and each time a change made after the stop is reported by the successor.
     */
    @Test
    @Order(6)
    void aFollowerTakesOverAfterSigtermAndSigkill() throws Exception {
        OperatorProcess a = operators.get(0);
        OperatorProcess b = startOperator("nospof-b");
        assertThat(holder()).startsWith("nospof-a");
        scaleWeb(2);
        await("leader reports the change").atMost(Duration.ofSeconds(30))
                .until(() -> !failing("nospof-demo", "deployment-web").contains("single-replica"));
        assertThat(reconciles(a)).as("the leader reconciles").isPositive();
        assertThat(reconciles(b)).as("the follower is ready but does not reconcile:\n" + b.metrics()).isZero();
        assertThat(b.readiness()).contains("\"status\": \"UP\"");
        await("the second replica serves the webhook too").atMost(Duration.ofSeconds(30)).until(() -> webhookServed(b));
        assertThat(servedCertificate(b)).as("every replica serves the certificate in the Secret")
                .isEqualTo(Certificates.parse(secretData(Certificates.Material.CERTIFICATE)).get(0));

        long sigterm = System.nanoTime();
        a.terminate();
        // The change is made once the leader is gone, so only the follower can report it (a change made
        // while the old leader shuts down may still be reconciled by it, before it releases the lease).
        assertThat(a.awaitExit(Duration.ofSeconds(30))).as("the leader exits on SIGTERM:\n" + a.tail()).isTrue();
        scaleWeb(1);
        await("after SIGTERM, the follower reports a change").atMost(LEASE_DURATION.plusSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> failing("nospof-demo", "deployment-web").contains("single-replica"));
        Duration afterSigterm = Duration.ofNanos(System.nanoTime() - sigterm);
        await("the follower holds the lease").atMost(Duration.ofSeconds(10)).until(() -> holder().startsWith("nospof-b"));

        OperatorProcess c = startOperator("nospof-c");
        long sigkill = System.nanoTime();
        b.kill();
        scaleWeb(2);
        await("after SIGKILL, the follower reports a change").atMost(LEASE_DURATION.plusSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> !failing("nospof-demo", "deployment-web").contains("single-replica"));
        Duration afterSigkill = Duration.ofNanos(System.nanoTime() - sigkill);
        await("the new follower holds the lease").atMost(Duration.ofSeconds(10)).until(() -> holder().startsWith("nospof-c"));
        System.out.printf("failover (lease %s): SIGTERM of the leader -> change reported by the successor in %.1f s; SIGKILL -> %.1f s%n",
                LEASE_DURATION, afterSigterm.toMillis() / 1000.0, afterSigkill.toMillis() / 1000.0);
        for (OperatorProcess operator : List.of(a, b, c)) {
            assertNotRefused(operator);
        }
    }

    /**
     * A ClusterRole edited by hand (or left from an older chart) without the CRD rule: the
     * operator starts and runs without Argo Rollouts and KEDA, saying why, instead of hanging.
     */
    @Test
    @Order(7)
    void withoutTheCrdRuleTheOperatorRunsOnWithoutTheIntegrations() {
        ClusterRole role = client.rbac().clusterRoles().withName("nospof").get();
        role.getRules().removeIf(r -> r.getApiGroups().contains("apiextensions.k8s.io"));
        client.rbac().clusterRoles().resource(role).update();
        OperatorProcess d = startOperator("nospof-d");
        assertThat(d.log()).contains("cannot watch CRD rollouts.argoproj.io").contains("cannot watch CRD scaledobjects.keda.sh");
        assertThat(d.readiness()).contains("\"status\": \"UP\"");
    }

    /**
     * A remediate policy under the chart's defaults: nothing is written, and the reports say what
     * nospof would do. With remediation.enabled the chart grants exactly the write verbs, and the
     * operator, restarted as the chart's rollout restarts it, fixes both workloads with no 403.
     */
    @Test
    @Order(8)
    void remediationIsNotPermittedUntilTheChartEnablesIt() throws Exception {
        apply(Files.writeString(Files.createTempFile("nospof-remediation-", ".yaml"), """
                apiVersion: v1
                kind: Namespace
                metadata: {name: chart-remediation}
                ---
                apiVersion: nospof.dev/v1alpha1
                kind: RedundancyPolicy
                metadata: {name: chart-remediation}
                spec:
                  selector: {namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: chart-remediation}}}
                  checks: {single-replica: remediate, missing-pdb: remediate}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: lonely, namespace: chart-remediation}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: lonely}}
                  template:
                    metadata: {labels: {app: lonely}}
                    spec: {containers: [{name: app, image: registry.example/app:1}]}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: pair, namespace: chart-remediation}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: pair}}
                  template:
                    metadata: {labels: {app: pair}}
                    spec: {containers: [{name: app, image: registry.example/app:1}]}
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: store, namespace: chart-remediation}
                spec:
                  replicas: 1
                  serviceName: store
                  selector: {matchLabels: {app: store}}
                  template:
                    metadata: {labels: {app: store}}
                    spec: {containers: [{name: app, image: registry.example/app:1}]}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: autoscaled, namespace: chart-remediation}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: autoscaled}}
                  template:
                    metadata: {labels: {app: autoscaled}}
                    spec: {containers: [{name: app, image: registry.example/app:1}]}
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: autoscaled, namespace: chart-remediation}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: autoscaled}
                  minReplicas: 1
                  maxReplicas: 5
                """));
        await("lonely: not permitted").atMost(Duration.ofSeconds(60)).until(() -> fixState("deployment-lonely", "single-replica")
                .equals("not-permitted"));
        await("pair: not permitted").atMost(Duration.ofSeconds(60)).until(() -> fixState("deployment-pair", "missing-pdb")
                .equals("not-permitted"));
        assertThat(report("chart-remediation", "deployment-lonely").orElseThrow().getStatus().getFindings().stream()
                .filter(f -> f.getCheck().equals("single-replica")).findFirst().orElseThrow().getFix().getReason())
                .isEqualTo("not permitted: would raise spec.replicas of Deployment lonely from 1 to 2 (nospof may not write workloads:"
                        + " the chart's remediation.enabled is false)");
        // lonely, store and autoscaled (single-replica: its HPA's floor), pair (missing-pdb); hpa-min-replicas is audited here.
        await("the policy's status says so").atMost(Duration.ofSeconds(30)).until(() -> String.valueOf(policyRemediationStatus())
                .startsWith("not permitted: would fix 4 finding(s); nospof may not write workloads (the chart's remediation.enabled is false)"));
        assertThat(client.apps().deployments().inNamespace("chart-remediation").withName("lonely").get().getSpec().getReplicas()).isEqualTo(1);
        assertThat(client.policy().v1().podDisruptionBudget().inNamespace("chart-remediation").list().getItems()).isEmpty();

        CommandResult upgrade = helm.run("upgrade", "nospof", HelmChartIT.CHART.toString(), "-n", NAMESPACE, "--reuse-values",
                "--set", "remediation.enabled=true");
        assertThat(upgrade.exitCode()).as(upgrade.output()).isZero();
        for (String allowed : List.of("patch deployments.apps -n chart-remediation", "patch statefulsets.apps -n default",
                "patch horizontalpodautoscalers.autoscaling -n default", "patch scaledobjects.keda.sh -n default",
                "create poddisruptionbudgets.policy -n default", "patch poddisruptionbudgets.policy -n default",
                "delete poddisruptionbudgets.policy -n default")) {
            assertThat(canI(allowed)).as("can-i %s", allowed).isEqualTo("yes");
        }
        for (String refused : List.of("update deployments.apps -n default", "delete deployments.apps -n default",
                "create deployments.apps -n default", "patch pods -n default", "delete horizontalpodautoscalers.autoscaling -n default",
                "update poddisruptionbudgets.policy -n default")) {
            assertThat(canI(refused)).as("can-i %s", refused).isEqualTo("no");
        }

        // The upgrade changes the pod template (NOSPOF_REMEDIATION_ENABLED), so its replicas restart: here, by hand.
        operators.forEach(OperatorProcess::close);
        OperatorProcess e = startOperator("nospof-e", Map.of("NOSPOF_REMEDIATION_ENABLED", "true"));
        // A KEDA-scaled workload now: the replica before had its CRD rule edited away (order 7) and does not watch ScaledObjects.
        apply(Files.writeString(Files.createTempFile("nospof-remediation-keda-", ".yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: queued, namespace: chart-remediation}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: queued}}
                  template:
                    metadata: {labels: {app: queued}}
                    spec: {containers: [{name: app, image: registry.example/app:1}]}
                ---
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: queued, namespace: chart-remediation}
                spec:
                  scaleTargetRef: {name: queued}
                  minReplicaCount: 1
                  maxReplicaCount: 10
                  triggers: [{type: cpu, metadata: {value: "60"}}]
                """));
        await("lonely raised to 2 replicas").atMost(Duration.ofSeconds(60))
                .until(() -> client.apps().deployments().inNamespace("chart-remediation").withName("lonely").get().getSpec().getReplicas() == 2);
        for (String pdb : List.of("lonely-nospof", "pair-nospof")) {
            await(pdb + " created").atMost(Duration.ofSeconds(60))
                    .until(() -> client.policy().v1().podDisruptionBudget().inNamespace("chart-remediation").withName(pdb).get() != null);
        }
        await("the reports say what was done").atMost(Duration.ofSeconds(30))
                .until(() -> report("chart-remediation", "deployment-lonely").map(r -> r.getStatus().getRemediated() != null
                        && r.getStatus().getRemediated().size() == 2).orElse(false)
                        && !failing("chart-remediation", "deployment-lonely").contains("single-replica")
                        && !failing("chart-remediation", "deployment-lonely").contains("missing-pdb"));
        // Every write verb the chart adds, used under its identity: a StatefulSet's replicas, an HPA's and a ScaledObject's floor,
        // and the deletion of nospof's own budget once the workload is exempted from missing-pdb.
        await("store raised to 2 replicas").atMost(Duration.ofSeconds(60))
                .until(() -> client.apps().statefulSets().inNamespace("chart-remediation").withName("store").get().getSpec().getReplicas() == 2);
        await("the HPA's floor raised").atMost(Duration.ofSeconds(60)).until(() -> client.autoscaling().v2().horizontalPodAutoscalers()
                .inNamespace("chart-remediation").withName("autoscaled").get().getSpec().getMinReplicas() == 2);
        await("the ScaledObject's floor raised").atMost(Duration.ofSeconds(60)).until(() -> ((Map<?, ?>) client.genericKubernetesResources(
                "keda.sh/v1alpha1", "ScaledObject").inNamespace("chart-remediation").withName("queued").get().getAdditionalProperties()
                .get("spec")).get("minReplicaCount").equals(2));
        CommandResult exempted = plane.kubectl("annotate", "deployment/pair", "-n", "chart-remediation", "nospof.dev/ignore=missing-pdb",
                "nospof.dev/ignore-reason=the chart test");
        assertThat(exempted.exitCode()).as(exempted.output()).isZero();
        await("pair-nospof deleted").atMost(Duration.ofSeconds(60))
                .until(() -> client.policy().v1().podDisruptionBudget().inNamespace("chart-remediation").withName("pair-nospof").get() == null);
        await("the policy's status no longer says not permitted").atMost(Duration.ofSeconds(30))
                .until(() -> policyRemediationStatus() == null);
        assertNotRefused(e);
    }

    private static String policyRemediationStatus() {
        RedundancyPolicy policy = client.resources(RedundancyPolicy.class).withName("chart-remediation").get();
        return policy == null || policy.getStatus() == null ? "" : policy.getStatus().getRemediation();
    }

    private static String fixState(String report, String check) {
        return report("chart-remediation", report).map(r -> r.getStatus() == null || r.getStatus().getFindings() == null ? ""
                : r.getStatus().getFindings().stream().filter(f -> f.getCheck().equals(check) && f.getFix() != null)
                        .map(f -> f.getFix().getState()).findFirst().orElse("")).orElse("");
    }

    @Test
    @Order(9)
    void upgradesRepairingTheRbacAndUninstallsLeavingTheCrds() {
        String certificate = secretData(Certificates.Material.CERTIFICATE);
        String caBundle = caBundleOfTheWebhook();
        CommandResult upgrade = helm.run("upgrade", "nospof", HelmChartIT.CHART.toString(), "-n", NAMESPACE, "--reuse-values",
                "--set", "replicaCount=3");
        assertThat(upgrade.exitCode()).as(upgrade.output()).isZero();
        assertThat(upgrade.output()).contains("REVISION: 3");
        assertThat(client.apps().deployments().inNamespace(NAMESPACE).withName("nospof").get().getSpec().getReplicas()).isEqualTo(3);
        assertThat(client.rbac().clusterRoles().withName("nospof").get().getRules())
                .as("the upgrade restores the rule edited away").anyMatch(r -> r.getApiGroups().contains("apiextensions.k8s.io"));
        assertThat(secretData(Certificates.Material.CERTIFICATE)).as("the upgrade keeps the certificates nospof wrote").isEqualTo(certificate);
        assertThat(caBundleOfTheWebhook()).as("and the caBundle it set").isEqualTo(caBundle);

        CommandResult uninstall = helm.run("uninstall", "nospof", "-n", NAMESPACE, "--wait");
        assertThat(uninstall.exitCode()).as(uninstall.output()).isZero();
        assertThat(client.apps().deployments().inNamespace(NAMESPACE).withName("nospof").get()).isNull();
        assertThat(client.rbac().clusterRoles().withName("nospof").get()).isNull();
        assertThat(client.rbac().clusterRoleBindings().withName("nospof").get()).isNull();
        assertThat(client.serviceAccounts().inNamespace(NAMESPACE).withName(SERVICE_ACCOUNT).get()).isNull();
        assertThat(client.resources(RedundancyPolicy.class).withName("nospof-default").get()).isNull();
        // Helm keeps CRDs (and so the reports): README says how to remove them.
        assertThat(client.apiextensions().v1().customResourceDefinitions().withName("spofreports.nospof.dev").get()).isNotNull();
        assertThat(client.resources(SpofReport.class).inNamespace("nospof-demo").withName("deployment-web").get()).isNotNull();
    }

    private static OperatorProcess startOperator(String identity) {
        return startOperator(identity, Map.of());
    }

    /** The operator as the chart runs it, with {@code values} of the chart's environment changed. */
    private static OperatorProcess startOperator(String identity, Map<String, String> values) {
        Map<String, String> env = new java.util.HashMap<>(CHART_LEADER_ELECTION);
        env.putAll(CHART_ADMISSION);
        env.putAll(CHART_REMEDIATION);
        env.putAll(values);
        env.put("NOSPOF_LEADER_ELECTION_IDENTITY", identity);
        int port;
        try {
            port = OperatorProcess.freePort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        env.put("NOSPOF_ADMISSION_PORT", Integer.toString(port));
        OperatorProcess operator = OperatorProcess.start(PROJECT, serviceAccountKubeconfig, env);
        operators.add(operator);
        webhookPorts.put(operator, port);
        return operator;
    }

    private static String secretData(String key) {
        Secret secret = client.secrets().inNamespace(NAMESPACE).withName(WEBHOOK_SECRET).get();
        String value = secret == null || secret.getData() == null ? null : secret.getData().get(key);
        return value == null ? null : new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    }

    private static String caBundleOfTheWebhook() {
        ValidatingWebhookConfiguration configuration = client.admissionRegistration().v1().validatingWebhookConfigurations()
                .withName(WEBHOOK_CONFIGURATION).get();
        String caBundle = configuration.getWebhooks().get(0).getClientConfig().getCaBundle();
        return caBundle == null ? null : new String(Base64.getDecoder().decode(caBundle), StandardCharsets.UTF_8);
    }

    /**
     * The Service's endpoints, as the endpoints controller would write them for a pod: this
     * machine's own address (the API server refuses loopback endpoints) and the replica's port.
     * The API server reaches webhooks through endpoints (--enable-aggregator-routing).
     */
    private static void routeTheWebhookServiceTo(int port) throws Exception {
        String address = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> java.util.Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof java.net.Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .map(java.net.InetAddress::getHostAddress).findFirst().orElseThrow(() -> new IllegalStateException("no IPv4 address"));
        apply(Files.writeString(Files.createTempFile("nospof-endpoints-", ".yaml"), """
                apiVersion: v1
                kind: Endpoints
                metadata: {name: %1$s, namespace: %2$s}
                subsets:
                  - addresses: [{ip: "%3$s"}]
                    ports: [{name: webhook, port: %4$d, protocol: TCP}]
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: %1$s-manual
                  namespace: %2$s
                  labels: {kubernetes.io/service-name: %1$s}
                addressType: IPv4
                endpoints: [{addresses: ["%3$s"], conditions: {ready: true}}]
                ports: [{name: webhook, port: %4$d, protocol: TCP}]
                """.formatted(WEBHOOK_SERVICE, NAMESPACE, address, port)));
    }

    private static boolean webhookServed(OperatorProcess operator) {
        try {
            servedCertificate(operator);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** The certificate a replica's webhook port presents (trusted or not: it is compared, not used). */
    private static X509Certificate servedCertificate(OperatorProcess operator) throws Exception {
        return Tls.servedCertificate(webhookPorts.get(operator));
    }

    /** No request of the operator was refused by RBAC (a 403 names the verb and resource it lacked). */
    private static void assertNotRefused(OperatorProcess operator) {
        assertThat(operator.log()).doesNotContain("code=403").doesNotContainIgnoringCase("forbidden");
    }

    private static String holder() {
        Lease lease = client.leases().inNamespace(NAMESPACE).withName(LEASE).get();
        return lease == null || lease.getSpec().getHolderIdentity() == null ? "" : lease.getSpec().getHolderIdentity();
    }

    private static long reconciles(OperatorProcess operator) {
        return operator.metrics().lines().filter(l -> l.startsWith("nospof_reconcile_duration_seconds_count"))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static void scaleWeb(int replicas) {
        CommandResult scaled = plane.kubectl("scale", "deployment/web", "-n", "nospof-demo", "--replicas=" + replicas);
        assertThat(scaled.exitCode()).as(scaled.output()).isZero();
    }

    private static String awaitEvaluated(String namespace, String name) {
        await(namespace + "/" + name + " evaluated").atMost(Duration.ofSeconds(60))
                .until(() -> report(namespace, name).map(r -> r.getStatus() != null && r.getStatus().getFindingCount() != null).orElse(false));
        return name;
    }

    private static String failing(String namespace, String name) {
        return report(namespace, name).map(r -> r.getStatus() == null || r.getStatus().getFailingChecks() == null ? ""
                : r.getStatus().getFailingChecks()).orElse("");
    }

    private static Optional<SpofReport> report(String namespace, String name) {
        return Optional.ofNullable(client.resources(SpofReport.class).inNamespace(namespace).withName(name).get());
    }

    private static void apply(Path manifests) {
        CommandResult applied = plane.kubectl("apply", "-f", manifests.toString());
        assertThat(applied.exitCode()).as(applied.output()).isZero();
    }

    private static String canI(String question) {
        List<String> args = new ArrayList<>(List.of("auth", "can-i"));
        args.addAll(List.of(question.split(" ")));
        return plane.kubectlWith(serviceAccountKubeconfig, args.toArray(String[]::new)).output().lines()
                .filter(l -> l.equals("yes") || l.equals("no")).findFirst().orElse("(no answer)");
    }

    private static CommandResult dryRun(Pod pod) throws Exception {
        Path file = Files.createTempFile("nospof-pod-", ".yaml");
        Files.writeString(file, new KubernetesSerialization().asYaml(pod));
        CommandResult result = plane.kubectl("create", "--dry-run=server", "-f", file.toString());
        Files.delete(file);
        return result;
    }
}
