package dev.nospof.engine;

import dev.nospof.model.Hpa;
import dev.nospof.model.WorkloadView;
import java.util.Comparator;
import java.util.List;

/**
 * The number of replicas a workload can be left with, computed once and used by every check:
 * {@code spec.replicas} (absent means 1); when an HPA targets the workload, the HPA's
 * {@code minReplicas} (absent means 1), since the autoscaler may scale down to it; a KEDA
 * ScaledObject's {@code minReplicaCount} likewise. An autoscaler's floor of 0 counts as 1, for
 * HPAs and ScaledObjects alike: idle the workload runs nothing, serving it may run one replica. A workload
 * whose {@code spec.replicas} is 0 is scaled to zero: an HPA does not scale it back up.
 *
 * @param value  the effective replica count
 * @param source where the number comes from, for messages ("spec.replicas absent, defaults to 1")
 * @param hpa    the autoscaler that decided it, or null
 */
public record EffectiveReplicas(int value, String source, Hpa hpa) {

    public static EffectiveReplicas of(WorkloadView view) {
        Integer specReplicas = view.workload().specReplicas();
        String field = view.workload().ref().kind().replicasField();
        if (specReplicas != null && specReplicas == 0) {
            return new EffectiveReplicas(0, field + " is 0", null);
        }
        List<Hpa> hpas = view.targetingHpas();
        if (!hpas.isEmpty()) {
            // Two autoscalers on one target fight each other; the lower floor is the one that can happen.
            Hpa floor = hpas.stream()
                    .min(Comparator.comparingInt(Hpa::effectiveMinReplicas).thenComparing(Hpa::name))
                    .orElseThrow();
            String source;
            if (floor.scalesToZero()) {
                source = floor.describe() + " scales to zero when idle and to 1 replica while it serves";
            } else if (floor.minReplicas() == null) {
                source = floor.describe() + " has no " + floor.source().field() + ", defaults to 1";
            } else {
                source = floor.describe() + " " + floor.source().field();
            }
            return new EffectiveReplicas(floor.effectiveMinReplicas(), source, floor);
        }
        if (specReplicas == null) {
            return new EffectiveReplicas(1, field + " absent, defaults to 1", null);
        }
        return new EffectiveReplicas(specReplicas, field, null);
    }

    public boolean scaledToZero() {
        return value == 0;
    }

    /** "1 effective replica (spec.replicas absent, defaults to 1)". */
    public String describe() {
        return value + (value == 1 ? " effective replica" : " effective replicas") + " (" + source + ")";
    }
}
