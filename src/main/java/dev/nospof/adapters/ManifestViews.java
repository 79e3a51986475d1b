package dev.nospof.adapters;

import dev.nospof.model.Hpa;
import dev.nospof.model.Pdb;
import dev.nospof.model.Workload;
import dev.nospof.model.WorkloadView;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;

/**
 * Views from a set of objects that were not read from a cluster (manifests, fixtures): PDBs
 * and HPAs in the set apply to the workloads of the set. Objects without a namespace are put
 * put in {@code defaultNamespace} (their metadata is set to it), as {@code kubectl apply} would.
 */
public final class ManifestViews {

    private ManifestViews() {
    }

    public static List<WorkloadView> views(List<? extends HasMetadata> objects, String defaultNamespace) {
        List<Workload> workloads = new ArrayList<>();
        List<Pdb> pdbs = new ArrayList<>();
        List<Hpa> hpas = new ArrayList<>();
        for (HasMetadata object : objects) {
            if (object.getMetadata() == null) {
                continue;
            }
            if (object.getMetadata().getNamespace() == null) {
                object.getMetadata().setNamespace(defaultNamespace);
            }
            if (object instanceof PodDisruptionBudget pdb) {
                pdbs.add(KubernetesViews.pdb(pdb));
            } else if (object instanceof HorizontalPodAutoscaler hpa) {
                hpas.add(KubernetesViews.hpa(hpa));
            } else {
                KubernetesViews.workload(object).ifPresent(workloads::add);
            }
        }
        return workloads.stream()
                .map(w -> new WorkloadView(w,
                        pdbs.stream().filter(p -> p.namespace().equals(w.namespace())).toList(),
                        hpas.stream().filter(h -> h.namespace().equals(w.namespace())).toList()))
                .toList();
    }
}
