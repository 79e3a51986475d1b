package dev.nospof.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.Optional;

/**
 * Older API versions that real charts still render, read as the version nospof judges: every
 * HorizontalPodAutoscaler version ({@code autoscaling/v1}, {@code v2beta1}, {@code v2beta2}) as
 * {@code autoscaling/v2}, and {@code policy/v1beta1} PodDisruptionBudgets as {@code policy/v1}.
 * Only the fields nospof reads are carried over (target, minimum and maximum replicas; selector and
 * budgets), with one difference of meaning kept: in
 * {@code policy/v1beta1} an empty selector selects no pods, in {@code policy/v1} every pod.
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
        return new Current(object, Optional.empty());
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
