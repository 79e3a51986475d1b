package dev.nospof.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nospof.testing.CommandResult;
import dev.nospof.testing.ControlPlane;
import dev.nospof.testing.OperatorProcess;
import dev.nospof.testing.Tls;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The webhook as a user meets it: the operator started with {@code NOSPOF_ADMISSION_URL} registers
 * itself with the API server (its own CA in the caBundle), and kubectl, through the API server,
 * gets denials, warnings and silence from the policies' modes. On a control plane of its own
 * (the webhook configuration is cluster-wide).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdmissionWebhookIT {

    static final Path PROJECT = Path.of(System.getProperty("nospof.projectDir", ".")).toAbsolutePath();
    static final String DENIED = "admission webhook \"validate.nospof.dev\" denied the request: ";

    static ControlPlane plane;
    static KubernetesClient client;
    static OperatorProcess operator;
    static int port;

    @BeforeAll
    static void startTheOperatorWithItsWebhook() throws Exception {
        plane = ControlPlane.start(PROJECT);
        client = plane.client();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop").withLabels(Map.of("team", "shop"))
                .endMetadata().build()).create();
        port = OperatorProcess.freePort();
        operator = OperatorProcess.start(PROJECT, plane.kubeconfig(), Map.of("NOSPOF_ADMISSION_URL", "https://127.0.0.1:" + port));
        await("the webhook registered").atMost(Duration.ofSeconds(60)).until(() -> webhook() != null);
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
    @Order(1)
    void itRegistersItselfAsNoSpofOfItsOwn() {
        var hook = webhook().getWebhooks().get(0);
        assertThat(hook.getClientConfig().getUrl()).isEqualTo("https://127.0.0.1:" + port + "/validate");
        assertThat(hook.getClientConfig().getCaBundle()).isNotBlank();
        assertThat(hook.getFailurePolicy()).isEqualTo("Ignore");
        assertThat(hook.getTimeoutSeconds()).isLessThanOrEqualTo(5);
        assertThat(hook.getSideEffects()).isEqualTo("None");
        assertThat(hook.getNamespaceSelector().getMatchExpressions()).anySatisfy(e -> assertThat(e.getValues()).contains("kube-system"));
    }

    @Test
    @Order(2)
    void enforceDeniesAOneReplicaDeploymentWithTheChecksItsFixAndHowToExemptIt() throws Exception {
        policy("enforce");
        await("the policy enforced").atMost(Duration.ofSeconds(30)).until(() -> kubectlApply(deployment("web", 1), "--dry-run=server")
                .output().contains(DENIED));
        CommandResult created = kubectlApply(deployment("web", 1));
        assertThat(created.exitCode()).isNotZero();
        assertThat(created.output()).contains(DENIED + "nospof: Deployment shop/web fails 1 enforced check:\n- single-replica (high): ")
                .contains("Enforced by RedundancyPolicy shop. To exempt it, annotate it nospof.dev/ignore: \"single-replica\"");
        assertThat(client.apps().deployments().inNamespace("shop").withName("web").get()).isNull();
        assertThat(operator.log()).contains("denied: nospof: Deployment shop/web fails 1 enforced check:");
        assertThat(kubectlApply(deployment("web", 3)).exitCode()).as("3 replicas pass").isZero();
    }

    @Test
    @Order(3)
    void warnAdmitsWithTheWarningKubectlPrints() throws Exception {
        policy("warn");
        await("the policy warns").atMost(Duration.ofSeconds(30)).until(() -> kubectlApply(deployment("cart", 1), "--dry-run=server")
                .output().contains("Warning: nospof: single-replica (high)"));
        CommandResult created = kubectlApply(deployment("cart", 1));
        assertThat(created.exitCode()).as(created.output()).isZero();
        assertThat(created.output()).contains("Warning: nospof: single-replica (high)").contains("(policy shop warns)");
    }

    @Test
    @Order(4)
    void auditAdmitsSilently() throws Exception {
        policy("audit");
        await("the policy audits").atMost(Duration.ofSeconds(30)).until(() -> !kubectlApply(deployment("batch", 1), "--dry-run=server")
                .output().contains("Warning"));
        CommandResult created = kubectlApply(deployment("batch", 1));
        assertThat(created.exitCode()).isZero();
        assertThat(created.output()).doesNotContain("Warning").doesNotContain("nospof");
    }

    /** An existing violator can still roll out a new image; scaling a healthy one down to 1 is denied. */
    @Test
    @Order(5)
    void updatesAreRatcheted() throws Exception {
        policy("enforce");
        await("the policy enforced").atMost(Duration.ofSeconds(30)).until(() -> kubectlApply(deployment("fresh", 1), "--dry-run=server")
                .output().contains(DENIED));
        String newImage = deployment("batch", 1).replace("registry.example/app:1", "registry.example/app:2");
        CommandResult rolled = kubectlApply(newImage);
        assertThat(rolled.exitCode()).as(rolled.output()).isZero();
        assertThat(rolled.output()).contains("(allowed: Deployment shop/batch already failed it before this change)");

        CommandResult scaledDown = kubectlApply(deployment("web", 1));
        assertThat(scaledDown.exitCode()).isNotZero();
        assertThat(scaledDown.output()).contains(DENIED + "nospof: Deployment shop/web fails 1 enforced check:");
        assertThat(client.apps().deployments().inNamespace("shop").withName("web").get().getSpec().getReplicas()).isEqualTo(3);
    }

    @Test
    @Order(6)
    void anObjectAnnotatedIgnoreAllNeverReachesTheWebhook() throws Exception {
        String ignored = deployment("legacy", 1).replace("metadata: {name: legacy, namespace: shop}",
                "metadata: {name: legacy, namespace: shop, annotations: {nospof.dev/ignore: \"*\"}}");
        CommandResult created = kubectlApply(ignored);
        assertThat(created.exitCode()).as(created.output()).isZero();
    }

    /** The API server never sends kube-system to the webhook, whatever a policy selects. */
    @Test
    @Order(7)
    void kubeSystemIsUntouched() throws Exception {
        assertThat(kubectlApply("""
                apiVersion: nospof.dev/v1alpha1
                kind: RedundancyPolicy
                metadata: {name: everywhere}
                spec:
                  selector: {namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}}
                  checks: {single-replica: enforce}
                """).exitCode()).isZero();
        await("the policy is read").atMost(Duration.ofSeconds(30)).until(() -> {
            var policy = client.resources(dev.nospof.policy.RedundancyPolicy.class).withName("everywhere").get();
            return policy.getStatus() != null && Boolean.TRUE.equals(policy.getStatus().getValid());
        });
        CommandResult created = kubectlApply(deployment("lone", 1).replace("namespace: shop", "namespace: kube-system"));
        assertThat(created.exitCode()).as(created.output()).isZero();
        assertThat(created.output()).doesNotContain("nospof");
        assertThat(client.resources(dev.nospof.policy.RedundancyPolicy.class).withName("everywhere").delete()).isNotEmpty();
    }

    /** A PDB change is judged by what it does to the workloads it selects: deleting the only one of a 3-replica Deployment. */
    @Test
    @Order(8)
    void deletingTheOnlyPdbOfAThreeReplicaDeploymentIsDeniedWhenEnforced() throws Exception {
        assertThat(kubectlApply(deployment("api", 3) + """
                ---
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: api, namespace: shop}
                spec: {maxUnavailable: 1, selector: {matchLabels: {app: api}}}
                """).exitCode()).isZero();
        policy("audit\n    missing-pdb: enforce");
        await("missing-pdb enforced").atMost(Duration.ofSeconds(30))
                .until(() -> plane.kubectl("delete", "pdb", "api", "-n", "shop", "--dry-run=server").output().contains(DENIED));
        CommandResult deleted = plane.kubectl("delete", "pdb", "api", "-n", "shop");
        assertThat(deleted.exitCode()).isNotZero();
        assertThat(deleted.output()).contains(DENIED + "nospof: Deployment shop/api (after deleting PodDisruptionBudget shop/api) fails 1 "
                + "enforced check:\n- missing-pdb (");
        assertThat(client.policy().v1().podDisruptionBudget().inNamespace("shop").withName("api").get()).isNotNull();
    }

    /** Bad requests get a clear 4xx, never a 5xx; the webhook answers on, over the certificate the API server trusts. */
    @Test
    @Order(9)
    void badRequestsGetAClear4xx() throws Exception {
        HttpClient https = HttpClient.newBuilder().sslContext(trusting(webhook().getWebhooks().get(0).getClientConfig().getCaBundle())).build();
        URI endpoint = URI.create("https://127.0.0.1:" + port + "/validate");
        HttpResponse<String> notJson = https.send(HttpRequest.newBuilder(endpoint).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(notJson.statusCode()).isEqualTo(415);
        assertThat(notJson.body()).isEqualTo("expected Content-Type: application/json, got text/plain");

        HttpResponse<String> truncated = https.send(HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"Admiss")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(truncated.statusCode()).isEqualTo(400);
        assertThat(truncated.body()).startsWith("not JSON");

        HttpResponse<String> huge = https.send(HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[" + "0,".repeat(3 * 1024 * 1024) + "0]")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(huge.statusCode()).isEqualTo(413);

        assertThat(operator.metrics()).contains("nospof_admission_requests_total{decision=\"deny\",kind=\"Deployment\",operation=\"CREATE\"}")
                .contains("nospof_admission_requests_total{decision=\"bad-request\"");
    }

    private static SSLContext trusting(String caBundle) throws Exception {
        var certificate = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(caBundle)));
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("nospof-webhook-ca", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /**
     * Rotation while the API server keeps calling: an operator whose certificates last 6 s (its
     * CA 60 s) renews the serving certificate every few seconds and then the CA; every request
     * meanwhile is judged (a denial: with failurePolicy Ignore, a failed TLS call would admit it).
     */
    @Test
    @Order(10)
    void theCertificateIsRotatedWhileRequestsKeepSucceeding() throws Exception {
        operator.close();
        // Kept in a Secret, as in a cluster: each renewal is written there and served from what was written.
        client.secrets().inNamespace("default").resource(new SecretBuilder().withNewMetadata().withName("nospof-webhook-certificates")
                .endMetadata().withType("Opaque").build()).create();
        operator = OperatorProcess.start(PROJECT, plane.kubeconfig(), Map.of("NOSPOF_ADMISSION_URL", "https://127.0.0.1:" + port,
                "NOSPOF_ADMISSION_SECRET", "nospof-webhook-certificates", "NOSPOF_ADMISSION_NAMESPACE", "default",
                "NOSPOF_ADMISSION_CERTIFICATE_VALIDITY", "6s", "NOSPOF_ADMISSION_CERTIFICATE_CHECK_INTERVAL", "500ms"));
        policy("enforce");
        await("the restarted webhook judges").atMost(Duration.ofSeconds(60))
                .until(() -> kubectlApply(deployment("rotating", 1), "--dry-run=server").output().contains(DENIED));
        Set<BigInteger> served = new HashSet<>();
        Set<String> caBundles = new HashSet<>();
        int judged = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        // Until the serving certificate changed several times and the CA once (after about 52 s).
        while ((served.size() < 4 || caBundles.size() < 2) && System.nanoTime() < deadline) {
            CommandResult answer = kubectlApply(deployment("rotating", 1), "--dry-run=server");
            assertThat(answer.output()).as("request %d, served certificates so far %d", judged, served.size()).contains(DENIED);
            judged++;
            served.add(servedCertificate().getSerialNumber());
            caBundles.add(webhook().getWebhooks().get(0).getClientConfig().getCaBundle());
        }
        System.out.printf("certificate rotation: %d requests judged, %d serving certificates, %d CA bundles%n", judged, served.size(),
                caBundles.size());
        assertThat(served).as("serving certificates seen").hasSizeGreaterThanOrEqualTo(4);
        assertThat(caBundles).as("CA bundles published").hasSizeGreaterThanOrEqualTo(2);
        assertThat(operator.log()).contains("admission webhook serves a renewed certificate");
        await("what is served is what the Secret holds").atMost(Duration.ofSeconds(10)).until(() -> {
            String stored = new String(Base64.getDecoder().decode(client.secrets().inNamespace("default").withName("nospof-webhook-certificates")
                    .get().getData().get("tls.crt")), java.nio.charset.StandardCharsets.UTF_8);
            return dev.nospof.admission.Certificates.parse(stored).get(0).getSerialNumber().equals(servedCertificate().getSerialNumber());
        });
    }

    /** The certificate the webhook port presents (compared, not trusted). */
    private static X509Certificate servedCertificate() throws Exception {
        return Tls.servedCertificate(port);
    }

    /** failurePolicy Ignore: with the webhook gone, the cluster goes on. */
    @Test
    @Order(11)
    void withTheWebhookDownCreatesStillSucceed() throws Exception {
        operator.close();
        operator = null;
        CommandResult created = kubectlApply(deployment("during-outage", 1));
        assertThat(created.exitCode()).as(created.output()).isZero();
    }

    /**
     * Enforcement that survives nospof being down: for a policy with admission both (the default),
     * nospof generates a ValidatingAdmissionPolicy; with the webhook process stopped, the API
     * server itself still denies a 1-replica Deployment, and admits what nospof would admit (3
     * replicas, an exemption annotation, a workload an HPA scales). Deleting the policy removes it.
     */
    @Test
    @Order(12)
    void withTheWebhookDownTheGeneratedValidatingAdmissionPolicyStillDenies() throws Exception {
        operator = OperatorProcess.start(PROJECT, plane.kubeconfig(), Map.of("NOSPOF_ADMISSION_URL", "https://127.0.0.1:" + port,
                "NOSPOF_ADMISSION_CEL_SYNC_INTERVAL", "1s"));
        assertThat(kubectlApply("""
                apiVersion: nospof.dev/v1alpha1
                kind: RedundancyPolicy
                metadata: {name: shop}
                spec:
                  selector: {namespaceSelector: {matchLabels: {team: shop}}}
                  defaultMode: audit
                  checks: {single-replica: enforce, pdb-blocks-eviction: enforce, spread-not-self-selecting: enforce}
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: scaled, namespace: shop}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: scaled}
                  minReplicas: 2
                  maxReplicas: 5
                  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}}]
                """).exitCode()).isZero();
        String name = "nospof-shop-single-replica";
        await("the ValidatingAdmissionPolicy generated, with the HPA's workload").atMost(Duration.ofSeconds(60)).until(() -> {
            var generated = client.admissionRegistration().v1().validatingAdmissionPolicies().withName(name).get();
            return generated != null && client.admissionRegistration().v1().validatingAdmissionPolicyBindings().withName(name).get() != null
                    && generated.getSpec().getVariables().get(0).getExpression().contains("'shop/Deployment/scaled'");
        });
        // (No controller-manager runs here to write their type-checking status: what they deny below proves the CEL.)
        for (String other : List.of("nospof-shop-pdb-blocks-eviction", "nospof-shop-spread-not-self-selecting")) {
            await(other).atMost(Duration.ofSeconds(30)).until(() -> client.admissionRegistration().v1()
                    .validatingAdmissionPolicyBindings().withName(other).get() != null);
        }
        var generated = client.admissionRegistration().v1().validatingAdmissionPolicies().withName(name).get();
        assertThat(generated.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "nospof");
        assertThat(generated.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> assertThat(o.getName()).isEqualTo("shop"));
        operator.close();
        operator = null;

        awaitDeniedByThePolicy(deployment("lone-cel", 1));
        CommandResult lone = kubectlApply(deployment("lone-cel", 1));
        assertThat(lone.exitCode()).as(lone.output()).isNotZero();
        assertThat(lone.output()).contains("ValidatingAdmissionPolicy '" + name + "' with binding '" + name + "' denied request: "
                + "nospof: Deployment shop/lone-cel fails single-replica (high): has 1 replica(s) in spec.replicas, below the minimum of 2")
                .contains("Enforced by RedundancyPolicy shop in the API server")
                .contains("To exempt it, annotate it nospof.dev/ignore: \"single-replica\"");
        assertThat(kubectlApply(deployment("trio-cel", 3)).exitCode()).as("3 replicas pass").isZero();
        // The HPA's floor decides: only the webhook can judge it. The API server's admission reads the policy that lists it
        // (awaited above) from its own informer, a moment later.
        await("the autoscaled Deployment admitted").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> kubectlApply(deployment("scaled", 1)).exitCode() == 0);
        String exempted = deployment("exempt-cel", 1).replace("metadata: {name: exempt-cel, namespace: shop}",
                "metadata: {name: exempt-cel, namespace: shop, annotations: {nospof.dev/ignore: \"single-replica\"}}");
        assertThat(kubectlApply(exempted).exitCode()).as("exempted by annotation").isZero();
        String blockingPdb = """
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: blocking, namespace: shop}
                spec: {maxUnavailable: 0, selector: {matchLabels: {app: trio-cel}}}
                """;
        awaitDeniedByThePolicy(blockingPdb);
        CommandResult blocking = kubectlApply(blockingPdb);
        assertThat(blocking.output()).as("a PDB that allows no eviction").contains("denied request: nospof: PodDisruptionBudget shop/blocking "
                + "fails pdb-blocks-eviction (high): (maxUnavailable: 0) allows no voluntary disruption");
        assertThat(kubectlApply("""
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: trio-cel, namespace: shop}
                spec: {maxUnavailable: 1, selector: {matchLabels: {app: trio-cel}}}
                """).exitCode()).isZero();
        String spreadsNothing = deployment("spread-cel", 3).replace("spec: {containers:",
                "spec: {topologySpreadConstraints: [{maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule,"
                        + " labelSelector: {matchLabels: {app: other}}}], containers:");
        awaitDeniedByThePolicy(spreadsNothing);
        assertThat(kubectlApply(spreadsNothing).output()).contains("denied request: nospof: Deployment shop/spread-cel fails "
                + "spread-not-self-selecting (medium)");
        assertThat(kubectlApply(spreadsNothing.replace("{app: other}", "{app: spread-cel}")).exitCode()).as("a spread that selects its pods")
                .isZero();
        // batch (1 replica since order 4) already failed: a new image is admitted (ratcheting).
        CommandResult ratcheted = kubectlApply(deployment("batch", 1).replace("registry.example/app:1", "registry.example/app:3"));
        assertThat(ratcheted.exitCode()).as(ratcheted.output()).isZero();

        operator = OperatorProcess.start(PROJECT, plane.kubeconfig(), Map.of("NOSPOF_ADMISSION_URL", "https://127.0.0.1:" + port,
                "NOSPOF_ADMISSION_CEL_SYNC_INTERVAL", "1s"));
        client.resources(dev.nospof.policy.RedundancyPolicy.class).withName("shop").delete();
        await("removed with its policy").atMost(Duration.ofSeconds(60)).until(() ->
                client.admissionRegistration().v1().validatingAdmissionPolicies().withName(name).get() == null
                        && client.admissionRegistration().v1().validatingAdmissionPolicyBindings().withName(name).get() == null);
        // The API server's admission reads policies from its own informer: it lets go a moment later.
        await("the API server admits again").atMost(Duration.ofSeconds(30))
                .until(() -> kubectlApply(deployment("after-cel", 1), "--dry-run=server").exitCode() == 0);
    }

    /** Until the API server's admission has the generated policy (its own informer lags the objects a moment). */
    private static void awaitDeniedByThePolicy(String manifest) {
        await("the API server enforces the generated policy").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> kubectlApply(manifest, "--dry-run=server").output().contains("ValidatingAdmissionPolicy"));
    }

    private static ValidatingWebhookConfiguration webhook() {
        return client.admissionRegistration().v1().validatingWebhookConfigurations().withName("nospof").get();
    }

    private static void policy(String singleReplica) throws Exception {
        CommandResult applied = kubectlApply("""
                apiVersion: nospof.dev/v1alpha1
                kind: RedundancyPolicy
                metadata: {name: shop}
                spec:
                  selector: {namespaceSelector: {matchLabels: {team: shop}}}
                  # The webhook's own answers; the generated ValidatingAdmissionPolicy is tested on its own.
                  admission: webhook
                  defaultMode: audit
                  checks:
                    single-replica: %s
                """.formatted(singleReplica));
        assertThat(applied.exitCode()).as(applied.output()).isZero();
    }

    static String deployment(String name, int replicas) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %s, namespace: shop}
                spec:
                  replicas: %d
                  selector: {matchLabels: {app: %s}}
                  template:
                    metadata: {labels: {app: %s}}
                    spec: {containers: [{name: app, image: registry.example/app:1}]}
                """.formatted(name, replicas, name, name);
    }

    private static CommandResult kubectlApply(String manifest, String... flags) throws Exception {
        Path file = Files.createTempFile("nospof-admission-", ".yaml");
        try {
            Files.writeString(file, manifest);
            List<String> args = new ArrayList<>(List.of("apply", "-f", file.toString()));
            args.addAll(List.of(flags));
            return plane.kubectl(args.toArray(String[]::new));
        } finally {
            Files.delete(file);
        }
    }
}
