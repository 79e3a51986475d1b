package dev.nospof.admission;

import dev.nospof.engine.CelCheck;
import dev.nospof.engine.Engine;
import dev.nospof.model.Hpa;
import dev.nospof.model.Pdb;
import dev.nospof.model.Pvc;
import dev.nospof.model.ServiceTarget;
import dev.nospof.model.Workload;
import dev.nospof.model.WorkloadView;
import dev.nospof.policy.AdmissionVia;
import dev.nospof.policy.Assessment;
import dev.nospof.policy.Assessments;
import dev.nospof.policy.Mode;
import dev.nospof.policy.PolicyDecision;
import dev.nospof.policy.PolicyResolver;
import dev.nospof.policy.RedundancyPolicy;
import dev.nospof.policy.ResolvedPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Judges a workload at admission with the one engine, in the cluster context of its namespace
 * (its PDBs, HPAs and claims, from the operator's caches), so {@code missing-pdb},
 * {@code pdb-blocks-eviction} and the HPA-aware {@code single-replica} are decided as in reports.
 * Live checks are not evaluated (an object being admitted has no pods yet).
 */
public final class WorkloadAdmission {

    /** What admission knows of the workload's namespace. */
    public record NamespaceContext(List<Pdb> pdbs, List<Hpa> hpas, List<Pvc> pvcs, List<ServiceTarget> services, Map<String, String> labels) {

        /** These budgets without {@code removed} (by name) and with {@code added}, either possibly null. */
        public NamespaceContext withPdb(Pdb removed, Pdb added) {
            return new NamespaceContext(replaced(pdbs, Pdb::name, removed, added), hpas, pvcs, services, labels);
        }

        /** These autoscalers without {@code removed} (by name) and with {@code added}, either possibly null. */
        public NamespaceContext withHpa(Hpa removed, Hpa added) {
            return new NamespaceContext(pdbs, replaced(hpas, Hpa::name, removed, added), pvcs, services, labels);
        }

        private static <T> List<T> replaced(List<T> objects, Function<T, String> name, T removed, T added) {
            List<T> changed = new ArrayList<>(objects.stream()
                    .filter(o -> removed == null || !name.apply(o).equals(name.apply(removed)))
                    .filter(o -> added == null || !name.apply(o).equals(name.apply(added)))
                    .toList());
            if (added != null) {
                changed.add(added);
            }
            return changed;
        }
    }

    private final Engine engine;
    private final Set<String> celChecks;

    public WorkloadAdmission(Engine engine) {
        this.engine = engine;
        this.celChecks = engine.checks().stream().filter(CelCheck.class::isInstance).map(c -> c.id()).collect(Collectors.toSet());
    }

    /** {@code before} is the object an UPDATE replaces (empty for a CREATE). */
    public AdmissionVerdict judge(Workload workload, Optional<Workload> before, NamespaceContext context, List<RedundancyPolicy> policies,
            Instant now) {
        return AdmissionVerdict.judge(workload.ref().describe(), assess(workload, context, policies, now),
                before.map(old -> assess(old, context, policies, now)).orElse(List.of()));
    }

    /**
     * A PDB or HPA change judged by what it does to the workloads it selects or targets: each is
     * judged with the namespace's budgets and autoscalers as they would be ({@code after}) and
     * ratcheted against them as they are ({@code before}). {@code change} says what happens
     * ("deleting PodDisruptionBudget shop/web"); one denial among them denies the change.
     */
    public AdmissionVerdict judgeChange(String change, List<Workload> affected, NamespaceContext before, NamespaceContext after,
            List<RedundancyPolicy> policies, Instant now) {
        List<String> denials = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Workload workload : affected) {
            AdmissionVerdict verdict = AdmissionVerdict.judge(workload.ref().describe() + " (after " + change + ")",
                    assess(workload, after, policies, now), assess(workload, before, policies, now));
            warnings.addAll(verdict.warnings());
            if (!verdict.allowed()) {
                denials.add(verdict.message());
            }
        }
        return new AdmissionVerdict(denials.isEmpty(), denials.isEmpty() ? null : String.join("\n", denials), warnings);
    }

    public List<Assessment> assess(Workload workload, NamespaceContext context, List<RedundancyPolicy> policies, Instant now) {
        ResolvedPolicy policy = PolicyResolver.resolve(policies, workload, context.labels(), now, engine.checkIds());
        WorkloadView view = new WorkloadView(workload, context.pdbs(), context.hpas(), context.pvcs(), context.services(), null);
        List<Assessment> assessments = Assessments.assess(engine.evaluate(view, policy.thresholds(), policy.skippedChecks()), policy);
        // A check a policy leaves to its ValidatingAdmissionPolicy (admission: cel) is not also judged here.
        Set<String> celOnly = policies.stream().filter(p -> p.getSpec() != null && p.getSpec().getAdmission() == AdmissionVia.CEL)
                .map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
        if (celOnly.isEmpty()) {
            return assessments;
        }
        return assessments.stream().map(a -> celChecks.contains(a.finding().checkId()) && celOnly.contains(a.decision().decidedBy())
                ? new Assessment(a.finding(), new PolicyDecision(Mode.AUDIT, a.decision().decidedBy()), a.exemption()) : a).toList();
    }
}
