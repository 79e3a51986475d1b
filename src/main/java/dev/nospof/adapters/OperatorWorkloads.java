package dev.nospof.adapters;

import dev.nospof.model.LabelSelector;
import dev.nospof.model.MappingProblems;
import dev.nospof.model.NodeInfo;
import dev.nospof.model.Workload;
import dev.nospof.model.WorkloadKind;
import dev.nospof.model.WorkloadRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The custom resources that operators run pods for, as workloads: a Prometheus, Alertmanager or
 * ThanosRuler of the Prometheus Operator ({@code spec.replicas}, default 1) and a CloudNativePG
 * Cluster ({@code spec.instances}, default 1). Read generically: nospof needs neither operator's
 * classes. Their pods are the ones carrying the labels each operator sets on them; the spread
 * and placement rules are the ones each operator copies into its pods' spec.
 */
public final class OperatorWorkloads {

    /** The labels the Prometheus Operator sets on the pods of each of its kinds, besides its own instance labels. */
    private static final Map<WorkloadKind, String> PROMETHEUS_OPERATOR_NAME_LABEL = Map.of(WorkloadKind.PROMETHEUS, "prometheus",
            WorkloadKind.ALERTMANAGER, "alertmanager", WorkloadKind.THANOS_RULER, "thanos-ruler");
    private static final String CNPG_CLUSTER_LABEL = "cnpg.io/cluster";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private OperatorWorkloads() {
    }

    /** The operator-run kind {@code object} is, if it is one. */
    public static Optional<WorkloadKind> kindOf(HasMetadata object) {
        return object instanceof GenericKubernetesResource && object.getApiVersion() != null && object.getKind() != null
                ? WorkloadKind.known(object.getApiVersion(), object.getKind()).filter(WorkloadKind::operatorRun)
                : Optional.empty();
    }

