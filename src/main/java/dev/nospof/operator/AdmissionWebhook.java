package dev.nospof.operator;

import dev.nospof.admission.AdmissionReviews;
import dev.nospof.admission.Certificates;
import dev.nospof.admission.WorkloadAdmission;
import dev.nospof.engine.Engine;
import dev.nospof.model.Workload;
import dev.nospof.policy.AnnotationExemptions;
import dev.nospof.policy.RedundancyPolicy;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperationsBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The validating webhook, out of a cluster: with {@code NOSPOF_ADMISSION_URL=https://HOST:PORT}
 * the operator issues a certificate for HOST, serves AdmissionReviews over HTTPS on PORT at
 * {@value #PATH}, and registers the ValidatingWebhookConfiguration {@value #CONFIGURATION} with
 * that URL and its CA. Every replica serves; the judging is {@link AdmissionReviews} over the
 * shared caches. The webhook must not become the SPOF it hunts: {@code failurePolicy: Ignore},
 * a 5 s timeout, never {@code kube-system} or namespaces labelled
 * {@code nospof.dev/admission: disabled}, objects annotated {@code nospof.dev/ignore: "*"} skipped
 * by the API server itself.
 */
@Singleton
public class AdmissionWebhook {

    static final String PATH = "/validate";
    static final String CONFIGURATION = "nospof";
    static final String WEBHOOK = "validate.nospof.dev";
    /** Larger requests are refused (413): the API server's own limit on an object is 3 MiB. */
    static final int MAX_BODY = 4 * 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(AdmissionWebhook.class);
    private static final Duration VALIDITY = Duration.ofDays(365);

    private final Optional<URI> url;
    private final KubernetesClient client;
    private final ClusterCache cluster;
    private final MeterRegistry registry;
    private final Clock clock;
    private final AdmissionReviews reviews;
    private final Deployments deployments;
    private HttpServer server;

    public AdmissionWebhook(@ConfigProperty(name = "nospof.admission.url") Optional<URI> url, KubernetesClient client, ClusterCache cluster,
            Engine engine, MeterRegistry registry, Clock clock, Deployments deployments) {
        this.url = url;
        this.deployments = deployments;
        this.client = client;
        this.cluster = cluster;
        this.registry = registry;
        this.clock = clock;
        this.reviews = new AdmissionReviews(client.getKubernetesSerialization(), new WorkloadAdmission(engine));
    }

    void onStart(@Observes StartupEvent event, Vertx vertx) throws Exception {
        if (url.isEmpty()) {
            return;
        }
        URI at = url.get();
        if (!"https".equals(at.getScheme()) || at.getHost() == null || at.getPort() < 0) {
            throw new IllegalArgumentException("NOSPOF_ADMISSION_URL: expected https://HOST:PORT, got " + at);
        }
        Certificates.Issued issued = Certificates.issue(List.of(at.getHost()), Instant.now(clock), VALIDITY);
        Router router = Router.router(vertx);
        router.post(PATH).handler(BodyHandler.create().setBodyLimit(MAX_BODY)).blockingHandler(this::review, false);
        HttpServerOptions options = new HttpServerOptions().setSsl(true).setPort(at.getPort()).setHost(at.getHost())
                .setKeyCertOptions(new PemKeyCertOptions().setCertValue(Buffer.buffer(issued.certificate()))
                        .setKeyValue(Buffer.buffer(issued.privateKey())));
        server = vertx.createHttpServer(options).requestHandler(router).listen().toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        register(at.resolve(PATH).toString(), issued.caCertificate());
        LOG.infof("admission webhook serving %s%s", at, PATH);
    }

    void onStop(@Observes ShutdownEvent event) {
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
                    .register(registry).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private AdmissionReviews.Cluster caches() {
        return new AdmissionReviews.Cluster() {
            @Override
            public WorkloadAdmission.NamespaceContext namespace(String namespace) {
                return new WorkloadAdmission.NamespaceContext(cluster.pdbs(namespace), cluster.hpas(namespace), cluster.pvcs(namespace),
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

    /** The webhook configuration, server-side applied (idempotent): the URL, the CA, the rules and the guards. */
    private void register(String endpoint, String caCertificate) {
        ValidatingWebhookConfiguration configuration = new ValidatingWebhookConfigurationBuilder()
                .withNewMetadata().withName(CONFIGURATION).withLabels(Map.of("app.kubernetes.io/managed-by", "nospof")).endMetadata()
                .addNewWebhook()
                .withName(WEBHOOK)
                .withNewClientConfig().withUrl(endpoint)
                .withCaBundle(Base64.getEncoder().encodeToString(caCertificate.getBytes(StandardCharsets.UTF_8))).endClientConfig()
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
                .withFailurePolicy("Ignore")
                .withSideEffects("None")
                .withTimeoutSeconds(5)
                .withAdmissionReviewVersions("v1")
                .withNewNamespaceSelector()
                .withMatchExpressions(new LabelSelectorRequirementBuilder().withKey("kubernetes.io/metadata.name").withOperator("NotIn")
                                .withValues("kube-system").build(),
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
        client.resource(configuration).fieldManager("nospof").forceConflicts().serverSideApply();
    }
}
