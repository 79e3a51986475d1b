package dev.nospof.engine;

import dev.nospof.model.WorkloadView;
import java.util.ArrayList;
import java.util.List;

/** Runs the catalogue over one workload view. The operator, the webhook and the CLI all call this. */
public final class Engine {

    private final List<Check> checks;

    public Engine(List<Check> checks) {
        this.checks = List.copyOf(checks);
    }

    /** The engine with every check of the catalogue. */
    public static Engine standard() {
        return new Engine(CheckCatalogue.all());
    }

    public List<Check> checks() {
        return checks;
    }

    public Evaluation evaluate(WorkloadView view, Thresholds thresholds) {
        EffectiveReplicas replicas = EffectiveReplicas.of(view);
        CheckInput input = new CheckInput(view, replicas, thresholds);
        List<Finding> findings = new ArrayList<>();
        for (Check check : checks) {
            findings.addAll(check.evaluate(input));
        }
        return new Evaluation(view, replicas, findings);
    }

    public Evaluation evaluate(WorkloadView view) {
        return evaluate(view, Thresholds.DEFAULTS);
    }
}
