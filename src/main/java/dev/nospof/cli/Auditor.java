package dev.nospof.cli;

import dev.nospof.adapters.ManifestViews;
import dev.nospof.engine.Check;
import dev.nospof.engine.CheckCatalogue;
import dev.nospof.engine.Engine;
import dev.nospof.engine.Evaluation;
import dev.nospof.model.WorkloadView;
import dev.nospof.policy.Assessments;
import dev.nospof.policy.PolicyResolver;
import dev.nospof.policy.RedundancyPolicy;
import dev.nospof.policy.ResolvedPolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit itself: read the inputs, build views within the input set (a PDB or HPA in one
 * file applies to a workload in another), evaluate each workload with the same engine and
 * policy resolution the operator uses, and collect what formatters need.
 */
final class Auditor {

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
        List<WorkloadResult> workloads = new ArrayList<>();
        for (ManifestViews.ObjectView entry : ManifestViews.viewsByObject(objects, options.namespace(), false)) {
            WorkloadView view = entry.view();
            ResolvedPolicy policy = policies.isEmpty() ? ResolvedPolicy.DEFAULT
                    : PolicyResolver.resolve(policies, view.workload(), namespaceLabels.get(view.workload().namespace()), now,
                            engine.checkIds());
            Evaluation evaluation = engine.evaluate(view, policy.thresholds(), policy.skippedChecks());
            workloads.add(new WorkloadResult(sourceOf.get(entry.object()), evaluation, policy, Assessments.assess(evaluation, policy)));
        }
        List<Check> runOnFiles = engine.checks().stream().filter(c -> !c.needsLiveState()).toList();
        return new AuditResult(workloads, errors, reader.files(), reader.documents(), runOnFiles,
                CheckCatalogue.NEEDS_CLUSTER, options.failOn());
    }
}
