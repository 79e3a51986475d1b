package dev.nospof.admission;

import dev.nospof.engine.CelCheck;
import dev.nospof.engine.Thresholds;
import dev.nospof.engine.checks.PdbBlocksEvictionCheck;
import dev.nospof.engine.checks.SingleReplicaCheck;
import dev.nospof.policy.AnnotationExemptions;
import dev.nospof.policy.CheckId;
import dev.nospof.policy.Glob;
import dev.nospof.policy.Mode;
import dev.nospof.policy.PolicyResolver;
import dev.nospof.policy.PolicyValidation;
import dev.nospof.policy.RedundancyPolicy;
import dev.nospof.policy.RedundancyPolicySpec;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperationsBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBindingBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.VariableBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The ValidatingAdmissionPolicies (and their bindings) that enforce a RedundancyPolicy's warn and
 * enforce inside the API server, so that they hold while nospof is down: one per policy and
 * {@link CelCheck}, in CEL the check itself provides. The CEL must never deny what the webhook
 * admits, so it is a subset of the webhook's judgement: it skips what one object cannot decide
 * (a workload an autoscaler targets: its floor is elsewhere; a ReplicaSet a Deployment owns),
 * applies the exemptions of every policy (annotations included), ratchets updates against the
 * strictest minimum of any policy, and is not generated where the policy's selection cannot be
 * expressed (a PDB check for a policy that selects by object labels or kinds).
 */
public final class CelPolicies {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String POLICY_LABEL = "nospof.dev/policy";
    public static final String CHECK_LABEL = "nospof.dev/check";

    /** One generated pair, named alike. */
    public record Generated(ValidatingAdmissionPolicy policy, ValidatingAdmissionPolicyBinding binding) {

        public String name() {
            return policy.getMetadata().getName();
        }
    }

    private CelPolicies() {
    }

    /**
     * What the policies ask for, now.
     *
     * @param autoscaled         {@code namespace/Kind/name} of every workload an HPA or ScaledObject targets
     * @param excludedNamespaces never judged: kube-system and nospof's own
     */
    public static List<Generated> generate(List<RedundancyPolicy> policies, List<CelCheck> checks, Collection<String> autoscaled,
            List<String> excludedNamespaces, Instant now) {
        List<RedundancyPolicy> valid = policies.stream()
                .filter(p -> p.getSpec() != null && PolicyValidation.problems(p).isEmpty()).toList();
        int strictestMinimum = valid.stream().map(p -> minReplicas(p.getSpec())).max(Integer::compare)
                .orElse(Thresholds.DEFAULTS.minReplicas());
        List<Generated> generated = new ArrayList<>();
        for (RedundancyPolicy policy : valid) {
            RedundancyPolicySpec spec = policy.getSpec();
            if (spec.getAdmission() == null || !spec.getAdmission().cel()) {
                continue;
            }
            for (CelCheck check : checks) {
                Mode mode = spec.getChecks() == null ? null : spec.getChecks().asMap().get(check.id());
                mode = Objects.requireNonNullElse(mode, Objects.requireNonNullElse(spec.getDefaultMode(), Mode.AUDIT));
                if (mode != Mode.ENFORCE && mode != Mode.WARN) {
                    continue;
                }
                List<CelCheck.Resource> resources = resources(spec, check);
                if (resources.isEmpty()) {
                    continue;
                }
                generated.add(pair(policy, check, mode, resources, valid, strictestMinimum, autoscaled, excludedNamespaces, now));
            }
        }
        return generated;
    }

    /** The resources of the check that the policy's selection takes; none when the selection cannot be expressed for them. */
    private static List<CelCheck.Resource> resources(RedundancyPolicySpec spec, CelCheck check) {
        RedundancyPolicySpec.Selection selection = spec.getSelector();
        boolean byKind = selection != null && selection.getKinds() != null && !selection.getKinds().isEmpty();
        if (check.id().equals(PdbBlocksEvictionCheck.ID)) {
            // A PDB carries neither the workload's labels nor its kind.
            return byKind || selection != null && selection.getObjectSelector() != null ? List.of() : check.celResources();
        }
        if (!byKind) {
            return check.celResources();
        }
        return check.celResources().stream()
                .filter(r -> selection.getKinds().stream().anyMatch(k -> k.kind().kind().equals(r.kind()))).toList();
    }

