package dev.nospof.operator;

import dev.nospof.report.ReportFinding;
import dev.nospof.report.SpofReport;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Kubernetes Events on a workload when a finding appears (Warning, reason SpofFound) and when
 * it clears (Normal, SpofCleared), so {@code kubectl describe} shows them. Exempted findings
 * raise none; a workload raises at most {@link EventBudget#PER_WINDOW} in {@link EventBudget#WINDOW}.
 * An event that cannot be written is logged, never retried: reports are the record.
 */
final class FindingEvents {

    static final String FOUND = "SpofFound";
    static final String CLEARED = "SpofCleared";
    private static final Logger LOG = Logger.getLogger(FindingEvents.class);

    private FindingEvents() {
    }

    /**
     * Emits the difference between what {@code stored} said and what {@code desired} says, as far
     * as the workload's {@code budget} allows ({@code key} names it there).
     */
    static void emit(KubernetesClient client, HasMetadata workload, SpofReport stored, SpofReport desired, Instant now, EventBudget budget,
            String key) {
        Map<String, ReportFinding> before = counting(stored);
        Map<String, ReportFinding> after = counting(desired);
        List<String[]> events = new ArrayList<>();
        after.forEach((check, finding) -> {
            if (!before.containsKey(check)) {
                events.add(new String[] {"Warning", FOUND, check + ": " + finding.getMessage()});
            }
        });
        before.forEach((check, finding) -> {
            if (!after.containsKey(check)) {
                events.add(new String[] {"Normal", CLEARED, check + " no longer fails"});
            }
        });
        int allowed = events.isEmpty() ? 0 : budget.take(key, events.size(), now);
        events.subList(0, allowed).forEach(e -> write(client, workload, e[0], e[1], e[2], now));
        if (allowed < events.size()) {
            LOG.debugf("%s/%s: %d event(s) not written: more than %d in %s", workload.getMetadata().getNamespace(),
                    workload.getMetadata().getName(), events.size() - allowed, EventBudget.PER_WINDOW, EventBudget.WINDOW);
        }
    }

    private static Map<String, ReportFinding> counting(SpofReport report) {
        Map<String, ReportFinding> byCheck = new LinkedHashMap<>();
        if (report == null || report.getStatus() == null || report.getStatus().getFindings() == null) {
            return byCheck;
        }
        List<ReportFinding> findings = report.getStatus().getFindings();
        for (ReportFinding f : findings) {
            if (!Boolean.TRUE.equals(f.getExempted())) {
                byCheck.putIfAbsent(f.getCheck(), f);
            }
        }
        return byCheck;
    }

    static void write(KubernetesClient client, HasMetadata workload, String type, String reason, String message, Instant now) {
        String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
        var event = new EventBuilder()
                .withNewMetadata().withGenerateName(workload.getMetadata().getName() + ".")
                .withNamespace(workload.getMetadata().getNamespace()).endMetadata()
                .withNewInvolvedObject()
                .withApiVersion(workload.getApiVersion()).withKind(workload.getKind())
                .withName(workload.getMetadata().getName()).withNamespace(workload.getMetadata().getNamespace())
                .withUid(workload.getMetadata().getUid())
                .endInvolvedObject()
                .withType(type).withReason(reason).withMessage(message.length() > 1024 ? message.substring(0, 1021) + "..." : message)
                .withNewSource().withComponent("nospof").endSource()
                .withReportingComponent("nospof")
                .withFirstTimestamp(time).withLastTimestamp(time).withCount(1)
                .build();
        try {
            client.v1().events().inNamespace(workload.getMetadata().getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.warnf("could not record event %s on %s/%s: %s", reason, workload.getMetadata().getNamespace(),
                    workload.getMetadata().getName(), e.getMessage());
        }
    }
}
