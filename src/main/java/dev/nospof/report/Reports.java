package dev.nospof.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nospof.engine.Evaluation;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.model.ClusterView;
import dev.nospof.model.Workload;
import dev.nospof.policy.Assessment;
import dev.nospof.policy.Assessments;
import dev.nospof.policy.PolicyDecision;
import dev.nospof.policy.ResolvedPolicy;
import dev.nospof.model.WorkloadKind;
import dev.nospof.model.WorkloadRef;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** Turns an evaluation into the SpofReport users read, and decides whether a stored report is still current. */
public final class Reports {

    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "nospof";
    /** Lets each reconciler watch only the reports of its own workload kind. */
    public static final String WORKLOAD_KIND_LABEL = "nospof.dev/workload-kind";
    public static final String NO_FINDINGS = "none";

    private static final int MAX_NAME_LENGTH = 253;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private Reports() {
    }

    /** {@code deployment-web}: kind and name in lower case, so two kinds of one name never collide. */
    public static String name(WorkloadRef ref) {
        String name = kindLabel(ref.kind()) + "-" + ref.name().toLowerCase(Locale.ROOT);
        if (name.length() <= MAX_NAME_LENGTH) {
            return name;
        }
        String hash = sha256(name).substring(0, 10);
        return name.substring(0, MAX_NAME_LENGTH - hash.length() - 1) + "-" + hash;
    }

    /** The lower-case kind used in report names and in the workload-kind label ({@code statefulset}). */
    public static String kindLabel(WorkloadKind kind) {
        return kind.kind().toLowerCase(Locale.ROOT);
    }

    /**
     * The report for {@code evaluation} under {@code policy} (modes, exemptions), stamped with
     * {@code evaluatedAt} (RFC 3339).
     */
    public static SpofReport desired(Evaluation evaluation, ResolvedPolicy policy, String evaluatedAt) {
        List<Assessment> assessments = Assessments.assess(evaluation, policy);
        Workload workload = evaluation.view().workload();
        WorkloadRef ref = workload.ref();
        SpofReport report = new SpofReport();
        var meta = new ObjectMetaBuilder()
                .withName(name(ref))
                .withNamespace(ref.namespace())
                .withLabels(Map.of(MANAGED_BY_LABEL, MANAGED_BY, WORKLOAD_KIND_LABEL, kindLabel(ref.kind())));
        if (ref.uid() != null) {
            meta.withOwnerReferences(new OwnerReferenceBuilder()
                    .withApiVersion(ref.kind().apiVersion())
                    .withKind(ref.kind().kind())
                    .withName(ref.name())
                    .withUid(ref.uid())
                    .withController(true)
                    .build());
        }
        report.setMetadata(meta.build());

        SpofReportSpec spec = new SpofReportSpec();
        spec.setWorkload(new SpofReportSpec.WorkloadReference(ref.kind().apiVersion(), ref.kind().kind(), ref.name(), ref.uid()));
        report.setSpec(spec);

        List<Finding> counting = assessments.stream().filter(a -> !a.exempted()).map(Assessment::finding).toList();
        SpofReportStatus status = new SpofReportStatus();
        fill(status, counting, assessments.stream().map(Reports::reportFinding).toList(), evaluatedAt);
        status.setExemptedCount(assessments.size() - counting.size());
        Integer ready = workload.readyReplicas();
        status.setEffectiveReplicas(evaluation.replicas().value());
        status.setReadyReplicas(ready);
        status.setReplicas(evaluation.replicas().value() + "/" + (ready == null ? "-" : ready));
        status.setPolicies(policy.policies());
        report.setStatus(status);
        return report;
    }

