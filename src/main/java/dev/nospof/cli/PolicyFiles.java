package dev.nospof.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import dev.nospof.policy.PolicyValidation;
import dev.nospof.policy.RedundancyPolicy;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

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
        ManifestReader reader = new ManifestReader();
        reader.read(file, stdin);
        errors.addAll(reader.errors());
        for (SourcedObject source : reader.objects()) {
            if (!"RedundancyPolicy".equals(source.object().getKind()) || !"nospof.dev/v1alpha1".equals(source.object().getApiVersion())) {
                errors.add(new InputError(source.file(), source.line(), "expected a RedundancyPolicy (apiVersion nospof.dev/v1alpha1), found "
                        + source.object().getApiVersion() + " " + source.object().getKind()));
                continue;
            }
            RedundancyPolicy policy;
            try {
                policy = STRICT.convertValue(source.object(), RedundancyPolicy.class);
            } catch (IllegalArgumentException e) {
                errors.add(new InputError(source.file(), source.line(), problem(e)));
                continue;
            }
            List<String> problems = PolicyValidation.problems(policy);
            if (problems.isEmpty()) {
                policies.add(policy);
            } else {
                problems.forEach(p -> errors.add(new InputError(source.file(), source.line(),
                        "RedundancyPolicy " + policy.getMetadata().getName() + ": " + p)));
            }
        }
    }

    private static String problem(IllegalArgumentException e) {
        if (e.getCause() instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            String path = jme.getPath().stream()
                    .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining()).replaceFirst("^\\.", "");
            String what = jme.getOriginalMessage();
            if (what.startsWith("Unrecognized field")) {
                what = "unknown field";
            } else if (jme instanceof InvalidFormatException ife && ife.getTargetType().isEnum()) {
                what = "unknown value '" + ife.getValue() + "'; expected one of " + Arrays.stream(ife.getTargetType().getEnumConstants())
                        .map(c -> STRICT.convertValue(c, String.class)).collect(Collectors.joining(", "));
            }
            int newline = what.indexOf('\n');
            return path + ": " + (newline < 0 ? what : what.substring(0, newline));
        }
        return String.valueOf(e.getMessage());
    }
}
