package dev.nospof.operator;

import dev.nospof.adapters.KubernetesViews;
import dev.nospof.adapters.PodOwners;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * The pod reconciler's cache: bare pods (its workloads) whole, every other pod reduced to the
 * metadata the framework tracks, so watching all pods for the few bare ones costs little.
 */
public class BarePodStore extends PrunedStore<Pod> {

    @Override
    public Pod put(String key, Pod pod) {
        return super.put(key, KubernetesViews.ownedByController(pod) ? PodOwners.metadataOnly(pod) : pod);
    }
}
