package dev.nospof.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nospof.engine.Check;
import dev.nospof.engine.CheckCatalogue;
import dev.nospof.engine.Thresholds;
import dev.nospof.model.LabelSelector;
import dev.nospof.model.PodTemplate;
import dev.nospof.model.Workload;
import dev.nospof.model.WorkloadKind;
import dev.nospof.model.WorkloadRef;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PolicyResolverTest {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final List<String> CHECKS = CheckCatalogue.all().stream().map(Check::id).toList();
    private static final Workload WEB = workload(WorkloadKind.DEPLOYMENT, "shop", "web", Map.of("team", "a"));

    @Test
    void withoutPoliciesEveryCheckIsAuditedWithDefaults() {
        ResolvedPolicy resolved = resolve(List.of(), WEB, Map.of());

        assertThat(resolved).isEqualTo(ResolvedPolicy.DEFAULT);
        assertThat(resolved.decision("missing-pdb")).isEqualTo(new PolicyDecision(Mode.AUDIT, "default"));
        assertThat(resolved.thresholds().minReplicas()).isEqualTo(2);
    }

    @Test
    void strictestModeWinsAndNamesItsPolicy() {
        ResolvedPolicy resolved = resolve(List.of(
                policy("b-team", "checks: {missing-pdb: warn, single-replica: enforce}"),
                policy("a-platform", "checks: {missing-pdb: enforce}\n  defaultMode: warn")), WEB, Map.of());

        assertThat(resolved.decision("missing-pdb")).isEqualTo(new PolicyDecision(Mode.ENFORCE, "a-platform"));
        assertThat(resolved.decision("single-replica")).isEqualTo(new PolicyDecision(Mode.ENFORCE, "b-team"));
        assertThat(resolved.decision("missing-spread")).isEqualTo(new PolicyDecision(Mode.WARN, "a-platform"));
        assertThat(resolved.policies()).containsExactly("a-platform", "b-team");
    }

    @Test
    void mergeDoesNotDependOnListOrder() {
        RedundancyPolicy a = policy("a", "checks: {missing-pdb: warn}");
        RedundancyPolicy b = policy("b", "checks: {missing-pdb: warn}");
        assertThat(resolve(List.of(a, b), WEB, Map.of())).isEqualTo(resolve(List.of(b, a), WEB, Map.of()));
        assertThat(resolve(List.of(b, a), WEB, Map.of()).decision("missing-pdb").decidedBy()).isEqualTo("a");
    }

    @Test
    void highestMinimumReplicasWins() {
        ResolvedPolicy resolved = resolve(List.of(policy("a", "thresholds: {minReplicas: 3}"),
                policy("b", "thresholds: {minReplicas: 2}")), WEB, Map.of());
        assertThat(resolved.thresholds().minReplicas()).isEqualTo(3);
    }

    @Test
    void topologyKeysComeFromTheFirstPolicyByNameThatSetsThem() {
        assertThat(resolve(List.of(policy("a", "thresholds: {minReplicas: 3}")), WEB, Map.of()).thresholds())
                .isEqualTo(new Thresholds(3, "kubernetes.io/hostname", "topology.kubernetes.io/zone"));

        ResolvedPolicy resolved = resolve(List.of(
                policy("c", "thresholds: {hostTopologyKey: example.com/node, zoneTopologyKey: example.com/zone}"),
                policy("b", "thresholds: {zoneTopologyKey: example.com/room}"),
                policy("a", "thresholds: {minReplicas: 3}")), WEB, Map.of());
        assertThat(resolved.thresholds()).isEqualTo(new Thresholds(3, "example.com/node", "example.com/room"));
    }

    @Test
    void aTopologyKeyMustBeALabelKey() {
        RedundancyPolicy bad = policy("bad", "thresholds: {zoneTopologyKey: \"my zone\", hostTopologyKey: example.com/}");

        assertThat(PolicyValidation.problems(bad)).containsExactly(
                "spec.thresholds.hostTopologyKey: example.com/ is not a label key (an optional DNS subdomain prefix and '/', "
                        + "then a name of up to 63 letters, digits, '-', '_' or '.')",
                "spec.thresholds.zoneTopologyKey: my zone is not a label key (an optional DNS subdomain prefix and '/', "
                        + "then a name of up to 63 letters, digits, '-', '_' or '.')");
        assertThat(PolicyValidation.problems(policy("good", "thresholds: {zoneTopologyKey: zone, hostTopologyKey: a.b-c.io/Node_1}")))
                .isEmpty();
    }

    @Test
    void offSkipsTheCheck() {
        assertThat(resolve(List.of(policy("a", "checks: {missing-spread: \"off\"}")), WEB, Map.of()).skippedChecks())
                .containsExactly("missing-spread");
    }

    @Test
    void selectorsOnKindNamespaceLabelsAndWorkloadLabels() {
        RedundancyPolicy prod = policy("prod", "selector:\n    namespaceSelector: {matchLabels: {env: prod}}\n"
                + "    objectSelector: {matchExpressions: [{key: team, operator: In, values: [a, b]}]}\n    kinds: [Deployment]");

        assertThat(resolve(List.of(prod), WEB, Map.of("env", "prod")).policies()).containsExactly("prod");
        assertThat(resolve(List.of(prod), WEB, Map.of("env", "dev")).policies()).isEmpty();
        assertThat(resolve(List.of(prod), workload(WorkloadKind.STATEFUL_SET, "shop", "web", Map.of("team", "a")),
                Map.of("env", "prod")).policies()).isEmpty();
        assertThat(resolve(List.of(prod), workload(WorkloadKind.DEPLOYMENT, "shop", "web", Map.of("team", "c")),
                Map.of("env", "prod")).policies()).isEmpty();
    }

    /** Workloads that operators run are selected by their kind; CloudNativePG's Cluster by group and kind. */
    @Test
    void kindsSelectWorkloadsThatOperatorsRun() {
        RedundancyPolicy monitoring = policy("monitoring", "selector:\n    kinds: [Prometheus, postgresql.cnpg.io/Cluster]");
        for (WorkloadKind kind : List.of(WorkloadKind.PROMETHEUS, WorkloadKind.CNPG_CLUSTER)) {
            assertThat(resolve(List.of(monitoring), workload(kind, "shop", "main", Map.of()), Map.of()).policies()).as(kind.kind())
                    .containsExactly("monitoring");
        }
        assertThat(resolve(List.of(monitoring), WEB, Map.of()).policies()).isEmpty();
        assertThat(resolve(List.of(monitoring), workload(new WorkloadKind("Prometheus", "monitoring.coreos.com/v1", "prometheus",
                "spec.replicas"), "shop", "main", Map.of()), Map.of()).policies()).as("an equal kind, not the same object").hasSize(1);
    }

    @Test
    void exemptionsApplyByNamespaceNamePatternAndCheckUntilTheyExpire() {
        RedundancyPolicy policy = policy("p", """
                exemptions:
                    - {namespaces: [shop], workloads: "w*b", checks: [missing-pdb], reason: migrating, expires: "2026-06-01T13:00:00Z"}
                    - {workloads: "batch-*", checks: ["*"], reason: batch}
                    - {checks: [single-replica], reason: old, expires: "2026-06-01T11:00:00Z"}""");

        ResolvedPolicy resolved = resolve(List.of(policy), WEB, Map.of());
        assertThat(resolved.exemptions()).containsExactly(
                new ResolvedPolicy.ExemptionRule(List.of("missing-pdb"), "migrating (until 2026-06-01T13:00:00Z)", "p"));
        assertThat(resolved.nextExpiry()).contains(Instant.parse("2026-06-01T13:00:00Z"));

        assertThat(resolve(List.of(policy), workload(WorkloadKind.DEPLOYMENT, "jobs", "batch-7", Map.of()), Map.of()).exemptions())
                .extracting(ResolvedPolicy.ExemptionRule::reason).containsExactly("batch");
    }

    @Test
    void policyWithProblemsSelectsNothing() {
        RedundancyPolicy bad = policy("bad", "selector:\n    objectSelector: {matchExpressions: [{key: team, operator: Equals, values: [a]}]}");

        assertThat(PolicyValidation.problems(bad)).containsExactly(
                "spec.selector.objectSelector.matchExpressions[0].operator: Equals is not one of In, NotIn, Exists, DoesNotExist");
        assertThat(resolve(List.of(bad), WEB, Map.of())).isEqualTo(ResolvedPolicy.DEFAULT);
    }

    @Test
    void namePatternsAreLiteralButForTheStar() {
        assertThat(Glob.of("batch-*").matches("batch-1")).isTrue();
        assertThat(Glob.of("a.b").matches("axb")).isFalse();
        assertThat(Glob.of("*").matches("anything")).isTrue();
        assertThat(Glob.of("*-db").matches("orders-db")).isTrue();
    }

    @Test
    void policySchemaKnowsExactlyTheCatalogueChecks() {
        CheckModes every = YAML.unmarshal(CHECKS.stream().map(id -> id + ": warn").collect(Collectors.joining("\n")), CheckModes.class);
        assertThat(every.asMap().keySet()).containsExactlyElementsOf(CHECKS);
        assertThat(Arrays.stream(CheckId.values()).map(CheckId::id).filter(id -> !id.equals("*")))
                .containsExactlyElementsOf(CHECKS);
    }

    private static ResolvedPolicy resolve(List<RedundancyPolicy> policies, Workload workload, Map<String, String> nsLabels) {
        return PolicyResolver.resolve(policies, workload, nsLabels, NOW, CHECKS);
    }

    static RedundancyPolicy policy(String name, String specBody) {
        return YAML.unmarshal("""
                apiVersion: nospof.dev/v1alpha1
                kind: RedundancyPolicy
                metadata: {name: %s}
                spec:
                  %s
                """.formatted(name, specBody), RedundancyPolicy.class);
    }

    private static Workload workload(WorkloadKind kind, String namespace, String name, Map<String, String> labels) {
        return new Workload(new WorkloadRef(kind, namespace, name, null), labels, Map.of(), 2, null,
                LabelSelector.matchLabels(Map.of("app", name)), new PodTemplate(Map.of("app", name), List.of(), List.of()));
    }
}
