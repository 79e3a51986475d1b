package dev.nospof.adapters;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Optional;

/**
 * Which workload a pod belongs to, from its controller ownerReference alone (no ReplicaSet
 * cache): a ReplicaSet named {@code <deployment>-<pod-template-hash>} belongs to that
 * Deployment, as the deployment controller names them; a StatefulSet owns its pods directly.
 * The key ({@code Deployment/shop/web}) is what the operator's pod index is keyed by.
 */
public final class PodOwners {

    private static final String TEMPLATE_HASH = "pod-template-hash";

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
                String hash = pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get(TEMPLATE_HASH);
                if (hash != null && owner.getName().endsWith("-" + hash)) {
                    String deployment = owner.getName().substring(0, owner.getName().length() - hash.length() - 1);
                    return Optional.of(key("Deployment", namespace, deployment));
                }
                return Optional.of(key("ReplicaSet", namespace, owner.getName()));
            }
            return Optional.of(key(owner.getKind(), namespace, owner.getName()));
        }
        return Optional.empty();
    }

    public static String key(String kind, String namespace, String name) {
        return kind + "/" + namespace + "/" + name;
    }
}
