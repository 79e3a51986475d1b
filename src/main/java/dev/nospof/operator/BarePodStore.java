package dev.nospof.operator;

import dev.nospof.adapters.KubernetesViews;

/**
 * The shared pod cache: bare pods (workloads of their own) whole, every other pod compact, so
 * keeping all pods for placement and the few bare ones for evaluation costs little.
 */
public class BarePodStore extends PodStore {

    public BarePodStore() {
        super(pod -> !KubernetesViews.ownedByController(pod));
    }
}
