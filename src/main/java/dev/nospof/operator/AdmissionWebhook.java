package dev.nospof.operator;

import dev.nospof.admission.AdmissionReviews;
import dev.nospof.admission.Certificates;
import dev.nospof.admission.WorkloadAdmission;
import dev.nospof.engine.Engine;
import dev.nospof.model.Workload;
import dev.nospof.policy.AnnotationExemptions;
import dev.nospof.policy.RedundancyPolicy;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperationsBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfigBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The validating webhook, served over HTTPS by every replica at {@value #PATH}; the judging is
 * {@link AdmissionReviews} over the shared caches. Two ways to run it ({@link AdmissionSettings}):
 * out of a cluster, {@code NOSPOF_ADMISSION_URL=https://HOST:PORT} serves on that address and
 * registers the ValidatingWebhookConfiguration itself with that URL and its CA; in a cluster, the
 * chart renders the configuration, the Service and the certificates' Secret, and every replica
 * serves the certificate in the Secret on {@code NOSPOF_ADMISSION_PORT} while keeping the
 * configuration's caBundle current ({@link WebhookCertificates}: renewed well before expiry,
 * reloaded without a restart). The webhook must not become the SPOF it hunts: {@code failurePolicy:
 * Ignore} by default, a 5 s timeout, never {@code kube-system}, nospof's own namespace or
 * namespaces labelled {@code nospof.dev/admission: disabled}, objects annotated
 * {@code nospof.dev/ignore: "*"} skipped by the API server itself.
 */
@Singleton
public class AdmissionWebhook {

    static final String PATH = "/validate";
    static final String WEBHOOK = "validate.nospof.dev";
    /** Larger requests are refused (413): the API server's own limit on an object is 3 MiB. */
    static final int MAX_BODY = 4 * 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(AdmissionWebhook.class);

    private final AdmissionSettings settings;
    private final KubernetesClient client;
    private final ClusterCache cluster;
    private final MeterRegistry registry;
    private final Clock clock;
    private final AdmissionReviews reviews;
    private final Deployments deployments;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "nospof-webhook-certificates");
        thread.setDaemon(true);
        return thread;
    });
    private WebhookCertificates certificates;
    private Router router;
    private Vertx vertx;
    private HttpServer server;
    private RotatingKeyManager keys;
    private Certificates.Material served;
    private String publishedCaBundle;
    private final ProblemLog problems = new ProblemLog(LOG, "admission webhook: certificates in order again");

    public AdmissionWebhook(AdmissionSettings settings, KubernetesClient client, ClusterCache cluster,
            Engine engine, MeterRegistry registry, Clock clock, Deployments deployments) {
        this.settings = settings;
        this.deployments = deployments;
        this.client = client;
        this.cluster = cluster;
        this.registry = registry;
        this.clock = clock;
        this.reviews = new AdmissionReviews(client.getKubernetesSerialization(), new WorkloadAdmission(engine));
    }

    void onStart(@Observes StartupEvent event, Vertx vertx) {
        if (settings.url().isEmpty() && settings.service().isEmpty()) {
            return;
        }
        this.vertx = vertx;
        if (!Set.of(AdmissionSettings.NOSPOF, AdmissionSettings.CERT_MANAGER).contains(settings.certificates())) {
            throw new IllegalArgumentException("NOSPOF_ADMISSION_CERTIFICATES: expected nospof or cert-manager, got "
                    + settings.certificates());
        }
        boolean issuing = settings.certificates().equals(AdmissionSettings.NOSPOF);
        if (settings.url().isPresent()) {
            URI at = settings.url().get();
            if (!"https".equals(at.getScheme()) || at.getHost() == null || at.getPort() < 0) {
                throw new IllegalArgumentException("NOSPOF_ADMISSION_URL: expected https://HOST:PORT, got " + at);
            }
            if (!Set.of("Ignore", "Fail").contains(settings.failurePolicy())) {
                throw new IllegalArgumentException("NOSPOF_ADMISSION_FAILURE_POLICY: expected Ignore or Fail, got " + settings.failurePolicy());
            }
            String endpoint = at.resolve(PATH).toString();
            certificates = new WebhookCertificates(settings.secret().isPresent() ? secretStore() : WebhookCertificates.inMemory(),
                    List.of(at.getHost()), settings.certificateValidity(), issuing, caBundle -> {
                        if (!caBundle.equals(publishedCaBundle)) {
                            register(endpoint, caBundle);
                            publishedCaBundle = caBundle;
                        }
                    });
            router = router(vertx);
            listen(at.getHost(), at.getPort());
        } else {
            String service = settings.service().get();
            String namespace = settings.namespace().orElseThrow(() -> new IllegalArgumentException(
                    "NOSPOF_ADMISSION_NAMESPACE: required with NOSPOF_ADMISSION_SERVICE (the Service's and the Secret's namespace)"));
            List<String> hosts = List.of(service + "." + namespace + ".svc", service + "." + namespace + ".svc.cluster.local",
                    service + "." + namespace, service);
            certificates = new WebhookCertificates(secretStore(), hosts, settings.certificateValidity(), issuing, this::patchCaBundle);
            router = router(vertx);
            listen("0.0.0.0", settings.port());
        }
    }

    private WebhookCertificates.Store secretStore() {
        String namespace = settings.namespace().orElseThrow(() -> new IllegalArgumentException(
                "NOSPOF_ADMISSION_NAMESPACE: required with NOSPOF_ADMISSION_SECRET (the Secret's namespace)"));
        String name = settings.secret().orElseThrow(() -> new IllegalArgumentException(
                "NOSPOF_ADMISSION_SECRET: required with NOSPOF_ADMISSION_SERVICE (the Secret that holds the certificates)"));
        return WebhookCertificates.secret(client, namespace, name);
    }

    /** Serves once a certificate is there, then checks it on a timer; the first check is now, so a healthy start serves at once. */
    private void listen(String host, int port) {
        refresh(host, port);
        long every = settings.certificateCheckInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> refresh(host, port), every, every, TimeUnit.MILLISECONDS);
    }

    /** Reads (and renews) the certificates; starts serving, or serves a renewed certificate from the next connection on. */
    private synchronized void refresh(String host, int port) {
        try {
            Optional<Certificates.Material> material = certificates.current(Instant.now(clock));
            if (material.isEmpty()) {
                problems.report("no serving certificate in the Secret yet: not serving the webhook until there is one");
                return;
            }
            if (!material.get().equals(served)) {
                if (server == null) {
                    keys = new RotatingKeyManager(material.get());
                    FunctionCounter.builder("nospof.admission.tls.handshakes", keys, RotatingKeyManager::handshakes)
                            .description("full TLS handshakes of the webhook's server").register(registry);
                    // HTTP/2 by ALPN: the API server multiplexes its calls over one connection instead of a handshake per call.
                    server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setUseAlpn(true).setPort(port).setHost(host)
                                    .setKeyCertOptions(KeyCertOptions.wrap(keys)))
                            .requestHandler(router).listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                    LOG.infof("admission webhook serving https://%s:%d%s", host, port, PATH);
                } else {
                    // From the next handshake on; connections open keep theirs: no request is dropped.
                    keys.serve(material.get());
                    LOG.infof("admission webhook serves a renewed certificate, valid until %s",
                            material.get().notAfter().map(Instant::toString).orElse("?"));
                }
                served = material.get();
            }
            problems.report(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            problems.report("admission webhook: " + FailureLog.reason(e instanceof ExecutionException ? e.getCause() : e) + " (retried every "
                    + settings.certificateCheckInterval().toString().substring(2).toLowerCase() + ")");
        }
    }

    private Router router(Vertx vertx) {
        Router routes = Router.router(vertx);
        routes.post(PATH).handler(BodyHandler.create().setBodyLimit(MAX_BODY)).blockingHandler(this::review, false);
        return routes;
    }

    void onStop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
        if (server != null) {
            server.close();
        }
    }

    private void review(RoutingContext context) {
        long started = System.nanoTime();
        String contentType = String.valueOf(context.request().getHeader("Content-Type"));
        if (!contentType.startsWith("application/json")) {
            context.response().setStatusCode(415).end("expected Content-Type: application/json, got " + contentType);
            return;
        }
        String decision = "error";
        String kind = "unknown";
        String operation = "unknown";
        try {
            cluster.start();
            var answer = reviews.answer(context.body().asString(StandardCharsets.UTF_8.name()), caches(), Instant.now(clock));
            decision = !answer.verdict().allowed() ? "deny" : answer.verdict().warnings().isEmpty() ? "allow" : "warn";
            kind = answer.kind();
            operation = answer.operation();
            if (!answer.verdict().allowed()) {
                String message = answer.verdict().message();
                LOG.infof("denied: %s", message.contains("\n") ? message.substring(0, message.indexOf('\n')) : message);
            }
            context.response().putHeader("Content-Type", "application/json").end(answer.json());
        } catch (AdmissionReviews.BadReview e) {
            decision = "bad-request";
            context.response().setStatusCode(400).end(e.getMessage());
        } catch (RuntimeException e) {
            // A defect in nospof: one line, and the API server applies failurePolicy (Ignore) to the 500.
            LOG.warnf("admission review failed: %s", FailureLog.reason(e));
            LOG.debug("admission review failed", e);
            context.response().setStatusCode(500).end("nospof could not judge this request: " + FailureLog.reason(e));
        } finally {
            Counter.builder("nospof.admission.requests").description("admission reviews answered, by kind, operation and decision")
                    .tags("kind", kind, "operation", operation, "decision", decision).register(registry).increment();
            Timer.builder("nospof.admission.duration").description("time to answer one admission review").publishPercentileHistogram()
                    .publishPercentiles(0.5, 0.99)
                    .register(registry).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private AdmissionReviews.Cluster caches() {
        return new AdmissionReviews.Cluster() {
            @Override
            public WorkloadAdmission.NamespaceContext namespace(String namespace) {
                return new WorkloadAdmission.NamespaceContext(cluster.pdbs(namespace), cluster.hpas(namespace), cluster.pvcs(namespace),
                        cluster.serviceTargets(namespace),
                        Optional.ofNullable(cluster.namespaceLabels(namespace)).orElse(Map.of()));
            }

            @Override
            public List<Workload> workloads(String namespace) {
                return cluster.workloads(namespace);
            }

            @Override
            public Optional<Deployment> deployment(String namespace, String name) {
                return deployments.get(namespace, name);
            }

            @Override
            public List<RedundancyPolicy> policies() {
                return cluster.policies();
            }
        };
    }

    /**
     * In a cluster: the caBundle of every webhook of the chart's configuration, set by a JSON patch
     * when it differs (RBAC allows get and patch on that one configuration, nothing else).
     */
    private void patchCaBundle(String caBundlePem) {
        String caBundle = Base64.getEncoder().encodeToString(caBundlePem.getBytes(StandardCharsets.UTF_8));
        var configurations = client.admissionRegistration().v1().validatingWebhookConfigurations();
        ValidatingWebhookConfiguration configuration = configurations.withName(settings.configuration()).get();
        if (configuration == null) {
            throw new IllegalStateException("ValidatingWebhookConfiguration " + settings.configuration()
                    + " does not exist (the chart renders it)");
        }
        List<Map<String, Object>> operations = new ArrayList<>();
        List<ValidatingWebhook> webhooks = configuration.getWebhooks() == null ? List.of() : configuration.getWebhooks();
        for (int i = 0; i < webhooks.size(); i++) {
            if (webhooks.get(i).getClientConfig() != null && !caBundle.equals(webhooks.get(i).getClientConfig().getCaBundle())) {
                // The test makes the patch fail, not land on another webhook, if the list changed since it was read.
                operations.add(Map.of("op", "test", "path", "/webhooks/" + i + "/name", "value", webhooks.get(i).getName()));
                operations.add(Map.of("op", "add", "path", "/webhooks/" + i + "/clientConfig/caBundle", "value", caBundle));
            }
        }
        if (!operations.isEmpty()) {
            configurations.withName(settings.configuration()).patch(PatchContext.of(PatchType.JSON),
                    client.getKubernetesSerialization().asJson(operations));
            LOG.infof("set the caBundle of ValidatingWebhookConfiguration %s", settings.configuration());
        }
    }

    /** Out of a cluster: the webhook configuration, server-side applied (idempotent), with the URL and the CA bundle. */
    private void register(String endpoint, String caBundle) {
        WebhookClientConfig clientConfig = new WebhookClientConfigBuilder().withUrl(endpoint)
                .withCaBundle(Base64.getEncoder().encodeToString(caBundle.getBytes(StandardCharsets.UTF_8))).build();
        List<String> excluded = Stream.concat(Stream.of("kube-system"), settings.namespace().stream()).toList();
        client.resource(configuration(settings.configuration(), clientConfig, settings.failurePolicy(), excluded))
                .fieldManager("nospof").forceConflicts().serverSideApply();
    }

    /**
     * The webhook configuration: the rules, the guards and where to call. The chart renders the
     * same for the cluster (HelmChartIT compares them).
     */
    public static ValidatingWebhookConfiguration configuration(String name, WebhookClientConfig clientConfig, String failurePolicy,
            List<String> excludedNamespaces) {
        return new ValidatingWebhookConfigurationBuilder()
                .withNewMetadata().withName(name).withLabels(Map.of("app.kubernetes.io/managed-by", "nospof")).endMetadata()
                .addNewWebhook()
                .withName(WEBHOOK)
                .withClientConfig(clientConfig)
                .withRules(new RuleWithOperationsBuilder().withApiGroups("apps").withApiVersions("v1")
                                .withResources("deployments", "statefulsets", "replicasets").withOperations("CREATE", "UPDATE").build(),
                        new RuleWithOperationsBuilder().withApiGroups("").withApiVersions("v1")
                                .withResources("replicationcontrollers", "pods").withOperations("CREATE", "UPDATE").build(),
                        // Judged by what they do to the workloads they select or target, deleting included.
                        new RuleWithOperationsBuilder().withApiGroups("policy").withApiVersions("v1")
                                .withResources("poddisruptionbudgets").withOperations("CREATE", "UPDATE", "DELETE").build(),
                        new RuleWithOperationsBuilder().withApiGroups("autoscaling").withApiVersions("v2")
                                .withResources("horizontalpodautoscalers").withOperations("CREATE", "UPDATE", "DELETE").build(),
                        // Argo Rollouts and KEDA: rules for APIs that are not installed match nothing.
                        new RuleWithOperationsBuilder().withApiGroups("argoproj.io").withApiVersions("v1alpha1")
                                .withResources("rollouts").withOperations("CREATE", "UPDATE").build(),
                        new RuleWithOperationsBuilder().withApiGroups("keda.sh").withApiVersions("v1alpha1")
                                .withResources("scaledobjects").withOperations("CREATE", "UPDATE", "DELETE").build())
                .withFailurePolicy(failurePolicy)
                .withSideEffects("None")
                .withTimeoutSeconds(5)
                .withAdmissionReviewVersions("v1")
                .withNewNamespaceSelector()
                .withMatchExpressions(new LabelSelectorRequirementBuilder().withKey("kubernetes.io/metadata.name").withOperator("NotIn")
                                .withValues(excludedNamespaces).build(),
                        new LabelSelectorRequirementBuilder().withKey("nospof.dev/admission").withOperator("NotIn").withValues("disabled").build())
                .endNamespaceSelector()
                .addNewMatchCondition().withName("not-ignored")
                // A DELETE has no object: a match condition that fails to evaluate would skip the webhook (Ignore).
                .withExpression("object == null || !has(object.metadata.annotations)"
                        + " || !('" + AnnotationExemptions.IGNORE + "' in object.metadata.annotations)"
                        + " || object.metadata.annotations['" + AnnotationExemptions.IGNORE + "'] != '*'")
                .endMatchCondition()
                .endWebhook()
                .build();
    }
}
