package dev.nospof.remediation;

import dev.nospof.engine.Evaluation;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.engine.Thresholds;
import dev.nospof.engine.checks.HpaMinReplicasCheck;
import dev.nospof.engine.checks.MissingPdbCheck;
import dev.nospof.engine.checks.MissingSpreadCheck;
import dev.nospof.engine.checks.MissingZoneSpreadCheck;
import dev.nospof.engine.checks.Remediations;
import dev.nospof.engine.checks.SingleReplicaCheck;
import dev.nospof.model.Hpa;
import dev.nospof.model.ObjectNames;
import dev.nospof.model.Workload;
import dev.nospof.model.WorkloadKind;
import dev.nospof.model.WorkloadView;
import dev.nospof.policy.Assessment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The mechanical fix of a finding, where one exists. None where a fix would change what the
 * user chose on purpose or cannot be valid: a workload scaled to zero, an autoscaler that scales
 * to zero when idle (floor 0), an HPA whose maxReplicas is below the minimum, a spread
 * constraint of the user's with the keys nospof's would have, a kind nospof may not write.
 */
public final class Fixes {

    /** Kinds whose spec.replicas and pod template nospof may change (the chart's write RBAC names them). */
    private static final Set<WorkloadKind> SCALABLE = Set.of(WorkloadKind.DEPLOYMENT, WorkloadKind.STATEFUL_SET);
    private static final String PDB_SUFFIX = "-nospof";
    /** Replicas raised, then the budget and spread two replicas need: three rounds settle any workload. */
    private static final int MAX_ROUNDS = 3;

    private Fixes() {
    }

    /** The fix of {@code finding}, one of {@code evaluation}'s, under {@code thresholds}. */
    public static Optional<Fix> of(Finding finding, Evaluation evaluation, Thresholds thresholds) {
        Workload workload = evaluation.view().workload();
        int minimum = thresholds.minReplicas();
        switch (finding.checkId()) {
            case SingleReplicaCheck.ID -> {
                if (finding.severity() == Severity.INFO || evaluation.replicas().scaledToZero()) {
                    return Optional.empty(); // scaled to zero on purpose: never scaled up
                }
                Hpa hpa = evaluation.replicas().hpa();
                if (hpa != null) {
                    return raiseFloor(finding.checkId(), hpa, minimum);
                }
                if (!SCALABLE.contains(workload.ref().kind())) {
                    return Optional.empty();
                }
                int from = workload.specReplicas() == null ? 1 : workload.specReplicas();
                return Optional.of(new Fix.ScaleWorkload(finding.checkId(), workload.ref(), from, minimum));
            }
            case HpaMinReplicasCheck.ID -> {
                // One finding per autoscaler below the minimum, in the order the view lists them.
                List<Hpa> below = evaluation.view().targetingHpas().stream().filter(h -> h.effectiveMinReplicas() < minimum).toList();
                int index = evaluation.findings().stream().filter(f -> f.checkId().equals(finding.checkId())).toList().indexOf(finding);
                return index < 0 || index >= below.size() ? Optional.empty() : raiseFloor(finding.checkId(), below.get(index), minimum);
            }
            case MissingPdbCheck.ID -> {
                return Optional.of(new Fix.CreatePdb(finding.checkId(), workload.ref(), pdbName(workload.name()),
                        Remediations.selectorLabels(workload)));
            }
            case MissingSpreadCheck.ID -> {
                return spread(finding.checkId(), workload, thresholds.hostTopologyKey());
            }
            case MissingZoneSpreadCheck.ID -> {
                return spread(finding.checkId(), workload, thresholds.zoneTopologyKey());
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /**
     * Every fix of a workload's findings that count (exempted ones are not fixed), whatever their
     * mode: what {@code nospof audit --fix} writes. In rounds, as the operator applies them: a fix
     * can make another check fail (two replicas now need a budget and a spread), so the view with
     * one round's fixes is evaluated again, until no finding has a fix left. Each change once.
     */
    public static List<Fix> all(WorkloadView view, Thresholds thresholds, Function<WorkloadView, Evaluation> evaluate,
            Function<Evaluation, List<Assessment>> assess) {
        Map<Map<String, Object>, Fix> fixes = new LinkedHashMap<>();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Evaluation evaluation = evaluate.apply(view);
            List<Fix> found = assess.apply(evaluation).stream().filter(a -> !a.exempted())
                    .flatMap(a -> of(a.finding(), evaluation, thresholds).stream())
                    .filter(f -> !fixes.containsKey(f.applyConfiguration())).toList();
            if (found.isEmpty()) {
                break;
            }
            for (Fix fix : found) {
                if (fixes.putIfAbsent(fix.applyConfiguration(), fix) == null) {
                    view = fix.applyTo(view);
                }
            }
        }
        return List.copyOf(fixes.values());
    }

    private static Optional<Fix> spread(String checkId, Workload workload, String topologyKey) {
        if (!SCALABLE.contains(workload.ref().kind())) {
            return Optional.empty();
        }
        // A constraint with the same keys is the user's: applying ours would merge into it and take it over.
        if (workload.template().spreadConstraints().stream().anyMatch(c -> topologyKey.equals(c.topologyKey())
                && Fix.AddSpread.WHEN_UNSATISFIABLE.equals(c.whenUnsatisfiable()))) {
            return Optional.empty();
        }
        return Optional.of(new Fix.AddSpread(checkId, workload.ref(), topologyKey, Remediations.selectorLabels(workload)));
    }

    private static Optional<Fix> raiseFloor(String checkId, Hpa hpa, int minimum) {
        if (hpa.scalesToZero()) {
            return Optional.empty(); // idle at zero by design: raising its floor would change that
        }
        if (hpa.maxReplicas() != null && hpa.maxReplicas() < minimum) {
            return Optional.empty(); // minReplicas above maxReplicas is invalid: the user must choose
        }
        return Optional.of(new Fix.RaiseAutoscalerFloor(checkId, hpa, hpa.floor(), minimum));
    }

    /** {@code <workload>-nospof}, shortened with a hash when the workload's name is near the limit. */
    public static String pdbName(String workload) {
        return ObjectNames.within(workload, PDB_SUFFIX);
    }
}
