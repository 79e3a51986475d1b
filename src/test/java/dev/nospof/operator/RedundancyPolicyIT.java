package dev.nospof.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nospof.policy.RedundancyPolicy;
import dev.nospof.report.ReportFinding;
import dev.nospof.report.SpofReport;
import dev.nospof.testing.ClusterExtension;
import dev.nospof.testing.CommandResult;
import dev.nospof.testing.TestCluster;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * RedundancyPolicies as a user meets them: refused by kubectl when invalid, merged when
 * several select a workload, exemptions that end by themselves. Every policy here selects
 * only this class's namespace (by a label on it), so other test classes are not affected.
 */
@ExtendWith(ClusterExtension.class)
class RedundancyPolicyIT {

    static TestCluster cluster;

    private static final Duration WITHIN_SECONDS = Duration.ofSeconds(20);

    @BeforeAll
    static void labelNamespace() {
        cluster.client().namespaces().withName(cluster.namespace())
                .edit(ns -> { ns.getMetadata().setLabels(java.util.Map.of("nospof-it", cluster.namespace())); return ns; });
    }

    @AfterEach
    void deletePolicies() {
        cluster.client().resources(RedundancyPolicy.class).withLabel("nospof-it", cluster.namespace()).delete();
    }

    @Test
    void invalidPoliciesAreRefusedByKubectlWithTheFieldNamed() {
        CommandResult unknownCheck = cluster.kubectlApply(policy("bad-check", "checks: {missing-pbd: warn}"));
        assertThat(unknownCheck.exitCode()).isNotZero();
        assertThat(unknownCheck.output()).contains("unknown field \"spec.checks.missing-pbd\"");

        CommandResult unknownExemptedCheck = cluster.kubectlApply(policy("bad-exempted-check",
                "exemptions: [{checks: [missing-pbd], reason: typo}]"));
        assertThat(unknownExemptedCheck.exitCode()).isNotZero();
        assertThat(unknownExemptedCheck.output()).contains("spec.exemptions[0].checks[0]: Unsupported value: \"missing-pbd\"")
                .contains("\"missing-pdb\"");

        CommandResult badExpiry = cluster.kubectlApply(policy("bad-expiry",
                "exemptions: [{checks: [missing-pdb], reason: later, expires: next week}]"));
        assertThat(badExpiry.exitCode()).isNotZero();
        assertThat(badExpiry.output()).contains("spec.exemptions[0].expires").contains("must be an RFC 3339 time");

        CommandResult unknownMode = cluster.kubectlApply(policy("bad-mode", "checks: {missing-pdb: loud}"));
        assertThat(unknownMode.exitCode()).isNotZero();
        assertThat(unknownMode.output()).contains("spec.checks.missing-pdb: Unsupported value: \"loud\"")
                .contains("\"audit\"", "\"enforce\"", "\"off\"", "\"remediate\"", "\"warn\"");

        CommandResult zeroReplicas = cluster.kubectlApply(policy("bad-min", "thresholds: {minReplicas: 0}"));
        assertThat(zeroReplicas.exitCode()).isNotZero();
        assertThat(zeroReplicas.output()).contains("spec.thresholds.minReplicas: Invalid value: 0")
                .contains("should be greater than or equal to 1");

        CommandResult badKey = cluster.kubectlApply(policy("bad-key", "thresholds: {zoneTopologyKey: \"my zone\"}"));
        assertThat(badKey.exitCode()).isNotZero();
        assertThat(badKey.output()).contains("spec.thresholds.zoneTopologyKey: Invalid value: \"my zone\"");

        CommandResult noReason = cluster.kubectlApply(policy("bad-exemption", "exemptions: [{checks: [missing-pdb]}]"));
        assertThat(noReason.exitCode()).isNotZero();
        assertThat(noReason.output()).contains("spec.exemptions[0].reason: Required value");

        // Declared workload kinds: field paths as kubectl's JSONPath writes them, exactly one way to find the pods.
        CommandResult badPath = cluster.kubectlApply(policy("bad-path", "workloadKinds: [{group: kafka.strimzi.io, version: v1beta2, "
                + "kind: Kafka, replicasPath: \"{.spec.replicas[*]}\", podLabels: {strimzi.io/cluster: $(name)}}]"));
        assertThat(badPath.exitCode()).isNotZero();
        assertThat(badPath.output()).contains("spec.workloadKinds[0].replicasPath: Invalid value: \"{.spec.replicas[*]}\"");
        CommandResult bothWays = cluster.kubectlApply(policy("bad-pods", "workloadKinds: [{group: kafka.strimzi.io, version: v1beta2, "
                + "kind: Kafka, replicasPath: .spec.kafka.replicas, podSelectorPath: .spec.selector, podLabels: {a: b}}]"));
        assertThat(bothWays.exitCode()).isNotZero();
        assertThat(bothWays.output()).contains("spec.workloadKinds[0]: Invalid value").contains("set exactly one of podSelectorPath and podLabels");
        CommandResult noGroup = cluster.kubectlApply(policy("bad-group", "workloadKinds: [{version: v1, kind: Kafka, "
                + "replicasPath: .spec.replicas, podLabels: {a: b}}]"));
        assertThat(noGroup.exitCode()).isNotZero();
        assertThat(noGroup.output()).contains("spec.workloadKinds[0].group: Required value");

        assertThat(cluster.client().resources(RedundancyPolicy.class).withLabel("nospof-it", cluster.namespace()).list().getItems())
                .isEmpty();
    }

