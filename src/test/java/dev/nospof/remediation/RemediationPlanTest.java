package dev.nospof.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nospof.adapters.KubernetesViews;
import dev.nospof.engine.Engine;
import dev.nospof.engine.Evaluation;
import dev.nospof.model.Hpa;
import dev.nospof.model.Pdb;
import dev.nospof.model.Workload;
import dev.nospof.model.WorkloadView;
import dev.nospof.policy.Assessments;
import dev.nospof.policy.PolicyResolver;
import dev.nospof.policy.RedundancyPolicy;
import dev.nospof.policy.ResolvedPolicy;
import dev.nospof.remediation.RemediationPlan.Outcome;
import dev.nospof.remediation.RemediationPlan.Planned;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What remediation would change, decided without a cluster: each fix, when it applies, and that it makes its finding pass. */
class RemediationPlanTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Engine ENGINE = Engine.standard();
    private static final RemediationPlan.Settings PERMITTED = new RemediationPlan.Settings(true, List.of("kube-system", "nospof"));
    private static final String ALL = "{single-replica: remediate, hpa-min-replicas: remediate, missing-pdb: remediate}";

    @Test
    void aSingleReplicaIsRaisedToThePolicyMinimum() {
        RemediationPlan plan = plan(view(deployment("web", 1, "")), policy(ALL + "\n  thresholds: {minReplicas: 3}"));
        assertThat(plan.writes()).singleElement().satisfies(p -> {
            assertThat(p.outcome()).isEqualTo(Outcome.APPLY);
            assertThat(p.fix()).isEqualTo(new Fix.ScaleWorkload("single-replica", workload(deployment("web", 1, "")).ref(), 1, 3));
            assertThat(p.fix().applyConfiguration()).isEqualTo(Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                    "metadata", Map.of("name", "web", "namespace", "shop"), "spec", Map.of("replicas", 3)));
            assertThat(p.decision().decidedBy()).isEqualTo("shop");
        });
    }

    @Test
    void withAnAutoscalerItsFloorIsRaisedOnceForBothChecksAndReplicasAreLeftAlone() {
        WorkloadView view = view(deployment("web", 1, ""), hpa("web", "minReplicas: 1\n  maxReplicas: 5"));
        RemediationPlan plan = plan(view, policy(ALL));
        assertThat(plan.planned()).extracting(p -> p.fix().checkId()).containsExactly("single-replica", "hpa-min-replicas");
        assertThat(plan.writes()).singleElement().satisfies(p -> {
            assertThat(p.fix()).isInstanceOf(Fix.RaiseAutoscalerFloor.class);
            assertThat(p.fix().applyConfiguration()).isEqualTo(Map.of("apiVersion", "autoscaling/v2", "kind", "HorizontalPodAutoscaler",
                    "metadata", Map.of("name", "web", "namespace", "shop"), "spec", Map.of("minReplicas", 2)));
            assertThat(p.fix().done()).isEqualTo("raised minReplicas of HPA web 1 → 2");
        });
    }

    @Test
    void nothingIsFixedThatTheUserChoseOnPurposeOrThatCouldNotBeValid() {
        // Scaled to zero: it serves nothing, and stays so.
        assertThat(plan(view(deployment("idle", 0, "")), policy(ALL)).planned()).isEmpty();
        // An HPA that may not go above 1: minReplicas 2 would be refused; the user chooses.
        assertThat(plan(view(deployment("web", 1, ""), hpa("web", "minReplicas: 1\n  maxReplicas: 1")), policy(ALL)).planned()).isEmpty();
        // Exempted by the workload's owner.
        assertThat(plan(view(deployment("web", 1, "annotations: {nospof.dev/ignore: \"*\", nospof.dev/ignore-reason: batch}")), policy(ALL))
                .planned()).isEmpty();
        // Audit mode: reported, not fixed.
        assertThat(plan(view(deployment("web", 1, "")), policy("{single-replica: enforce}")).planned()).isEmpty();
    }

    @Test
    void aBudgetIsCreatedForTwoOrMoreReplicasAndOnlyWhenNoneSelectsThePods() {
        Deployment web = deployment("web", 3, "");
        RemediationPlan plan = plan(view(web), policy(ALL));
        assertThat(plan.writes()).singleElement().satisfies(p -> {
            assertThat(p.fix()).isEqualTo(new Fix.CreatePdb("missing-pdb", workload(web).ref(), "web-nospof", Map.of("app", "web")));
            assertThat(p.fix().describe()).isEqualTo("create PodDisruptionBudget web-nospof (maxUnavailable: 1, selector app=web)");
        });
        assertThat(plan(view(web, pdb("users", "app: web", "")), policy(ALL)).planned()).isEmpty();
    }

    @Test
    void nospofsOwnBudgetIsKeptWhileWantedAndDeletedWhenNot() {
        Deployment web = deployment("web", 3, "");
        Pdb own = ownPdb(web);
        RemediationPlan kept = plan(view(web, own), policy(ALL));
        assertThat(kept.ownPdb()).contains(own);
        assertThat(kept.writes()).as("already in place: no write").isEmpty();
        assertThat(kept.deleteOwnPdb()).isEmpty();
        assertThat(plan(view(web, ownPdbWithoutEvictionPolicy(web)), policy(ALL)).writes()).as("an older budget of nospof's gains AlwaysAllow")
                .extracting(w -> w.fix().describe()).containsExactly("create PodDisruptionBudget web-nospof (maxUnavailable: 1, selector app=web)");

        assertThat(plan(view(deployment("web", 1, ""), own), policy("{missing-pdb: remediate}")).deleteOwnPdb())
                .contains("the workload has 1 effective replica (spec.replicas): a budget would block drains");
        // Replicas raised from 1 in the same evaluation: the budget is wanted again, not deleted and recreated.
        assertThat(plan(view(deployment("web", 1, ""), own), policy(ALL)).deleteOwnPdb()).isEmpty();
        assertThat(plan(view(web, own, pdb("users", "app: web", "")), policy(ALL)).deleteOwnPdb())
                .contains("another PodDisruptionBudget selects its pods");
        assertThat(plan(view(web, own), policy("{missing-pdb: warn}")).deleteOwnPdb())
                .contains("missing-pdb is in warn mode, not remediate (policy shop)");
        assertThat(plan(view(deployment("web", 3, "annotations: {nospof.dev/ignore: missing-pdb, nospof.dev/ignore-reason: later}"), own),
                policy(ALL)).deleteOwnPdb()).hasValueSatisfying(reason -> assertThat(reason).startsWith("missing-pdb is exempted: later"));
        // Without write access nothing is deleted either.
        assertThat(RemediationPlan.plan(evaluate(view(deployment("web", 1, ""))), assess(view(deployment("web", 1, "")), policy(ALL)),
                resolve(view(deployment("web", 1, "")), policy(ALL)).thresholds(), Optional.of(own),
                new RemediationPlan.Settings(false, List.of())).deleteOwnPdb()).isEmpty();
    }

    @Test
    void aBudgetWithNospofsLabelButAnotherOwnerIsNotNospofs() {
        Deployment web = deployment("web", 3, "");
        Pdb lookalike = new Pdb("shop", "web-nospof", dev.nospof.model.LabelSelector.matchLabels(Map.of("app", "web")), null,
                dev.nospof.model.IntOrPercent.number(1), "nospof", "some-other-uid", Pdb.ALWAYS_ALLOW);
        assertThat(RemediationPlan.ownPdb(view(web, lookalike))).isEmpty();
    }

    /** An operator's custom resource that controls the workload would undo a change to it: the budget, an object of its own, is made. */
    @Test
    void aWorkloadAnotherObjectControlsIsNotChangedButItsBudgetIsMade() {
        String owned = "ownerReferences: [{apiVersion: kafka.strimzi.io/v1beta2, kind: Kafka, name: events, uid: u1, controller: true}]";
        List<Planned> planned = plan(view(deployment("web", 1, owned)), policy(ALL)).planned();
        Planned scale = planned.stream().filter(p -> p.fix() instanceof Fix.ScaleWorkload).findFirst().orElseThrow();
        assertThat(scale.outcome()).isEqualTo(Outcome.CONTROLLED);
        assertThat(scale.reason()).isEqualTo("not applied: Kafka events (kafka.strimzi.io/v1beta2) controls Deployment web and would revert a"
                + " change made to it; change Kafka events instead; would raise spec.replicas of Deployment web from 1 to 2");
        assertThat(plan(view(deployment("web", 3, owned)), policy(ALL)).planned())
                .filteredOn(p -> p.fix() instanceof Fix.CreatePdb).extracting(Planned::outcome).containsExactly(Outcome.APPLY);
        String notController = "ownerReferences: [{apiVersion: v1, kind: ConfigMap, name: x, uid: u2}]";
        assertThat(plan(view(deployment("web", 1, notController)), policy(ALL)).planned().get(0).outcome()).isEqualTo(Outcome.APPLY);
    }

    @Test
    void gitOpsDryRunPermissionAndProtectedNamespacesEachSayWhyNothingIsApplied() {
        Planned argo = plan(view(deployment("web", 1, "annotations: {argocd.argoproj.io/tracking-id: \"shop:apps/Deployment:shop/web\"}")),
                policy(ALL)).planned().get(0);
        assertThat(argo.outcome()).isEqualTo(Outcome.GITOPS);
        assertThat(argo.reason()).isEqualTo("not applied: managed by Argo CD (argocd.argoproj.io/tracking-id: shop:apps/Deployment:shop/web),"
                + " which would revert a change made in the cluster; make it in Git (patch), or set remediate.force in policy shop");
        assertThat(plan(view(deployment("web", 1, "labels: {kustomize.toolkit.fluxcd.io/name: apps, kustomize.toolkit.fluxcd.io/namespace:"
                + " flux-system}")), policy(ALL)).planned().get(0).reason()).contains("managed by Flux (Kustomization flux-system/apps)");
        assertThat(plan(view(deployment("web", 1, "annotations: {argocd.argoproj.io/tracking-id: x}")),
                policy(ALL + "\n  remediate: {force: true}")).planned().get(0).outcome()).isEqualTo(Outcome.APPLY);

        Planned dryRun = plan(view(deployment("web", 1, "")), policy(ALL + "\n  remediate: {dryRun: true}")).planned().get(0);
        assertThat(dryRun.outcome()).isEqualTo(Outcome.DRY_RUN);
        assertThat(dryRun.reason()).isEqualTo("dry run (policy shop sets remediate.dryRun): would raise spec.replicas of Deployment web from 1 to 2");

        WorkloadView web = view(deployment("web", 1, ""));
        Planned denied = RemediationPlan.plan(evaluate(web), assess(web, policy(ALL)), resolve(web, policy(ALL)).thresholds(), Optional.empty(),
                new RemediationPlan.Settings(false, List.of())).planned().get(0);
        assertThat(denied.outcome()).isEqualTo(Outcome.NOT_PERMITTED);
        assertThat(denied.reason()).isEqualTo("not permitted: would raise spec.replicas of Deployment web from 1 to 2 (nospof may not write"
                + " workloads: the chart's remediation.enabled is false)");

        WorkloadView system = view(new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder(deployment("coredns", 1, "")).editMetadata()
                .withNamespace("kube-system").endMetadata().build());
        assertThat(plan(system, policy(ALL)).planned().get(0).outcome()).isEqualTo(Outcome.PROTECTED_NAMESPACE);
        RedundancyPolicy naming = SERIALIZATION.unmarshal("""
                apiVersion: nospof.dev/v1alpha1
                kind: RedundancyPolicy
                metadata: {name: system}
                spec:
                  selector: {namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [kube-system]}]}}
                  checks: %s
                """.formatted(ALL), RedundancyPolicy.class);
        assertThat(plan(system, naming).planned().get(0).outcome()).isEqualTo(Outcome.APPLY);
    }

    @Test
    void spreadIsAddedOnTheHostnameAndInAMultiZoneClusterOnTheZoneWithTheUsersConstraintsLeftAlone() {
        String spread = "{missing-spread: remediate, missing-zone-spread: remediate}";
        Deployment unspread = new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder(deployment("web", 3, "")).editSpec().editTemplate()
                .editSpec().withTopologySpreadConstraints().endSpec().endTemplate().endSpec().build();
        dev.nospof.model.LiveState zones = new dev.nospof.model.LiveState(List.of(), List.of(
                new dev.nospof.model.NodeInfo("a", Map.of("topology.kubernetes.io/zone", "z1"), true),
                new dev.nospof.model.NodeInfo("b", Map.of("topology.kubernetes.io/zone", "z2"), true)));
        WorkloadView view = new WorkloadView(workload(unspread), List.of(), List.of(), List.of(), List.of(), zones);
        RemediationPlan plan = plan(view, policy(spread));
        assertThat(plan.writes()).extracting(p -> ((Fix.AddSpread) p.fix()).topologyKey())
                .containsExactly("kubernetes.io/hostname", "topology.kubernetes.io/zone");
        assertThat(plan.writes().get(0).fix().applyConfiguration()).isEqualTo(Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", Map.of("name", "web", "namespace", "shop"), "spec", Map.of("template", Map.of("spec", Map.of(
                        "topologySpreadConstraints", List.of(Map.of("maxSkew", 1, "topologyKey", "kubernetes.io/hostname",
                                "whenUnsatisfiable", "ScheduleAnyway", "labelSelector", Map.of("matchLabels", Map.of("app", "web")))))))));
        WorkloadView fixed = view;
        for (Planned p : plan.writes()) {
            fixed = p.fix().applyTo(fixed);
        }
        assertThat(evaluate(fixed).findings()).extracting(f -> f.checkId()).doesNotContain("missing-spread", "missing-zone-spread");

        // The user's ScheduleAnyway constraint on the hostname that selects other pods: nospof's would merge into it. Not touched.
        Deployment usersOwn = new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder(unspread).editSpec().editTemplate().editSpec()
                .addNewTopologySpreadConstraint().withMaxSkew(1).withTopologyKey("kubernetes.io/hostname").withWhenUnsatisfiable("ScheduleAnyway")
                .withNewLabelSelector().withMatchLabels(Map.of("app", "other")).endLabelSelector().endTopologySpreadConstraint()
                .endSpec().endTemplate().endSpec().build();
        assertThat(plan(view(usersOwn), policy(spread)).planned()).isEmpty();
    }

    /** A fix applied to the view makes its finding pass: what the operator reports right after, and what audit --fix relies on. */
    @Test
    void eachFixMakesItsFindingPass() {
        for (WorkloadView view : List.of(view(deployment("web", 1, "")), view(deployment("web", 1, ""), hpa("web", "minReplicas: 1\n  maxReplicas: 5")),
                view(deployment("web", 3, "")))) {
            RemediationPlan plan = plan(view, policy(ALL));
            assertThat(plan.writes()).isNotEmpty();
            WorkloadView fixed = view;
            for (Planned p : plan.writes()) {
                fixed = p.fix().applyTo(fixed);
            }
            List<String> fixedChecks = plan.writes().stream().map(p -> p.fix().checkId()).toList();
            assertThat(evaluate(fixed).findings()).extracting(f -> f.checkId()).doesNotContainAnyElementsOf(fixedChecks);
            // Two replicas now need a budget: the next round adds it, and then nothing is left to do.
            for (int round = 0; round < 3 && !plan(fixed, policy(ALL)).writes().isEmpty(); round++) {
                for (Planned p : plan(fixed, policy(ALL)).writes()) {
                    fixed = p.fix().applyTo(fixed);
                }
            }
            assertThat(plan(fixed, policy(ALL)).writes()).isEmpty();
            assertThat(evaluate(fixed).findings()).extracting(f -> f.checkId())
                    .doesNotContain("single-replica", "hpa-min-replicas", "missing-pdb");
        }
    }

    @Test
    void aLongWorkloadNameGivesABudgetNameWithinTheLimit() {
        String name = "a".repeat(250);
        assertThat(Fixes.pdbName(name)).hasSize(253).endsWith("-nospof").startsWith("a".repeat(200));
        assertThat(Fixes.pdbName("web")).isEqualTo("web-nospof");
    }

    private static RemediationPlan plan(WorkloadView view, RedundancyPolicy policy) {
        WorkloadView basis = RemediationPlan.withoutOwnPdb(view);
        return RemediationPlan.plan(evaluate(basis, policy), assess(basis, policy), resolve(view, policy).thresholds(),
                RemediationPlan.ownPdb(view), PERMITTED);
    }

    private static Evaluation evaluate(WorkloadView view) {
        return ENGINE.evaluate(view);
    }

    private static Evaluation evaluate(WorkloadView view, RedundancyPolicy policy) {
        ResolvedPolicy resolved = resolve(view, policy);
        return ENGINE.evaluate(view, resolved.thresholds(), resolved.skippedChecks());
    }

    private static List<dev.nospof.policy.Assessment> assess(WorkloadView view, RedundancyPolicy policy) {
        return Assessments.assess(evaluate(view, policy), resolve(view, policy));
    }

    private static ResolvedPolicy resolve(WorkloadView view, RedundancyPolicy policy) {
        return PolicyResolver.resolve(List.of(policy), view.workload(), Map.of("team", "shop", "kubernetes.io/metadata.name",
                view.workload().namespace()), Instant.parse("2026-11-29T00:00:00Z"), ENGINE.checkIds());
    }

    private static RedundancyPolicy policy(String checks) {
        return SERIALIZATION.unmarshal("""
                apiVersion: nospof.dev/v1alpha1
                kind: RedundancyPolicy
                metadata: {name: shop}
                spec:
                  checks: %s
                """.formatted(checks), RedundancyPolicy.class);
    }

    private static Deployment deployment(String name, int replicas, String metadata) {
        return SERIALIZATION.unmarshal("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                  namespace: shop
                  uid: uid-%1$s
                  %3$s
                spec:
                  replicas: %2$d
                  selector: {matchLabels: {app: %1$s}}
                  template:
                    metadata: {labels: {app: %1$s}}
                    spec:
                      containers: [{name: app, image: app:1}]
                      topologySpreadConstraints:
                        - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: %1$s}}}
                """.formatted(name, replicas, metadata), Deployment.class);
    }

    private static Hpa hpa(String target, String spec) {
        return KubernetesViews.hpa(SERIALIZATION.unmarshal("""
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: %1$s, namespace: shop}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: %1$s}
                  %2$s
                """.formatted(target, spec), HorizontalPodAutoscaler.class));
    }

    private static Pdb pdb(String name, String matchLabels, String metadata) {
        return KubernetesViews.pdb(SERIALIZATION.unmarshal("""
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: %s, namespace: shop%s}
                spec: {maxUnavailable: 1, selector: {matchLabels: {%s}}}
                """.formatted(name, metadata, matchLabels), PodDisruptionBudget.class));
    }

    /** The budget nospof writes today for {@code workload}. */
    private static Pdb ownPdb(Deployment workload) {
        Pdb p = ownPdbWithoutEvictionPolicy(workload);
        return new Pdb(p.namespace(), p.name(), p.selector(), p.minAvailable(), p.maxUnavailable(), p.managedBy(), p.controllerUid(),
                Pdb.ALWAYS_ALLOW);
    }

    /** The budget nospof wrote before it set unhealthyPodEvictionPolicy. */
    private static Pdb ownPdbWithoutEvictionPolicy(Deployment workload) {
        String name = workload.getMetadata().getName();
        return pdb(name + "-nospof", "app: " + name, ", labels: {app.kubernetes.io/managed-by: nospof}, ownerReferences: [{apiVersion: apps/v1,"
                + " kind: Deployment, name: " + name + ", uid: uid-" + name + ", controller: true}]");
    }

    private static Workload workload(Deployment deployment) {
        return KubernetesViews.workload(deployment).orElseThrow();
    }

    private static WorkloadView view(Deployment deployment, Object... others) {
        List<Pdb> pdbs = java.util.Arrays.stream(others).filter(Pdb.class::isInstance).map(Pdb.class::cast).toList();
        List<Hpa> hpas = java.util.Arrays.stream(others).filter(Hpa.class::isInstance).map(Hpa.class::cast).toList();
        return new WorkloadView(workload(deployment), pdbs, hpas);
    }
}
