package dev.nospof.cli;

import dev.nospof.adapters.ManifestViews;
import dev.nospof.engine.Check;
import dev.nospof.engine.CheckCatalogue;
import dev.nospof.engine.CheckDescription;
import dev.nospof.engine.Engine;
import dev.nospof.engine.Evaluation;
import dev.nospof.engine.cluster.HpaTargetMissingCheck;
import dev.nospof.engine.cluster.PdbSelectsNothingCheck;
import dev.nospof.model.Hpa;
import dev.nospof.model.Pdb;
import dev.nospof.model.WorkloadRef;
import dev.nospof.model.WorkloadView;
import dev.nospof.policy.Assessment;
import dev.nospof.policy.Assessments;
import dev.nospof.policy.PolicyDecision;
import dev.nospof.policy.PolicyResolver;
import dev.nospof.policy.RedundancyPolicy;
import dev.nospof.policy.ResolvedPolicy;
import dev.nospof.remediation.Fix;
import dev.nospof.remediation.Fixes;
import io.fabric8.kubernetes.api.model.Namespace;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The audit itself: read the inputs, build views within the input set (a PDB or HPA in one
 * file applies to a workload in another), evaluate each workload with the same engine and
 * policy resolution the operator uses, and collect what formatters need.
 */
final class Auditor {

    private static final PdbSelectsNothingCheck PDB_SELECTS_NOTHING = new PdbSelectsNothingCheck();
    private static final HpaTargetMissingCheck HPA_TARGET_MISSING = new HpaTargetMissingCheck();

    private final Engine engine;
    private final Clock clock;

