package dev.nospof.adapters;

import dev.nospof.engine.EffectiveReplicas;
import dev.nospof.model.ClusterView;
import dev.nospof.model.FileServer;
import dev.nospof.model.Hpa;
import dev.nospof.model.LiveState;
import dev.nospof.model.NodeInfo;
import dev.nospof.model.Pdb;
import dev.nospof.model.PodPlacement;
import dev.nospof.model.Pv;
import dev.nospof.model.Pvc;
import dev.nospof.model.ServiceTarget;
import dev.nospof.model.Workload;
import dev.nospof.model.WorkloadView;
import io.fabric8.kubernetes.api.model.APIService;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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

    /** A workload's view, with the tag it was added with. */
    public record TaggedView<T>(T tag, WorkloadView view) {
    }

    /** A Rollout of the set whose {@code spec.workloadRef} names a Deployment that is not in the set. */
    public record UnresolvedRollout<T>(T tag, String rollout, String deployment) {
    }

    /** A PodDisruptionBudget, HPA or ScaledObject of the set, with its kind and the tag it was added with. */
    public record Tagged<T, M>(T tag, String kind, M model) {
    }

    /** A Validating- or MutatingWebhookConfiguration: its name and its webhooks. */
    public record WebhookConfiguration(String name, List<ClusterView.Webhook> webhooks) {
    }

    /**
     * The view of every workload among {@code objects}, with the object it was built from, in
     * input order. With {@code live}, the Pods and Nodes of the set are the workloads' live
     * state (as fixtures of live checks describe a cluster); without, views have none.
     */
    public static List<ObjectView> viewsByObject(List<? extends HasMetadata> objects, String defaultNamespace, boolean live) {
        Collector<HasMetadata> collector = new Collector<>(defaultNamespace, live);
        objects.forEach(o -> collector.add(new Object(), o, o));
        return collector.views().stream().map(v -> new ObjectView(v.tag(), v.view())).toList();
    }

    /**
     * Collects a set of objects as they are read, keeping of each only what the views need (the
     * workload, PDB, HPA or claim model; the whole object only for Rollouts that take their template
     * from a Deployment, and for live state), so that memory follows the models, not the objects
     * read. Each object is added with a key (a later object with the same key replaces the earlier)
     * and a tag of the caller's (where it was read) that comes back with its view.
     */
    public static final class Collector<T> {

        private final String defaultNamespace;
        private final boolean live;
        private final Map<Object, Entry<T>> entries = new LinkedHashMap<>();

        private DeclaredWorkloads declared = DeclaredWorkloads.NONE;

        /** Takes the resources of {@code declared} kinds as workloads too. */
        public Collector<T> declaring(DeclaredWorkloads declared) {
            this.declared = declared;
            return this;
        }

        public Collector(String defaultNamespace, boolean live) {
            this.defaultNamespace = defaultNamespace;
            this.live = live;
        }

        /** What is kept of one object: its kind, its namespace, its tag and one model (or the object). */
        private record Entry<T>(T tag, String kind, String namespace, Object model) {
        }

        /** A Rollout whose template is a Deployment's: resolved when the whole set is known. */
        private record PendingRollout(Rollout rollout) {
        }

        /** A Service: where it sends traffic, and (live only) its selector for the endpoints counted later. */
        private record ManifestService(ServiceTarget target, LiveState.ServiceEndpoints endpoints) {
            LiveState.ServiceEndpoints withReady(Map<String, Integer> ready) {
                return new LiveState.ServiceEndpoints(endpoints.name(), endpoints.selector(),
                        ready.getOrDefault(target.namespace() + "/" + target.name(), 0));
            }
        }

        /** A claim, with the name of the PersistentVolume it is bound to (joined when the set is complete). */
        private record ManifestPvc(Pvc pvc, String volumeName) {
        }

        private record OwnedPod(String workloadKey, PodPlacement placement) {
        }

        /** Adds an object; returns the tag of the object with the same key it replaces, or null. */
        public T add(Object key, HasMetadata object, T tag) {
            if (object.getMetadata() == null) {
                return null;
            }
            Entry<T> earlier = entries.remove(key);
            String namespace = Objects.requireNonNullElse(object.getMetadata().getNamespace(), defaultNamespace);
            // Interned: a large input repeats a few kinds and namespaces hundreds of thousands of times.
            entries.put(key, new Entry<>(tag, object.getKind().intern(), namespace.intern(), model(object, namespace)));
            return earlier == null ? null : earlier.tag();
        }

        private Object model(HasMetadata object, String namespace) {
            if (object instanceof PodDisruptionBudget pdb) {
                return KubernetesViews.pdb(pdb).inNamespace(namespace);
            } else if (object instanceof HorizontalPodAutoscaler hpa) {
                return KubernetesViews.hpa(hpa).inNamespace(namespace);
            } else if (object instanceof GenericKubernetesResource generic && KubernetesViews.isScaledObject(generic)) {
                return KubernetesViews.scaledObject(generic).inNamespace(namespace);
            } else if (object instanceof PersistentVolumeClaim pvc) {
                return new ManifestPvc(KubernetesViews.pvc(pvc).inNamespace(namespace), KubernetesViews.volumeName(pvc));
            } else if (object instanceof PersistentVolume pv) {
                return KubernetesViews.pv(pv);
            } else if (object instanceof Namespace) {
                return null; // the audit takes namespace labels itself
            } else if (object instanceof Service service) {
                // Where it sends traffic is in its spec; its ready endpoints are live state.
                return new ManifestService(KubernetesViews.serviceTarget(service).inNamespace(namespace),
                        live ? KubernetesViews.service(service, Map.of()) : null);
            } else if (object instanceof EndpointSlice) {
                return live ? object : null;
            } else if (object instanceof ValidatingWebhookConfiguration configuration) {
                return new WebhookConfiguration(configuration.getMetadata().getName(), ClusterViews.webhooks(configuration));
            } else if (object instanceof MutatingWebhookConfiguration configuration) {
                return new WebhookConfiguration(configuration.getMetadata().getName(), ClusterViews.webhooks(configuration));
            } else if (object instanceof APIService apiService) {
                return ClusterViews.apiService(apiService);
            } else if (object instanceof Node node) {
                return live ? KubernetesViews.node(node) : null;
            } else if (object instanceof Pod pod && PodOwners.workloadKey(pod).isPresent()) {
                // A pod a controller owns is live state of its workload; a bare pod is a workload (below).
                String key = PodOwners.workloadKey(pod).get().replaceFirst("^([^/]+)/[^/]*/", "$1/" + namespace + "/");
                return live ? new OwnedPod(key, KubernetesViews.pod(pod)) : null;
            } else if (object instanceof Rollout rollout && KubernetesViews.referencedDeployment(rollout).isPresent()) {
                return new PendingRollout(rollout);
            }
            return KubernetesViews.workload(object).or(() -> declared.workload(object)).map(w -> w.inNamespace(namespace)).orElse(null);
        }

        /** The view of every workload of the set, in the order added; Rollouts whose Deployment is missing are left out. */
        public List<TaggedView<T>> views() {
            Map<String, List<Pdb>> pdbs = new HashMap<>();
            Map<String, List<Hpa>> hpas = new HashMap<>();
            Map<String, List<Pvc>> pvcs = new HashMap<>();
            List<NodeInfo> nodes = new ArrayList<>();
            Map<String, List<ServiceTarget>> serviceTargets = new HashMap<>();
            List<ManifestService> services = new ArrayList<>();
            Map<String, Integer> ready = new HashMap<>();
            Map<String, List<PodPlacement>> podsByWorkload = new HashMap<>();
            Map<String, Pv> volumes = new HashMap<>();
            for (Entry<T> e : entries.values()) {
                if (e.model() instanceof Pv pv) {
                    volumes.put(pv.name(), pv);
                }
            }
            for (Entry<T> e : entries.values()) {
                if (e.model() instanceof Pdb pdb) {
                    pdbs.computeIfAbsent(e.namespace(), n -> new ArrayList<>()).add(pdb);
                } else if (e.model() instanceof Hpa hpa) {
                    hpas.computeIfAbsent(e.namespace(), n -> new ArrayList<>()).add(hpa);
                } else if (e.model() instanceof ManifestPvc claim) {
                    Pv volume = claim.volumeName() == null ? null : volumes.get(claim.volumeName());
                    pvcs.computeIfAbsent(e.namespace(), n -> new ArrayList<>()).add(volume == null ? claim.pvc() : claim.pvc().boundTo(volume));
                } else if (e.model() instanceof NodeInfo node) {
                    nodes.add(node);
                } else if (e.model() instanceof ManifestService service) {
                    serviceTargets.computeIfAbsent(e.namespace(), n -> new ArrayList<>()).add(service.target());
                    if (service.endpoints() != null) {
                        services.add(service);
                    }
                } else if (e.model() instanceof EndpointSlice slice) {
                    // Counted in the namespace the set gives the slice (its own, else the default one).
                    ClusterViews.readyEndpoints(List.of(slice)).forEach((service, count) -> ready.merge(
                            e.namespace() + "/" + service.substring(service.indexOf('/') + 1), count, Integer::sum));
                } else if (e.model() instanceof OwnedPod pod) {
                    podsByWorkload.computeIfAbsent(pod.workloadKey(), k -> new ArrayList<>()).add(pod.placement());
                }
            }
            Map<String, List<LiveState.ServiceEndpoints>> servicesByNamespace = services.stream().collect(Collectors.groupingBy(
                    s -> s.target().namespace(), Collectors.mapping(s -> s.withReady(ready), Collectors.toList())));
            Map<String, Workload> deployments = deployments();
            List<TaggedView<T>> views = new ArrayList<>();
            for (Entry<T> e : entries.values()) {
                Workload workload = e.model() instanceof Workload w ? w
                        : e.model() instanceof PendingRollout p ? resolve(p.rollout(), e.namespace(), deployments) : null;
                if (workload == null) {
                    continue;
                }
                String namespace = workload.namespace();
                views.add(new TaggedView<>(e.tag(), new WorkloadView(workload, pdbs.getOrDefault(namespace, List.of()),
                        hpas.getOrDefault(namespace, List.of()), pvcs.getOrDefault(namespace, List.of()),
                        serviceTargets.getOrDefault(namespace, List.of()),
                        live ? new LiveState(podsByWorkload.getOrDefault(PodOwners.key(workload.ref().kind().kind(), namespace,
                                workload.name()), List.of()), nodes, servicesByNamespace.getOrDefault(namespace, List.of())) : null)));
            }
            return withFileServers(views, serviceTargets);
        }

        /** Each view whose pods mount an NFS server that is a Service of the set, with that server and the pods behind it. */
        private static <T> List<TaggedView<T>> withFileServers(List<TaggedView<T>> views, Map<String, List<ServiceTarget>> byNamespace) {
            Map<String, ServiceTarget> byKey = new HashMap<>();
            byNamespace.values().forEach(list -> list.forEach(s -> byKey.put(s.namespace() + "/" + s.name(), s)));
            List<WorkloadView> all = views.stream().map(TaggedView::view).toList();
            List<TaggedView<T>> resolved = new ArrayList<>(views.size());
            for (TaggedView<T> tagged : views) {
                WorkloadView view = tagged.view();
                if (!view.workload().template().mountsClaimsOrNfs()) {
                    resolved.add(tagged); // mounts no volume that can be NFS: most workloads, cheaply
                    continue;
                }
                Map<String, FileServer> servers = new HashMap<>();
                for (String address : view.nfsServers(EffectiveReplicas.of(view).value())) {
                    FileServers.service(address, key -> Optional.ofNullable(byKey.get(key)), byKey::values)
                            .flatMap(service -> FileServers.backends(service, all)
                                    .map(backends -> new FileServer(address, service.namespace() + "/" + service.name(), backends)))
                            .ifPresent(server -> servers.put(address, server));
                }
                resolved.add(servers.isEmpty() ? tagged : new TaggedView<>(tagged.tag(), view.withFileServers(servers)));
            }
            return resolved;
        }

        /** The PodDisruptionBudgets of the set, in the order added. */
        public List<Tagged<T, Pdb>> pdbs() {
            return entries.values().stream().filter(e -> e.model() instanceof Pdb)
                    .map(e -> new Tagged<>(e.tag(), e.kind(), (Pdb) e.model())).toList();
        }

        /** The webhook configurations of the set with their webhooks, in the order added. */
        public List<Tagged<T, WebhookConfiguration>> webhookConfigurations() {
            return entries.values().stream().filter(e -> e.model() instanceof WebhookConfiguration)
                    .map(e -> new Tagged<>(e.tag(), e.kind(), (WebhookConfiguration) e.model())).toList();
        }

        /** The APIServices of the set, in the order added. */
        public List<Tagged<T, ClusterView.ApiService>> apiServices() {
            return entries.values().stream().filter(e -> e.model() instanceof ClusterView.ApiService)
                    .map(e -> new Tagged<>(e.tag(), e.kind(), (ClusterView.ApiService) e.model())).toList();
        }

        /** Where the Services of the set send traffic, in the order added. */
        public List<ServiceTarget> services() {
            return entries.values().stream().filter(e -> e.model() instanceof ManifestService)
                    .map(e -> ((ManifestService) e.model()).target()).toList();
        }

        /** The HorizontalPodAutoscalers and ScaledObjects of the set, in the order added. */
        public List<Tagged<T, Hpa>> autoscalers() {
            return entries.values().stream().filter(e -> e.model() instanceof Hpa)
                    .map(e -> new Tagged<>(e.tag(), e.kind(), (Hpa) e.model())).toList();
        }

        /** The kind of every object of the set that is not a workload, in the order added. */
        public List<String> kindsOtherThanWorkloads() {
            return entries.values().stream().filter(e -> !(e.model() instanceof Workload)).map(Entry::kind).toList();
        }

        /**
         * The Rollouts of the set that take their pod template from a Deployment
         * ({@code spec.workloadRef}) that is not in the set: their template is unknown, so they are
         * not evaluated.
         */
        public List<UnresolvedRollout<T>> unresolvedWorkloadRefs() {
            Map<String, Workload> deployments = deployments();
            List<UnresolvedRollout<T>> unresolved = new ArrayList<>();
            for (Entry<T> e : entries.values()) {
                if (e.model() instanceof PendingRollout p && resolve(p.rollout(), e.namespace(), deployments) == null) {
                    unresolved.add(new UnresolvedRollout<>(e.tag(), p.rollout().getMetadata().getName(),
                            KubernetesViews.referencedDeployment(p.rollout()).orElseThrow()));
                }
            }
            return unresolved;
        }

        private Map<String, Workload> deployments() {
            Map<String, Workload> deployments = new HashMap<>();
            for (Entry<T> e : entries.values()) {
                if (e.model() instanceof Workload w && "Deployment".equals(e.kind())) {
                    deployments.put(w.namespace() + "/" + w.name(), w);
                }
            }
            return deployments;
        }

        private static Workload resolve(Rollout rollout, String namespace, Map<String, Workload> deployments) {
            Workload referenced = deployments.get(namespace + "/" + KubernetesViews.referencedDeployment(rollout).orElseThrow());
            return referenced == null ? null
                    : KubernetesViews.rollout(rollout, referenced).map(w -> w.inNamespace(namespace)).orElse(null);
        }
    }
}
