package dev.nospof.operator;

import dev.nospof.adapters.ClusterViews;
import dev.nospof.adapters.FileServers;
import dev.nospof.adapters.KubernetesViews;
import dev.nospof.adapters.PodOwners;
import dev.nospof.model.Backends;
import dev.nospof.model.FileServer;
import dev.nospof.model.Hpa;
import dev.nospof.model.LabelSelector;
import dev.nospof.model.LiveState;
import dev.nospof.model.NodeInfo;
import dev.nospof.model.Pdb;
import dev.nospof.model.PodPlacement;
import dev.nospof.model.Pvc;
import dev.nospof.model.ServiceTarget;
import dev.nospof.model.Workload;
import dev.nospof.model.WorkloadKind;
import dev.nospof.model.WorkloadView;
import dev.nospof.policy.RedundancyPolicy;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The informers every workload reconciler shares (never one per controller): Pods, Nodes,
 * PodDisruptionBudgets, HPAs, PersistentVolumeClaims and PersistentVolumes, Namespaces,
 * RedundancyPolicies, Services and EndpointSlices, so each is held and watched once however
 * many workload kinds nospof reconciles. Pods are stored compact ({@link PodStore}: name,
 * namespace, labels, owner, node, Ready, deletion) and indexed by owning workload
 * ({@code Deployment/shop/web}):
 * a reconcile reads the pods of one workload from the index and never lists pods. Nodes are
 * stored as labels and schedulability. Listeners hear only changes that matter to placement;
 * a node change concerns every workload (zone and node counts, node selectors), so there is
 * no per-node index to consult.
 */
@Singleton
public class ClusterCache {

    static final String BY_WORKLOAD = "workload";
    private static final Logger LOG = Logger.getLogger(ClusterCache.class);

    private final KubernetesClient client;
    private final List<Consumer<String>> podListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> podNamespaceListeners = new CopyOnWriteArrayList<>();
    private final List<PodEvents> podEventListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> budgetStatusListeners = new CopyOnWriteArrayList<>();
    /** {@code namespace/name} of each Service that serves NFS to workloads, with the namespaces of those workloads. */
    private final Map<String, Set<String>> fileServerUsers = new ConcurrentHashMap<>();
    /** The replicas last seen behind each of those Services. */
    private final Map<String, Integer> fileServerBackends = new ConcurrentHashMap<>();
    private final List<Runnable> nodeListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> namespaceListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> policyListeners = new CopyOnWriteArrayList<>();
    private SharedIndexInformer<Pod> pods;
    private SharedIndexInformer<Node> nodes;
    private SharedIndexInformer<PodDisruptionBudget> pdbs;
    private SharedIndexInformer<HorizontalPodAutoscaler> hpas;
    private SharedIndexInformer<PersistentVolumeClaim> pvcs;
    private SharedIndexInformer<PersistentVolume> pvs;
    private PodStore podStore;
    private SharedIndexInformer<Namespace> namespaces;
    private static final String POLICY = "RedundancyPolicy";

    private SharedIndexInformer<RedundancyPolicy> policies;
    private SharedIndexInformer<Service> services;
    private SharedIndexInformer<EndpointSlice> endpointSlices;
    /** Present only while KEDA's ScaledObject CRD is installed. */
    private volatile SharedIndexInformer<GenericKubernetesResource> scaledObjects;
    private CrdWatch kedaWatch;
    private volatile List<NodeInfo> nodeInfos = List.of();
    private volatile boolean synced;
    private final Map<String, Function<String, Stream<Workload>>> workloadCaches = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    private final UndecodableObjects undecodable;

    public ClusterCache(KubernetesClient client, UndecodableObjects undecodable) {
        this.client = client;
        this.undecodable = undecodable;
    }

