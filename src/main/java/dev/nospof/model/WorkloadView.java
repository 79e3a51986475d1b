package dev.nospof.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the checks may look at for one workload: the workload itself, the
 * PodDisruptionBudgets, PersistentVolumeClaims and Services of its namespace, the autoscalers that target it and, from a cluster,
 * its live state ({@code live}; null for manifests). Adapters build
 * it (from informer caches, an admission request or files); the engine only reads it.
 */
public record WorkloadView(Workload workload, List<Pdb> namespacePdbs, List<Hpa> hpas, List<Pvc> namespacePvcs,
        List<ServiceTarget> namespaceServices, LiveState live, Map<String, FileServer> fileServers) {

    public WorkloadView(Workload workload, List<Pdb> namespacePdbs, List<Hpa> hpas, List<Pvc> namespacePvcs,
            List<ServiceTarget> namespaceServices, LiveState live) {
        this(workload, namespacePdbs, hpas, namespacePvcs, namespaceServices, live, Map.of());
    }

    /** A view without claims, Services and live state (live checks are then not evaluated). */
    public WorkloadView(Workload workload, List<Pdb> namespacePdbs, List<Hpa> hpas) {
        this(workload, namespacePdbs, hpas, List.of(), List.of(), null);
    }

    public WorkloadView {
        namespacePvcs = List.copyOf(Objects.requireNonNullElse(namespacePvcs, List.of()));
        namespaceServices = List.copyOf(Objects.requireNonNullElse(namespaceServices, List.of()));
        fileServers = Map.copyOf(Objects.requireNonNullElse(fileServers, Map.of()));
        Objects.requireNonNull(workload, "workload");
        namespacePdbs = List.copyOf(Objects.requireNonNullElse(namespacePdbs, List.of()));
        hpas = List.copyOf(Objects.requireNonNullElse(hpas, List.of()));
    }

    /** This view with {@code workload} in place of its workload (a fix applied to it). */
    public WorkloadView withWorkload(Workload workload) {
        return new WorkloadView(workload, namespacePdbs, hpas, namespacePvcs, namespaceServices, live, fileServers);
    }

    /** This view with {@code pdbs} as its namespace's budgets. */
    public WorkloadView withPdbs(List<Pdb> pdbs) {
        return new WorkloadView(workload, pdbs, hpas, namespacePvcs, namespaceServices, live, fileServers);
    }

    /** This view with {@code hpas} as the autoscalers. */
    public WorkloadView withHpas(List<Hpa> hpas) {
        return new WorkloadView(workload, namespacePdbs, hpas, namespacePvcs, namespaceServices, live, fileServers);
    }

    /** This view with {@code fileServers}: the NFS servers its pods mount that are Services of the cluster, by address. */
    public WorkloadView withFileServers(Map<String, FileServer> fileServers) {
        return new WorkloadView(workload, namespacePdbs, hpas, namespacePvcs, namespaceServices, live, fileServers);
    }

    /** The NFS servers the pods mount, inline or through a bound claim, at {@code replicas}. */
    public List<String> nfsServers(int replicas) {
        List<String> servers = new java.util.ArrayList<>(workload.template().nfsServers());
        for (String claim : podClaims(replicas)) {
            pvc(claim).map(Pvc::volume).map(Pv::nfsServer).ifPresent(servers::add);
        }
        return servers.stream().distinct().toList();
    }

    /** The budgets whose selector matches the pods of this workload's template. */
    public List<Pdb> selectingPdbs() {
        return namespacePdbs.stream()
                .filter(p -> p.namespace().equals(workload.namespace()))
                .filter(p -> p.selector().matches(workload.template().labels()))
                .toList();
    }

    /** The Services whose selector picks the pods of this workload's template. */
    public List<ServiceTarget> selectingServices() {
        return namespaceServices.stream()
                .filter(s -> s.namespace().equals(workload.namespace()))
                .filter(s -> s.selects(workload.template().labels()))
                .toList();
    }

    /**
     * The claims the pods of this workload mount at {@code replicas}: the template's (shared by
     * every pod) and, for a StatefulSet, each pod's own from its volumeClaimTemplates
     * ({@code <template>-<statefulset>-<ordinal>}).
     */
    public List<String> podClaims(int replicas) {
        List<String> claims = new java.util.ArrayList<>(workload.template().claimNames().stream().distinct().toList());
        for (String template : workload.template().claimTemplates()) {
            for (int ordinal = 0; ordinal < replicas; ordinal++) {
                claims.add(template + "-" + workload.name() + "-" + ordinal);
            }
        }
        return claims;
    }

    /** The claim of this workload's namespace named {@code name}, if known. */
    public java.util.Optional<Pvc> pvc(String name) {
        return namespacePvcs.stream().filter(p -> p.namespace().equals(workload.namespace()) && p.name().equals(name)).findFirst();
    }

    /** The autoscalers that scale this workload. */
    public List<Hpa> targetingHpas() {
        return hpas.stream().filter(h -> h.targets(workload.ref())).toList();
    }
}
