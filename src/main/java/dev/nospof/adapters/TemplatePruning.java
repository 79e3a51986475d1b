package dev.nospof.adapters;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/**
 * What nospof's caches keep of a workload: its pod template reduced to what {@link KubernetesViews}
 * reads (labels, spread constraints, affinity, node placement, claim, hostPath and NFS volumes) plus
 * each container's name, ports and readiness probe; env, commands, resources, mounts, init
 * containers and the template's annotations (most of a real Deployment) are dropped, and so are
 * status conditions. The engine sees the same workload either way (KubernetesViewsTest proves it
 * on every check fixture).
 */
public final class TemplatePruning {

    private TemplatePruning() {
    }

    /** {@code object}, pruned in place if it is a workload with a pod template. */
    public static <T extends HasMetadata> T pruned(T object) {
        if (object instanceof Deployment d && d.getSpec() != null) {
            prune(d.getSpec().getTemplate());
            if (d.getStatus() != null) {
                d.getStatus().setConditions(null);
            }
        } else if (object instanceof StatefulSet s && s.getSpec() != null) {
            prune(s.getSpec().getTemplate());
            if (s.getStatus() != null) {
                s.getStatus().setConditions(null);
            }
        } else if (object instanceof ReplicaSet r && r.getSpec() != null) {
            prune(r.getSpec().getTemplate());
            if (r.getStatus() != null) {
                r.getStatus().setConditions(null);
            }
        } else if (object instanceof ReplicationController r && r.getSpec() != null) {
            prune(r.getSpec().getTemplate());
            if (r.getStatus() != null) {
                r.getStatus().setConditions(null);
            }
        }
        return object;
    }

    private static void prune(PodTemplateSpec template) {
        if (template == null) {
            return;
        }
        if (template.getMetadata() != null) {
            template.getMetadata().setAnnotations(null);
        }
        var spec = template.getSpec();
        if (spec == null) {
            return;
        }
        spec.setContainers(spec.getContainers() == null ? null : spec.getContainers().stream().map(TemplatePruning::container).toList());
        spec.setInitContainers(null);
        spec.setEphemeralContainers(null);
        spec.setVolumes(spec.getVolumes() == null ? null
                : spec.getVolumes().stream().filter(v -> v.getPersistentVolumeClaim() != null || v.getHostPath() != null || v.getNfs() != null)
                        .toList());
    }

    private static Container container(Container container) {
        return new ContainerBuilder().withName(container.getName()).withPorts(container.getPorts())
                .withReadinessProbe(container.getReadinessProbe()).build();
    }
}
