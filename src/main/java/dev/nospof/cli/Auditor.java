package dev.nospof.cli;

import dev.nospof.adapters.DeclaredWorkloads;
import dev.nospof.adapters.FileServers;
import dev.nospof.adapters.ManifestViews;
import dev.nospof.engine.Check;
import dev.nospof.engine.CheckCatalogue;
import dev.nospof.engine.CheckDescription;
import dev.nospof.engine.Engine;
import dev.nospof.engine.Evaluation;
import dev.nospof.engine.cluster.ApiServiceSpofCheck;
import dev.nospof.engine.cluster.HpaTargetMissingCheck;
import dev.nospof.engine.cluster.PdbSelectsNothingCheck;
import dev.nospof.engine.cluster.WebhookSpofCheck;
import dev.nospof.model.Backends;
import dev.nospof.model.ClusterView;
import dev.nospof.model.Hpa;
import dev.nospof.model.Pdb;
import dev.nospof.model.ServiceTarget;
import dev.nospof.model.WorkloadRef;
import dev.nospof.model.WorkloadView;
import dev.nospof.policy.Assessment;
import dev.nospof.policy.Assessments;
import dev.nospof.policy.PolicyDecision;
import dev.nospof.policy.PolicyResolver;
import dev.nospof.policy.RedundancyPolicy;
import dev.nospof.policy.ResolvedPolicy;
import dev.nospof.policy.WorkloadKindDeclarations;
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
import java.util.Optional;
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
    private static final WebhookSpofCheck WEBHOOK_SPOF = new WebhookSpofCheck();
    private static final ApiServiceSpofCheck APISERVICE_SPOF = new ApiServiceSpofCheck();

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
        DeclaredWorkloads declared = new DeclaredWorkloads(WorkloadKindDeclarations.of(policyFiles.policies()));
        ManifestViews.Collector<Origin> input = new ManifestViews.Collector<Origin>(options.namespace(), false).declaring(declared);
        Map<String, Map<String, String>> namespaceLabels = new HashMap<>();
        ManifestReader reader = new ManifestReader((key, sourced) -> {
            if (sourced.object() instanceof Namespace ns) {
                namespaceLabels.put(ns.getMetadata().getName(), ns.getMetadata().getLabels());
            }
            return input.add(key, sourced.object(), sourced.origin());
        }).declaring(declared);
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
            if (!view.workload().ref().kind().podTemplateKnown()) {
                ran = ran.stream().filter(c -> Engine.runs(c, view)).toList();
            }
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
        pdbs.addAll(servedByServiceResults(input, views));
        List<CheckDescription> runOnFiles = new ArrayList<>(workloadChecks);
        runOnFiles.add(PDB_SELECTS_NOTHING);
        runOnFiles.add(HPA_TARGET_MISSING);
        runOnFiles.add(WEBHOOK_SPOF);
        runOnFiles.add(APISERVICE_SPOF);
        Map<String, Integer> skipped = new TreeMap<>();
        input.kindsOtherThanWorkloads().stream().filter(kind -> !KnownKinds.READ.contains(kind))
                .forEach(kind -> skipped.merge(kind, 1, Integer::sum));
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

    /**
     * Every webhook configuration and APIService of the input against the pods behind its
     * Service: the effective replicas of the input's workloads that the Service selects. Judged
     * only when the input holds the Service and at least one workload it selects (the rest of
     * the cluster is not known here); a Service without a namespace in the input stands for the
     * one the webhook names when it is the only Service of that name.
     */
    private static List<ObjectResult> servedByServiceResults(ManifestViews.Collector<Origin> input,
            List<ManifestViews.TaggedView<Origin>> views) {
        var configurations = input.webhookConfigurations();
        var apiServices = input.apiServices();
        if (configurations.isEmpty() && apiServices.isEmpty()) {
            return List.of();
        }
        ServiceBackends backends = new ServiceBackends(input.services(), views);
        List<ObjectResult> results = new ArrayList<>();
        for (var tagged : configurations) {
            List<Assessment> assessments = new ArrayList<>();
            for (ClusterView.Webhook webhook : tagged.model().webhooks()) {
                if (WebhookSpofCheck.judged(webhook)) {
                    backends.of(webhook.serviceNamespace(), webhook.serviceName())
                            .flatMap(b -> WEBHOOK_SPOF.evaluate(webhook, b))
                            .ifPresent(f -> assessments.add(new Assessment(f, PolicyDecision.DEFAULT, null)));
                }
            }
            results.add(new ObjectResult(tagged.tag(), tagged.kind(), null, tagged.model().name(), List.of(WEBHOOK_SPOF), assessments));
        }
        for (var tagged : apiServices) {
            ClusterView.ApiService apiService = tagged.model();
            List<Assessment> assessments = apiService.serviceName() == null ? List.of()
                    : backends.of(apiService.serviceNamespace(), apiService.serviceName())
                            .flatMap(b -> APISERVICE_SPOF.evaluate(apiService, b))
                            .map(f -> List.of(new Assessment(f, PolicyDecision.DEFAULT, null))).orElse(List.of());
            results.add(new ObjectResult(tagged.tag(), tagged.kind(), null, apiService.name(), List.of(APISERVICE_SPOF), assessments));
        }
        return results;
    }

    /** The pods behind the input's Services, counted from the effective replicas of the input's workloads they select. */
    private static final class ServiceBackends {
        private final Map<String, ServiceTarget> byKey = new HashMap<>();
        private final Map<String, List<ServiceTarget>> byName = new HashMap<>();
        private final List<WorkloadView> views;

        ServiceBackends(List<ServiceTarget> services, List<ManifestViews.TaggedView<Origin>> views) {
            this.views = views.stream().map(ManifestViews.TaggedView::view).toList();
            for (ServiceTarget service : services) {
                byKey.put(service.namespace() + "/" + service.name(), service);
                byName.computeIfAbsent(service.name(), n -> new ArrayList<>()).add(service);
            }
        }

        /** The pods behind Service {@code namespace/name}, if the input holds it and a workload it selects. */
        Optional<Backends> of(String namespace, String name) {
            ServiceTarget service = byKey.get(namespace + "/" + name);
            if (service == null) {
                List<ServiceTarget> named = byName.getOrDefault(name, List.of());
                service = named.size() == 1 ? named.get(0) : null;
            }
            return service == null ? Optional.empty() : FileServers.backends(service, views);
        }
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
