package dev.nospof.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nospof.report.FindingFix;
import dev.nospof.report.ReportFinding;
import dev.nospof.report.SpofReport;
import dev.nospof.report.SpofReportStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the reports say of each policy, counted as they are written: the policy reconciler's numbers. */
class OperatorMetricsTest {

    @Test
    void policiesAreCountedAsReportsChangeAndGo() {
        OperatorMetrics metrics = new OperatorMetrics(new SimpleMeterRegistry());
        List<Set<String>> heard = new ArrayList<>();
        metrics.onPolicyChange(heard::add);

        metrics.recordReport("deployment/shop/web", report(List.of("production"), "production"));
        metrics.recordReport("deployment/shop/api", report(List.of("production", "team"), null));
        assertThat(metrics.selectedBy("production")).isEqualTo(2);
        assertThat(metrics.selectedBy("team")).isEqualTo(1);
        assertThat(metrics.notPermitted("production")).isEqualTo(1);

        metrics.recordReport("deployment/shop/web", report(List.of("production"), "production"));
        assertThat(heard).as("an unchanged report tells nobody").hasSize(2);

        metrics.recordReport("deployment/shop/web", report(List.of("production"), null));
        assertThat(metrics.notPermitted("production")).isZero();
        metrics.forget("deployment/shop/api");
        assertThat(metrics.selectedBy("production")).isEqualTo(1);
        assertThat(metrics.selectedBy("team")).isZero();
        assertThat(heard.get(heard.size() - 1)).containsExactlyInAnyOrder("production", "team");
    }

    private static SpofReport report(List<String> policies, String notPermittedBy) {
        SpofReport report = new SpofReport();
        report.setMetadata(new ObjectMetaBuilder().withName("r").withNamespace("shop").build());
        SpofReportStatus status = new SpofReportStatus();
        status.setPolicies(policies);
        List<ReportFinding> findings = new ArrayList<>();
        if (notPermittedBy != null) {
            ReportFinding finding = new ReportFinding("single-replica", "high", "1 replica", "scale it", false);
            finding.setPolicy(notPermittedBy);
            finding.setFix(new FindingFix("not-permitted", "raise spec.replicas", "not permitted: would ...", null));
            findings.add(finding);
        }
        status.setFindings(findings);
        report.setStatus(status);
        return report;
    }
}