    private static Generated pair(RedundancyPolicy policy, CelCheck check, Mode mode, List<CelCheck.Resource> resources,
            List<RedundancyPolicy> valid, int strictestMinimum, Collection<String> autoscaled, List<String> excludedNamespaces,
            Instant now) {
        String name = name(policy.getMetadata().getName(), check.id());
        Thresholds thresholds = new Thresholds(minReplicas(policy.getSpec()), Thresholds.HOSTNAME, Thresholds.ZONE);
        Thresholds strictest = new Thresholds(strictestMinimum, Thresholds.HOSTNAME, Thresholds.ZONE);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED_BY, "nospof");
        labels.put(POLICY_LABEL, policy.getMetadata().getName());
        labels.put(CHECK_LABEL, check.id());
        var owner = new OwnerReferenceBuilder().withApiVersion(policy.getApiVersion()).withKind(policy.getKind())
                .withName(policy.getMetadata().getName()).withUid(policy.getMetadata().getUid()).build();

        List<String> skips = new ArrayList<>();
        skips.add("(has(object.metadata.annotations) && '" + AnnotationExemptions.IGNORE + "' in object.metadata.annotations"
                + " && (object.metadata.annotations['" + AnnotationExemptions.IGNORE + "'].trim() == '*'"
                + " || object.metadata.annotations['" + AnnotationExemptions.IGNORE + "'].split(',').exists(c, c.trim() == '"
                + check.id() + "')))");
        skips.add("(request.kind.kind in ['ReplicaSet', 'ReplicationController'] && has(object.metadata.ownerReferences)"
                + " && object.metadata.ownerReferences.exists(o, has(o.controller) && o.controller))");
        // Ratcheting: an object that already failed may change (the strictest minimum of any policy decides "failed").
        skips.add("(oldObject != null && (" + check.celFails(strictest).replace("object.", "oldObject.") + "))");
        exemptions(valid, check, now).ifPresent(skips::add);
        if (check.id().equals(SingleReplicaCheck.ID) && !autoscaled.isEmpty()) {
            // Its floor is the autoscaler's, which one object does not show: the webhook judges it.
            skips.add("(object.metadata.namespace + '/' + request.kind.kind + '/' + object.metadata.name) in ["
                    + autoscaled.stream().sorted().map(CelPolicies::literal).collect(Collectors.joining(", ")) + "]");
        }