    /**
     * {@code object} as a workload, if it is of an operator-run kind; none when its spread or
     * placement fields do not decode (a workload is not judged from defaults it does not have;
     * {@link #problem} says what is wrong).
     */
    public static Optional<Workload> workload(HasMetadata object) {
        try {
            return decoded(object);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Workload> decoded(HasMetadata object) {
        Optional<WorkloadKind> kind = kindOf(object);
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        GenericKubernetesResource resource = (GenericKubernetesResource) object;
        Map<String, Object> spec = map(resource.get("spec"));
        Map<String, Object> status = map(resource.get("status"));
        String name = resource.getMetadata().getName();
        boolean cnpg = kind.get().equals(WorkloadKind.CNPG_CLUSTER);
        Map<String, String> selector = cnpg ? Map.of(CNPG_CLUSTER_LABEL, name)
                : Map.of(PROMETHEUS_OPERATOR_NAME_LABEL.get(kind.get()), name);
        Map<String, String> podLabels = new LinkedHashMap<>(cnpg ? labels(map(map(spec.get("inheritedMetadata")).get("labels")))
                : labels(map(map(spec.get("podMetadata")).get("labels"))));
        if (!cnpg) {
            podLabels.put("app.kubernetes.io/name", PROMETHEUS_OPERATOR_NAME_LABEL.get(kind.get()));
            podLabels.put("app.kubernetes.io/instance", name);
            podLabels.put("app.kubernetes.io/managed-by", "prometheus-operator");
        }
        podLabels.putAll(selector);
        PodTemplateSpec template = new PodTemplateSpec(new ObjectMeta(), cnpg ? cnpgPodSpec(spec, selector) : podSpec(spec));
        template.getMetadata().setLabels(podLabels);
        Integer replicas = integer(spec.get(cnpg ? "instances" : "replicas"));
        Integer ready = integer(status.get(cnpg ? "readyInstances" : "availableReplicas"));
        WorkloadRef ref = new WorkloadRef(kind.get(), resource.getMetadata().getNamespace(), name, resource.getMetadata().getUid());
        return Optional.of(new Workload(ref, resource.getMetadata().getLabels(), resource.getMetadata().getAnnotations(), replicas,
                ready == null ? 0 : ready, LabelSelector.matchLabels(selector), KubernetesViews.template(template)));
    }

    /** The Prometheus Operator copies these fields of its resources into the pod spec of their StatefulSet. */
    private static PodSpec podSpec(Map<String, Object> spec) {
        Map<String, Object> podSpec = new LinkedHashMap<>();
        for (String field : List.of("affinity", "topologySpreadConstraints", "nodeSelector", "tolerations")) {
            if (spec.containsKey(field)) {
                podSpec.put(field, spec.get(field));
            }
        }
        return SERIALIZATION.convertValue(podSpec, PodSpec.class);
    }

    /**
     * CloudNativePG writes its own pod anti-affinity (on by default: preferred, on
     * {@code kubernetes.io/hostname}, over the cluster's pods) unless {@code enablePodAntiAffinity}
     * is false, and copies the spread constraints and node selector.
     */
    private static PodSpec cnpgPodSpec(Map<String, Object> spec, Map<String, String> selector) {
        Map<String, Object> affinity = map(spec.get("affinity"));
        Map<String, Object> podSpec = new LinkedHashMap<>();
        if (spec.containsKey("topologySpreadConstraints")) {
            podSpec.put("topologySpreadConstraints", spec.get("topologySpreadConstraints"));
        }
        if (affinity.containsKey("nodeSelector")) {
            podSpec.put("nodeSelector", affinity.get("nodeSelector"));
        }
        if (!Boolean.FALSE.equals(affinity.get("enablePodAntiAffinity"))) {
            String topologyKey = affinity.get("topologyKey") instanceof String key && !key.isEmpty() ? key : NodeInfo.HOSTNAME_LABEL;
            Map<String, Object> term = Map.of("topologyKey", topologyKey, "labelSelector", Map.of("matchLabels", selector));
            Object antiAffinity = "required".equals(affinity.get("podAntiAffinityType"))
                    ? Map.of("requiredDuringSchedulingIgnoredDuringExecution", List.of(term))
                    : Map.of("preferredDuringSchedulingIgnoredDuringExecution", List.of(Map.of("weight", 100, "podAffinityTerm", term)));
            podSpec.put("affinity", Map.of("podAntiAffinity", antiAffinity));
        }
        return SERIALIZATION.convertValue(podSpec, PodSpec.class);
    }

    /**
     * What the API server would refuse in an operator-run resource (its CRD's schema): spread or
     * placement fields of the wrong shape, a replica count that is not a whole number of at least
     * 0. As a path and a message.
     */
    public static Optional<Map.Entry<List<String>, String>> problem(HasMetadata object) {
        Optional<WorkloadKind> kind = kindOf(object);
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        try {
            decoded(object);
        } catch (IllegalArgumentException e) {
            // The field of the spec that failed, for the line: the first step of Jackson's path.
            String field = e.getCause() instanceof com.fasterxml.jackson.databind.JsonMappingException jme && !jme.getPath().isEmpty()
                    && jme.getPath().get(0).getFieldName() != null ? jme.getPath().get(0).getFieldName() : null;
            return Optional.of(Map.entry(field == null ? List.of("spec") : List.of("spec", field), "spec: " + MappingProblems.describe(e)));
        }
        String field = kind.get().replicasField();
        String leaf = field.substring(field.lastIndexOf('.') + 1);
        Object value = map(((GenericKubernetesResource) object).get("spec")).get(leaf);
        if (value == null || (value instanceof Integer i && i >= 0) || (value instanceof Long l && l >= 0 && l <= Integer.MAX_VALUE)) {
            return Optional.empty();
        }
        return Optional.of(Map.entry(List.of("spec", leaf), field + ": expected a whole number of at least 0, found "
                + MappingProblems.excerpt(String.valueOf(value))));
    }

    private static Integer integer(Object value) {
        return value instanceof Integer i ? i : value instanceof Long l && l <= Integer.MAX_VALUE ? Integer.valueOf(l.intValue()) : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static Map<String, String> labels(Map<String, Object> labels) {
        Map<String, String> strings = new LinkedHashMap<>();
        labels.forEach((k, v) -> {
            if (v instanceof String s) {
                strings.put(k, s);
            }
        });
        return strings;
    }
}
