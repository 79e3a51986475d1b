package dev.nospof.engine;

import dev.nospof.model.Workload;
import dev.nospof.model.WorkloadView;

/** What one check receives: the view, its effective replicas (computed once) and the thresholds. */
public record CheckInput(WorkloadView view, EffectiveReplicas replicas, Thresholds thresholds) {

    public Workload workload() {
        return view.workload();
    }

    /** "Deployment web": kind and name, the way messages name the object. */
    public String subject() {
        return workload().ref().kind().kind() + " " + workload().name();
    }
}