    @Test
    void policyThresholdAndModeShowInTheReportAndThePolicyCountsWhatItSelects() {
        create(SpofReportIT.deployment("pair", 2));
        cluster.awaitReport("deployment-pair", r -> TestCluster.checks(r).equals(List.of("missing-pdb", "missing-spread")));

        assertApplied(policy("strict", "thresholds: {minReplicas: 3}\n  checks: {single-replica: enforce, missing-spread: \"off\"}"));

        SpofReport report = cluster.awaitReport("deployment-pair", r -> TestCluster.checks(r).equals(List.of("single-replica", "missing-pdb")));
        ReportFinding single = report.getStatus().getFindings().get(0);
        assertThat(single.getMessage()).contains("below the minimum of 3");
        assertThat(single.getMode()).isEqualTo("enforce");
        assertThat(single.getPolicy()).isEqualTo("strict");
        assertThat(report.getStatus().getFindings().get(1).getMode()).isEqualTo("audit");
        assertThat(report.getStatus().getPolicies()).containsExactly("strict");

        await("policy status").atMost(WITHIN_SECONDS).untilAsserted(() -> {
            RedundancyPolicy policy = cluster.client().resources(RedundancyPolicy.class).withName("strict").get();
            assertThat(policy.getStatus()).isNotNull();
            assertThat(policy.getStatus().getValid()).isTrue();
            // The policy selects every workload of this namespace (other tests add theirs).
            int workloads = cluster.client().apps().deployments().inNamespace(cluster.namespace()).list().getItems().size();
            assertThat(policy.getStatus().getSelectedWorkloads()).isEqualTo(workloads);
        });
        CommandResult table = cluster.kubectl("get", "rp", "strict");
        assertThat(table.output().lines().toList().get(0).split("\\s+"))
                .containsExactly("NAME", "DEFAULT", "MIN-REPLICAS", "SELECTED", "VALID", "AGE");
    }

    @Test
    void aPolicysHostTopologyKeyIsTheSpreadThatCounts() {
        Deployment racks = SpofReportIT.deployment("racks", 2);
        racks.getSpec().getTemplate().getSpec().setTopologySpreadConstraints(List.of(new TopologySpreadConstraintBuilder()
                .withMaxSkew(1).withTopologyKey("example.com/node").withWhenUnsatisfiable("ScheduleAnyway")
                .withNewLabelSelector().withMatchLabels(Map.of("app", "racks")).endLabelSelector().build()));
        create(racks);
        cluster.awaitReport("deployment-racks", r -> TestCluster.checks(r).equals(List.of("missing-pdb", "missing-spread")));

        assertApplied(policy("own-node-label", "thresholds: {hostTopologyKey: example.com/node}"));

        cluster.awaitReport("deployment-racks", r -> TestCluster.checks(r).equals(List.of("missing-pdb")));
    }

