package dev.nospof.adapters;

import dev.nospof.model.Hpa;
import dev.nospof.model.LiveState;
import dev.nospof.model.NodeInfo;
import dev.nospof.model.Pdb;
import dev.nospof.model.PodPlacement;
import dev.nospof.model.Pvc;
import dev.nospof.model.Workload;
import dev.nospof.model.WorkloadView;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Views from a set of objects that were not read from a cluster (manifests, fixtures): PDBs,
 * HPAs, KEDA ScaledObjects and PersistentVolumeClaims in the set apply to the workloads of the set,
 * and a Rollout's {@code spec.workloadRef} names a Deployment of the set. Objects without a namespace are put
 * in {@code defaultNamespace}, as {@code kubectl apply} would.
 */
public final class ManifestViews {

    private ManifestViews() {
    }

    /** A workload object of the set and its view. */
    public record ObjectView(HasMetadata object, WorkloadView view) {
    }

    public static List<WorkloadView> views(List<? extends HasMetadata> objects, String defaultNamespace) {
        return viewsByObject(objects, defaultNamespace, false).stream().map(ObjectView::view).toList();
    }

    /**
     * The view of every workload among {@code objects}, with the object it was built from, in
     * input order. With {@code live}, the Pods and Nodes of the set are the workloads' live
     * state (as fixtures of live checks describe a cluster); without, views have none.
     */
    public static List<ObjectView> viewsByObject(List<? extends HasMetadata> objects, String defaultNamespace, boolean live) {
        List<Map.Entry<HasMetadata, Workload>> workloads = new ArrayList<>();
        List<Pdb> pdbs = new ArrayList<>();
        List<Hpa> hpas = new ArrayList<>();
        List<NodeInfo> nodes = new ArrayList<>();
        List<Pvc> pvcs = new ArrayList<>();
        List<Service> services = new ArrayList<>();
        List<EndpointSlice> slices = new ArrayList<>();
        Map<String, List<PodPlacement>> podsByWorkload = new HashMap<>();
        Map<String, Deployment> deployments = deploymentsByKey(objects, defaultNamespace);
        for (HasMetadata object : objects) {
            if (object.getMetadata() == null) {
                continue;
            }
            String namespace = Objects.requireNonNullElse(object.getMetadata().getNamespace(), defaultNamespace);
            if (object instanceof PodDisruptionBudget pdb) {
                pdbs.add(KubernetesViews.pdb(pdb).inNamespace(namespace));
            } else if (object instanceof HorizontalPodAutoscaler hpa) {
                hpas.add(KubernetesViews.hpa(hpa).inNamespace(namespace));
            } else if (object instanceof GenericKubernetesResource generic && KubernetesViews.isScaledObject(generic)) {
                hpas.add(KubernetesViews.scaledObject(generic).inNamespace(namespace));
            } else if (object instanceof PersistentVolumeClaim pvc) {
                pvcs.add(KubernetesViews.pvc(pvc).inNamespace(namespace));
            } else if (object instanceof Service service) {
                services.add(service);
            } else if (object instanceof EndpointSlice slice) {
                slices.add(slice);
            } else if (object instanceof Node node) {
                nodes.add(KubernetesViews.node(node));
            } else if (object instanceof Pod pod && PodOwners.workloadKey(pod).isPresent()) {
                // A pod a controller owns is live state of its workload; a bare pod is a workload (below).
                String key = PodOwners.workloadKey(pod).get().replaceFirst("^([^/]+)/[^/]*/", "$1/" + namespace + "/");
                podsByWorkload.computeIfAbsent(key, k -> new ArrayList<>()).add(KubernetesViews.pod(pod));
            } else if (object instanceof Rollout rollout) {
                // One whose Deployment is not in the set is not evaluated: see unresolvedWorkloadRefs.
                KubernetesViews.rollout(rollout, referencedDeployment(rollout, namespace, deployments))
                        .ifPresent(w -> workloads.add(Map.entry(object, w.inNamespace(namespace))));
            } else {
                KubernetesViews.workload(object).ifPresent(w -> workloads.add(Map.entry(object, w.inNamespace(namespace))));
            }
        }
        Map<String, List<Pdb>> pdbsByNamespace = pdbs.stream().collect(Collectors.groupingBy(Pdb::namespace));
        Map<String, List<Hpa>> hpasByNamespace = hpas.stream().collect(Collectors.groupingBy(Hpa::namespace));
        Map<String, List<Pvc>> pvcsByNamespace = pvcs.stream().collect(Collectors.groupingBy(Pvc::namespace));
        Map<String, Integer> ready = ClusterViews.readyEndpoints(slices);
        Map<String, List<LiveState.ServiceEndpoints>> servicesByNamespace = services.stream().collect(Collectors.groupingBy(
                s -> Objects.requireNonNullElse(s.getMetadata().getNamespace(), defaultNamespace),
                Collectors.mapping(s -> KubernetesViews.service(s, ready), Collectors.toList())));
        return workloads.stream()
                .map(e -> new ObjectView(e.getKey(), new WorkloadView(e.getValue(),
                        pdbsByNamespace.getOrDefault(e.getValue().namespace(), List.of()),
                        hpasByNamespace.getOrDefault(e.getValue().namespace(), List.of()),
                        pvcsByNamespace.getOrDefault(e.getValue().namespace(), List.of()),
                        live ? new LiveState(podsByWorkload.getOrDefault(PodOwners.key(e.getValue().ref().kind().kind(),
                                e.getValue().namespace(), e.getValue().name()), List.of()), nodes,
                                servicesByNamespace.getOrDefault(e.getValue().namespace(), List.of())) : null)))
                .toList();
    }

    /**
     * The Rollouts of the set that take their pod template from a Deployment
     * ({@code spec.workloadRef}) that is not in the set, with that Deployment's name: their
     * template is unknown, so they are not evaluated.
     */
    public static List<Map.Entry<Rollout, String>> unresolvedWorkloadRefs(List<? extends HasMetadata> objects, String defaultNamespace) {
        Map<String, Deployment> deployments = deploymentsByKey(objects, defaultNamespace);
        List<Map.Entry<Rollout, String>> unresolved = new ArrayList<>();
        for (HasMetadata object : objects) {
            if (object instanceof Rollout rollout && object.getMetadata() != null) {
                String namespace = Objects.requireNonNullElse(object.getMetadata().getNamespace(), defaultNamespace);
                KubernetesViews.referencedDeployment(rollout)
                        .filter(name -> referencedDeployment(rollout, namespace, deployments) == null)
                        .ifPresent(name -> unresolved.add(Map.entry(rollout, name)));
            }
        }
        return unresolved;
    }

    private static Map<String, Deployment> deploymentsByKey(List<? extends HasMetadata> objects, String defaultNamespace) {
        Map<String, Deployment> deployments = new HashMap<>();
        for (HasMetadata object : objects) {
            if (object instanceof Deployment d && d.getMetadata() != null) {
                deployments.put(Objects.requireNonNullElse(d.getMetadata().getNamespace(), defaultNamespace) + "/" + d.getMetadata().getName(), d);
            }
        }
        return deployments;
    }

    private static Deployment referencedDeployment(Rollout rollout, String namespace, Map<String, Deployment> deployments) {
        return KubernetesViews.referencedDeployment(rollout).map(name -> deployments.get(namespace + "/" + name)).orElse(null);
    }
}
