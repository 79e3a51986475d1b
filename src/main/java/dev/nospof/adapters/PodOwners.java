package dev.nospof.adapters;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which workload a pod belongs to, from its controller ownerReference alone (no ReplicaSet
 * cache): a ReplicaSet named {@code <deployment>-<pod-template-hash>} belongs to that
 * Deployment, as the deployment controller names them (one named after its
 * {@code rollouts-pod-template-hash} to that Argo Rollout); a StatefulSet owns its pods directly.
 * The key ({@code Deployment/shop/web}) is what the operator's pod index is keyed by.
 */
public final class PodOwners {

    private static final String TEMPLATE_HASH = "pod-template-hash";
    private static final String ROLLOUT_TEMPLATE_HASH = "rollouts-pod-template-hash";

    private PodOwners() {
    }

    public static Optional<String> workloadKey(Pod pod) {
        if (pod.getMetadata().getOwnerReferences() == null) {
            return Optional.empty();
        }
        String namespace = pod.getMetadata().getNamespace();
        for (OwnerReference owner : pod.getMetadata().getOwnerReferences()) {
            if (!Boolean.TRUE.equals(owner.getController())) {
                continue;
            }
            if ("ReplicaSet".equals(owner.getKind())) {
                var labels = pod.getMetadata().getLabels() == null ? Map.<String, String>of() : pod.getMetadata().getLabels();
                return ownerOfReplicaSet(owner.getName(), labels.get(TEMPLATE_HASH), "Deployment", namespace)
                        .or(() -> ownerOfReplicaSet(owner.getName(), labels.get(ROLLOUT_TEMPLATE_HASH), "Rollout", namespace))
                        .or(() -> Optional.of(key("ReplicaSet", namespace, owner.getName())));
            }
            return Optional.of(key(owner.getKind(), namespace, owner.getName()));
        }
        return Optional.empty();
    }

    private static Optional<String> ownerOfReplicaSet(String replicaSet, String hash, String ownerKind, String namespace) {
        if (hash == null || !replicaSet.endsWith("-" + hash)) {
            return Optional.empty();
        }
        return Optional.of(key(ownerKind, namespace, replicaSet.substring(0, replicaSet.length() - hash.length() - 1)));
    }

    public static String key(String kind, String namespace, String name) {
        return kind + "/" + namespace + "/" + name;
    }

    /** Only the metadata JOSDK needs to track a pod (name, namespace, uid, version, owners). */
    public static Pod metadataOnly(Pod pod) {
        return new PodBuilder().withNewMetadata()
                .withName(pod.getMetadata().getName())
                .withNamespace(pod.getMetadata().getNamespace())
                .withUid(pod.getMetadata().getUid())
                .withResourceVersion(pod.getMetadata().getResourceVersion())
                .withOwnerReferences(pod.getMetadata().getOwnerReferences())
                .endMetadata().build();
    }

    /**
     * What the live checks and the owner index read of a pod (name, namespace, labels, owners,
     * deletion, node, Ready condition, phase); the rest (containers, volumes, managedFields,
     * most of status) is dropped, so a cache of pods holds a fraction of their size.
     */
    public static Pod pruned(Pod pod) {
        var status = pod.getStatus();
        var ready = status == null || status.getConditions() == null ? List.<PodCondition>of()
                : status.getConditions().stream().filter(c -> "Ready".equals(c.getType())).toList();
        return new PodBuilder()
                .withNewMetadata()
                .withName(pod.getMetadata().getName())
                .withNamespace(pod.getMetadata().getNamespace())
                .withUid(pod.getMetadata().getUid())
                .withResourceVersion(pod.getMetadata().getResourceVersion())
                .withLabels(pod.getMetadata().getLabels())
                .withOwnerReferences(pod.getMetadata().getOwnerReferences())
                .withDeletionTimestamp(pod.getMetadata().getDeletionTimestamp())
                .endMetadata()
                .withNewSpec().withNodeName(pod.getSpec() == null ? null : pod.getSpec().getNodeName()).endSpec()
                .withNewStatus().withConditions(ready).withPhase(status == null ? null : status.getPhase()).endStatus()
                .build();
    }
}
