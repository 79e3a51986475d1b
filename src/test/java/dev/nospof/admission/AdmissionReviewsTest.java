package dev.nospof.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nospof.adapters.KubernetesViews;
import dev.nospof.engine.Engine;
import dev.nospof.model.Workload;
import dev.nospof.policy.RedundancyPolicy;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reviews in, reviews out, as the API server sends and reads them; bad input is a clear 400 or an allow with a warning. */
class AdmissionReviewsTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private final AdmissionReviews reviews = new AdmissionReviews(SERIALIZATION, new WorkloadAdmission(Engine.standard()));
    private static final String PDB = """
            {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": {"name": "web", "namespace": "shop"},
             "spec": {"maxUnavailable": 1, "selector": {"matchLabels": {"app": "web"}}}}""";
    private static final String HPA = """
            {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": {"name": "web", "namespace": "shop"},
             "spec": {"minReplicas": %d, "maxReplicas": 10, "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"}}}""";

    /** Namespace shop: Deployment web (3 replicas) with its PDB; policy shop enforces single-replica, missing-pdb and hpa-min-replicas. */
    private final AdmissionReviews.Cluster cluster = new AdmissionReviews.Cluster() {
        @Override
        public WorkloadAdmission.NamespaceContext namespace(String namespace) {
            return new WorkloadAdmission.NamespaceContext(List.of(KubernetesViews.pdb(SERIALIZATION.unmarshal(PDB, PodDisruptionBudget.class))),
                    List.of(), List.of(), List.of(), Map.of("team", "shop"));
        }

        @Override
        public List<Workload> workloads(String namespace) {
            return List.of(KubernetesViews.deployment(SERIALIZATION.unmarshal(AdmissionReviewsTest.deployment("3"), Deployment.class)));
        }

        @Override
        public Optional<Deployment> deployment(String namespace, String name) {
            return Optional.empty();
        }

        @Override
        public List<RedundancyPolicy> policies() {
            return List.of(SERIALIZATION.unmarshal("""
                    {"apiVersion": "nospof.dev/v1alpha1", "kind": "RedundancyPolicy", "metadata": {"name": "shop"},
                     "spec": {"selector": {"namespaceSelector": {"matchLabels": {"team": "shop"}}}, "checks": {"single-replica": "enforce", "missing-pdb": "enforce", "hpa-min-replicas": "enforce"}}}
                    """, RedundancyPolicy.class));
        }
    };

    @Test
    void aOneReplicaDeploymentIsDeniedWithA403AndTheMessage() throws Exception {
        String answer = reviews.answer(review("CREATE", deployment("1"), null), cluster, Instant.EPOCH).json();
        var response = SERIALIZATION.unmarshal(answer, Map.class);
        assertThat(response).containsEntry("apiVersion", "admission.k8s.io/v1").containsEntry("kind", "AdmissionReview");
        assertThat(answer).contains("\"uid\":\"0b5e\"").contains("\"allowed\":false").contains("\"code\":403")
                .contains("nospof: Deployment shop/web fails 1 enforced check");
    }

    /** A PDB or HPA change is judged by what it does to the workloads it selects or targets. */
    @Test
    void deletingTheOnlyPdbOrAddingAnHpaWithAFloorOfOneIsDenied() throws Exception {
        String deleted = reviews.answer(review("DELETE", "null", PDB).replace("\"Deployment\"}", "\"PodDisruptionBudget\"}"), cluster, Instant.EPOCH).json();
        assertThat(deleted).contains("\"allowed\":false")
                .contains("nospof: Deployment shop/web (after deleting PodDisruptionBudget shop/web) fails 1 enforced check:\\n- missing-pdb (");
        String kept = reviews.answer(review("UPDATE", PDB, PDB).replace("\"Deployment\"}", "\"PodDisruptionBudget\"}"), cluster, Instant.EPOCH).json();
        assertThat(kept).contains("\"allowed\":true");

        String floorOne = reviews.answer(review("CREATE", HPA.formatted(1), "null").replace("\"Deployment\"}", "\"HorizontalPodAutoscaler\"}"),
                cluster, Instant.EPOCH).json();
        assertThat(floorOne).contains("\"allowed\":false").contains("(after creating HorizontalPodAutoscaler shop/web)").contains("hpa-min-replicas");
        String floorTwo = reviews.answer(review("CREATE", HPA.formatted(2), "null").replace("\"Deployment\"}", "\"HorizontalPodAutoscaler\"}"),
                cluster, Instant.EPOCH).json();
        assertThat(floorTwo).contains("\"allowed\":true");
    }

    /** Argo Rollouts are workloads and KEDA ScaledObjects floors, as in reports. */
    @Test
    void rolloutsAndScaledObjectsAreJudgedToo() throws Exception {
        String rollout = deployment("1").replace("\"apiVersion\": \"apps/v1\", \"kind\": \"Deployment\"",
                "\"apiVersion\": \"argoproj.io/v1alpha1\", \"kind\": \"Rollout\"");
        assertThat(reviews.answer(review("CREATE", rollout, "null"), cluster, Instant.EPOCH).json())
                .contains("nospof: Rollout shop/web fails 1 enforced check:");
        String scaledObject = """
                {"apiVersion": "keda.sh/v1alpha1", "kind": "ScaledObject", "metadata": {"name": "web", "namespace": "shop"},
                 "spec": {"minReplicaCount": 1, "maxReplicaCount": 5, "scaleTargetRef": {"name": "web"}}}""";
        assertThat(reviews.answer(review("CREATE", scaledObject, "null").replace("\"Deployment\"}", "\"ScaledObject\"}"), cluster,
                Instant.EPOCH).json()).contains("(after creating ScaledObject shop/web)").contains("hpa-min-replicas");
    }

    @Test
    void whatIsNotAWorkloadNospofJudgesIsAllowedSilently() throws Exception {
        String configMap = "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"c\", \"namespace\": \"shop\"}}";
        assertThat(reviews.answer(review("CREATE", configMap, null), cluster, Instant.EPOCH).json())
                .isEqualTo("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"response\":{\"uid\":\"0b5e\",\"allowed\":true}}");
        String unknown = "{\"apiVersion\": \"example.com/v1\", \"kind\": \"Gizmo\", \"metadata\": {\"name\": \"g\", \"namespace\": \"shop\"}}";
        assertThat(reviews.answer(review("CREATE", unknown, null), cluster, Instant.EPOCH).json()).contains("\"allowed\":true")
                .doesNotContain("warnings");
    }

    @Test
    void anObjectThatDoesNotReadAsItsKindIsAllowedWithAWarning() throws Exception {
        assertThat(reviews.answer(review("CREATE", deployment("\"three\""), null), cluster, Instant.EPOCH).json())
                .contains("\"allowed\":true").contains("nospof could not judge this object: request.object: spec.replicas: expected an integer");
    }

    @Test
    void whatIsNotAnAdmissionReviewIsABadRequestThatSaysWhy() {
        assertThatThrownBy(() -> reviews.answer("{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"AdmissionRev", cluster, Instant.EPOCH).json())
                .isInstanceOf(AdmissionReviews.BadReview.class).hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> reviews.answer("{\"apiVersion\": \"v1\", \"kind\": \"Pod\"}", cluster, Instant.EPOCH).json())
                .hasMessage("expected an AdmissionReview (apiVersion admission.k8s.io/v1)");
        assertThatThrownBy(() -> reviews.answer("{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"AdmissionReview\", \"request\": {}}",
                cluster, Instant.EPOCH).json()).hasMessage("request.uid: required");
        assertThatThrownBy(() -> reviews.answer("", cluster, Instant.EPOCH).json()).isInstanceOf(AdmissionReviews.BadReview.class);
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
