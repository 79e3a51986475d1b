package dev.nospof.engine;

import dev.nospof.model.WorkloadView;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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

    /**
     * Evaluates every check but those in {@code skipped} (switched off by policy: not evaluated
     * at all) and, when the view has no live state, those that need it.
     */
    public Evaluation evaluate(WorkloadView view, Thresholds thresholds, Set<String> skipped) {
        EffectiveReplicas replicas = EffectiveReplicas.of(view);
        CheckInput input = new CheckInput(view, replicas, thresholds);
        List<Finding> findings = new ArrayList<>();
        for (Check check : checks) {
            if (!skipped.contains(check.id()) && (view.live() != null || !check.needsLiveState())) {
                findings.addAll(check.evaluate(input));
            }
        }
        return new Evaluation(view, replicas, findings);
    }

    public Evaluation evaluate(WorkloadView view) {
        return evaluate(view, Thresholds.DEFAULTS, Set.of());
    }

    public List<String> checkIds() {
        return checks.stream().map(Check::id).toList();
    }
}
