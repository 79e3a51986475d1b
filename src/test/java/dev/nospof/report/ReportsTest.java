package dev.nospof.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nospof.engine.Engine;
import dev.nospof.engine.Evaluation;
import dev.nospof.model.LabelSelector;
import dev.nospof.model.PodTemplate;
import dev.nospof.model.Workload;
import dev.nospof.model.WorkloadKind;
import dev.nospof.model.WorkloadRef;
import dev.nospof.model.WorkloadView;
import dev.nospof.policy.AnnotationExemptions;
import dev.nospof.policy.Mode;
import dev.nospof.policy.PolicyDecision;
import dev.nospof.policy.ResolvedPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportsTest {

    @Test
    void nameIsKindAndNameInLowerCase() {
        assertThat(Reports.name(new WorkloadRef(WorkloadKind.DEPLOYMENT, "ns", "web", null))).isEqualTo("deployment-web");
        assertThat(Reports.name(new WorkloadRef(WorkloadKind.STATEFUL_SET, "ns", "web", null))).isEqualTo("statefulset-web");
    }

    @Test
    void longNamesAreShortenedWithoutCollisions() {
        String a = Reports.name(new WorkloadRef(WorkloadKind.STATEFUL_SET, "ns", "a".repeat(250), null));
        String b = Reports.name(new WorkloadRef(WorkloadKind.STATEFUL_SET, "ns", "a".repeat(249) + "b", null));
        assertThat(a).hasSize(253).isNotEqualTo(b);
        assertThat(b).hasSize(253);
    }

    @Test
    void reportCarriesFindingsReplicasAndOwner() {
        SpofReport report = desired(evaluate(1, "uid-1"), "2026-01-01T00:00:00Z");

        assertThat(report.getMetadata().getName()).isEqualTo("deployment-web");
        assertThat(report.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo("uid-1"));
        assertThat(report.getStatus().getHighestSeverity()).isEqualTo("high");
        assertThat(report.getStatus().getFindingCount()).isEqualTo(1);
        assertThat(report.getStatus().getReplicas()).isEqualTo("1/-");
        assertThat(report.getStatus().getFailingChecks()).isEqualTo("single-replica");
        assertThat(report.getStatus().getFindings().get(0).getAutomaticRemediation()).isFalse();
        assertThat(report.getStatus().getFindings().get(0).getMode()).isEqualTo("audit");
        assertThat(report.getStatus().getFindings().get(0).getPolicy()).isEqualTo("default");
    }

    @Test
    void sameContentAtAnotherTimeIsNotAChange() {
        SpofReport before = desired(evaluate(1, "uid-1"), "2026-01-01T00:00:00Z");
        SpofReport now = desired(evaluate(1, "uid-1"), "2026-01-02T00:00:00Z");

        assertThat(Reports.sameIdentity(before, now)).isTrue();
        assertThat(Reports.sameStatus(before, now)).isTrue();
        assertThat(before.getStatus().getEvaluatedAt()).as("comparing does not touch the stored report")
                .isEqualTo("2026-01-01T00:00:00Z");
    }

    @Test
    void newFindingsOrNewOwnerAreChanges() {
        SpofReport before = desired(evaluate(1, "uid-1"), "t");

        assertThat(Reports.sameStatus(before, desired(evaluate(3, "uid-1"), "t"))).isFalse();
        assertThat(Reports.sameIdentity(before, desired(evaluate(1, "uid-2"), "t"))).isFalse();
        assertThat(Reports.sameStatus(null, before)).isFalse();
    }

    @Test
    void exemptedFindingsStayVisibleButDoNotCount() {
        Evaluation evaluation = evaluate(1, "uid-1", Map.of(AnnotationExemptions.IGNORE, "single-replica",
                AnnotationExemptions.IGNORE_REASON, "batch job, restarts are fine"));
        SpofReport report = desired(evaluation, "t");

        assertThat(report.getStatus().getFindingCount()).isZero();
        assertThat(report.getStatus().getExemptedCount()).isEqualTo(1);
        assertThat(report.getStatus().getHighestSeverity()).isEqualTo("none");
        assertThat(report.getStatus().getFailingChecks()).isNull();
        ReportFinding finding = report.getStatus().getFindings().get(0);
        assertThat(finding.getCheck()).isEqualTo("single-replica");
        assertThat(finding.getExempted()).isTrue();
        assertThat(finding.getExemptionReason()).isEqualTo("batch job, restarts are fine (annotation nospof.dev/ignore)");
    }

    /** A change nospof made stays listed while the check it fixed passes under a remediate policy; a budget while it exists. */
    @Test
    void remediatedChangesAreListedWhileTheyHold() {
        ResolvedPolicy remediating = new ResolvedPolicy(dev.nospof.engine.Thresholds.DEFAULTS, Map.of("single-replica",
                new PolicyDecision(Mode.REMEDIATE, "production"), "missing-pdb", new PolicyDecision(Mode.REMEDIATE, "production")),
                List.of("production"), List.of(), java.util.Optional.empty());
        Remediated raised = new Remediated("single-replica", "raised spec.replicas 1 → 2", "production", "2026-11-29T00:00:00Z");
        Remediated budget = new Remediated("missing-pdb", "created PodDisruptionBudget web-nospof (maxUnavailable: 1)", "production",
                "2026-11-29T00:00:00Z");
        Evaluation fixed = evaluate(2, "uid-1");
        assertThat(Reports.remediated(List.of(raised), List.of(budget), fixed, remediating, true)).containsExactly(raised, budget);
        assertThat(Reports.remediated(List.of(raised, budget), List.of(), fixed, remediating, false)).as("the budget is gone")
                .containsExactly(raised);
        assertThat(Reports.remediated(List.of(raised), List.of(), evaluate(1, "uid-1"), remediating, false)).as("single-replica fails again")
                .isEmpty();
        assertThat(Reports.remediated(List.of(raised), List.of(), fixed, ResolvedPolicy.DEFAULT, false)).as("no longer remediate")
                .isEmpty();
        assertThat(Reports.remediated(List.of(raised), List.of(raised), fixed, remediating, false)).as("listed once").containsExactly(raised);
    }

    private static SpofReport desired(Evaluation evaluation, String time) {
        return Reports.desired(evaluation, ResolvedPolicy.DEFAULT, time);
    }

    private static Evaluation evaluate(int replicas, String uid) {
        return evaluate(replicas, uid, Map.of());
    }

    private static Evaluation evaluate(int replicas, String uid, Map<String, String> annotations) {
        Workload workload = new Workload(new WorkloadRef(WorkloadKind.DEPLOYMENT, "ns", "web", uid), Map.of(), annotations,
                replicas, null, LabelSelector.matchLabels(Map.of("app", "web")),
                new PodTemplate(Map.of("app", "web"), List.of(), List.of()));
        return Engine.standard().evaluate(new WorkloadView(workload, List.of(), List.of()));
    }

    /** Thousands of stray PDBs and HPAs: the cluster report lists the most severe and counts the rest, far below etcd's limit. */
    @Test
    void theClusterReportListsTheMostSevereFindingsAndCountsTheRest() {
        List<dev.nospof.engine.Finding> findings = new java.util.ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            findings.add(new dev.nospof.engine.Finding("pdb-selects-nothing", dev.nospof.engine.Severity.MEDIUM,
                    "PodDisruptionBudget ns/pdb-" + i + " selects no pod of any workload", "fix its selector"));
        }
        findings.add(new dev.nospof.engine.Finding("webhook-spof", dev.nospof.engine.Severity.CRITICAL, "webhook", "fix"));
        var status = Reports.clusterStatus(new dev.nospof.model.ClusterView(List.of(), List.of(), List.of(), Map.of()), findings, Map.of(),
                List.of(), "2026-11-29T00:00:00Z");
        assertThat(status.getFindingCount()).isEqualTo(5001);
        assertThat(status.getFindings()).hasSize(ClusterSpofReportStatus.MAX_LISTED_FINDINGS);
        assertThat(status.getFindings().get(0).getCheck()).isEqualTo("webhook-spof");
        assertThat(status.getFindingsNotListed()).isEqualTo(5001 - ClusterSpofReportStatus.MAX_LISTED_FINDINGS);
        assertThat(new io.fabric8.kubernetes.client.utils.KubernetesSerialization().asJson(status).length()).isLessThan(200_000);
    }
}
