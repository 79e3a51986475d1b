package dev.nospof.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.nospof.engine.Evaluation;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.engine.checks.HpaMinReplicasCheck;
import dev.nospof.engine.checks.MissingPdbCheck;
import dev.nospof.engine.cluster.BlastRadius;
import dev.nospof.engine.cluster.DrainBlockers;
import dev.nospof.model.ClusterView;
import dev.nospof.model.ObjectNames;
import dev.nospof.model.Workload;
import dev.nospof.model.WorkloadKind;
import dev.nospof.model.WorkloadRef;
import dev.nospof.policy.Assessment;
import dev.nospof.policy.Assessments;
import dev.nospof.policy.Mode;
import dev.nospof.policy.PolicyDecision;
import dev.nospof.policy.ResolvedPolicy;
import dev.nospof.remediation.Fix;
import dev.nospof.remediation.RemediationPlan;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Turns an evaluation into the SpofReport users read, and decides whether a stored report is still current. */
public final class Reports {

    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "nospof";
    /** Lets each reconciler watch only the reports of its own workload kind. */
    public static final String WORKLOAD_KIND_LABEL = "nospof.dev/workload-kind";
    public static final String NO_FINDINGS = "none";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper(
            YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build());
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private Reports() {
    }

    /** {@code deployment-web}: kind and name in lower case, so two kinds of one name never collide. */
    public static String name(WorkloadRef ref) {
        return ObjectNames.within(kindLabel(ref.kind()) + "-" + ref.name().toLowerCase(Locale.ROOT), "");
    }

    /** The lower-case kind used in report names and in the workload-kind label ({@code statefulset}, {@code cnpg-cluster}). */
    public static String kindLabel(WorkloadKind kind) {
        return kind.label();
    }

    /**
     * The report for {@code evaluation} under {@code policy} (modes, exemptions), stamped with
     * {@code evaluatedAt} (RFC 3339).
     */
    public static SpofReport desired(Evaluation evaluation, ResolvedPolicy policy, String evaluatedAt) {
        return desired(evaluation, policy, evaluatedAt, List.of(), List.of());
    }

