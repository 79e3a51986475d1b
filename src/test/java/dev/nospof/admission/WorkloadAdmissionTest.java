package dev.nospof.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nospof.adapters.KubernetesViews;
import dev.nospof.engine.Engine;
import dev.nospof.model.Pdb;
import dev.nospof.model.Workload;
import dev.nospof.policy.RedundancyPolicy;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The engine's findings for an object at admission, turned into allow, warn or deny by the policies' modes, ratcheted on UPDATE. */
class WorkloadAdmissionTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Map<String, String> SHOP = Map.of("team", "shop");

    private final WorkloadAdmission admission = new WorkloadAdmission(Engine.standard());

    @Test
    void enforceDeniesNamingEveryCheckItsFixAndHowToExemptIt() {
        AdmissionVerdict verdict = judge(deployment(1, Map.of()), Optional.empty(), List.of(), policy("enforce"));
        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.message()).isEqualTo("""
                nospof: Deployment shop/web fails 1 enforced check:
                - single-replica (high): %s
                Enforced by RedundancyPolicy shop. To exempt it, annotate it nospof.dev/ignore: "single-replica" with a reason in \
                nospof.dev/ignore-reason, or add an exemption to the policy.""".formatted(singleReplica()));
    }

    /** admission: cel leaves the checks a ValidatingAdmissionPolicy can decide to it; the others stay the webhook's. */
    @Test
    void aPolicyThatLeavesACheckToItsCelPolicyIsNotAlsoJudgedHere() {
        RedundancyPolicy cel = policy("enforce", "missing-pdb: enforce");
        cel.getSpec().setAdmission(dev.nospof.policy.AdmissionVia.CEL);
        AdmissionVerdict verdict = judge(deployment(3, Map.of()), Optional.empty(), List.of(), cel);
        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.message()).contains("missing-pdb").doesNotContain("single-replica");
        assertThat(judge(deployment(1, Map.of()), Optional.empty(), List.of(), policy("enforce")).message()).contains("single-replica");
        RedundancyPolicy celSingle = policy("enforce");
        celSingle.getSpec().setAdmission(dev.nospof.policy.AdmissionVia.CEL);
        assertThat(judge(deployment(1, Map.of()), Optional.empty(), List.of(), celSingle).allowed()).isTrue();
    }

    @Test
    void warnAllowsWithAWarningAndAuditAllowsSilently() {
        AdmissionVerdict warned = judge(deployment(1, Map.of()), Optional.empty(), List.of(), policy("warn"));
        assertThat(warned.allowed()).isTrue();
        assertThat(warned.warnings()).containsExactly("nospof: single-replica (high): " + singleReplica().substring(0, singleReplica().indexOf("; fix: "))
                + " (policy shop warns)");

        assertThat(judge(deployment(1, Map.of()), Optional.empty(), List.of(), policy("audit"))).isEqualTo(AdmissionVerdict.ALLOW);
        assertThat(judge(deployment(1, Map.of()), Optional.empty(), List.of(), policy("remediate"))).isEqualTo(AdmissionVerdict.ALLOW);
    }

    @Test
    void anUpdateIsDeniedOnlyForWhatTheOldObjectDidNotAlreadyFail() {
        AdmissionVerdict newImage = judge(deployment(1, Map.of()), Optional.of(deployment(1, Map.of())), List.of(), policy("enforce"));
        assertThat(newImage.allowed()).isTrue();
        assertThat(newImage.warnings()).singleElement().asString().startsWith("nospof: single-replica (high)")
                .endsWith("(allowed: Deployment shop/web already failed it before this change)");

        AdmissionVerdict scaledDown = judge(deployment(1, Map.of()), Optional.of(deployment(3, Map.of())), List.of(pdb()), policy("enforce"));
        assertThat(scaledDown.allowed()).isFalse();
        assertThat(scaledDown.message()).startsWith("nospof: Deployment shop/web fails 1 enforced check:\n- single-replica (high)");

        assertThat(judge(deployment(3, Map.of()), Optional.of(deployment(1, Map.of())), List.of(pdb()), policy("enforce")).allowed()).isTrue();
    }

    /** The namespace's PDBs decide missing-pdb at admission, as in reports. */
    @Test
    void missingPdbIsDecidedWithTheNamespacesBudgets() {
        RedundancyPolicy policy = policy("audit", "missing-pdb: enforce");
        assertThat(judge(deployment(3, Map.of()), Optional.empty(), List.of(pdb()), policy).allowed()).isTrue();
        AdmissionVerdict withoutPdb = judge(deployment(3, Map.of()), Optional.empty(), List.of(), policy);
        assertThat(withoutPdb.allowed()).isFalse();
        assertThat(withoutPdb.message()).startsWith("nospof: Deployment shop/web fails 1 enforced check:\n- missing-pdb (");
    }

    @Test
    void exemptionsApplyAsInReports() {
        Deployment exempted = deployment(1, Map.of("nospof.dev/ignore", "single-replica", "nospof.dev/ignore-reason", "a singleton by design"));
        assertThat(judge(exempted, Optional.empty(), List.of(), policy("enforce"))).isEqualTo(AdmissionVerdict.ALLOW);
    }

    private AdmissionVerdict judge(Deployment deployment, Optional<Deployment> before, List<Pdb> pdbs, RedundancyPolicy policy) {
        return admission.judge(workload(deployment), before.map(WorkloadAdmissionTest::workload),
                new WorkloadAdmission.NamespaceContext(pdbs, List.of(), List.of(), List.of(), SHOP), List.of(policy), NOW);
    }

    private String singleReplica() {
        return admission.assess(workload(deployment(1, Map.of())), new WorkloadAdmission.NamespaceContext(List.of(), List.of(), List.of(), List.of(), SHOP),
                List.of(policy("enforce")), NOW).stream().filter(a -> a.finding().checkId().equals("single-replica")).findFirst()
                .map(a -> a.finding().message() + "; fix: " + a.finding().remediation()).orElseThrow();
    }

    private static Workload workload(Deployment deployment) {
        return KubernetesViews.deployment(deployment);
    }

    private static Deployment deployment(int replicas, Map<String, String> annotations) {
        Deployment d = SERIALIZATION.unmarshal("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec:
                  replicas: %d
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      topologySpreadConstraints:
                        - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}
                        - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: web}}}
                      containers: [{name: web, image: registry.example/web:1}]
                """.formatted(replicas), Deployment.class);
        d.getMetadata().setAnnotations(annotations);
        return d;
    }

    private static Pdb pdb() {
        return KubernetesViews.pdb(SERIALIZATION.unmarshal("""
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: web, namespace: shop}
                spec: {maxUnavailable: 1, selector: {matchLabels: {app: web}}}
                """, PodDisruptionBudget.class));
    }

    private static RedundancyPolicy policy(String singleReplica, String... moreChecks) {
        return SERIALIZATION.unmarshal("""
                apiVersion: nospof.dev/v1alpha1
                kind: RedundancyPolicy
                metadata: {name: shop}
                spec:
                  selector: {namespaceSelector: {matchLabels: {team: shop}}}
                  defaultMode: audit
                  checks:
                    single-replica: %s
                %s""".formatted(singleReplica, String.join("", List.of(moreChecks).stream().map(c -> "    " + c + "\n").toList())),
                RedundancyPolicy.class);
    }
}
