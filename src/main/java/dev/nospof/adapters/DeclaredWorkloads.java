package dev.nospof.adapters;

import dev.nospof.model.DeclaredKind;
import dev.nospof.model.LabelSelector;
import dev.nospof.model.MappingProblems;
import dev.nospof.model.PodTemplate;
import dev.nospof.model.Workload;
import dev.nospof.model.WorkloadRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The custom resources of the kinds users declare in RedundancyPolicies, as workloads: the
 * replica count at the declared path, the pods found by the selector at the declared path or by
 * the declared labels. Their pod template is not known (each operator writes its own): the
 * checks that read one are not run on them, the live checks judge their pods.
 */
public final class DeclaredWorkloads {

    public static final DeclaredWorkloads NONE = new DeclaredWorkloads(List.of());
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Set<String> SELECTOR_FIELDS = Set.of("matchLabels", "matchExpressions");

    private final List<DeclaredKind> kinds;

    public DeclaredWorkloads(List<DeclaredKind> kinds) {
        this.kinds = List.copyOf(kinds);
    }

    public List<DeclaredKind> kinds() {
        return kinds;
    }

    /** The declared kind {@code object} is of, if any. */
    public Optional<DeclaredKind> kindOf(HasMetadata object) {
        if (!(object instanceof GenericKubernetesResource) || object.getApiVersion() == null || object.getKind() == null) {
            return Optional.empty();
        }
        return kinds.stream().filter(k -> k.kind().apiVersion().equals(object.getApiVersion()) && k.kind().kind().equals(object.getKind()))
                .findFirst();
    }

    /** {@code object} as a workload, if it is of a declared kind and its declared fields read (else see {@link #problem}). */
    public Optional<Workload> workload(HasMetadata object) {
        return kindOf(object).flatMap(kind -> workload((GenericKubernetesResource) object, kind));
    }

