package dev.nospof.cli;

import dev.nospof.adapters.KubernetesViews;
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
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

        ManifestReader reader = new ManifestReader();
        options.inputs().forEach(input -> reader.read(input, stdin));
        errors.addAll(reader.errors());
        if (reader.documents() == 0 && reader.errors().isEmpty()) {
            // An empty pipe (a helm template that failed upstream) must not pass as "no findings".
            errors.add(new InputError(String.join(" ", options.inputs()), 0, "no Kubernetes objects in the input: nothing was audited"));
        }

        List<SourcedObject> sources = reader.objects();
        Map<HasMetadata, SourcedObject> sourceOf = new IdentityHashMap<>();
        sources.forEach(s -> sourceOf.put(s.object(), s));
        List<HasMetadata> objects = sources.stream().map(SourcedObject::object).toList();
        Map<String, Map<String, String>> namespaceLabels = new HashMap<>();
        objects.stream().filter(o -> o instanceof Namespace)
                .forEach(ns -> namespaceLabels.put(ns.getMetadata().getName(), ns.getMetadata().getLabels()));

        for (var unresolved : ManifestViews.unresolvedWorkloadRefs(objects, options.namespace())) {
            SourcedObject source = sourceOf.get(unresolved.getKey());
            errors.add(new InputError(source.file(), source.line(), "spec.workloadRef: Rollout " + unresolved.getKey().getMetadata().getName()
                    + " takes its pod template from Deployment " + unresolved.getValue()
                    + ", which is not in the input; audit them together (this Rollout was not audited)"));
        }
        List<RedundancyPolicy> policies = policyFiles.policies();
        Instant now = Instant.now(clock);
        List<Check> workloadChecks = engine.checks().stream().filter(c -> !c.needsLiveState()).toList();
        List<WorkloadResult> workloads = new ArrayList<>();
        Map<String, List<Map<String, String>>> templatesByNamespace = new HashMap<>();
        List<WorkloadRef> workloadRefs = new ArrayList<>();
        for (ManifestViews.ObjectView entry : ManifestViews.viewsByObject(objects, options.namespace(), false)) {
            WorkloadView view = entry.view();
            ResolvedPolicy policy = policies.isEmpty() ? ResolvedPolicy.DEFAULT
                    : PolicyResolver.resolve(policies, view.workload(), namespaceLabels.get(view.workload().namespace()), now,
                            engine.checkIds());
            Evaluation evaluation = engine.evaluate(view, policy.thresholds(), policy.skippedChecks());
            List<Check> ran = workloadChecks.stream().filter(c -> !policy.skippedChecks().contains(c.id())).toList();
            workloads.add(new WorkloadResult(sourceOf.get(entry.object()), evaluation, policy, Assessments.assess(evaluation, policy), ran));
            templatesByNamespace.computeIfAbsent(view.workload().namespace(), n -> new ArrayList<>()).add(view.workload().template().labels());
            workloadRefs.add(view.workload().ref());
        }
        List<ObjectResult> pdbs = new ArrayList<>(pdbResults(sources, options.namespace(), templatesByNamespace));
        pdbs.addAll(autoscalerResults(sources, options.namespace(), workloadRefs));
        List<CheckDescription> runOnFiles = new ArrayList<>(workloadChecks);
        runOnFiles.add(PDB_SELECTS_NOTHING);
        runOnFiles.add(HPA_TARGET_MISSING);
        Map<String, Integer> skipped = new TreeMap<>();
        objects.stream().filter(o -> !KnownKinds.READ.contains(o.getKind())).forEach(o -> skipped.merge(o.getKind(), 1, Integer::sum));
        return new AuditResult(workloads, pdbs, errors, reader.warnings(), reader.files(), reader.documents(), skipped, runOnFiles,
                CheckCatalogue.NEEDS_CLUSTER, options.failOn());
    }

    /**
     * Every PodDisruptionBudget of the input against the pod templates of the input's workloads
     * in its namespace, as the operator judges it against the cluster's. Policies do not cover
     * it (they select workloads): it is audited.
     */
    private static List<ObjectResult> pdbResults(List<SourcedObject> sources, String defaultNamespace,
            Map<String, List<Map<String, String>>> templatesByNamespace) {
        List<ObjectResult> results = new ArrayList<>();
        for (SourcedObject source : sources) {
            if (source.object() instanceof PodDisruptionBudget object) {
                Pdb pdb = KubernetesViews.pdb(object).inNamespace(Objects.requireNonNullElse(object.getMetadata().getNamespace(), defaultNamespace));
                List<Assessment> assessments = PDB_SELECTS_NOTHING.evaluate(pdb, templatesByNamespace.getOrDefault(pdb.namespace(), List.of()))
                        .map(f -> new Assessment(f, PolicyDecision.DEFAULT, null))
                        .stream().toList();
                results.add(new ObjectResult(source, "PodDisruptionBudget", pdb.namespace(), pdb.name(), List.of(PDB_SELECTS_NOTHING),
                        assessments));
            }
        }
        return results;
    }

    /** Every HPA and ScaledObject of the input against the input's workloads: a target that is not there is reported. */
    private static List<ObjectResult> autoscalerResults(List<SourcedObject> sources, String defaultNamespace, List<WorkloadRef> workloads) {
        List<ObjectResult> results = new ArrayList<>();
        for (SourcedObject source : sources) {
            Hpa hpa = source.object() instanceof HorizontalPodAutoscaler h ? KubernetesViews.hpa(h)
                    : source.object() instanceof GenericKubernetesResource g && KubernetesViews.isScaledObject(g) ? KubernetesViews.scaledObject(g)
                    : null;
            if (hpa == null) {
                continue;
            }
            hpa = hpa.inNamespace(Objects.requireNonNullElse(source.object().getMetadata().getNamespace(), defaultNamespace));
            List<Assessment> assessments = HPA_TARGET_MISSING.evaluate(hpa, workloads)
                    .map(f -> new Assessment(f, PolicyDecision.DEFAULT, null)).stream().toList();
            results.add(new ObjectResult(source, source.object().getKind(), hpa.namespace(), hpa.name(), List.of(HPA_TARGET_MISSING), assessments));
        }
        return results;
    }
}
