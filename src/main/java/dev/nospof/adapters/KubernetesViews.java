package dev.nospof.adapters;

import dev.nospof.model.AntiAffinityTerm;
import dev.nospof.model.Hpa;
import dev.nospof.model.IntOrPercent;
import dev.nospof.model.LabelSelector;
import dev.nospof.model.LiveState;
import dev.nospof.model.NodeInfo;
import dev.nospof.model.NodePlacement;
import dev.nospof.model.Pdb;
import dev.nospof.model.PodPlacement;
import dev.nospof.model.PodTemplate;
import dev.nospof.model.Pv;
import dev.nospof.model.Pvc;
import dev.nospof.model.ServiceTarget;
import dev.nospof.model.SpreadConstraint;
import dev.nospof.model.TemplateContainer;
import dev.nospof.model.UpdateStrategy;
import dev.nospof.model.Workload;
import dev.nospof.model.WorkloadKind;
import dev.nospof.model.WorkloadRef;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAntiAffinity;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns Fabric8 objects into the engine's views. Read-only and total: odd but legal specs
 * (no replicas, no selector, no template) give a view, never an exception.
 */
public final class KubernetesViews {

    private KubernetesViews() {
    }

    /**
     * The view of a supported workload object (an operator-run custom resource included, see
     * {@link OperatorWorkloads}), or empty for any other kind, for a StatefulSet such a resource
     * controls, for a ReplicaSet or
     * ReplicationController that a controller owns (its owner is the workload) and for a Rollout
     * that takes its template from a Deployment (see {@link #rollout}).
     */
    public static Optional<Workload> workload(HasMetadata object) {
        if (object instanceof Deployment d) {
            return Optional.of(deployment(d));
        }
        if (object instanceof StatefulSet s && !controlledByOperatorRunKind(s)) {
            return Optional.of(statefulSet(s));
        }
        if (object instanceof ReplicaSet r && !ownedByController(r)) {
            return Optional.of(replicaSet(r));
        }
        if (object instanceof ReplicationController r && !ownedByController(r)) {
            return Optional.of(replicationController(r));
        }
        if (object instanceof Pod p && !ownedByController(p)) {
            return Optional.of(barePod(p));
        }
        if (object instanceof Rollout r) {
            return rollout(r, (Workload) null);
        }
        return OperatorWorkloads.workload(object);
    }

    /**
     * The Deployment a Rollout takes its selector and pod template from ({@code spec.workloadRef}),
     * or empty when it has its own.
     */
    public static Optional<String> referencedDeployment(Rollout r) {
        Rollout.WorkloadRef ref = r.getSpec() == null ? null : r.getSpec().getWorkloadRef();
        if (ref == null || ref.getName() == null || !"Deployment".equals(ref.getKind())) {
            return Optional.empty();
        }
        return Optional.of(ref.getName());
    }

    /**
     * An Argo Rollout as a workload. One that takes its pod template from a Deployment
     * ({@code spec.workloadRef}) needs that Deployment ({@code referenced}): without it the
     * template is unknown and the Rollout is not evaluated (empty) rather than judged on a
     * template it does not have. Its own selector wins over the Deployment's, as in Argo.
     */
    public static Optional<Workload> rollout(Rollout r, Deployment referenced) {
        return rollout(r, referenced == null || referenced.getSpec() == null ? null : deployment(referenced));
    }

    /** As {@link #rollout(Rollout, Deployment)}, with the referenced Deployment as a workload (manifests keep only that). */
    public static Optional<Workload> rollout(Rollout r, Workload referenced) {
        var spec = r.getSpec();
        var status = r.getStatus();
        LabelSelector selector = spec == null || spec.getSelector() == null ? null : selector(spec.getSelector());
        PodTemplate template = spec == null || spec.getTemplate() == null ? null : template(spec.getTemplate());
        if (referencedDeployment(r).isPresent()) {
            if (referenced == null) {
                return Optional.empty();
            }
            template = referenced.template();
            selector = selector != null ? selector : referenced.selector();
        }
        return Optional.of(new Workload(ref(WorkloadKind.ROLLOUT, r),
                r.getMetadata().getLabels(), r.getMetadata().getAnnotations(),
                spec == null ? null : spec.getReplicas(),
                status == null ? null : zeroIfNull(status.getReadyReplicas()),
                selector == null ? LabelSelector.NOTHING : selector,
                template));
    }

