package dev.nospof.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nospof.engine.CelCheck;
import dev.nospof.engine.Engine;
import dev.nospof.policy.RedundancyPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What is generated for which policy; that the CEL denies what it should is AdmissionWebhookIT's, on a real API server. */
class CelPoliciesTest {

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    static final List<CelCheck> CHECKS = Engine.standard().checks().stream().filter(CelCheck.class::isInstance).map(CelCheck.class::cast)
            .toList();
    static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");
    static final List<String> EXCLUDED = List.of("kube-system", "nospof-system");

    @Test
    void theThreeChecksOneObjectDecidesHaveCel() {
        assertThat(CHECKS).extracting(CelCheck::id).containsExactlyInAnyOrder("single-replica", "pdb-blocks-eviction",
                "spread-not-self-selecting");
    }

    @Test
    void enforceAndWarnOfThoseChecksGenerateAPairWithTheModeAsAction() {
        RedundancyPolicy policy = policy("shop", """
                selector: {namespaceSelector: {matchLabels: {team: shop}}}
                defaultMode: audit
                checks: {single-replica: enforce, spread-not-self-selecting: warn, missing-pdb: enforce}
                """);
        var generated = CelPolicies.generate(List.of(policy), CHECKS, Set.of(), EXCLUDED, NOW);
        assertThat(generated).extracting(CelPolicies.Generated::name)
                .containsExactlyInAnyOrder("nospof-shop-single-replica", "nospof-shop-spread-not-self-selecting");
        var single = generated.stream().filter(g -> g.name().endsWith("single-replica")).findFirst().orElseThrow();
        assertThat(single.binding().getSpec().getValidationActions()).containsExactly("Deny");
        assertThat(single.binding().getSpec().getMatchResources().getNamespaceSelector().getMatchLabels()).containsEntry("team", "shop");
        assertThat(single.policy().getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "nospof")
                .containsEntry("nospof.dev/policy", "shop");
        assertThat(single.policy().getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getKind() + "/" + o.getName()).isEqualTo("RedundancyPolicy/shop"));
        assertThat(single.policy().getSpec().getFailurePolicy()).isEqualTo("Ignore");
        assertThat(single.policy().getSpec().getMatchConstraints().getNamespaceSelector().getMatchExpressions().get(0).getValues())
                .isEqualTo(EXCLUDED);
        assertThat(single.policy().getSpec().getValidations().get(0).getExpression())
                .isEqualTo("variables.skip || !(has(object.spec.replicas) && object.spec.replicas > 0 && object.spec.replicas < 2)");
        var spread = generated.stream().filter(g -> g.name().endsWith("spread-not-self-selecting")).findFirst().orElseThrow();
        assertThat(spread.binding().getSpec().getValidationActions()).containsExactly("Warn");
    }

    @Test
    void nothingForTheWebhookOnlyAuditOrInvalidPolicies() {
        assertThat(CelPolicies.generate(List.of(policy("hooked", "admission: webhook\ndefaultMode: enforce")), CHECKS, Set.of(),
                EXCLUDED, NOW)).isEmpty();
        assertThat(CelPolicies.generate(List.of(policy("audit", "defaultMode: audit")), CHECKS, Set.of(), EXCLUDED, NOW)).isEmpty();
        assertThat(CelPolicies.generate(List.of(policy("bad", "defaultMode: enforce\nthresholds: {minReplicas: 0}")), CHECKS, Set.of(),
                EXCLUDED, NOW)).isEmpty();
        assertThat(CelPolicies.generate(List.of(policy("cel", "admission: cel\ndefaultMode: enforce")), CHECKS, Set.of(), EXCLUDED, NOW))
                .hasSize(3);
    }

    @Test
    void aPdbCheckIsNotGeneratedForAPolicyThatSelectsByObjectLabelsOrKinds() {
        RedundancyPolicy byLabels = policy("labels", "defaultMode: enforce\nselector: {objectSelector: {matchLabels: {tier: web}}}");
        RedundancyPolicy byKind = policy("kinds", "defaultMode: enforce\nselector: {kinds: [StatefulSet]}");
        var generated = CelPolicies.generate(List.of(byLabels, byKind), CHECKS, Set.of(), EXCLUDED, NOW);
        assertThat(generated).extracting(CelPolicies.Generated::name).containsExactlyInAnyOrder("nospof-labels-single-replica",
                "nospof-labels-spread-not-self-selecting", "nospof-kinds-single-replica", "nospof-kinds-spread-not-self-selecting");
        var statefulSets = generated.stream().filter(g -> g.name().equals("nospof-kinds-single-replica")).findFirst().orElseThrow();
        assertThat(statefulSets.policy().getSpec().getMatchConstraints().getResourceRules()).singleElement()
                .satisfies(r -> assertThat(r.getResources()).containsExactly("statefulsets"));
        var labelled = generated.stream().filter(g -> g.name().equals("nospof-labels-single-replica")).findFirst().orElseThrow();
        assertThat(labelled.binding().getSpec().getMatchResources().getObjectSelector().getMatchLabels()).containsEntry("tier", "web");
    }

    @Test
    void exemptionsOfEveryPolicyAutoscaledWorkloadsAndTheStrictestMinimumForRatchetingAreSkipped() {
        RedundancyPolicy enforcing = policy("enforcing", "defaultMode: audit\nchecks: {single-replica: enforce}");
        RedundancyPolicy other = policy("other", """
                defaultMode: audit
                thresholds: {minReplicas: 3}
                exemptions:
                  - {namespaces: [legacy], workloads: "old-*.v1", checks: [single-replica], reason: retiring}
                  - {workloads: gone, checks: [single-replica], reason: expired, expires: "2026-01-01T00:00:00Z"}
                """);
        var generated = CelPolicies.generate(List.of(enforcing, other), CHECKS, Set.of("shop/Deployment/web"), EXCLUDED, NOW);
        String skip = generated.get(0).policy().getSpec().getVariables().get(0).getExpression();
        assertThat(skip).contains("(object.metadata.namespace in ['legacy'] && object.metadata.name.matches('^old\\\\-.*\\\\.v1$'))")
                .doesNotContain("gone")
                .contains("(object.metadata.namespace + '/' + request.kind.kind + '/' + object.metadata.name) in ['shop/Deployment/web']")
                .contains("oldObject.spec.replicas < 3")
                .contains("'nospof.dev/ignore' in object.metadata.annotations");
        assertThat(generated.get(0).policy().getSpec().getValidations().get(0).getExpression()).contains("object.spec.replicas < 2");
    }

    @Test
    void longNamesAreShortenedWithAHash() {
        String name = CelPolicies.name("p".repeat(253), "spread-not-self-selecting");
        assertThat(name).hasSizeLessThanOrEqualTo(253).startsWith("nospof-ppp").endsWith("-spread-not-self-selecting");
        assertThat(CelPolicies.literal("it's a \\ test")).isEqualTo("'it\\'s a \\\\ test'");
    }

    private static RedundancyPolicy policy(String name, String spec) {
        return SERIALIZATION.unmarshal("""
                apiVersion: nospof.dev/v1alpha1
                kind: RedundancyPolicy
                metadata: {name: %s, uid: uid-%s}
                spec:
                %s
                """.formatted(name, name, spec.indent(2)), RedundancyPolicy.class);
    }
}
