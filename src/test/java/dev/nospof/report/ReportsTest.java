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
        SpofReport report = Reports.desired(evaluate(1, "uid-1"), "2026-01-01T00:00:00Z");

        assertThat(report.getMetadata().getName()).isEqualTo("deployment-web");
        assertThat(report.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo("uid-1"));
        assertThat(report.getStatus().getHighestSeverity()).isEqualTo("high");
        assertThat(report.getStatus().getFindingCount()).isEqualTo(1);
        assertThat(report.getStatus().getReplicas()).isEqualTo("1/-");
        assertThat(report.getStatus().getFailingChecks()).isEqualTo("single-replica");
        assertThat(report.getStatus().getFindings().get(0).getAutomaticRemediation()).isFalse();
    }

    @Test
    void sameContentAtAnotherTimeIsNotAChange() {
        SpofReport before = Reports.desired(evaluate(1, "uid-1"), "2026-01-01T00:00:00Z");
        SpofReport now = Reports.desired(evaluate(1, "uid-1"), "2026-01-02T00:00:00Z");

        assertThat(Reports.sameIdentity(before, now)).isTrue();
        assertThat(Reports.sameStatus(before, now)).isTrue();
        assertThat(before.getStatus().getEvaluatedAt()).as("comparing does not touch the stored report")
                .isEqualTo("2026-01-01T00:00:00Z");
    }

    @Test
    void newFindingsOrNewOwnerAreChanges() {
        SpofReport before = Reports.desired(evaluate(1, "uid-1"), "t");

        assertThat(Reports.sameStatus(before, Reports.desired(evaluate(3, "uid-1"), "t"))).isFalse();
        assertThat(Reports.sameIdentity(before, Reports.desired(evaluate(1, "uid-2"), "t"))).isFalse();
        assertThat(Reports.sameStatus(null, before)).isFalse();
    }

    private static Evaluation evaluate(int replicas, String uid) {
        Workload workload = new Workload(new WorkloadRef(WorkloadKind.DEPLOYMENT, "ns", "web", uid), Map.of(), Map.of(),
                replicas, null, LabelSelector.matchLabels(Map.of("app", "web")),
                new PodTemplate(Map.of("app", "web"), List.of(), List.of()));
        return Engine.standard().evaluate(new WorkloadView(workload, List.of(), List.of()));
    }
}