    /** A Pod that no controller owns, as a workload of one replica whose template is its own spec. */
    public static Workload barePod(Pod p) {
        var template = new PodTemplateSpec(p.getMetadata(), p.getSpec());
        PodPlacement placement = pod(p);
        return new Workload(ref(WorkloadKind.POD, p), p.getMetadata().getLabels(), p.getMetadata().getAnnotations(),
                1, placement.ready() ? 1 : 0, LabelSelector.matchLabels(p.getMetadata().getLabels()), template(template));
    }

    /**
     * Whether a custom resource of an operator-run kind (a Prometheus, ...) controls {@code object}:
     * the StatefulSet the Prometheus Operator makes is that Prometheus, judged as such (scaling
     * the StatefulSet itself would be undone by its operator).
     */
    public static boolean controlledByOperatorRunKind(HasMetadata object) {
        return object.getMetadata().getOwnerReferences() != null && object.getMetadata().getOwnerReferences().stream()
                .anyMatch(o -> Boolean.TRUE.equals(o.getController()) && o.getApiVersion() != null && o.getKind() != null
                        && WorkloadKind.known(o.getApiVersion(), o.getKind()).filter(WorkloadKind::operatorRun).isPresent());
    }

    /** Whether a controller (a Deployment, a Rollout, ...) owns the object. */
    public static boolean ownedByController(HasMetadata object) {
        return object.getMetadata().getOwnerReferences() != null
                && object.getMetadata().getOwnerReferences().stream().anyMatch(o -> Boolean.TRUE.equals(o.getController()));
    }

    public static Workload replicaSet(ReplicaSet r) {
        var spec = r.getSpec();
        var status = r.getStatus();
        return new Workload(ref(WorkloadKind.REPLICA_SET, r),
                r.getMetadata().getLabels(), r.getMetadata().getAnnotations(),
                spec == null ? null : spec.getReplicas(),
                status == null ? null : zeroIfNull(status.getReadyReplicas()),
                spec == null ? LabelSelector.NOTHING : selector(spec.getSelector()),
                template(spec == null ? null : spec.getTemplate()));
    }

    public static Workload replicationController(ReplicationController r) {
        var spec = r.getSpec();
        var status = r.getStatus();
        // A ReplicationController's selector is a plain map; absent, it defaults to the template's labels.
        LabelSelector selector = spec == null ? LabelSelector.NOTHING
                : spec.getSelector() != null ? LabelSelector.matchLabels(spec.getSelector())
                : spec.getTemplate() != null && spec.getTemplate().getMetadata() != null
                        ? LabelSelector.matchLabels(spec.getTemplate().getMetadata().getLabels()) : LabelSelector.NOTHING;
        return new Workload(ref(WorkloadKind.REPLICATION_CONTROLLER, r),
                r.getMetadata().getLabels(), r.getMetadata().getAnnotations(),
                spec == null ? null : spec.getReplicas(),
                status == null ? null : zeroIfNull(status.getReadyReplicas()),
                selector,
                template(spec == null ? null : spec.getTemplate()));
    }

