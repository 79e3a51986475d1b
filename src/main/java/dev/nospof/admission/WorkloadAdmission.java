package dev.nospof.admission;

import dev.nospof.engine.Engine;
import dev.nospof.model.Hpa;
import dev.nospof.model.Pdb;
import dev.nospof.model.Pvc;
import dev.nospof.model.Workload;
import dev.nospof.model.WorkloadView;
import dev.nospof.policy.Assessment;
import dev.nospof.policy.Assessments;
import dev.nospof.policy.PolicyResolver;
import dev.nospof.policy.RedundancyPolicy;
import dev.nospof.policy.ResolvedPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Judges a workload at admission with the one engine, in the cluster context of its namespace
 * (its PDBs, HPAs and claims, from the operator's caches), so {@code missing-pdb},
 * {@code pdb-blocks-eviction} and the HPA-aware {@code single-replica} are decided as in reports.
 * Live checks are not evaluated (an object being admitted has no pods yet).
 */
public final class WorkloadAdmission {

    /** What admission knows of the workload's namespace. */
    public record NamespaceContext(List<Pdb> pdbs, List<Hpa> hpas, List<Pvc> pvcs, Map<String, String> labels) {
    }

    private final Engine engine;

    public WorkloadAdmission(Engine engine) {
        this.engine = engine;
    }

    /** {@code before} is the object an UPDATE replaces (empty for a CREATE). */
    public AdmissionVerdict judge(Workload workload, Optional<Workload> before, NamespaceContext context, List<RedundancyPolicy> policies,
            Instant now) {
        return AdmissionVerdict.judge(workload.ref().describe(), assess(workload, context, policies, now),
                before.map(old -> assess(old, context, policies, now)).orElse(List.of()));
    }

    public List<Assessment> assess(Workload workload, NamespaceContext context, List<RedundancyPolicy> policies, Instant now) {
        ResolvedPolicy policy = PolicyResolver.resolve(policies, workload, context.labels(), now, engine.checkIds());
        WorkloadView view = new WorkloadView(workload, context.pdbs(), context.hpas(), context.pvcs(), null);
        return Assessments.assess(engine.evaluate(view, policy.thresholds(), policy.skippedChecks()), policy);
    }
}
