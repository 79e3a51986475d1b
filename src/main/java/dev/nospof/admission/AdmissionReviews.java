package dev.nospof.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nospof.adapters.KubernetesViews;
import dev.nospof.model.MappingProblems;
import dev.nospof.model.Workload;
import dev.nospof.policy.RedundancyPolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An {@code admission.k8s.io/v1} AdmissionReview in, one out: the request's object (and old
 * object) read as its kind, judged by {@link WorkloadAdmission} in its namespace's context, the
 * verdict written as the response (403 with the denial's message, or warnings). Objects that are
 * not workloads nospof judges on their own (a ReplicaSet a Deployment owns, an unknown kind) are
 * allowed silently; one whose object does not read as its kind is allowed with a warning that
 * says so. A request that is not an AdmissionReview is a {@link BadReview} (a 400).
 */
public final class AdmissionReviews {

    /** What admission reads of the cluster: the operator's caches. */
    public interface Cluster {
        WorkloadAdmission.NamespaceContext namespace(String namespace);

        List<RedundancyPolicy> policies();
    }

    /** The body is not an AdmissionReview nospof can answer; the message says why. */
    public static final class BadReview extends Exception {
        public BadReview(String message) {
            super(message);
        }
    }

    private final KubernetesSerialization serialization;
    private final WorkloadAdmission admission;

    public AdmissionReviews(KubernetesSerialization serialization, WorkloadAdmission admission) {
        this.serialization = serialization;
        this.admission = admission;
    }

    /** Answers one review; {@code body} is the request's JSON. */
    public String answer(String body, Cluster cluster, Instant now) throws BadReview {
        JsonNode review;
        try {
            review = serialization.unmarshal(body, JsonNode.class);
        } catch (RuntimeException e) {
            throw new BadReview("not JSON: " + MappingProblems.describe(e));
        }
        if (review == null || !review.isObject() || !"AdmissionReview".equals(review.path("kind").asText())
                || !"admission.k8s.io/v1".equals(review.path("apiVersion").asText())) {
            throw new BadReview("expected an AdmissionReview (apiVersion admission.k8s.io/v1)");
        }
        JsonNode request = review.path("request");
        String uid = request.path("uid").asText("");
        if (!request.isObject() || uid.isEmpty()) {
            throw new BadReview("request.uid: required");
        }
        AdmissionVerdict verdict;
        try {
            verdict = verdict(request, cluster, now);
        } catch (Unreadable e) {
            // The API server parsed it; if nospof cannot, that is nospof's problem, not the user's.
            verdict = new AdmissionVerdict(true, null, List.of("nospof could not judge this object: " + e.getMessage()));
        } catch (RuntimeException e) {
            verdict = new AdmissionVerdict(true, null, List.of("nospof could not judge this object (an error in nospof: "
                    + MappingProblems.describe(e) + ")"));
        }
        return serialization.asJson(response(uid, verdict));
    }

    /** The object in a well-formed review does not read as its kind. */
    private static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    private AdmissionVerdict verdict(JsonNode request, Cluster cluster, Instant now) throws Unreadable {
        String namespace = request.path("namespace").asText(null);
        Optional<Workload> workload = workload(request.path("object"), namespace, "request.object");
        if (workload.isEmpty() || namespace == null) {
            return AdmissionVerdict.ALLOW;
        }
        Optional<Workload> before = "UPDATE".equals(request.path("operation").asText())
                ? workload(request.path("oldObject"), namespace, "request.oldObject") : Optional.empty();
        return admission.judge(workload.get(), before, cluster.namespace(namespace), cluster.policies(), now);
    }

    /** The object as a workload nospof judges, or empty (not a workload, or one another owns). */
    private Optional<Workload> workload(JsonNode object, String namespace, String field) throws Unreadable {
        if (!object.isObject()) {
            return Optional.empty();
        }
        KubernetesResource resource;
        try {
            resource = serialization.convertValue(object, KubernetesResource.class);
        } catch (RuntimeException e) {
            throw new Unreadable(field + ": " + MappingProblems.describe(e));
        }
        if (!(resource instanceof HasMetadata hasMetadata) || hasMetadata.getMetadata() == null) {
            return Optional.empty();
        }
        if (hasMetadata.getMetadata().getNamespace() == null) {
            hasMetadata.getMetadata().setNamespace(namespace); // a CREATE may leave it to the request
        }
        if (hasMetadata.getMetadata().getName() == null) {
            hasMetadata.getMetadata().setName(hasMetadata.getMetadata().getGenerateName() == null ? "" : hasMetadata.getMetadata().getGenerateName());
        }
        return KubernetesViews.workload(hasMetadata);
    }

    private static ObjectNode response(String uid, AdmissionVerdict verdict) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode response = json.objectNode().put("uid", uid).put("allowed", verdict.allowed());
        if (!verdict.allowed()) {
            response.putObject("status").put("code", 403).put("reason", "Forbidden").put("message", verdict.message());
        }
        if (!verdict.warnings().isEmpty()) {
            var warnings = response.putArray("warnings");
            verdict.warnings().forEach(warnings::add);
        }
        ObjectNode review = json.objectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
        review.set("response", response);
        return review;
    }
}