        String message = "'nospof: ' + request.kind.kind + ' ' + object.metadata.namespace + '/' + object.metadata.name + ' fails "
                + check.id() + " (" + check.defaultSeverity().id() + "): ' + " + check.celWhy(thresholds) + " + " + literal(". Fix: "
                + check.celFix(thresholds) + ". " + (mode == Mode.ENFORCE ? "Enforced" : "Warned") + " by RedundancyPolicy "
                + policy.getMetadata().getName() + " in the API server (ValidatingAdmissionPolicy " + name + "). To exempt it, annotate it "
                + AnnotationExemptions.IGNORE + ": \"" + check.id() + "\"");
        ValidatingAdmissionPolicy vap = new ValidatingAdmissionPolicyBuilder()
                .withNewMetadata().withName(name).withLabels(labels).withOwnerReferences(owner).endMetadata()
                .withNewSpec()
                // An expression that cannot be evaluated admits: the fallback must not become a SPOF either.
                .withFailurePolicy("Ignore")
                .withNewMatchConstraints()
                .withResourceRules(rules(resources))
                .withNamespaceSelector(excluding(excludedNamespaces))
                .endMatchConstraints()
                .withVariables(new VariableBuilder().withName("skip").withExpression(String.join(" || ", skips)).build())
                .withValidations(new ValidationBuilder().withExpression("variables.skip || !(" + check.celFails(thresholds) + ")")
                        .withMessageExpression(message).withReason("Invalid").build())
                .endSpec()
                .build();
        RedundancyPolicySpec.Selection selection = policy.getSpec().getSelector();
        ValidatingAdmissionPolicyBinding binding = new ValidatingAdmissionPolicyBindingBuilder()
                .withNewMetadata().withName(name).withLabels(labels).withOwnerReferences(owner).endMetadata()
                .withNewSpec()
                .withPolicyName(name)
                .withValidationActions(mode == Mode.ENFORCE ? "Deny" : "Warn")
                .withNewMatchResources()
                .withNamespaceSelector(selection == null || selection.getNamespaceSelector() == null ? new LabelSelector()
                        : selection.getNamespaceSelector())
                .withObjectSelector(selection == null || selection.getObjectSelector() == null || check.id().equals(PdbBlocksEvictionCheck.ID)
                        ? new LabelSelector() : selection.getObjectSelector())
                .endMatchResources()
                .endSpec()
                .build();
        return new Generated(vap, binding);
    }

    /** The exemptions of every policy for the check (their selectors aside: admitting more is the safe side), unexpired. */
    private static java.util.Optional<String> exemptions(List<RedundancyPolicy> policies, CelCheck check, Instant now) {
        List<String> covers = new ArrayList<>();
        for (RedundancyPolicy policy : policies) {
            for (var exemption : Objects.requireNonNullElse(policy.getSpec().getExemptions(), List.<RedundancyPolicySpec.PolicyExemption>of())) {
                boolean forCheck = exemption.getChecks() != null && exemption.getChecks().stream()
                        .anyMatch(c -> c == CheckId.ALL || c.id().equals(check.id()));
                Instant expires = PolicyResolver.expiry(exemption.getExpires());
                if (!forCheck || expires != null && !expires.isAfter(now)) {
                    continue;
                }
                List<String> conditions = new ArrayList<>();
                if (exemption.getNamespaces() != null && !exemption.getNamespaces().isEmpty()) {
                    conditions.add("object.metadata.namespace in [" + exemption.getNamespaces().stream().map(CelPolicies::literal)
                            .collect(Collectors.joining(", ")) + "]");
                }
                // A PDB is not the workload the pattern names: any exemption of its namespace admits it.
                if (exemption.getWorkloads() != null && !check.id().equals(PdbBlocksEvictionCheck.ID)) {
                    conditions.add("object.metadata.name.matches(" + literal(Glob.of(exemption.getWorkloads()).regex()) + ")");
                }
                covers.add(conditions.isEmpty() ? "true" : "(" + String.join(" && ", conditions) + ")");
            }
        }
        return covers.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of("(" + String.join(" || ", covers) + ")");
    }

    private static List<NamedRuleWithOperations> rules(List<CelCheck.Resource> resources) {
        Map<String, List<CelCheck.Resource>> byGroup = resources.stream()
                .collect(Collectors.groupingBy(r -> r.group() + "/" + r.version(), LinkedHashMap::new, Collectors.toList()));
        return byGroup.values().stream().map(rs -> new NamedRuleWithOperationsBuilder()
                .withApiGroups(rs.get(0).group()).withApiVersions(rs.get(0).version())
                .withResources(rs.stream().map(CelCheck.Resource::resource).toList())
                .withOperations("CREATE", "UPDATE").build()).toList();
    }

    private static LabelSelector excluding(List<String> namespaces) {
        return new LabelSelectorBuilder().withMatchExpressions(
                new LabelSelectorRequirementBuilder().withKey("kubernetes.io/metadata.name").withOperator("NotIn").withValues(namespaces).build(),
                new LabelSelectorRequirementBuilder().withKey("nospof.dev/admission").withOperator("NotIn").withValues("disabled").build())
                .build();
    }

    private static int minReplicas(RedundancyPolicySpec spec) {
        return spec.getThresholds() == null || spec.getThresholds().getMinReplicas() == null ? Thresholds.DEFAULTS.minReplicas()
                : spec.getThresholds().getMinReplicas();
    }

    /** {@code nospof-<policy>-<check>}, shortened with a hash when it would pass the 253 characters of a name. */
    static String name(String policy, String check) {
        String name = "nospof-" + policy + "-" + check;
        if (name.length() <= 253) {
            return name;
        }
        try {
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(policy.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 10);
            return "nospof-" + policy.substring(0, 253 - "nospof-".length() - check.length() - hash.length() - 2) + "-" + hash + "-" + check;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CEL string literal. */
    static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
