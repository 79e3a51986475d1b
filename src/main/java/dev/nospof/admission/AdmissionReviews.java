package dev.nospof.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nospof.adapters.KubernetesViews;
import dev.nospof.adapters.Rollout;
import dev.nospof.model.Decoded;
import dev.nospof.model.Hpa;
import dev.nospof.model.MappingProblems;
import dev.nospof.model.Pdb;
import dev.nospof.model.Workload;
import dev.nospof.policy.RedundancyPolicy;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
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

    private static final String ROLLOUT_API_VERSION = "argoproj.io/v1alpha1";

    /** What admission reads of the cluster: the operator's caches. */
    public interface Cluster {
        WorkloadAdmission.NamespaceContext namespace(String namespace);

        /** The workloads nospof judges in {@code namespace}, as the caches hold them. */
        List<Workload> workloads(String namespace);

        /** A Deployment an Argo Rollout takes its template from. */
        Optional<Deployment> deployment(String namespace, String name);

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

    /** The response's JSON, the verdict it carries, and the request's kind and operation (for metrics). */
    public record Answer(String json, AdmissionVerdict verdict, String kind, String operation) {
    }

    /** Answers one review; {@code body} is the request's JSON. */
    public Answer answer(String body, Cluster cluster, Instant now) throws BadReview {
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
        return new Answer(serialization.asJson(response(uid, verdict)), verdict, request.path("kind").path("kind").asText("unknown"),
                request.path("operation").asText("unknown"));
    }

    /** The object in a well-formed review does not read as its kind. */
    private static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    private AdmissionVerdict verdict(JsonNode request, Cluster cluster, Instant now) throws Unreadable {
        String namespace = request.path("namespace").asText(null);
        String kind = request.path("kind").path("kind").asText("");
        if (namespace != null && ("PodDisruptionBudget".equals(kind) || "HorizontalPodAutoscaler".equals(kind)
                || KubernetesViews.KEDA_KIND.equals(kind))) {
            return change(request, kind, namespace, cluster, now);
        }
        Optional<Workload> workload = workload(request.path("object"), namespace, "request.object", cluster);
        if (workload.isEmpty() || namespace == null) {
            return AdmissionVerdict.ALLOW;
        }
        Optional<Workload> before = "UPDATE".equals(request.path("operation").asText())
                ? workload(request.path("oldObject"), namespace, "request.oldObject", cluster) : Optional.empty();
        return admission.judge(workload.get(), before, cluster.namespace(namespace), cluster.policies(), now);
    }

    /**
     * A PDB or HPA created, changed or deleted, judged by what it does to the workloads it selects
     * or targets, before or after.
     */
    private AdmissionVerdict change(JsonNode request, String kind, String namespace, Cluster cluster, Instant now) throws Unreadable {
        HasMetadata current = read(request.path("object"), namespace, "request.object");
        HasMetadata old = read(request.path("oldObject"), namespace, "request.oldObject");
        HasMetadata named = current != null ? current : old;
        if (named == null) {
            return AdmissionVerdict.ALLOW;
        }
        String operation = request.path("operation").asText("");
        String change = switch (operation) {
            case "CREATE" -> "creating ";
            case "DELETE" -> "deleting ";
            default -> "changing ";
        } + kind + " " + namespace + "/" + named.getMetadata().getName();
        WorkloadAdmission.NamespaceContext context = cluster.namespace(namespace);
        List<Workload> workloads = cluster.workloads(namespace);
        if (named instanceof PodDisruptionBudget) {
            Pdb removed = KubernetesViews.pdb((PodDisruptionBudget) named);
            Pdb before = old instanceof PodDisruptionBudget p ? KubernetesViews.pdb(p) : null;
            Pdb after = current instanceof PodDisruptionBudget p ? KubernetesViews.pdb(p) : null;
            List<Workload> affected = workloads.stream().filter(w -> selects(before, w) || selects(after, w)).toList();
            return admission.judgeChange(change, affected, context.withPdb(removed, before), context.withPdb(removed, after),
                    cluster.policies(), now);
        }
        Hpa removed = autoscaler(named);
        if (removed != null) {
            Hpa before = autoscaler(old);
            Hpa after = autoscaler(current);
            List<Workload> affected = workloads.stream().filter(w -> (before != null && before.targets(w.ref()))
                    || (after != null && after.targets(w.ref()))).toList();
            return admission.judgeChange(change, affected, context.withHpa(removed, before), context.withHpa(removed, after),
                    cluster.policies(), now);
        }
        return AdmissionVerdict.ALLOW; // another version of the kind than the webhook asks for
    }

    /** An HPA or a KEDA ScaledObject as the floor it sets, or null. */
    private static Hpa autoscaler(HasMetadata object) {
        if (object instanceof HorizontalPodAutoscaler h) {
            return KubernetesViews.hpa(h);
        }
        if (object instanceof GenericKubernetesResource g && KubernetesViews.KEDA_API_VERSION.equals(g.getApiVersion())
                && KubernetesViews.KEDA_KIND.equals(g.getKind())) {
            return KubernetesViews.scaledObject(g);
        }
        return null;
    }

    private static boolean selects(Pdb pdb, Workload workload) {
        return pdb != null && pdb.selector().matches(workload.template().labels());
    }

    /** The object as its kind, its namespace filled in, or null when absent (a DELETE has no object). */
    private HasMetadata read(JsonNode object, String namespace, String field) throws Unreadable {
        if (!object.isObject()) {
            return null;
        }
        KubernetesResource resource;
        try {
            boolean rollout = ROLLOUT_API_VERSION.equals(object.path("apiVersion").asText()) && "Rollout".equals(object.path("kind").asText());
            resource = rollout ? serialization.convertValue(object, Rollout.class) : serialization.convertValue(object, KubernetesResource.class);
        } catch (RuntimeException e) {
            throw new Unreadable(field + ": " + MappingProblems.describe(e));
        }
        if (resource instanceof Rollout r) {
            var undecodable = Decoded.firstUndecodable(r.getSpec(), r.getStatus());
            if (undecodable.isPresent()) {
                throw new Unreadable(field + "." + undecodable.get().undecodable());
            }
        }
        if (!(resource instanceof HasMetadata hasMetadata) || hasMetadata.getMetadata() == null) {
            return null;
        }
        if (hasMetadata.getMetadata().getNamespace() == null) {
            hasMetadata.getMetadata().setNamespace(namespace); // a CREATE may leave it to the request
        }
        if (hasMetadata.getMetadata().getName() == null) {
            hasMetadata.getMetadata().setName(Objects.requireNonNullElse(hasMetadata.getMetadata().getGenerateName(), ""));
        }
        return hasMetadata;
    }

    /** The object as a workload nospof judges, or empty (not a workload, or one another owns). */
    private Optional<Workload> workload(JsonNode object, String namespace, String field, Cluster cluster) throws Unreadable {
        HasMetadata read = read(object, namespace, field);
        if (read instanceof Rollout rollout) {
            // One that takes its template from a Deployment (spec.workloadRef) is judged with it.
            Deployment referenced = KubernetesViews.referencedDeployment(rollout).flatMap(name -> cluster.deployment(namespace, name)).orElse(null);
            return KubernetesViews.rollout(rollout, referenced);
        }
        return read == null ? Optional.empty() : KubernetesViews.workload(read);
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