    public static Workload deployment(Deployment d) {
        var spec = d.getSpec();
        var status = d.getStatus();
        var strategy = spec == null ? null : spec.getStrategy();
        var rolling = strategy == null ? null : strategy.getRollingUpdate();
        String type = strategy == null || strategy.getType() == null ? UpdateStrategy.ROLLING_UPDATE : strategy.getType();
        IntOrPercent maxUnavailable = rolling == null || rolling.getMaxUnavailable() == null ? IntOrPercent.percentage(25)
                : intOrPercent(rolling.getMaxUnavailable());
        return new Workload(ref(WorkloadKind.DEPLOYMENT, d),
                d.getMetadata().getLabels(), d.getMetadata().getAnnotations(),
                spec == null ? null : spec.getReplicas(),
                status == null ? null : zeroIfNull(status.getReadyReplicas()),
                spec == null ? LabelSelector.NOTHING : selector(spec.getSelector()),
                template(spec == null ? null : spec.getTemplate()))
                .withStrategy(new UpdateStrategy(type, maxUnavailable)).withController(controller(d));
    }

    /** What controls {@code object} through a controller owner reference ("Kafka events (kafka.strimzi.io/v1beta2)"), or null. */
    static String controller(HasMetadata object) {
        return object.getMetadata().getOwnerReferences() == null ? null : object.getMetadata().getOwnerReferences().stream()
                .filter(o -> Boolean.TRUE.equals(o.getController()))
                .map(o -> o.getKind() + " " + o.getName() + " (" + o.getApiVersion() + ")").findFirst().orElse(null);
    }

    public static Workload statefulSet(StatefulSet s) {
        var spec = s.getSpec();
        var status = s.getStatus();
        var strategy = spec == null ? null : spec.getUpdateStrategy();
        var rolling = strategy == null ? null : strategy.getRollingUpdate();
        String type = strategy == null || strategy.getType() == null ? UpdateStrategy.ROLLING_UPDATE : strategy.getType();
        IntOrPercent maxUnavailable = rolling == null || rolling.getMaxUnavailable() == null ? IntOrPercent.number(1)
                : intOrPercent(rolling.getMaxUnavailable());
        return new Workload(ref(WorkloadKind.STATEFUL_SET, s),
                s.getMetadata().getLabels(), s.getMetadata().getAnnotations(),
                spec == null ? null : spec.getReplicas(),
                status == null ? null : zeroIfNull(status.getReadyReplicas()),
                spec == null ? LabelSelector.NOTHING : selector(spec.getSelector()),
                template(spec == null ? null : spec.getTemplate()).withClaimTemplates(spec == null || spec.getVolumeClaimTemplates() == null
                        ? List.of() : spec.getVolumeClaimTemplates().stream().map(t -> t.getMetadata() == null ? null : t.getMetadata().getName())
                        .filter(java.util.Objects::nonNull).toList()))
                .withStrategy(new UpdateStrategy(type, maxUnavailable)).withController(controller(s));
    }

    public static Pdb pdb(PodDisruptionBudget pdb) {
        var spec = pdb.getSpec();
        return new Pdb(pdb.getMetadata().getNamespace(), pdb.getMetadata().getName(),
                spec == null ? LabelSelector.NOTHING : selector(spec.getSelector()),
                spec == null ? null : intOrPercent(spec.getMinAvailable()),
                spec == null ? null : intOrPercent(spec.getMaxUnavailable()),
                pdb.getMetadata().getLabels() == null ? null : pdb.getMetadata().getLabels().get("app.kubernetes.io/managed-by"),
                controllerUid(pdb), spec == null ? null : spec.getUnhealthyPodEvictionPolicy());
    }