    /** {@code resource} as a workload of {@code kind}; none when a declared field holds what it cannot (see {@link #problem}). */
    public static Optional<Workload> workload(GenericKubernetesResource resource, DeclaredKind kind) {
        try {
            return Optional.of(read(resource, kind));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** What keeps a resource of a declared kind from being judged: the path of the field, and what is wrong. */
    public Optional<Map.Entry<List<String>, String>> problem(HasMetadata object) {
        Optional<DeclaredKind> kind = kindOf(object);
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        try {
            read((GenericKubernetesResource) object, kind.get());
            return Optional.empty();
        } catch (FieldProblem e) {
            return Optional.of(Map.entry(e.path, e.getMessage()));
        }
    }

    private static Workload read(GenericKubernetesResource resource, DeclaredKind kind) {
        String name = resource.getMetadata().getName();
        String replicasPath = "." + kind.kind().replicasField();
        Object replicas = at(resource, replicasPath);
        if (replicas != null && !(replicas instanceof Integer i && i >= 0) && !(replicas instanceof Long l && l >= 0 && l <= Integer.MAX_VALUE)) {
            throw new FieldProblem(path(replicasPath), replicasPath + ": expected a whole number of at least 0 (replicasPath of the "
                    + "declared kind), found " + MappingProblems.excerpt(String.valueOf(replicas)));
        }
        LabelSelector selector = kind.podLabels() != null ? LabelSelector.matchLabels(kind.podLabelsOf(name))
                : selector(at(resource, kind.podSelectorPath()), kind.podSelectorPath());
        WorkloadRef ref = new WorkloadRef(kind.kind(), resource.getMetadata().getNamespace(), name, resource.getMetadata().getUid());
        return new Workload(ref, resource.getMetadata().getLabels(), resource.getMetadata().getAnnotations(),
                replicas == null ? null : ((Number) replicas).intValue(), null, selector, new PodTemplate(selector.matchLabels(), null, null));
    }

    /** A selector as an operator writes it: a LabelSelector, a map of labels, or a string as the scale subresource has it. */
    private static LabelSelector selector(Object value, String path) {
        if (value == null) {
            return LabelSelector.NOTHING; // none yet (an operator may write it later): no pod is found
        }
        try {
            if (value instanceof String text) {
                return parse(text);
            }
            if (value instanceof Map<?, ?> map && !map.isEmpty() && SELECTOR_FIELDS.containsAll(map.keySet())) {
                return LabelSelector.of(SERIALIZATION.convertValue(map, io.fabric8.kubernetes.api.model.LabelSelector.class));
            }
            if (value instanceof Map<?, ?> map && map.values().stream().allMatch(v -> v instanceof String)) {
                Map<String, String> labels = new LinkedHashMap<>();
                map.forEach((k, v) -> labels.put(String.valueOf(k), (String) v));
                return LabelSelector.matchLabels(labels);
            }
        } catch (IllegalArgumentException e) {
            throw new FieldProblem(path(path), path + ": " + (e instanceof FieldProblem ? e.getMessage() : MappingProblems.describe(e)));
        }
        throw new FieldProblem(path(path), path + ": expected a label selector (matchLabels, matchExpressions), a map of labels or a "
                + "selector string such as 'app=kafka' (podSelectorPath of the declared kind), found "
                + MappingProblems.excerpt(String.valueOf(value)));
    }

    /** A selector string as kubectl writes one: {@code a=b,c!=d,e in (x,y),f notin (z),g,!h}. */
    static LabelSelector parse(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        List<LabelSelector.Requirement> requirements = new ArrayList<>();
        for (String term : terms(text)) {
            String t = term.trim();
            java.util.regex.Matcher set = java.util.regex.Pattern.compile("^(\\S+)\\s+(in|notin)\\s*\\((.*)\\)$").matcher(t);
            if (set.matches()) {
                List<String> values = Arrays.stream(set.group(3).split(",")).map(String::trim).toList();
                requirements.add(new LabelSelector.Requirement(set.group(1),
                        set.group(2).equals("in") ? LabelSelector.Operator.IN : LabelSelector.Operator.NOT_IN, values));
            } else if (t.contains("!=")) {
                String[] kv = t.split("!=", 2);
                requirements.add(new LabelSelector.Requirement(kv[0].trim(), LabelSelector.Operator.NOT_IN, List.of(kv[1].trim())));
            } else if (t.contains("=")) {
                String[] kv = t.split("==?", 2);
                labels.put(kv[0].trim(), kv[1].trim());
            } else if (t.startsWith("!") && t.length() > 1 && !t.contains(" ")) {
                requirements.add(new LabelSelector.Requirement(t.substring(1), LabelSelector.Operator.DOES_NOT_EXIST, List.of()));
            } else if (!t.isEmpty() && !t.contains(" ") && !t.contains("(")) {
                requirements.add(new LabelSelector.Requirement(t, LabelSelector.Operator.EXISTS, List.of()));
            } else {
                throw new FieldProblem(List.of(), "expected a selector string such as 'app=kafka,tier in (a,b)', found "
                        + MappingProblems.excerpt(text));
            }
        }
        return LabelSelector.of(labels, requirements);
    }

    /** The terms of a selector string: commas inside parentheses belong to a set. */
    private static List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == ',' && depth == 0) {
                terms.add(text.substring(start, i));
                start = i + 1;
            }
        }
        terms.add(text.substring(start));
        return terms;
    }

    /** The value at a field path ({@code .spec.replicas}) of the resource, or null when a step is absent. */
    private static Object at(GenericKubernetesResource resource, String path) {
        Object value = resource.getAdditionalProperties();
        for (String step : path(path)) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(step);
        }
        return value;
    }

    private static List<String> path(String path) {
        return Arrays.stream(path.split("\\.")).filter(s -> !s.isEmpty()).toList();
    }

    /** A declared field that holds what it cannot, at its path. */
    private static final class FieldProblem extends IllegalArgumentException {
        private final List<String> path;

        FieldProblem(List<String> path, String message) {
            super(message);
            this.path = path;
        }
    }
}