    /**
     * The cluster report's status: the cluster findings (audited; policies do not cover them
     * yet) and the per-namespace counts of workload findings by severity.
     */
    public static ClusterSpofReportStatus clusterStatus(ClusterView cluster, List<Finding> findings,
            Map<String, Map<Severity, Long>> byNamespace, List<String> undecodable, String evaluatedAt) {
        ClusterSpofReportStatus status = new ClusterSpofReportStatus();
        // In catalogue order; only beyond the limit are the most severe chosen.
        List<Finding> listed = findings.size() <= ClusterSpofReportStatus.MAX_LISTED_FINDINGS ? findings
                : findings.stream().sorted(Comparator.comparing(Finding::severity)).limit(ClusterSpofReportStatus.MAX_LISTED_FINDINGS).toList();
        fill(status, findings, listed.stream().map(f -> {
                    ReportFinding r = new ReportFinding(f.checkId(), f.severity().id(), f.message(), f.remediation(), false);
                    r.setMode("audit");
                    r.setPolicy(PolicyDecision.BUILT_IN);
                    return r;
                }).toList(), evaluatedAt);
        status.setFindingsNotListed(findings.size() > ClusterSpofReportStatus.MAX_LISTED_FINDINGS
                ? findings.size() - ClusterSpofReportStatus.MAX_LISTED_FINDINGS : null);
        status.setNodes(cluster.nodes().size());
        status.setZones(cluster.zones().size());
        status.setNamespaces(new java.util.TreeMap<>(byNamespace).entrySet().stream().map(e -> {
            ClusterSpofReportStatus.NamespaceSummary s = new ClusterSpofReportStatus.NamespaceSummary();
            s.setNamespace(e.getKey());
            s.setCritical(e.getValue().getOrDefault(Severity.CRITICAL, 0L).intValue());
            s.setHigh(e.getValue().getOrDefault(Severity.HIGH, 0L).intValue());
            s.setMedium(e.getValue().getOrDefault(Severity.MEDIUM, 0L).intValue());
            s.setLow(e.getValue().getOrDefault(Severity.LOW, 0L).intValue());
            s.setInfo(e.getValue().getOrDefault(Severity.INFO, 0L).intValue());
            return s;
        }).toList());
        status.setUndecodableObjects(undecodable.isEmpty() ? null : undecodable.stream().limit(ClusterSpofReportStatus.MAX_LISTED).toList());
        return status;
    }

    /** The part every report shares: what counts (severity, count, check ids), every finding, the time. */
    private static void fill(FindingsStatus status, List<Finding> counting, List<ReportFinding> all, String evaluatedAt) {
        status.setHighestSeverity(counting.stream().map(Finding::severity).min(Comparator.naturalOrder()).map(Severity::id)
                .orElse(NO_FINDINGS));
        status.setFindingCount(counting.size());
        status.setFailingChecks(counting.isEmpty() ? null
                : counting.stream().map(Finding::checkId).distinct().collect(Collectors.joining(",")));
        status.setFindings(all);
        status.setEvaluatedAt(evaluatedAt);
    }

    private static ReportFinding reportFinding(Assessment assessment) {
        Finding f = assessment.finding();
        // Remediation is not implemented yet: nospof applies nothing itself, whatever the mode.
        ReportFinding finding = new ReportFinding(f.checkId(), f.severity().id(), f.message(), f.remediation(), false);
        finding.setMode(assessment.decision().mode().id());
        finding.setPolicy(assessment.decision().decidedBy());
        if (assessment.exempted()) {
            finding.setExempted(true);
            finding.setExemptionReason(assessment.exemption().reason() + " (" + assessment.exemption().source() + ")");
        }
        return finding;
    }

    /** Whether {@code stored} already has the owner, labels and spec of {@code desired}. */
    public static boolean sameIdentity(SpofReport stored, SpofReport desired) {
        if (stored == null) {
            return false;
        }
        Map<String, String> labels = Objects.requireNonNullElse(stored.getMetadata().getLabels(), Map.of());
        return Objects.equals(stored.getMetadata().getOwnerReferences(), desired.getMetadata().getOwnerReferences())
                && labels.entrySet().containsAll(desired.getMetadata().getLabels().entrySet())
                && asMap(stored.getSpec()).equals(asMap(desired.getSpec()));
    }

    /** Whether {@code stored} already says what {@code desired} says; only the evaluation time may differ. */
    public static boolean sameStatus(SpofReport stored, SpofReport desired) {
        return stored != null && sameContent(stored.getStatus(), desired.getStatus());
    }

    /** Whether two statuses say the same; only the evaluation time may differ. */
    public static boolean sameContent(FindingsStatus stored, FindingsStatus desired) {
        if (stored == null || stored.undecodable() != null) {
            return false;
        }
        Map<String, Object> before = asMap(stored);
        Map<String, Object> after = asMap(desired);
        before.remove("evaluatedAt");
        after.remove("evaluatedAt");
        return before.equals(after);
    }

    /** A copy as plain maps, so comparing never mutates a (cached) report. */
    private static Map<String, Object> asMap(Object value) {
        return value == null ? new HashMap<>() : JSON.convertValue(value, MAP);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