    /** When the API server created {@code object}, if it says so readably. */
    public static Optional<Instant> createdAt(HasMetadata object) {
        String created = object.getMetadata() == null ? null : object.getMetadata().getCreationTimestamp();
        try {
            return created == null ? Optional.empty() : Optional.of(Instant.parse(created));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String controllerUid(HasMetadata object) {
        var owners = object.getMetadata().getOwnerReferences();
        return owners == null ? null : owners.stream().filter(o -> Boolean.TRUE.equals(o.getController())).map(o -> o.getUid())
                .findFirst().orElse(null);
    }

    public static Hpa hpa(HorizontalPodAutoscaler hpa) {
        var spec = hpa.getSpec();
        var target = spec == null ? null : spec.getScaleTargetRef();
        return new Hpa(hpa.getMetadata().getNamespace(), hpa.getMetadata().getName(),
                target == null ? null : target.getApiVersion(),
                target == null ? null : target.getKind(),
                target == null ? null : target.getName(),
                spec == null ? null : spec.getMinReplicas(), Hpa.Source.HPA, spec == null ? null : spec.getMaxReplicas());
    }

    public static final String KEDA_VERSION = "v1alpha1";
    public static final String KEDA_API_VERSION = "keda.sh/" + KEDA_VERSION;
    public static final String KEDA_KIND = "ScaledObject";
    public static final String KEDA_CRD = "scaledobjects.keda.sh";

    public static boolean isScaledObject(HasMetadata object) {
        return KEDA_KIND.equals(object.getKind()) && KEDA_API_VERSION.equals(object.getApiVersion());
    }

    /**
     * A KEDA ScaledObject, read generically (nospof works without KEDA's classes or CRD):
     * scaleTargetRef defaults to apps/v1 Deployment, minReplicaCount to 0.
     */
    public static Hpa scaledObject(GenericKubernetesResource object) {
        Map<String, Object> spec = object.get("spec") instanceof Map<?, ?> m ? cast(m) : Map.of();
        Map<String, Object> target = spec.get("scaleTargetRef") instanceof Map<?, ?> m ? cast(m) : Map.of();
        Integer min = spec.get("minReplicaCount") instanceof Number n ? n.intValue() : null;
        // KEDA's default ceiling is 100.
        Integer max = spec.get("maxReplicaCount") instanceof Number n ? Integer.valueOf(n.intValue())
                : spec.containsKey("maxReplicaCount") ? null : 100;
        return new Hpa(object.getMetadata().getNamespace(), object.getMetadata().getName(),
                String.valueOf(target.getOrDefault("apiVersion", "apps/v1")), String.valueOf(target.getOrDefault("kind", "Deployment")),
                target.get("name") == null ? null : String.valueOf(target.get("name")), min, Hpa.Source.KEDA, max);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    public static LabelSelector selector(io.fabric8.kubernetes.api.model.LabelSelector selector) {
        return LabelSelector.of(selector);
    }

    static IntOrPercent intOrPercent(IntOrString value) {
        if (value == null) {
            return null;
        }
        if (value.getIntVal() != null) {
            return IntOrPercent.number(value.getIntVal());
        }
        String s = value.getStrVal();
        if (s == null) {
            return null;
        }
        s = s.trim();
        try {
            return s.endsWith("%")
                    ? IntOrPercent.percentage(Integer.parseInt(s.substring(0, s.length() - 1).trim()))
                    : IntOrPercent.number(Integer.parseInt(s));
        } catch (NumberFormatException e) {
            return null; // the API server refuses such a value; treat the bound as absent
        }
    }

    static PodTemplate template(PodTemplateSpec template) {
        if (template == null) {
            return new PodTemplate(null, null, null);
        }
        PodSpec spec = template.getSpec();
        var labels = template.getMetadata() == null ? null : template.getMetadata().getLabels();
        if (spec == null) {
            return new PodTemplate(labels, null, null);
        }
        List<SpreadConstraint> constraints = new ArrayList<>();
        if (spec.getTopologySpreadConstraints() != null) {
            for (TopologySpreadConstraint c : spec.getTopologySpreadConstraints()) {
                constraints.add(new SpreadConstraint(c.getTopologyKey(), selector(c.getLabelSelector()), c.getWhenUnsatisfiable()));
            }
        }
        List<AntiAffinityTerm> terms = new ArrayList<>();
        PodAntiAffinity anti = spec.getAffinity() == null ? null : spec.getAffinity().getPodAntiAffinity();
        if (anti != null) {
            if (anti.getRequiredDuringSchedulingIgnoredDuringExecution() != null) {
                for (PodAffinityTerm t : anti.getRequiredDuringSchedulingIgnoredDuringExecution()) {
                    terms.add(term(t, true));
                }
            }
            if (anti.getPreferredDuringSchedulingIgnoredDuringExecution() != null) {
                for (WeightedPodAffinityTerm w : anti.getPreferredDuringSchedulingIgnoredDuringExecution()) {
                    if (w.getPodAffinityTerm() != null) {
                        terms.add(term(w.getPodAffinityTerm(), false));
                    }
                }
            }
        }
        List<String> claims = spec.getVolumes() == null ? List.of() : spec.getVolumes().stream()
                .filter(v -> v.getPersistentVolumeClaim() != null && v.getPersistentVolumeClaim().getClaimName() != null)
                .map(v -> v.getPersistentVolumeClaim().getClaimName())
                .toList();
        List<String> hostPaths = spec.getVolumes() == null ? List.of() : spec.getVolumes().stream()
                .filter(v -> v.getHostPath() != null)
                .map(v -> v.getName() + " (" + v.getHostPath().getPath() + ")")
                .toList();
        List<String> nfsServers = spec.getVolumes() == null ? List.of() : spec.getVolumes().stream()
                .filter(v -> v.getNfs() != null && v.getNfs().getServer() != null)
                .map(v -> v.getNfs().getServer())
                .toList();
        return new PodTemplate(labels, constraints, terms, placement(spec), claims, containers(spec), hostPaths, nfsServers, List.of());
    }

    private static NodePlacement placement(PodSpec spec) {
        List<NodePlacement.NodeTerm> terms = new ArrayList<>();
        var nodeAffinity = spec.getAffinity() == null ? null : spec.getAffinity().getNodeAffinity();
        var required = nodeAffinity == null ? null : nodeAffinity.getRequiredDuringSchedulingIgnoredDuringExecution();
        if (required != null && required.getNodeSelectorTerms() != null) {
            for (NodeSelectorTerm t : required.getNodeSelectorTerms()) {
                terms.add(new NodePlacement.NodeTerm(nodeRequirements(t.getMatchExpressions()), nodeRequirements(t.getMatchFields())));
            }
        }
        return new NodePlacement(spec.getNodeName(), spec.getNodeSelector(), terms);
    }

    private static List<NodePlacement.NodeRequirement> nodeRequirements(List<NodeSelectorRequirement> requirements) {
        if (requirements == null) {
            return List.of();
        }
        return requirements.stream().map(r -> new NodePlacement.NodeRequirement(r.getKey(), r.getOperator(), r.getValues())).toList();
    }

    /** A live pod: where it runs and whether its Ready condition is True (terminating pods are never ready). */
    public static PodPlacement pod(Pod pod) {
        boolean ready = pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        return new PodPlacement(pod.getMetadata().getName(), pod.getSpec() == null ? null : pod.getSpec().getNodeName(), ready);
    }

    public static Pvc pvc(PersistentVolumeClaim pvc) {
        return new Pvc(pvc.getMetadata().getNamespace(), pvc.getMetadata().getName(),
                pvc.getSpec() == null ? null : pvc.getSpec().getAccessModes());
    }

    /** The PersistentVolume a claim names as bound ({@code spec.volumeName}), or null. */
    public static String volumeName(PersistentVolumeClaim pvc) {
        return pvc.getSpec() == null ? null : pvc.getSpec().getVolumeName();
    }

    /** The NFS CSI driver of kubernetes-csi (csi-driver-nfs): its volumes name their server in {@code volumeAttributes.server}. */
    private static final String NFS_CSI_DRIVER = "nfs.csi.k8s.io";

    /** A PersistentVolume with the terms of its required nodeAffinity and the NFS server it mounts, if any. */
    public static Pv pv(PersistentVolume pv) {
        var affinity = pv.getSpec() == null || pv.getSpec().getNodeAffinity() == null ? null : pv.getSpec().getNodeAffinity().getRequired();
        List<NodePlacement.NodeTerm> terms = new ArrayList<>();
        if (affinity != null && affinity.getNodeSelectorTerms() != null) {
            for (NodeSelectorTerm t : affinity.getNodeSelectorTerms()) {
                terms.add(new NodePlacement.NodeTerm(nodeRequirements(t.getMatchExpressions()), nodeRequirements(t.getMatchFields())));
            }
        }
        var spec = pv.getSpec();
        String nfsServer = spec == null ? null : spec.getNfs() != null ? spec.getNfs().getServer()
                : spec.getCsi() != null && NFS_CSI_DRIVER.equals(spec.getCsi().getDriver()) && spec.getCsi().getVolumeAttributes() != null
                        ? spec.getCsi().getVolumeAttributes().get("server") : null;
        return new Pv(pv.getMetadata().getName(), terms, nfsServer);
    }

    /** A Service with the ready endpoints counted for it ({@code namespace/name} keys, see ClusterViews). */
    public static LiveState.ServiceEndpoints service(Service service, Map<String, Integer> readyEndpoints) {
        var selector = service.getSpec() == null || service.getSpec().getSelector() == null ? Map.<String, String>of()
                : service.getSpec().getSelector();
        return new LiveState.ServiceEndpoints(service.getMetadata().getName(), LabelSelector.matchLabels(selector),
                readyEndpoints.getOrDefault(service.getMetadata().getNamespace() + "/" + service.getMetadata().getName(), 0));
    }

    private static List<TemplateContainer> containers(PodSpec spec) {
        if (spec.getContainers() == null) {
            return List.of();
        }
        List<TemplateContainer> containers = new ArrayList<>();
        for (Container c : spec.getContainers()) {
            List<TemplateContainer.Port> ports = c.getPorts() == null ? List.of() : c.getPorts().stream()
                    .filter(p -> p.getContainerPort() != null).map(p -> new TemplateContainer.Port(p.getName(), p.getContainerPort())).toList();
            containers.add(new TemplateContainer(c.getName(), ports, c.getReadinessProbe() != null));
        }
        return containers;
    }

    /** Where {@code service} sends traffic, from its spec. */
    public static ServiceTarget serviceTarget(Service service) {
        var spec = service.getSpec();
        List<String> targets = new ArrayList<>();
        if (spec != null && spec.getPorts() != null) {
            for (ServicePort port : spec.getPorts()) {
                IntOrString target = port.getTargetPort();
                if (target != null && target.getStrVal() != null) {
                    targets.add(target.getStrVal());
                } else if (target != null && target.getIntVal() != null) {
                    targets.add(target.getIntVal().toString());
                } else if (port.getPort() != null) {
                    targets.add(port.getPort().toString());
                }
            }
        }
        return new ServiceTarget(service.getMetadata().getNamespace(), service.getMetadata().getName(),
                spec == null ? null : spec.getSelector(), targets, spec == null ? null : spec.getClusterIP());
    }

    public static NodeInfo node(Node node) {
        boolean unschedulable = node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
        return new NodeInfo(node.getMetadata().getName(), node.getMetadata().getLabels(), !unschedulable);
    }

    private static AntiAffinityTerm term(PodAffinityTerm t, boolean required) {
        return new AntiAffinityTerm(t.getTopologyKey(), selector(t.getLabelSelector()), t.getNamespaces(),
                t.getNamespaceSelector() != null, required);
    }

    private static WorkloadRef ref(WorkloadKind kind, HasMetadata object) {
        return new WorkloadRef(kind, object.getMetadata().getNamespace(), object.getMetadata().getName(),
                object.getMetadata().getUid());
    }

    private static Integer zeroIfNull(Integer value) {
        return value == null ? 0 : value;
    }
}
