package dev.nospof.cli;

import dev.nospof.adapters.OperatorWorkloads;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the API server would refuse in the objects nospof judges, refused here too (as
 * {@code kubectl apply --dry-run=server} would), so that no finding is computed from an object
 * that cannot exist: negative replicas, a workload without selector or template or whose
 * selector does not select its template, a PDB with both budgets, an HPA without a target, an
 * owner reference that does not name its owner in full.
 */
final class ApiValidation {

    /** A refused field: its path in the document (for the line) and why. */
    record Problem(List<String> path, String message) {
    }

    private ApiValidation() {
    }

    static List<Problem> problems(HasMetadata object) {
        List<Problem> problems = new ArrayList<>();
        owners(object, problems);
        if (object instanceof Deployment d && d.getSpec() != null) {
            workload(d.getSpec().getReplicas(), d.getSpec().getSelector(), d.getSpec().getTemplate(), problems);
        } else if (object instanceof Deployment) {
            problems.add(new Problem(List.of(), "spec: required"));
        } else if (object instanceof StatefulSet s && s.getSpec() != null) {
            workload(s.getSpec().getReplicas(), s.getSpec().getSelector(), s.getSpec().getTemplate(), problems);
        } else if (object instanceof ReplicaSet r && r.getSpec() != null) {
            workload(r.getSpec().getReplicas(), r.getSpec().getSelector(), r.getSpec().getTemplate(), problems);
        } else if (object instanceof ReplicationController rc && rc.getSpec() != null) {
            replicas(rc.getSpec().getReplicas(), problems);
            if (rc.getSpec().getTemplate() == null) {
                problems.add(new Problem(List.of("spec", "template"), "spec.template: required"));
            }
        } else if (object instanceof Pod pod && (pod.getSpec() == null || pod.getSpec().getContainers() == null
                || pod.getSpec().getContainers().isEmpty())) {
            problems.add(new Problem(List.of("spec"), "spec.containers: required, at least one container"));
        } else if (object instanceof PodDisruptionBudget pdb && pdb.getSpec() != null
                && pdb.getSpec().getMinAvailable() != null && pdb.getSpec().getMaxUnavailable() != null) {
            problems.add(new Problem(List.of("spec", "maxUnavailable"), "spec: minAvailable and maxUnavailable cannot both be set"));
        } else if (object instanceof HorizontalPodAutoscaler hpa) {
            hpa(hpa, problems);
        }
        OperatorWorkloads.problem(object).ifPresent(p -> problems.add(new Problem(p.getKey(), p.getValue())));
        return problems;
    }

    /** Every owner reference names its owner in full (a pod's owner says which workload it belongs to). */
    private static void owners(HasMetadata object, List<Problem> problems) {
        var owners = object.getMetadata() == null ? null : object.getMetadata().getOwnerReferences();
        if (owners == null) {
            return;
        }
        for (int i = 0; i < owners.size(); i++) {
            var owner = owners.get(i);
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("apiVersion", owner == null ? null : owner.getApiVersion());
            fields.put("kind", owner == null ? null : owner.getKind());
            fields.put("name", owner == null ? null : owner.getName());
            fields.put("uid", owner == null ? null : owner.getUid());
            for (var field : fields.entrySet()) {
                if (blank(field.getValue())) {
                    problems.add(new Problem(List.of("metadata", "ownerReferences"),
                            "metadata.ownerReferences[" + i + "]." + field.getKey() + ": required"));
                }
            }
        }
    }

    private static void workload(Integer replicas, LabelSelector selector, PodTemplateSpec template, List<Problem> problems) {
        replicas(replicas, problems);
        if (selector == null || ((selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty()))) {
            problems.add(new Problem(List.of("spec"), "spec.selector: required (apps/v1 has no default selector)"));
        }
        if (template == null) {
            problems.add(new Problem(List.of("spec"), "spec.template: required"));
        } else if (selector != null && selector.getMatchLabels() != null) {
            Map<String, String> labels = template.getMetadata() == null || template.getMetadata().getLabels() == null
                    ? Map.of() : template.getMetadata().getLabels();
            selector.getMatchLabels().forEach((key, value) -> {
                if (!value.equals(labels.get(key))) {
                    problems.add(new Problem(List.of("spec", "template", "metadata"), "spec.template.metadata.labels: the selector "
                            + key + "=" + value + " does not select the template's labels"));
                }
            });
        }
    }

    private static void replicas(Integer replicas, List<Problem> problems) {
        if (replicas != null && replicas < 0) {
            problems.add(new Problem(List.of("spec", "replicas"), "spec.replicas: must be at least 0, got " + replicas));
        }
    }

    private static void hpa(HorizontalPodAutoscaler hpa, List<Problem> problems) {
        var spec = hpa.getSpec();
        if (spec == null || spec.getScaleTargetRef() == null || blank(spec.getScaleTargetRef().getName())
                || blank(spec.getScaleTargetRef().getKind())) {
            problems.add(new Problem(List.of("spec"), "spec.scaleTargetRef: kind and name are required"));
            return;
        }
        if (spec.getMaxReplicas() == null || spec.getMaxReplicas() < 1) {
            problems.add(new Problem(List.of("spec"), "spec.maxReplicas: required, at least 1"));
        } else if (spec.getMinReplicas() != null && spec.getMinReplicas() > spec.getMaxReplicas()) {
            problems.add(new Problem(List.of("spec", "minReplicas"), "spec.minReplicas: must be at most maxReplicas ("
                    + spec.getMaxReplicas() + "), got " + spec.getMinReplicas()));
        }
        if (spec.getMinReplicas() != null && spec.getMinReplicas() < 0) {
            problems.add(new Problem(List.of("spec", "minReplicas"), "spec.minReplicas: must be at least 0, got " + spec.getMinReplicas()));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