    /** Starts the informers once and waits until they have synced. */
    synchronized void start() {
        if (pods != null) {
            return;
        }
        pods = client.pods().inAnyNamespace().withLimit(PrunedStore.LIST_PAGE).runnableInformer(0);
        podStore = new BarePodStore();
        pods.itemStore(podStore);
        pods.addIndexers(Map.of(BY_WORKLOAD, p -> PodOwners.workloadKey(p).map(List::of).orElse(List.of())));
        pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                notifyPod(pod);
                podEventListeners.forEach(l -> l.changed(pod));
            }

            @Override
            public void onUpdate(Pod before, Pod after) {
                if (!KubernetesViews.pod(before).equals(KubernetesViews.pod(after))) {
                    notifyPod(after);
                }
                podEventListeners.forEach(l -> l.changed(after));
            }

            @Override
            public void onDelete(Pod pod, boolean unknownFinalState) {
                notifyPod(pod);
                podEventListeners.forEach(l -> l.deleted(pod));
            }
        });
        nodes = client.nodes().withLimit(PrunedStore.LIST_PAGE).runnableInformer(0);
        // Node status (images, conditions, addresses) is large and changes often; the checks read labels and schedulability.
        nodes.itemStore(new BasicItemStore<>(Cache::metaNamespaceKeyFunc) {
            @Override
            public Node put(String key, Node node) {
                return super.put(key, new NodeBuilder().withNewMetadata().withName(node.getMetadata().getName())
                        .withUid(node.getMetadata().getUid()).withResourceVersion(node.getMetadata().getResourceVersion())
                        .withLabels(node.getMetadata().getLabels()).endMetadata()
                        .withNewSpec().withUnschedulable(node.getSpec() == null ? null : node.getSpec().getUnschedulable()).endSpec()
                        .build());
            }
        });
        nodes.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                nodesChanged();
            }

            @Override
            public void onUpdate(Node before, Node after) {
                // Heartbeat status updates are frequent; only labels and schedulability matter here.
                if (!KubernetesViews.node(before).equals(KubernetesViews.node(after))) {
                    nodesChanged();
                }
            }

            @Override
            public void onDelete(Node node, boolean unknownFinalState) {
                nodesChanged();
            }
        });
        // A change of one of these concerns the workloads of its namespace; of a budget or an
        // autoscaler, only a change of what nospof reads of it, not the status its controller
        // rewrites as pods come and go (or metrics move).
        pdbs = namespaced(client.policy().v1().podDisruptionBudget().inAnyNamespace().withLimit(PrunedStore.LIST_PAGE).runnableInformer(0),
                KubernetesViews::pdb);
        // A budget's status is read by the drain blockers alone.
        pdbs.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(PodDisruptionBudget budget) {
            }

            @Override
            public void onUpdate(PodDisruptionBudget before, PodDisruptionBudget after) {
                if (!Objects.equals(disruptionsAllowed(before), disruptionsAllowed(after))) {
                    budgetStatusListeners.forEach(l -> l.accept(after.getMetadata().getNamespace()));
                }
            }

            @Override
            public void onDelete(PodDisruptionBudget budget, boolean unknownFinalState) {
            }
        });
        hpas = namespaced(client.autoscaling().v2().horizontalPodAutoscalers().inAnyNamespace().withLimit(PrunedStore.LIST_PAGE).runnableInformer(0),
                KubernetesViews::hpa);
        pvcs = namespaced(client.persistentVolumeClaims().inAnyNamespace().withLimit(PrunedStore.LIST_PAGE).runnableInformer(0));
        // A PersistentVolume concerns the workloads of the namespaces of the claims bound to it: the
        // one its claimRef names and those naming it as their volumeName (before a binder sets claimRef).
        pvs = client.persistentVolumes().withLimit(PrunedStore.LIST_PAGE).runnableInformer(0);
        pvs.itemStore(new PrunedStore<>());
        pvs.addEventHandler(handler(pv -> {
            java.util.Set<String> namespaces = new java.util.HashSet<>();
            var claim = pv.getSpec() == null ? null : pv.getSpec().getClaimRef();
            if (claim != null && claim.getNamespace() != null) {
                namespaces.add(claim.getNamespace());
            }
            pvcs.getStore().list().stream().filter(c -> pv.getMetadata().getName().equals(KubernetesViews.volumeName(c)))
                    .forEach(c -> namespaces.add(c.getMetadata().getNamespace()));
            namespaces.forEach(ns -> namespaceListeners.forEach(l -> l.accept(ns)));
        }));
        namespaces = namespaced(client.namespaces().withLimit(PrunedStore.LIST_PAGE).runnableInformer(0));
        services = namespaced(client.services().inAnyNamespace().withLimit(PrunedStore.LIST_PAGE).runnableInformer(0));
        // Slices change with every pod readiness flip; only a change of ready endpoints matters here.
        endpointSlices = client.discovery().v1().endpointSlices().inAnyNamespace().withLimit(PrunedStore.LIST_PAGE).runnableInformer(0);
        endpointSlices.itemStore(new PrunedStore<>());
        endpointSlices.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(EndpointSlice slice) {
                namespaceListeners.forEach(l -> l.accept(slice.getMetadata().getNamespace()));
            }

            @Override
            public void onUpdate(EndpointSlice before, EndpointSlice after) {
                if (!ClusterViews.readyEndpoints(List.of(before)).equals(ClusterViews.readyEndpoints(List.of(after)))) {
                    namespaceListeners.forEach(l -> l.accept(after.getMetadata().getNamespace()));
                }
            }

            @Override
            public void onDelete(EndpointSlice slice, boolean unknownFinalState) {
                namespaceListeners.forEach(l -> l.accept(slice.getMetadata().getNamespace()));
            }
        });
        policies = client.resources(RedundancyPolicy.class).runnableInformer(0);
        policies.itemStore(new PrunedStore<>());
        policies.addEventHandler(handler(p -> policyListeners.forEach(Runnable::run)));
        // A policy that does not decode selects nothing (its status says why); listed until repaired or deleted.
        policies.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(RedundancyPolicy policy) {
                undecodable.seen(POLICY, policy, UndecodableObjects.problemOf(policy), () -> policies.getStore().get(policy) != null);
            }

            @Override
            public void onUpdate(RedundancyPolicy before, RedundancyPolicy after) {
                onAdd(after);
            }

            @Override
            public void onDelete(RedundancyPolicy policy, boolean unknownFinalState) {
                undecodable.forget(POLICY, policy);
            }
        });
        informers().forEach(ClusterCache::startAndSync);
        synced = true;
        // KEDA installed now is in use from the first reconcile; installed or removed later, its
        // ScaledObjects start or stop counting then.
        kedaWatch = new CrdWatch(client, KubernetesViews.KEDA_CRD, KubernetesViews.KEDA_VERSION, new CrdWatch.Listener() {
            @Override
            public void served() {
                startScaledObjects();
            }

            @Override
            public void gone() {
                stopScaledObjects();
            }
        });
        kedaWatch.start();
        nodesChanged();
        LOG.infof("cluster cache synced: %d node(s), %d pod(s)", nodes.getStore().listKeys().size(), pods.getStore().listKeys().size());
    }

    /**
     * Starts an informer and waits until it has synced. A list or watch that fails later (a
     * dropped connection, an API server restarting) is retried with backoff rather than
     * stopping the informer for good.
     */
    private static void startAndSync(SharedIndexInformer<?> informer) {
        informer.exceptionHandler((started, e) -> {
            LOG.warnf("informer for %s failed, retrying: %s", informer.getApiTypeClass().getSimpleName(), e.getMessage());
            return !ExceptionHandler.isDeserializationException(e);
        });
        try {
            informer.start().toCompletableFuture().get(2, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException("shared informers did not sync: " + e.getMessage(), e);
        }
    }

    private synchronized void startScaledObjects() {
        if (scaledObjects != null) {
            return;
        }
        // Named in full rather than looked up: API discovery can lag behind the CRD becoming
        // Established, and the lookup then fails ("Could not find the metadata").
        var scaledObjectsApi = new ResourceDefinitionContext.Builder().withGroup("keda.sh").withVersion(KubernetesViews.KEDA_VERSION)
                .withKind(KubernetesViews.KEDA_KIND).withPlural("scaledobjects").withNamespaced(true).build();
        var informer = namespaced(client.genericKubernetesResources(scaledObjectsApi).inAnyNamespace().withLimit(PrunedStore.LIST_PAGE)
                .runnableInformer(0), KubernetesViews::scaledObject);
        startAndSync(informer);
        scaledObjects = informer;
        // Their add events may have been heard before the informer was in place: say it again.
        namespacesOf(informer).forEach(namespace -> namespaceListeners.forEach(l -> l.accept(namespace)));
        LOG.info("KEDA is installed: ScaledObjects set the replica floor of their targets");
    }

    private static java.util.stream.Stream<String> namespacesOf(SharedIndexInformer<GenericKubernetesResource> informer) {
        return informer.getStore().list().stream().map(o -> o.getMetadata().getNamespace()).distinct();
    }

    /** The ScaledObjects went with their CRD: their namespaces are evaluated again without them. */
    private synchronized void stopScaledObjects() {
        var informer = scaledObjects;
        if (informer == null) {
            return;
        }
        scaledObjects = null;
        informer.stop();
        namespacesOf(informer).forEach(namespace -> namespaceListeners.forEach(l -> l.accept(namespace)));
        LOG.info("KEDA is no longer installed: ScaledObjects no longer count");
    }

    /** An informer pruned as it stores (see PrunedStore) whose changes concern the workloads of their namespace. */
    private <T extends HasMetadata> SharedIndexInformer<T> namespaced(SharedIndexInformer<T> informer) {
        return namespaced(informer, null);
    }

    /**
     * As {@link #namespaced(SharedIndexInformer)}; with {@code reads}, an update concerns them only
     * when what nospof reads of the object changed.
     */
    private <T extends HasMetadata> SharedIndexInformer<T> namespaced(SharedIndexInformer<T> informer, Function<T, Object> reads) {
        informer.itemStore(new PrunedStore<>());
        // For a Namespace itself, its name is the namespace concerned.
        Consumer<T> concerns = o -> {
            String namespace = o instanceof Namespace ? o.getMetadata().getName() : o.getMetadata().getNamespace();
            namespaceListeners.forEach(l -> l.accept(namespace));
        };
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                concerns.accept(object);
            }

            @Override
            public void onUpdate(T before, T after) {
                // Once: an object's namespace (a Namespace's name) cannot change.
                if (reads == null || !Objects.equals(reads.apply(before), reads.apply(after))) {
                    concerns.accept(after);
                }
            }

            @Override
            public void onDelete(T object, boolean unknownFinalState) {
                concerns.accept(object);
            }
        });
        return informer;
    }

    private static <T> ResourceEventHandler<T> handler(Consumer<T> onChange) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                onChange.accept(object);
            }

            @Override
            public void onUpdate(T before, T after) {
                onChange.accept(after);
                onChange.accept(before);
            }

            @Override
            public void onDelete(T object, boolean unknownFinalState) {
                onChange.accept(object);
            }
        };
    }

    /** A budget's {@code status.disruptionsAllowed}, or null when no controller has written its status. */
    Integer disruptionsAllowed(Pdb pdb) {
        return disruptionsAllowed(pdbs.getStore().getByKey(pdb.namespace() + "/" + pdb.name()));
    }

    private static Integer disruptionsAllowed(PodDisruptionBudget budget) {
        var status = budget == null ? null : budget.getStatus();
        return status == null || status.getObservedGeneration() == null ? null : status.getDisruptionsAllowed();
    }

    /** Hears the namespace of every budget whose {@code status.disruptionsAllowed} changed (and nothing else read of it). */
    Runnable onBudgetStatusChange(Consumer<String> listener) {
        budgetStatusListeners.add(listener);
        return () -> budgetStatusListeners.remove(listener);
    }

    List<Pdb> allPdbs() {
        return pdbs.getStore().list().stream().map(KubernetesViews::pdb).toList();
    }

    List<Pdb> pdbs(String namespace) {
        return byNamespace(pdbs, namespace).map(KubernetesViews::pdb).toList();
    }

    /** The HPAs of a namespace and, when KEDA is installed, its ScaledObjects. */
    List<Hpa> hpas(String namespace) {
        var autoscalers = byNamespace(hpas, namespace).map(KubernetesViews::hpa);
        var keda = scaledObjects;
        if (keda == null) {
            return autoscalers.toList();
        }
        return java.util.stream.Stream.concat(autoscalers, byNamespace(keda, namespace).map(KubernetesViews::scaledObject)).toList();
    }

    /** The shared informers that have stopped for good (started, then stopped other than by {@link #stop}): none ever should. */
    List<String> stoppedInformers() {
        if (!synced || stopping) {
            return List.of();
        }
        List<SharedIndexInformer<?>> all = new ArrayList<>(informers());
        var keda = scaledObjects;
        if (keda != null) {
            all.add(keda);
        }
        return stopped(all);
    }

    /** The kinds of the informers that are not running: stopped, not merely retrying a list or watch. */
    static List<String> stopped(List<SharedIndexInformer<?>> informers) {
        return informers.stream().filter(informer -> !informer.isRunning())
                .map(informer -> informer.getApiTypeClass().getSimpleName()).toList();
    }

    private List<SharedIndexInformer<?>> informers() {
        return List.of(nodes, pods, pdbs, hpas, pvcs, pvs, namespaces, policies, services, endpointSlices);
    }

    List<Pvc> pvcs(String namespace) {
        return byNamespace(pvcs, namespace).map(claim -> {
            Pvc pvc = KubernetesViews.pvc(claim);
            String volume = KubernetesViews.volumeName(claim);
            PersistentVolume pv = volume == null ? null : pvs.getStore().getByKey(volume);
            return pv == null ? pvc : pvc.boundTo(KubernetesViews.pv(pv));
        }).toList();
    }

    /** The labels of a namespace, or null when it is not known. */
    Map<String, String> namespaceLabels(String namespace) {
        Namespace ns = namespaces.getStore().getByKey(namespace);
        return ns == null ? null : ns.getMetadata().getLabels();
    }

    /** Where the Services of a namespace send traffic, from their specs. */
    List<ServiceTarget> serviceTargets(String namespace) {
        return byNamespace(services, namespace).map(KubernetesViews::serviceTarget).toList();
    }

    /**
     * The NFS servers among {@code addresses} that are Services of the cluster, with the pods
     * behind each (the effective replicas of the workloads it selects). The namespace that mounts
     * them ({@code user}) is evaluated again when those replicas change (see {@link #workloadSeen}).
     */
    Map<String, FileServer> fileServers(Collection<String> addresses, String user) {
        Map<String, FileServer> servers = new HashMap<>();
        for (String address : addresses) {
            Optional<ServiceTarget> service = FileServers.service(address,
                    key -> Optional.ofNullable(services.getStore().getByKey(key)).map(KubernetesViews::serviceTarget),
                    () -> services.getStore().list().stream().map(KubernetesViews::serviceTarget).toList());
            service.ifPresent(s -> {
                String key = s.namespace() + "/" + s.name();
                backends(s).ifPresent(b -> {
                    servers.put(address, new FileServer(address, key, b));
                    fileServerBackends.put(key, b.pods());
                });
                fileServerUsers.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(user);
            });
        }
        return servers;
    }

    /**
     * A workload was evaluated: if a Service that serves files to other namespaces selects it and
     * the replicas behind that Service changed, those namespaces are evaluated again.
     */
    void workloadSeen(Workload workload) {
        if (fileServerUsers.isEmpty()) {
            return;
        }
        fileServerUsers.forEach((key, users) -> {
            Service service = key.startsWith(workload.namespace() + "/") ? services.getStore().getByKey(key) : null;
            ServiceTarget target = service == null ? null : KubernetesViews.serviceTarget(service);
            if (target == null || !target.selects(workload.template().labels())) {
                return;
            }
            Integer pods = backends(target).map(Backends::pods).orElse(0);
            if (!pods.equals(fileServerBackends.put(key, pods))) {
                users.forEach(namespace -> namespaceListeners.forEach(l -> l.accept(namespace)));
            }
        });
    }

    private Optional<Backends> backends(ServiceTarget service) {
        List<Hpa> hpas = hpas(service.namespace());
        return FileServers.backends(service, workloads(service.namespace()).stream().map(w -> new WorkloadView(w, List.of(), hpas)).toList());
    }

    /** The Services of a namespace with their ready endpoints. */
    List<LiveState.ServiceEndpoints> services(String namespace) {
        Map<String, Integer> ready = ClusterViews.readyEndpoints(byNamespace(endpointSlices, namespace).toList());
        return byNamespace(services, namespace).map(s -> KubernetesViews.service(s, ready)).toList();
    }

    /** Every EndpointSlice, for the cluster checks (webhooks and APIServices name their Services). */
    List<EndpointSlice> endpointSlices() {
        return endpointSlices.getStore().list();
    }

    /** Every pod, as the shared cache holds it (metadata, owners, node, readiness). */
    List<Pod> allPods() {
        return pods.getStore().list();
    }

    /** Each workload reconciler's workloads by namespace, from its own cache (for admission's PDB and HPA changes). */
    void registerWorkloads(String kindLabel, Function<String, Stream<Workload>> byNamespace) {
        workloadCaches.put(kindLabel, byNamespace);
    }

    void forgetWorkloads(String kindLabel) {
        workloadCaches.remove(kindLabel);
    }

    /** Every HPA and (while KEDA is installed) ScaledObject. */
    List<Hpa> allHpas() {
        var autoscalers = hpas.getStore().list().stream().map(KubernetesViews::hpa);
        var keda = scaledObjects;
        return keda == null ? autoscalers.toList()
                : Stream.concat(autoscalers, keda.getStore().list().stream().map(KubernetesViews::scaledObject)).toList();
    }

    /** The workloads nospof judges in {@code namespace}, of every kind. */
    List<Workload> workloads(String namespace) {
        return workloadCaches.values().stream().flatMap(byNamespace -> byNamespace.apply(namespace)).toList();
    }

    /** The objects skipped because they do not decode, from these caches and the reconcilers'. */
    UndecodableObjects undecodable() {
        return undecodable;
    }

    List<RedundancyPolicy> policies() {
        return policies.getStore().list();
    }

    private static <T> java.util.stream.Stream<T> byNamespace(SharedIndexInformer<T> informer, String namespace) {
        return informer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace).stream();
    }

    /**
     * Hears the namespace of every PDB, HPA, claim or Namespace that changed (before and after an
     * update). Like every {@code on...} method, returns what stops the listening.
     */
    Runnable onNamespaceChange(Consumer<String> listener) {
        namespaceListeners.add(listener);
        return () -> namespaceListeners.remove(listener);
    }

    /** Hears every RedundancyPolicy change. */
    Runnable onPolicyChange(Runnable listener) {
        policyListeners.add(listener);
        return () -> policyListeners.remove(listener);
    }

    /** The live pods of one workload, from the owner index, read from their compact form (no Pod is built). */
    List<PodPlacement> podsOf(String workloadKey) {
        return pods.getIndexer().indexKeys(BY_WORKLOAD, workloadKey).stream().map(podStore::placement).filter(Objects::nonNull).toList();
    }

    /** Hears every pod added, changed in any way, or deleted (the bare pods' loop: a bare pod is a workload). */
    interface PodEvents {
        void changed(Pod pod);

        void deleted(Pod pod);
    }

    Runnable onPodEvent(PodEvents listener) {
        podEventListeners.add(listener);
        return () -> podEventListeners.remove(listener);
    }

    /** The pod of {@code key} ("namespace/name"): a bare pod whole, any other compact (metadata, owners, placement); null when there is none. */
    Pod storedPod(String key) {
        return pods.getStore().getByKey(key);
    }

    /** The keys of the bare pods (kept whole) of one namespace, or of all namespaces when {@code namespace} is null. */
    Stream<String> barePodKeys(String namespace) {
        Stream<String> keys = namespace == null ? podStore.keySet() : pods.getIndexer().indexKeys(Cache.NAMESPACE_INDEX, namespace).stream();
        return keys.filter(podStore::storedWhole);
    }

    /** The live placement of one pod (a bare pod's: it is its own workload), if it exists. */
    Optional<PodPlacement> pod(String namespace, String name) {
        return Optional.ofNullable(podStore.placement(namespace + "/" + name));
    }

    /** The live pods of a namespace that {@code selector} selects (the pods an operator runs for a custom resource), no Pod built. */
    List<PodPlacement> podsSelected(String namespace, LabelSelector selector) {
        return pods.getIndexer().indexKeys(Cache.NAMESPACE_INDEX, namespace).stream().map(key -> podStore.placementIfSelected(key, selector))
                .filter(Objects::nonNull).toList();
    }

    /** Hears the namespace of every pod whose placement, readiness or deletion changed. */
    Runnable onPodChangeInNamespace(Consumer<String> listener) {
        podNamespaceListeners.add(listener);
        return () -> podNamespaceListeners.remove(listener);
    }

    /** The nodes, converted once per node change rather than once per reconcile. */
    List<NodeInfo> nodes() {
        return nodeInfos;
    }

    /** Hears the workload key of every pod whose placement, readiness or deletion changed. */
    Runnable onPodChange(Consumer<String> listener) {
        podListeners.add(listener);
        return () -> podListeners.remove(listener);
    }

    /** Hears every change of the nodes' labels, schedulability or number. */
    Runnable onNodeChange(Runnable listener) {
        nodeListeners.add(listener);
        return () -> nodeListeners.remove(listener);
    }

    /**
     * Subscribes to what re-evaluates workloads of {@code kind} (one rule for every kind and every
     * loop that evaluates one): a claim or Namespace change, or a change of what is read of a PDB
     * or autoscaler (not its status), the workloads of its namespace; a policy change all of
     * them; with {@code placement}, a pod change its owning workload ({@code workload}: namespace
     * and name), or for a kind whose pods an operator runs the workloads of the pod's namespace,
     * and a node change all of them. Returns what stops each.
     */
    List<Runnable> onChangesConcerning(WorkloadKind kind, boolean placement, Consumer<String> namespace, Runnable all,
            BiConsumer<String, String> workload) {
        List<Runnable> subscriptions = new ArrayList<>();
        subscriptions.add(onNamespaceChange(namespace));
        subscriptions.add(onPolicyChange(all));
        if (placement && kind.operatorRun()) {
            subscriptions.add(onPodChangeInNamespace(namespace));
        } else if (placement) {
            String prefix = kind.kind() + "/";
            subscriptions.add(onPodChange(key -> {
                if (key.startsWith(prefix)) {
                    String[] parts = key.split("/", 3);
                    workload.accept(parts[1], parts[2]);
                }
            }));
        }
        if (placement) {
            subscriptions.add(onNodeChange(all));
        }
        return subscriptions;
    }

    private void notifyPod(Pod pod) {
        PodOwners.workloadKey(pod).ifPresent(key -> podListeners.forEach(l -> l.accept(key)));
        podNamespaceListeners.forEach(l -> l.accept(pod.getMetadata().getNamespace()));
    }

    private void nodesChanged() {
        nodeInfos = nodes.getStore().list().stream().map(KubernetesViews::node).toList();
        nodeListeners.forEach(Runnable::run);
    }

    @PreDestroy
    synchronized void stop() {
        stopping = true;
        if (pods != null) {
            kedaWatch.stop();
            var keda = scaledObjects;
            if (keda != null) {
                keda.stop();
            }
            informers().forEach(SharedIndexInformer::stop);
        }
    }
}
