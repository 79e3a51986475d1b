package dev.nospof.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nospof.policy.PolicyValidation;
import dev.nospof.policy.RedundancyPolicy;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RedundancyPolicy manifests for the audit command, as strictly as the API server would:
 * unknown fields (an unknown check id), unknown modes and the problems of
 * {@link PolicyValidation} are errors with file and line.
 */
final class PolicyFiles {

    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final List<RedundancyPolicy> policies = new ArrayList<>();
    private final List<InputError> errors = new ArrayList<>();

    List<RedundancyPolicy> policies() {
        return policies;
    }

    List<InputError> errors() {
        return errors;
    }

    void read(String file, InputStream stdin) {
        ManifestReader reader = new ManifestReader().keepingDocuments();
        reader.read(file, stdin);
        errors.addAll(reader.errors());
        for (SourcedObject source : reader.objects()) {
            if (!"RedundancyPolicy".equals(source.object().getKind()) || !"nospof.dev/v1alpha1".equals(source.object().getApiVersion())) {
                errors.add(new InputError(source.file(), source.line(), "expected a RedundancyPolicy (apiVersion nospof.dev/v1alpha1), found "
                        + source.object().getApiVersion() + " " + source.object().getKind()));
                continue;
            }
            var decoded = AllMappingProblems.decode(STRICT.valueToTree(source.object()),
                    tree -> AllMappingProblems.wholly(STRICT.convertValue(tree, RedundancyPolicy.class)));
            RedundancyPolicy policy = decoded.value();
            if (policy == null) {
                decoded.problems().forEach(p -> errors.add(new InputError(source.file(), reader.lineOf(source, p.path()), p.message())));
                continue;
            }
            List<String> problems = PolicyValidation.problems(policy);
            if (problems.isEmpty()) {
                policies.add(policy);
            } else {
                problems.forEach(p -> errors.add(new InputError(source.file(), reader.lineOf(source, fieldOf(p)),
                        "RedundancyPolicy " + policy.getMetadata().getName() + ": " + p)));
            }
        }
    }

    /** "spec.checks.missing-pbd: unknown field" → "spec.checks.missing-pbd". */
    private static String fieldOf(String problem) {
        int colon = problem.indexOf(": ");
        return colon < 0 ? "" : problem.substring(0, colon);
    }
}