    /**
     * The report with remediation: each finding whose fix is {@code planned} says what the fix is
     * and why it is not applied; {@code remediated} lists the changes nospof made that still hold.
     */
    public static SpofReport desired(Evaluation evaluation, ResolvedPolicy policy, String evaluatedAt, List<RemediationPlan.Planned> planned,
            List<Remediated> remediated) {
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
        fill(status, counting, assessments.stream().map(a -> withFix(reportFinding(a), a.finding(), planned)).toList(), evaluatedAt);
        status.setExemptedCount(assessments.size() - counting.size());
        Integer ready = workload.readyReplicas();
        status.setEffectiveReplicas(evaluation.replicas().value());
        status.setReadyReplicas(ready);
        status.setReplicas(evaluation.replicas().value() + "/" + (ready == null ? "-" : ready));
        status.setPolicies(policy.policies());
        status.setSinglePoint(BlastRadius.singlePoint(evaluation.view().live(), policy.thresholds().zoneTopologyKey()).orElse(null));
        status.setRemediated(remediated.isEmpty() ? null : remediated);
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

    /** {@code status} with what fails with each node and zone ({@link BlastRadius}), the worst first, bounded. */
    public static ClusterSpofReportStatus withBlastRadius(ClusterSpofReportStatus status, List<BlastRadius.Impact> nodes,
            List<BlastRadius.Impact> zones) {
        int max = ClusterSpofReportStatus.MAX_BLAST_RADIUS;
        status.setNodeBlastRadius(nodes.isEmpty() ? null : nodes.stream().limit(max).map(Reports::impact).toList());
        status.setNodeBlastRadiusNotListed(nodes.size() > max ? nodes.size() - max : null);
        status.setZoneBlastRadius(zones.isEmpty() ? null : zones.stream().limit(max).map(Reports::impact).toList());
        status.setWorstNode(nodes.isEmpty() || nodes.get(0).down().isEmpty() ? null
                : nodes.get(0).name() + ": " + nodes.get(0).down().size() + " workload" + (nodes.get(0).down().size() == 1 ? "" : "s") + " down");
        return status;
    }

    private static ClusterSpofReportStatus.Impact impact(BlastRadius.Impact impact) {
        int max = ClusterSpofReportStatus.MAX_IMPACT_NAMES;
        ClusterSpofReportStatus.Impact listed = new ClusterSpofReportStatus.Impact();
        listed.setName(impact.name());
        listed.setDown(impact.down().size());
        listed.setDownWorkloads(impact.down().isEmpty() ? null : impact.down().stream().limit(max).toList());
        listed.setBelowBudget(impact.belowBudget().size());
        listed.setBelowBudgetWorkloads(impact.belowBudget().isEmpty() ? null : impact.belowBudget().stream().limit(max).toList());
        return listed;
    }

    /** {@code status} with the nodes whose drain would hang ({@link DrainBlockers}), the most blocked first, bounded. */
    public static ClusterSpofReportStatus withDrainBlockers(ClusterSpofReportStatus status, List<DrainBlockers.Blocked> blocked) {
        int max = ClusterSpofReportStatus.MAX_LISTED;
        status.setDrainBlockers(blocked.isEmpty() ? null : blocked.stream().limit(max).map(b -> {
            ClusterSpofReportStatus.DrainBlockers node = new ClusterSpofReportStatus.DrainBlockers();
            node.setNode(b.node());
            node.setBlockedPods(b.pods().size());
            node.setPods(b.pods().stream().limit(max).toList());
            node.setBudgets(b.budgets().stream().limit(max).toList());
            return node;
        }).toList());
        status.setDrainBlockersNotListed(blocked.size() > max ? blocked.size() - max : null);
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
        // Not applied by nospof unless a planned fix says so (withFix).
        ReportFinding finding = new ReportFinding(f.checkId(), f.severity().id(), f.message(), f.remediation(), false);
        finding.setMode(assessment.decision().mode().id());
        finding.setPolicy(assessment.decision().decidedBy());
        if (assessment.exempted()) {
            finding.setExempted(true);
            finding.setExemptionReason(assessment.exemption().reason() + " (" + assessment.exemption().source() + ")");
        }
        return finding;
    }

    /** The finding with its planned fix, if it has one: what it is, whether nospof applies it, and the patch. */
    private static ReportFinding withFix(ReportFinding finding, Finding f, List<RemediationPlan.Planned> planned) {
        planned.stream().filter(p -> fixes(p.fix(), f)).findFirst().ifPresent(p -> {
            boolean applied = p.outcome() == RemediationPlan.Outcome.APPLY;
            finding.setAutomaticRemediation(applied);
            finding.setFix(new FindingFix(p.outcome().id(), p.fix().describe(), p.reason(),
                    applied ? null : yaml(p.outcome() == RemediationPlan.Outcome.GITOPS ? p.fix().gitPatch() : p.fix().applyConfiguration())));
        });
        return finding;
    }

    /** Whether {@code fix} is the fix of {@code finding}: its check's, and for an autoscaler's finding, that autoscaler's. */
    private static boolean fixes(Fix fix, Finding finding) {
        if (!fix.checkId().equals(finding.checkId())) {
            return false;
        }
        return !(fix instanceof Fix.RaiseAutoscalerFloor floor) || !finding.checkId().equals(HpaMinReplicasCheck.ID)
                || finding.message().startsWith(floor.autoscaler().describe() + " ");
    }

    /**
     * The changes nospof made that still hold: those {@code stored} listed and {@code applied} now,
     * for checks that pass and are still in remediate mode; a budget nospof created only while it exists.
     */
    public static List<Remediated> remediated(List<Remediated> stored, List<Remediated> applied, Evaluation evaluation,
            ResolvedPolicy policy, boolean ownPdbExists) {
        Set<String> failing = evaluation.findings().stream().map(Finding::checkId).collect(Collectors.toSet());
        List<Remediated> still = new ArrayList<>();
        for (Remediated r : Stream.concat(stored.stream(), applied.stream()).toList()) {
            boolean holds = r.getCheck().equals(MissingPdbCheck.ID) ? ownPdbExists
                    : !failing.contains(r.getCheck()) && policy.decision(r.getCheck()).mode() == Mode.REMEDIATE;
            if (holds && !still.contains(r)) {
                still.add(r);
            }
        }
        // The newest last; at most what the schema takes.
        int max = SpofReportStatus.MAX_REMEDIATED;
        return still.size() <= max ? still : still.subList(still.size() - max, still.size());
    }

    private static String yaml(Map<String, Object> object) {
        try {
            return YAML.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
}
