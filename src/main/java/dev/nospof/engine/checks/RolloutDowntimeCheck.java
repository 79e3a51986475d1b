package dev.nospof.engine.checks;

import dev.nospof.engine.Check;
import dev.nospof.engine.CheckInput;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.model.UpdateStrategy;
import java.util.List;

/**
 * Fails when every rollout takes all replicas down at once: a Deployment with
 * {@code strategy: Recreate}, or a rolling update (Deployment or StatefulSet) whose
 * maxUnavailable, rounded down as the controller does, reaches the effective replicas. The
 * redundancy is there except during every deploy. Judged from 2 effective replicas (one replica
 * is single-replica's finding); a StatefulSet's OnDelete never takes pods down by itself.
 */
public final class RolloutDowntimeCheck implements Check {

    public static final String ID = "rollout-downtime";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "every rollout takes all replicas down at once";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public List<Finding> evaluate(CheckInput input) {
        UpdateStrategy strategy = input.workload().strategy();
        int replicas = input.replicas().value();
        if (strategy == null || replicas < 2) {
            return List.of();
        }
        if (strategy.recreate()) {
            return List.of(finding(input.subject() + " uses strategy Recreate: every rollout stops all " + replicas
                    + " replicas before starting new ones", "use strategy RollingUpdate with maxUnavailable: 1"));
        }
        if (strategy.rolling() && strategy.maxUnavailable() != null && strategy.maxUnavailable().scaledDownTo(replicas) >= replicas) {
            return List.of(finding(input.subject() + " rolls out with maxUnavailable " + strategy.maxUnavailable() + " at "
                    + input.replicas().describe() + ": every rollout may take all of them down at once",
                    "set rollingUpdate.maxUnavailable to 1 (or 25%)"));
        }
        return List.of();
    }
}