    Auditor(Engine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    AuditResult audit(AuditOptions options, InputStream stdin) {
        List<InputError> errors = new ArrayList<>();
        PolicyFiles policyFiles = new PolicyFiles();
        options.policies().forEach(p -> policyFiles.read(p, stdin));
        errors.addAll(policyFiles.errors());

        // Each object is reduced to what the checks need as it is read: memory follows the models, not the input.
        ManifestViews.Collector<Origin> input = new ManifestViews.Collector<>(options.namespace(), false);
        Map<String, Map<String, String>> namespaceLabels = new HashMap<>();
        ManifestReader reader = new ManifestReader((key, sourced) -> {
            if (sourced.object() instanceof Namespace ns) {
                namespaceLabels.put(ns.getMetadata().getName(), ns.getMetadata().getLabels());
            }
            return input.add(key, sourced.object(), sourced.origin());
        });
        options.inputs().forEach(in -> reader.read(in, stdin));
        errors.addAll(reader.errors());
        if (reader.documents() == 0 && reader.errors().isEmpty()) {
            // An empty pipe (a helm template that failed upstream) must not pass as "no findings".
            errors.add(new InputError(String.join(" ", options.inputs()), 0, "no Kubernetes objects in the input: nothing was audited"));
        }

        for (var unresolved : input.unresolvedWorkloadRefs()) {
            errors.add(new InputError(unresolved.tag().file(), unresolved.tag().line(), "spec.workloadRef: Rollout " + unresolved.rollout()
                    + " takes its pod template from Deployment " + unresolved.deployment()
                    + ", which is not in the input; audit them together (this Rollout was not audited)"));
        }
        List<RedundancyPolicy> policies = policyFiles.policies();
        Instant now = Instant.now(clock);
        List<Check> workloadChecks = engine.checks().stream().filter(c -> !c.needsLiveState()).toList();
        // One list per set of skipped checks, not one per workload.
        Map<Set<String>, List<Check>> ranBySkipped = new HashMap<>();
        List<ManifestViews.TaggedView<Origin>> views = input.views();
        AuditedWorkloads<ManifestViews.TaggedView<Origin>> workloads = new AuditedWorkloads<>(views, entry -> {
            WorkloadView view = entry.view();
            ResolvedPolicy policy = policies.isEmpty() ? ResolvedPolicy.DEFAULT
                    : PolicyResolver.resolve(policies, view.workload(), namespaceLabels.get(view.workload().namespace()), now,
                            engine.checkIds());
            Evaluation evaluation = engine.evaluate(view, policy.thresholds(), policy.skippedChecks());
            List<Check> ran = ranBySkipped.computeIfAbsent(policy.skippedChecks(),
                    skipped -> workloadChecks.stream().filter(c -> !skipped.contains(c.id())).toList());
            return new WorkloadResult(entry.tag(), evaluation, policy, Assessments.assess(evaluation, policy), ran);
        });
        Map<String, List<Map<String, String>>> templatesByNamespace = new HashMap<>();
        List<WorkloadRef> workloadRefs = new ArrayList<>();
        for (var entry : views) {
            templatesByNamespace.computeIfAbsent(entry.view().workload().namespace(), n -> new ArrayList<>())
                    .add(entry.view().workload().template().labels());
            workloadRefs.add(entry.view().workload().ref());
        }
        List<ObjectResult> pdbs = new ArrayList<>(pdbResults(input, templatesByNamespace));
        pdbs.addAll(autoscalerResults(input, workloadRefs));
        List<CheckDescription> runOnFiles = new ArrayList<>(workloadChecks);
        runOnFiles.add(PDB_SELECTS_NOTHING);
        runOnFiles.add(HPA_TARGET_MISSING);
        Map<String, Integer> skipped = new TreeMap<>();
        input.kinds().stream().filter(kind -> !KnownKinds.READ.contains(kind)).forEach(kind -> skipped.merge(kind, 1, Integer::sum));
        AuditResult result = AuditResult.of(workloads, pdbs, errors, reader.warnings(), reader.files(), reader.documents(), skipped,
                runOnFiles, CheckCatalogue.NEEDS_CLUSTER, options.failOn());
        return options.fix() == null ? result : result.withFixes(fixes(workloads, input));
    }

    /**
     * The fixes of every workload (in rounds: two replicas then need a budget), each with the
     * document it changes: the workload's own, or its autoscaler's for the floor.
     */
    private List<ManifestFixes.Target> fixes(AuditedWorkloads<ManifestViews.TaggedView<Origin>> workloads,
            ManifestViews.Collector<Origin> input) {
        Map<String, Origin> autoscalers = new HashMap<>();
        for (var tagged : input.autoscalers()) {
            autoscalers.put(autoscalerKey(tagged.model()), tagged.tag());
        }
        List<ManifestFixes.Target> targets = new ArrayList<>();
        for (WorkloadResult result : workloads) {
            ResolvedPolicy policy = result.policy();
            for (Fix fix : Fixes.all(result.evaluation().view(), policy.thresholds(),
                    view -> engine.evaluate(view, policy.thresholds(), policy.skippedChecks()),
                    evaluation -> Assessments.assess(evaluation, policy))) {
                Origin document = fix instanceof Fix.RaiseAutoscalerFloor floor ? autoscalers.get(autoscalerKey(floor.autoscaler()))
                        : result.source();
                if (document != null) {
                    targets.add(new ManifestFixes.Target(document, fix));
                }
            }
        }
        return targets;
    }

    private static String autoscalerKey(Hpa hpa) {
        return hpa.source() + "/" + hpa.namespace() + "/" + hpa.name();
    }

    /**
     * Every PodDisruptionBudget of the input against the pod templates of the input's workloads
     * in its namespace, as the operator judges it against the cluster's. Policies do not cover
     * it (they select workloads): it is audited.
     */
    private static List<ObjectResult> pdbResults(ManifestViews.Collector<Origin> input,
            Map<String, List<Map<String, String>>> templatesByNamespace) {
        List<ObjectResult> results = new ArrayList<>();
        for (var tagged : input.pdbs()) {
            Pdb pdb = tagged.model();
            List<Assessment> assessments = PDB_SELECTS_NOTHING.evaluate(pdb, templatesByNamespace.getOrDefault(pdb.namespace(), List.of()))
                    .map(f -> new Assessment(f, PolicyDecision.DEFAULT, null))
                    .stream().toList();
            results.add(new ObjectResult(tagged.tag(), tagged.kind(), pdb.namespace(), pdb.name(), List.of(PDB_SELECTS_NOTHING), assessments));
        }
        return results;
    }

    /** Every HPA and ScaledObject of the input against the input's workloads: a target that is not there is reported. */
    private static List<ObjectResult> autoscalerResults(ManifestViews.Collector<Origin> input, List<WorkloadRef> workloads) {
        List<ObjectResult> results = new ArrayList<>();
        Set<String> existing = HpaTargetMissingCheck.existing(workloads);
        for (var tagged : input.autoscalers()) {
            Hpa hpa = tagged.model();
            List<Assessment> assessments = HPA_TARGET_MISSING.evaluate(hpa, existing)
                    .map(f -> new Assessment(f, PolicyDecision.DEFAULT, null)).stream().toList();
            results.add(new ObjectResult(tagged.tag(), tagged.kind(), hpa.namespace(), hpa.name(), List.of(HPA_TARGET_MISSING), assessments));
        }
        return results;
    }
}