    @Test
    void strictestOfTwoPoliciesWinsAndIsNamed() {
        create(SpofReportIT.deployment("merged", 3));
        assertApplied(policy("team-b", "checks: {missing-pdb: warn}"));
        assertApplied(policy("team-a", "checks: {missing-pdb: enforce}"));

        SpofReport report = cluster.awaitReport("deployment-merged", r -> r.getStatus().getFindings().stream()
                .anyMatch(f -> f.getCheck().equals("missing-pdb") && "enforce".equals(f.getMode())));
        ReportFinding pdb = report.getStatus().getFindings().stream().filter(f -> f.getCheck().equals("missing-pdb")).findFirst().orElseThrow();
        assertThat(pdb.getPolicy()).isEqualTo("team-a");
        assertThat(report.getStatus().getPolicies()).containsExactly("team-a", "team-b");
    }

    @Test
    void expiredExemptionStopsApplyingWithoutAnyoneTouchingIt() {
        create(SpofReportIT.deployment("temporary", 1));
        String expires = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS).toString();
        assertApplied(policy("grace", "exemptions: [{workloads: \"temp*\", checks: [single-replica], reason: migration week, expires: \""
                + expires + "\"}]"));

        SpofReport exempted = cluster.awaitReport("deployment-temporary", r -> r.getStatus().getExemptedCount() != null
                && r.getStatus().getExemptedCount() == 1);
        assertThat(exempted.getStatus().getFindingCount()).isZero();
        assertThat(exempted.getStatus().getFindings().get(0).getExemptionReason())
                .isEqualTo("migration week (until " + expires + ") (RedundancyPolicy grace)");

        SpofReport expired = cluster.awaitReport("deployment-temporary", r -> r.getStatus().getFindingCount() == 1);
        assertThat(expired.getStatus().getHighestSeverity()).isEqualTo("high");
        assertThat(expired.getStatus().getFindings().get(0).getExempted()).isNull();
    }

    /** Limits the schema sets so that a policy can neither overflow nospof's integers nor make a name pattern unbounded. */
    @Test
    void oversizedNumbersAndPatternsAreRefusedByKubectl() {
        CommandResult huge = cluster.kubectlApply(policy("huge-min", "thresholds: {minReplicas: 3000000000}"));
        assertThat(huge.exitCode()).isNotZero();
        assertThat(huge.output()).contains("spec.thresholds.minReplicas: Invalid value: 3000000000")
                .contains("should be less than or equal to 1000");

        CommandResult longPattern = cluster.kubectlApply(policy("long-pattern", "exemptions: [{workloads: \"" + "*a".repeat(127)
                + "\", checks: [single-replica], reason: too long}]"));
        assertThat(longPattern.exitCode()).isNotZero();
        assertThat(longPattern.output()).contains("spec.exemptions[0].workloads: Too long: may not be").contains("253");
    }

    /**
     * An exemption pattern that a backtracking regular expression takes forever on, against a long
     * workload name: the workload is still evaluated, and so is a change that comes after it.
     */
    @Test
    void aHostileExemptionPatternDoesNotStopEvaluation() {
        assertApplied(policy("hostile", "exemptions: [{workloads: \"*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b\", checks: [single-replica], "
                + "reason: hostile}]"));
        Deployment longName = SpofReportIT.deployment("long", 1);
        longName.getMetadata().setName("a".repeat(200));
        create(longName);
        SpofReport evaluated = cluster.awaitReport("deployment-" + "a".repeat(200), r -> r.getStatus().getFindingCount() != null);
        assertThat(evaluated.getStatus().getFailingChecks()).contains("single-replica");

        create(SpofReportIT.deployment("after-hostile", 1));
        SpofReport after = cluster.awaitReport("deployment-after-hostile", r -> r.getStatus().getFindingCount() != null);
        assertThat(after.getStatus().getFailingChecks()).contains("single-replica");
    }

    // ---- helpers

    private static String policy(String name, String specBody) {
        return """
                apiVersion: nospof.dev/v1alpha1
                kind: RedundancyPolicy
                metadata:
                  name: %s
                  labels: {nospof-it: %s}
                spec:
                  selector:
                    namespaceSelector: {matchLabels: {nospof-it: %s}}
                  %s
                """.formatted(name, cluster.namespace(), cluster.namespace(), specBody);
    }

    private static void assertApplied(String manifest) {
        CommandResult result = cluster.kubectlApply(manifest);
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private static void create(Deployment deployment) {
        deployment.getMetadata().setNamespace(cluster.namespace());
        cluster.client().resource(deployment).create();
    }


}
