package dev.nospof.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The cluster as the cluster checks see it: nodes, admission webhooks, aggregated APIServices,
 * the number of ready endpoints of each Service ({@code namespace/name}), the PDBs and the pod
 * template labels of the workloads of each namespace, the autoscalers and the workloads that exist.
 */
public record ClusterView(List<NodeInfo> nodes, List<Webhook> webhooks, List<ApiService> apiServices,
        Map<String, Integer> readyEndpoints, List<Pdb> pdbs, Map<String, List<Map<String, String>>> podTemplateLabels,
        List<Hpa> hpas, List<WorkloadRef> workloads) {

    public ClusterView(List<NodeInfo> nodes, List<Webhook> webhooks, List<ApiService> apiServices, Map<String, Integer> readyEndpoints) {
        this(nodes, webhooks, apiServices, readyEndpoints, List.of(), Map.of(), List.of(), List.of());
    }

    public ClusterView {
        hpas = List.copyOf(Objects.requireNonNullElse(hpas, List.of()));
        workloads = List.copyOf(Objects.requireNonNullElse(workloads, List.of()));
        pdbs = List.copyOf(Objects.requireNonNullElse(pdbs, List.of()));
        podTemplateLabels = Map.copyOf(Objects.requireNonNullElse(podTemplateLabels, Map.of()));
        nodes = List.copyOf(Objects.requireNonNullElse(nodes, List.of()));
        webhooks = List.copyOf(Objects.requireNonNullElse(webhooks, List.of()));
        apiServices = List.copyOf(Objects.requireNonNullElse(apiServices, List.of()));
        readyEndpoints = Map.copyOf(Objects.requireNonNullElse(readyEndpoints, Map.of()));
    }

    public List<NodeInfo> schedulableNodes() {
        return nodes.stream().filter(NodeInfo::schedulable).toList();
    }

    public Set<String> zones() {
        return schedulableNodes().stream().map(NodeInfo::zone).filter(Objects::nonNull).collect(Collectors.toSet());
    }

    public int readyEndpoints(String namespace, String service) {
        return readyEndpoints.getOrDefault(namespace + "/" + service, 0);
    }

    /** The pods behind a Service: its ready endpoints. */
    public Backends backends(String namespace, String service) {
        return Backends.readyEndpoints(readyEndpoints(namespace, service));
    }

    /**
     * One webhook of a Validating- or MutatingWebhookConfiguration. {@code serviceNamespace} and
     * {@code serviceName} are null when it is called by URL.
     */
    public record Webhook(String configurationKind, String configuration, String name, String failurePolicy,
            String serviceNamespace, String serviceName) {

        /** failurePolicy defaults to Fail in admissionregistration.k8s.io/v1. */
        public boolean failsClosed() {
            return failurePolicy == null || "Fail".equals(failurePolicy);
        }
    }

    /** An APIService; {@code serviceName} is null for a local (non-aggregated) one. */
    public record ApiService(String name, String serviceNamespace, String serviceName) {
    }
}
