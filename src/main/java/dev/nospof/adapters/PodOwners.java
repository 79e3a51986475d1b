package dev.nospof.adapters;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
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
            if (!Boolean.TRUE.equals(owner.getController()) || owner.getKind() == null || owner.getName() == null) {
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
}
