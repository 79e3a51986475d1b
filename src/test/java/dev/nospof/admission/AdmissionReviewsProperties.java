package dev.nospof.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nospof.engine.Engine;
import dev.nospof.model.Workload;
import dev.nospof.policy.RedundancyPolicy;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random and mutated AdmissionReviews through the webhook's handler: whatever arrives, the answer
 * is a review (allow, warn or deny) or a bad request that says why; nothing else escapes (the
 * HTTP layer would turn it into a 5xx).
 */
class AdmissionReviewsProperties {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final AdmissionReviews REVIEWS = new AdmissionReviews(SERIALIZATION, new WorkloadAdmission(Engine.standard()));
    private static final AtomicInteger TRIED = new AtomicInteger();
    private static final AtomicInteger ANSWERED = new AtomicInteger();
    private static final AtomicInteger BAD = new AtomicInteger();

    private static final AdmissionReviews.Cluster CLUSTER = new AdmissionReviews.Cluster() {
        @Override
        public WorkloadAdmission.NamespaceContext namespace(String namespace) {
            return new WorkloadAdmission.NamespaceContext(List.of(), List.of(), List.of(), List.of(), Map.of("team", "shop"));
        }

        @Override
        public List<Workload> workloads(String namespace) {
            return List.of();
        }

        @Override
        public Optional<Deployment> deployment(String namespace, String name) {
            return Optional.empty();
        }

        @Override
        public List<RedundancyPolicy> policies() {
            return List.of(SERIALIZATION.unmarshal("""
                    {"apiVersion": "nospof.dev/v1alpha1", "kind": "RedundancyPolicy", "metadata": {"name": "shop"},
                     "spec": {"selector": {"namespaceSelector": {"matchLabels": {"team": "shop"}}}, "defaultMode": "enforce"}}
                    """, RedundancyPolicy.class));
        }
    };

    /** Valid reviews of each kind the webhook takes, to mutate. */
    private static final List<String> SEEDS = List.of(
            AdmissionReviewsTest.review("CREATE", AdmissionReviewsTest.deployment("1"), "null"),
            AdmissionReviewsTest.review("UPDATE", AdmissionReviewsTest.deployment("3"), AdmissionReviewsTest.deployment("1")),
            AdmissionReviewsTest.review("DELETE", "null", """
                    {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": {"name": "web", "namespace": "shop"},
                     "spec": {"minAvailable": "50%", "selector": {"matchLabels": {"app": "web"}}}}""")
                    .replace("\"Deployment\"}", "\"PodDisruptionBudget\"}"),
            AdmissionReviewsTest.review("CREATE", """
                    {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": {"name": "web", "namespace": "shop"},
                     "spec": {"minReplicas": 1, "maxReplicas": 3, "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"}}}""",
                    "null").replace("\"Deployment\"}", "\"HorizontalPodAutoscaler\"}"),
            AdmissionReviewsTest.review("CREATE", """
                    {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "shop"},
                     "spec": {"containers": [{"name": "c", "image": "i", "ports": [{"containerPort": 80}]}]}}""", "null"));

    @Property(tries = 1000)
    void mutatedReviewsAreAnsweredOrRefusedWithAReason(@ForAll("mutated") String body) {
        answer(body);
    }

    @Property(tries = 500)
    void arbitraryTextIsRefusedWithAReason(@ForAll("text") String body) {
        answer(body);
    }

    private static void answer(String body) {
        TRIED.incrementAndGet();
        try {
            AdmissionReviews.Answer answer = REVIEWS.answer(body, CLUSTER, Instant.EPOCH);
            JsonNode review = SERIALIZATION.unmarshal(answer.json(), JsonNode.class);
            assertThat(review.path("response").path("allowed").isBoolean()).as(answer.json()).isTrue();
            assertThat(answer.verdict().allowed() || !answer.verdict().message().isBlank()).isTrue();
            ANSWERED.incrementAndGet();
        } catch (AdmissionReviews.BadReview e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("Exception").doesNotContain("com.fasterxml");
            BAD.incrementAndGet();
        }
    }

    @AfterContainer
    static void report() {
        System.out.printf("admission reviews: %d tried, %d answered, %d refused as bad requests%n", TRIED.get(), ANSWERED.get(), BAD.get());
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(300),
                Arbitraries.of(SEEDS).flatMap(seed -> Arbitraries.integers().between(0, seed.length()).map(n -> seed.substring(0, n))));
    }

    @Provide
    Arbitrary<String> mutated() {
        return Arbitraries.of(SEEDS).flatMap(seed -> Arbitraries.longs().map(random -> mutate(seed, new Random(random))));
    }

    /** A few random changes to a review's tree: values replaced by other types, fields dropped or added, lists emptied. */
    private static String mutate(String seed, Random random) {
        JsonNode tree = SERIALIZATION.unmarshal(seed, JsonNode.class);
        int changes = 1 + random.nextInt(4);
        for (int i = 0; i < changes; i++) {
            List<ObjectNode> containers = new ArrayList<>();
            collect(tree, containers);
            ObjectNode target = containers.get(random.nextInt(containers.size()));
            List<String> fields = new ArrayList<>();
            target.fieldNames().forEachRemaining(fields::add);
            String field = fields.isEmpty() ? "x" : fields.get(random.nextInt(fields.size()));
            switch (random.nextInt(6)) {
                case 0 -> target.remove(field);
                case 1 -> target.put(field, random.nextLong());
                case 2 -> target.put(field, "§" + random.nextInt());
                case 3 -> target.set(field, JsonNodeFactory.instance.arrayNode().add(random.nextBoolean()));
                case 4 -> target.putNull(field);
                default -> target.set(field, JsonNodeFactory.instance.objectNode().put("n", 3_000_000_000L));
            }
        }
        return tree.toString();
    }

    private static void collect(JsonNode node, List<ObjectNode> containers) {
        if (node instanceof ObjectNode object) {
            containers.add(object);
            object.elements().forEachRemaining(child -> collect(child, containers));
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(child -> collect(child, containers));
        }
    }
}
