package dev.nospof.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.APIService;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.Optional;

/**
 * Older API versions that real charts still render, read as the version nospof judges: every
 * HorizontalPodAutoscaler version ({@code autoscaling/v1}, {@code v2beta1}, {@code v2beta2}) as
 * {@code autoscaling/v2}, {@code policy/v1beta1} PodDisruptionBudgets as {@code policy/v1}, and
 * {@code v1beta1} webhook configurations and APIServices as {@code v1}. Only the fields nospof
 * reads of HPAs and PDBs are carried over (target, minimum and maximum replicas; selector and
 * budgets), with the differences of meaning kept: in {@code policy/v1beta1} an empty selector
 * selects no pods, in {@code policy/v1} every pod; in {@code admissionregistration.k8s.io/v1beta1}
 * a webhook without failurePolicy is {@code Ignore}, in {@code v1} {@code Fail}.
 */
final class LegacyVersions {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The object in its current version, and a note when the version it came in is no longer served. */
    record Current(HasMetadata object, Optional<String> note) {
    }

    private LegacyVersions() {
    }

    static Current current(HasMetadata object) {
        if (object instanceof io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler) {
            return new Current(hpa(object), Optional.empty());
        }
        if (object instanceof io.fabric8.kubernetes.api.model.autoscaling.v2beta1.HorizontalPodAutoscaler) {
            return new Current(hpa(object), removed(object, "1.25", "autoscaling/v2"));
        }
        if (object instanceof io.fabric8.kubernetes.api.model.autoscaling.v2beta2.HorizontalPodAutoscaler) {
            return new Current(hpa(object), removed(object, "1.26", "autoscaling/v2"));
        }
        if (object instanceof io.fabric8.kubernetes.api.model.policy.v1beta1.PodDisruptionBudget beta) {
            var spec = beta.getSpec();
            PodDisruptionBudget pdb = new PodDisruptionBudgetBuilder().withMetadata(beta.getMetadata()).withNewSpec()
                    .withSelector(spec == null ? null : selectsSomething(spec.getSelector()))
                    .withMinAvailable(spec == null ? null : spec.getMinAvailable())
                    .withMaxUnavailable(spec == null ? null : spec.getMaxUnavailable())
                    .endSpec().build();
            return new Current(pdb, removed(beta, "1.25", "policy/v1"));
        }
        if (object instanceof io.fabric8.kubernetes.api.model.admissionregistration.v1beta1.ValidatingWebhookConfiguration) {
            return new Current(webhooks(object, ValidatingWebhookConfiguration.class), removed(object, "1.22", ADMISSION_V1));
        }
        if (object instanceof io.fabric8.kubernetes.api.model.admissionregistration.v1beta1.MutatingWebhookConfiguration) {
            return new Current(webhooks(object, MutatingWebhookConfiguration.class), removed(object, "1.22", ADMISSION_V1));
        }
        if (object instanceof GenericKubernetesResource generic && "APIService".equals(generic.getKind())
                && "apiregistration.k8s.io/v1beta1".equals(generic.getApiVersion())) {
            ObjectNode tree = JSON.valueToTree(generic);
            tree.put("apiVersion", "apiregistration.k8s.io/v1");
            return new Current(JSON.convertValue(tree, APIService.class), removed(object, "1.22", "apiregistration.k8s.io/v1"));
        }
        return new Current(object, Optional.empty());
    }

    private static final String ADMISSION_V1 = "admissionregistration.k8s.io/v1";

    /** A v1beta1 webhook configuration in v1, each webhook without failurePolicy given v1beta1's default, Ignore. */
    private static <T extends HasMetadata> T webhooks(HasMetadata old, Class<T> type) {
        ObjectNode tree = JSON.valueToTree(old);
        tree.put("apiVersion", ADMISSION_V1);
        if (tree.get("webhooks") instanceof ArrayNode webhooks) {
            webhooks.forEach(w -> {
                if (w instanceof ObjectNode webhook && !webhook.hasNonNull("failurePolicy")) {
                    webhook.put("failurePolicy", "Ignore");
                }
            });
        }
        return JSON.convertValue(tree, type);
    }

    /** scaleTargetRef, minReplicas and maxReplicas are written alike in every HPA version: read them as JSON. */
    private static HorizontalPodAutoscaler hpa(HasMetadata old) {
        JsonNode spec = JSON.valueToTree(old).path("spec");
        JsonNode target = spec.path("scaleTargetRef");
        return new HorizontalPodAutoscalerBuilder().withMetadata(old.getMetadata()).withNewSpec()
                .withNewScaleTargetRef().withApiVersion(text(target, "apiVersion")).withKind(text(target, "kind"))
                .withName(text(target, "name")).endScaleTargetRef()
                .withMinReplicas(spec.hasNonNull("minReplicas") ? spec.get("minReplicas").asInt() : null)
                .withMaxReplicas(spec.hasNonNull("maxReplicas") ? spec.get("maxReplicas").asInt() : null)
                .endSpec().build();
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    /** An empty policy/v1beta1 selector selects nothing: as no selector at all, in policy/v1 terms. */
    private static LabelSelector selectsSomething(LabelSelector selector) {
        boolean empty = selector == null || ((selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty()));
        return empty ? null : selector;
    }

    private static Optional<String> removed(HasMetadata object, String since, String use) {
        return Optional.of(object.getKind() + " " + object.getMetadata().getName() + " uses " + object.getApiVersion()
                + ", which Kubernetes " + since + " and later no longer serve: use " + use + " (audited as such)");
    }
}
