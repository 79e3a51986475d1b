package dev.nospof.operator;

import dev.nospof.adapters.KubernetesViews;

/**
 * The pod reconciler's cache: bare pods (its workloads) whole, every other pod compact, so
 * watching all pods for the few bare ones costs little.
 */
public class BarePodStore extends PodStore {

    public BarePodStore() {
        super(pod -> !KubernetesViews.ownedByController(pod));
    }
}
