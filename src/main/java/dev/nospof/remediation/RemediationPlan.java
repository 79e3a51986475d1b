package dev.nospof.remediation;

import dev.nospof.engine.Evaluation;
import dev.nospof.engine.Thresholds;
import dev.nospof.engine.checks.MissingPdbCheck;
import dev.nospof.model.Pdb;
import dev.nospof.model.WorkloadView;
import dev.nospof.policy.Assessment;
import dev.nospof.policy.Mode;
import dev.nospof.policy.PolicyDecision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What remediation does for one workload: each finding in {@code remediate} mode that has a
 * mechanical {@link Fix}, with whether it is applied and why not, and the PodDisruptionBudget
 * nospof created earlier that is no longer wanted. Decided on the workload's view without that
 * budget, so "would missing-pdb fail without it?" is the engine's answer, not a second copy of
 * the check.
 *
 * @param planned     every fix of a remediate-mode finding, in finding order
 * @param ownPdb      the budget nospof created for this workload, if it exists
 * @param deleteOwnPdb why that budget goes (nothing wants it any more), if it does
 */
public record RemediationPlan(List<Planned> planned, Optional<Pdb> ownPdb, Optional<String> deleteOwnPdb) {

    /** What becomes of one fix. */
    public enum Outcome {
        APPLY("applied"),
        DRY_RUN("dry-run"),
        GITOPS("gitops"),
        NOT_PERMITTED("not-permitted"),
        PROTECTED_NAMESPACE("protected-namespace"),
        /** The workload is controlled by another object (an operator's custom resource), which would revert the change. */
        CONTROLLED("controlled"),
        /** To be applied once the workload has settled (what was applied with it is seen first). */
        PENDING("pending"),
        /** The API server refused the change (other than for permission): it says why. */
        REFUSED("refused");

        private final String id;

        Outcome(String id) {
            this.id = id;
        }

        /** As reports spell it. */
        public String id() {
            return id;
        }
    }

    /** One fix, the policy that asked for it, and what becomes of it (with the reason when it is not applied). */
    public record Planned(Fix fix, PolicyDecision decision, Outcome outcome, String reason) {
    }

    /** Where nospof runs: whether it may write, and the namespaces it leaves alone unless a policy names them. */
    public record Settings(boolean permitted, List<String> protectedNamespaces) {
        public Settings {
            protectedNamespaces = List.copyOf(protectedNamespaces);
        }
    }

    public RemediationPlan {
        planned = List.copyOf(planned);
    }

