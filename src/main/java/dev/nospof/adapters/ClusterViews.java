package dev.nospof.adapters;

import dev.nospof.model.ClusterView;
import dev.nospof.model.Hpa;
import dev.nospof.model.NodeInfo;
import dev.nospof.model.Pdb;
import dev.nospof.model.WorkloadRef;
import io.fabric8.kubernetes.api.model.APIService;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the {@link ClusterView} from nodes, webhook configurations, APIServices and EndpointSlices. */
public final class ClusterViews {

    static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    private ClusterViews() {
    }

    /** From a mixed set of objects (fixtures); objects of other kinds are ignored. */
    public static ClusterView of(Collection<? extends HasMetadata> objects) {
        List<Node> nodes = new ArrayList<>();
        List<ValidatingWebhookConfiguration> validating = new ArrayList<>();
        List<MutatingWebhookConfiguration> mutating = new ArrayList<>();
        List<APIService> apiServices = new ArrayList<>();
        List<EndpointSlice> slices = new ArrayList<>();
        List<Pdb> pdbs = new ArrayList<>();
        Map<String, List<Map<String, String>>> templates = new HashMap<>();
        List<Hpa> hpas = new ArrayList<>();
        List<WorkloadRef> workloads = new ArrayList<>();
        for (HasMetadata o : objects) {
            if (o instanceof PodDisruptionBudget pdb) {
                pdbs.add(KubernetesViews.pdb(pdb).inNamespace(namespaceOf(o)));
            } else if (o instanceof HorizontalPodAutoscaler hpa) {
                hpas.add(KubernetesViews.hpa(hpa).inNamespace(namespaceOf(o)));
            } else if (o instanceof GenericKubernetesResource g && KubernetesViews.isScaledObject(g)) {
                hpas.add(KubernetesViews.scaledObject(g).inNamespace(namespaceOf(o)));
            }
            KubernetesViews.workload(o).ifPresent(w -> {
                templates.computeIfAbsent(namespaceOf(o), n -> new ArrayList<>()).add(w.template().labels());
                workloads.add(w.inNamespace(namespaceOf(o)).ref());
            });
            if (o instanceof Node n) {
                nodes.add(n);
            } else if (o instanceof ValidatingWebhookConfiguration v) {
                validating.add(v);
            } else if (o instanceof MutatingWebhookConfiguration m) {
                mutating.add(m);
            } else if (o instanceof APIService a) {
                apiServices.add(a);
            } else if (o instanceof EndpointSlice e) {
                slices.add(e);
            }
        }
        ClusterView view = of(nodes.stream().map(KubernetesViews::node).toList(), validating, mutating, apiServices, slices);
        return new ClusterView(view.nodes(), view.webhooks(), view.apiServices(), view.readyEndpoints(), pdbs, templates, hpas, workloads);
    }

    private static String namespaceOf(HasMetadata o) {
        return o.getMetadata().getNamespace() == null ? "default" : o.getMetadata().getNamespace();
    }

    public static ClusterView of(List<NodeInfo> nodes, Collection<ValidatingWebhookConfiguration> validating,
            Collection<MutatingWebhookConfiguration> mutating, Collection<APIService> apiServices, Collection<EndpointSlice> slices) {
        List<ClusterView.Webhook> webhooks = new ArrayList<>();
        validating.forEach(c -> webhooks.addAll(webhooks(c)));
        mutating.forEach(c -> webhooks.addAll(webhooks(c)));
        List<ClusterView.ApiService> services = apiServices.stream().map(ClusterViews::apiService).toList();
        return new ClusterView(nodes, webhooks, services, readyEndpoints(slices));
    }

    /** The webhooks of a ValidatingWebhookConfiguration. */
    public static List<ClusterView.Webhook> webhooks(ValidatingWebhookConfiguration c) {
        return c.getWebhooks() == null ? List.of() : c.getWebhooks().stream().map(w -> webhook("ValidatingWebhookConfiguration",
                c.getMetadata().getName(), w.getName(), w.getFailurePolicy(),
                w.getClientConfig() == null ? null : w.getClientConfig().getService())).toList();
    }

    /** The webhooks of a MutatingWebhookConfiguration. */
    public static List<ClusterView.Webhook> webhooks(MutatingWebhookConfiguration c) {
        return c.getWebhooks() == null ? List.of() : c.getWebhooks().stream().map(w -> webhook("MutatingWebhookConfiguration",
                c.getMetadata().getName(), w.getName(), w.getFailurePolicy(),
                w.getClientConfig() == null ? null : w.getClientConfig().getService())).toList();
    }

    public static ClusterView.ApiService apiService(APIService a) {
        var ref = a.getSpec() == null ? null : a.getSpec().getService();
        return new ClusterView.ApiService(a.getMetadata().getName(), ref == null ? null : ref.getNamespace(),
                ref == null ? null : ref.getName());
    }

    private static ClusterView.Webhook webhook(String kind, String configuration, String name, String failurePolicy,
            io.fabric8.kubernetes.api.model.admissionregistration.v1.ServiceReference service) {
        return new ClusterView.Webhook(kind, configuration, name, failurePolicy,
                service == null ? null : service.getNamespace(), service == null ? null : service.getName());
    }

    /** Ready endpoints per Service ({@code namespace/name}); an endpoint whose ready condition is absent counts as ready. */
    public static Map<String, Integer> readyEndpoints(Collection<EndpointSlice> slices) {
        Map<String, Integer> ready = new HashMap<>();
        for (EndpointSlice slice : slices) {
            String service = slice.getMetadata().getLabels() == null ? null : slice.getMetadata().getLabels().get(SERVICE_NAME_LABEL);
            if (service == null || slice.getEndpoints() == null) {
                continue;
            }
            int count = 0;
            for (Endpoint e : slice.getEndpoints()) {
                boolean isReady = e.getConditions() == null || e.getConditions().getReady() == null || e.getConditions().getReady();
                if (isReady) {
                    count++;
                }
            }
            ready.merge(slice.getMetadata().getNamespace() + "/" + service, count, Integer::sum);
        }
        return ready;
    }
}
