package dev.nospof.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nospof.engine.Engine;
import dev.nospof.policy.RedundancyPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reviews in, reviews out, as the API server sends and reads them; bad input is a clear 400 or an allow with a warning. */
class AdmissionReviewsTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private final AdmissionReviews reviews = new AdmissionReviews(SERIALIZATION, new WorkloadAdmission(Engine.standard()));
    private final AdmissionReviews.Cluster cluster = new AdmissionReviews.Cluster() {
        @Override
        public WorkloadAdmission.NamespaceContext namespace(String namespace) {
            return new WorkloadAdmission.NamespaceContext(List.of(), List.of(), List.of(), Map.of("team", "shop"));
        }

        @Override
        public List<RedundancyPolicy> policies() {
            return List.of(SERIALIZATION.unmarshal("""
                    {"apiVersion": "nospof.dev/v1alpha1", "kind": "RedundancyPolicy", "metadata": {"name": "shop"},
                     "spec": {"selector": {"namespaceSelector": {"matchLabels": {"team": "shop"}}}, "checks": {"single-replica": "enforce"}}}
                    """, RedundancyPolicy.class));
        }
    };

    @Test
    void aOneReplicaDeploymentIsDeniedWithA403AndTheMessage() throws Exception {
        String answer = reviews.answer(review("CREATE", deployment("1"), null), cluster, Instant.EPOCH);
        var response = SERIALIZATION.unmarshal(answer, Map.class);
        assertThat(response).containsEntry("apiVersion", "admission.k8s.io/v1").containsEntry("kind", "AdmissionReview");
        assertThat(answer).contains("\"uid\":\"0b5e\"").contains("\"allowed\":false").contains("\"code\":403")
                .contains("nospof: Deployment shop/web fails 1 enforced check");
    }

    @Test
    void whatIsNotAWorkloadNospofJudgesIsAllowedSilently() throws Exception {
        String configMap = "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"c\", \"namespace\": \"shop\"}}";
        assertThat(reviews.answer(review("CREATE", configMap, null), cluster, Instant.EPOCH))
                .isEqualTo("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"response\":{\"uid\":\"0b5e\",\"allowed\":true}}");
        String unknown = "{\"apiVersion\": \"example.com/v1\", \"kind\": \"Gizmo\", \"metadata\": {\"name\": \"g\", \"namespace\": \"shop\"}}";
        assertThat(reviews.answer(review("CREATE", unknown, null), cluster, Instant.EPOCH)).contains("\"allowed\":true")
                .doesNotContain("warnings");
    }

    @Test
    void anObjectThatDoesNotReadAsItsKindIsAllowedWithAWarning() throws Exception {
        assertThat(reviews.answer(review("CREATE", deployment("\"three\""), null), cluster, Instant.EPOCH))
                .contains("\"allowed\":true").contains("nospof could not judge this object: request.object: spec.replicas: expected an integer");
    }

    @Test
    void whatIsNotAnAdmissionReviewIsABadRequestThatSaysWhy() {
        assertThatThrownBy(() -> reviews.answer("{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"AdmissionRev", cluster, Instant.EPOCH))
                .isInstanceOf(AdmissionReviews.BadReview.class).hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> reviews.answer("{\"apiVersion\": \"v1\", \"kind\": \"Pod\"}", cluster, Instant.EPOCH))
                .hasMessage("expected an AdmissionReview (apiVersion admission.k8s.io/v1)");
        assertThatThrownBy(() -> reviews.answer("{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"AdmissionReview\", \"request\": {}}",
                cluster, Instant.EPOCH)).hasMessage("request.uid: required");
        assertThatThrownBy(() -> reviews.answer("", cluster, Instant.EPOCH)).isInstanceOf(AdmissionReviews.BadReview.class);
    }

    static String review(String operation, String object, String oldObject) {
        return """
                {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {"uid": "0b5e",
                 "kind": {"group": "apps", "version": "v1", "kind": "Deployment"}, "namespace": "shop", "operation": "%s",
                 "object": %s, "oldObject": %s}}
                """.formatted(operation, object, oldObject);
    }

    static String deployment(String replicas) {
        return """
                {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "shop"},
                 "spec": {"replicas": %s, "selector": {"matchLabels": {"app": "web"}},
                          "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "web", "image": "web:1"}]}}}}
                """.formatted(replicas);
    }
}
