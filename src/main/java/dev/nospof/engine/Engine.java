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
     * at all), those that need live state when the view has none and those that read a pod
     * template nospof does not know.
     */
    public Evaluation evaluate(WorkloadView view, Thresholds thresholds, Set<String> skipped) {
        EffectiveReplicas replicas = EffectiveReplicas.of(view);
        CheckInput input = new CheckInput(view, replicas, thresholds);
        List<Finding> findings = new ArrayList<>();
        for (Check check : checks) {
            if (!skipped.contains(check.id()) && runs(check, view)) {
                findings.addAll(check.evaluate(input));
            }
        }
        return new Evaluation(view, replicas, findings);
    }

    /** Whether {@code check} can judge {@code view} at all (policies aside). */
    public static boolean runs(Check check, WorkloadView view) {
        return (view.live() != null || !check.needsLiveState())
                && (!check.readsPodTemplate() || view.workload().ref().kind().podTemplateKnown());
    }

    public Evaluation evaluate(WorkloadView view) {
        return evaluate(view, Thresholds.DEFAULTS, Set.of());
    }

    public List<String> checkIds() {
        return checks.stream().map(Check::id).toList();
    }
}