    /**
     * @param evaluation  of {@link #withoutOwnPdb(WorkloadView) the view without nospof's budget}
     * @param assessments of that evaluation under the workload's policies
     * @param ownPdb      nospof's budget for the workload, if the cluster has it
     */
    public static RemediationPlan plan(Evaluation evaluation, List<Assessment> assessments, Thresholds thresholds, Optional<Pdb> ownPdb,
            Settings settings) {
        var workload = evaluation.view().workload();
        Optional<String> gitOps = GitOps.manager(workload);
        boolean protectedNamespace = settings.protectedNamespaces().contains(workload.namespace());
        List<Planned> planned = new ArrayList<>();
        for (Assessment assessment : assessments) {
            if (assessment.decision().mode() != Mode.REMEDIATE || assessment.exempted()) {
                continue;
            }
            Optional<Fix> fix = Fixes.of(assessment.finding(), evaluation, thresholds);
            if (fix.isEmpty()) {
                continue;
            }
            PolicyDecision decision = assessment.decision();
            String policy = decision.decidedBy();
            Planned p;
            if (protectedNamespace && !decision.remediate().namesNamespace()) {
                p = new Planned(fix.get(), decision, Outcome.PROTECTED_NAMESPACE, "not applied: nospof changes nothing in namespace "
                        + workload.namespace() + " unless a policy's namespaceSelector names it (kubernetes.io/metadata.name); would "
                        + fix.get().describe());
            } else if (workload.controller() != null && changesWorkload(fix.get())) {
                p = new Planned(fix.get(), decision, Outcome.CONTROLLED, "not applied: " + workload.controller() + " controls "
                        + workload.ref().kind().kind() + " " + workload.name() + " and would revert a change made to it; change "
                        + workload.controller().replaceFirst(" \\(.*\\)$", "") + " instead; would " + fix.get().describe());
            } else if (gitOps.isPresent() && !decision.remediate().force()) {
                p = new Planned(fix.get(), decision, Outcome.GITOPS, "not applied: managed by " + gitOps.get()
                        + ", which would revert a change made in the cluster; make it in Git (patch), or set remediate.force in policy "
                        + policy);
            } else if (decision.remediate().dryRun()) {
                p = new Planned(fix.get(), decision, Outcome.DRY_RUN, "dry run (policy " + policy + " sets remediate.dryRun): would "
                        + fix.get().describe());
            } else if (!settings.permitted()) {
                p = new Planned(fix.get(), decision, Outcome.NOT_PERMITTED, "not permitted: would " + fix.get().describe()
                        + " (nospof may not write workloads: the chart's remediation.enabled is false)");
            } else {
                p = new Planned(fix.get(), decision, Outcome.APPLY, null);
            }
            planned.add(p);
        }
        Optional<Planned> pdb = planned.stream().filter(p -> p.fix() instanceof Fix.CreatePdb).findFirst();
        boolean pdbWanted = pdb.map(p -> p.outcome() == Outcome.APPLY).orElse(false);
        // While another fix is applied (replicas raised from 1) the budget may be wanted again: decided after it.
        boolean otherFixes = planned.stream().anyMatch(p -> p.outcome() == Outcome.APPLY && !(p.fix() instanceof Fix.CreatePdb));
        Optional<String> delete = ownPdb.isEmpty() || pdbWanted || otherFixes || !settings.permitted() ? Optional.empty()
                : Optional.of(pdb.map(Planned::reason).orElseGet(() -> whyUnwanted(evaluation, assessments)));
        return new RemediationPlan(planned, ownPdb, delete);
    }

    /** Whether {@code fix} writes the workload itself (its replicas, its pod template), not an object of its own. */
    private static boolean changesWorkload(Fix fix) {
        return fix instanceof Fix.ScaleWorkload || fix instanceof Fix.AddSpread;
    }

    /**
     * The changes to make now: fixes to apply that the cluster does not already have, each once
     * (single-replica and hpa-min-replicas may ask for the same autoscaler floor).
     */
    public List<Planned> writes() {
        Map<Map<String, Object>, Planned> writes = new LinkedHashMap<>();
        planned.stream().filter(p -> p.outcome() == Outcome.APPLY)
                .filter(p -> !(p.fix() instanceof Fix.CreatePdb pdb) || ownPdb.map(own -> !pdb.satisfiedBy(own)).orElse(true))
                .forEach(p -> writes.putIfAbsent(p.fix().applyConfiguration(), p));
        return List.copyOf(writes.values());
    }

    /** nospof's own budget for the workload in {@code view}, if there is one. */
    public static Optional<Pdb> ownPdb(WorkloadView view) {
        var ref = view.workload().ref();
        return view.namespacePdbs().stream().filter(pdb -> Fix.CreatePdb.createdFor(pdb, ref)).findFirst();
    }

    /** {@code view} as it would be without nospof's own budget. */
    public static WorkloadView withoutOwnPdb(WorkloadView view) {
        Optional<Pdb> own = ownPdb(view);
        if (own.isEmpty()) {
            return view;
        }
        return view.withPdbs(view.namespacePdbs().stream().filter(p -> p != own.get()).toList());
    }

    private static String whyUnwanted(Evaluation evaluation, List<Assessment> assessments) {
        Optional<Assessment> missing = assessments.stream().filter(a -> a.finding().checkId().equals(MissingPdbCheck.ID))
                .findFirst();
        if (missing.isEmpty()) {
            return evaluation.replicas().value() < 2 ? "the workload has " + evaluation.replicas().describe() + ": a budget would block drains"
                    : "another PodDisruptionBudget selects its pods";
        }
        if (missing.get().exempted()) {
            return "missing-pdb is exempted: " + missing.get().exemption().reason();
        }
        return "missing-pdb is in " + missing.get().decision().mode().id() + " mode, not remediate (policy "
                + missing.get().decision().decidedBy() + ")";
    }
}
