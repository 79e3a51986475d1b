package dev.nospof.operator;

import dev.nospof.adapters.KubernetesViews;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;

/**
 * The ReplicaSet reconciler's cache: unowned ReplicaSets (its workloads) whole but pruned, every
 * ReplicaSet a Deployment owns (nearly all of them, and filtered out of reconciliation) reduced to
 * the metadata that says it exists and who owns it (a pod's controller is looked up here).
 */
public class OwnedReplicaSetStore extends PrunedStore<ReplicaSet> {

    @Override
    public ReplicaSet put(String key, ReplicaSet replicaSet) {
        if (KubernetesViews.ownedByController(replicaSet)) {
            return super.put(key, new ReplicaSetBuilder().withNewMetadata()
                    .withName(replicaSet.getMetadata().getName())
                    .withNamespace(replicaSet.getMetadata().getNamespace())
                    .withUid(replicaSet.getMetadata().getUid())
                    .withResourceVersion(replicaSet.getMetadata().getResourceVersion())
                    .withOwnerReferences(replicaSet.getMetadata().getOwnerReferences())
                    .endMetadata().build());
        }
        return super.put(key, replicaSet);
    }
}
