package dev.nospof.cli;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The kinds and versions of the API groups nospof reads, so that a document it would not audit is
 * never skipped by mistake: a kind those groups do not have ({@code Deploymnet}) or a version
 * Kubernetes does not serve ({@code apps/v9}, {@code extensions/v1beta1}) is an input error that
 * says what to write instead. Kinds of other groups (CRDs nospof does not know) and kinds of these
 * groups that nospof does not judge (ConfigMap, DaemonSet, ...) are skipped and counted.
 */
final class KnownKinds {

    /** Every kind of the groups nospof reads ("" is the core group), as Kubernetes and the integrations define them. */
    private static final Map<String, Set<String>> KINDS = Map.of(
            "", Set.of("Binding", "ComponentStatus", "ConfigMap", "Endpoints", "Event", "LimitRange", "Namespace", "Node",
                    "PersistentVolume", "PersistentVolumeClaim", "Pod", "PodTemplate", "ReplicationController", "ResourceQuota",
                    "Secret", "Service", "ServiceAccount"),
            "apps", Set.of("ControllerRevision", "DaemonSet", "Deployment", "ReplicaSet", "StatefulSet"),
            "policy", Set.of("Eviction", "PodDisruptionBudget"),
            "autoscaling", Set.of("HorizontalPodAutoscaler", "Scale"),
            "discovery.k8s.io", Set.of("EndpointSlice"),
            "keda.sh", Set.of("ClusterTriggerAuthentication", "ScaledJob", "ScaledObject", "TriggerAuthentication"));

    /** The versions each group is read in (older HPA and PDB versions are converted, see LegacyVersions). */
    private static final Map<String, Set<String>> VERSIONS = Map.of(
            "", Set.of("v1"),
            "apps", Set.of("v1"),
            "policy", Set.of("v1", "v1beta1"),
            "autoscaling", Set.of("v1", "v2", "v2beta1", "v2beta2"),
            "discovery.k8s.io", Set.of("v1"),
            "keda.sh", Set.of("v1alpha1"));

    /** The kinds nospof judges or reads as context; anything else is skipped. */
    static final Set<String> READ = Set.of("Deployment", "StatefulSet", "ReplicaSet", "ReplicationController", "Pod", "Rollout",
            "PodDisruptionBudget", "HorizontalPodAutoscaler", "ScaledObject", "PersistentVolumeClaim", "Service", "EndpointSlice",
            "Node", "Namespace", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "APIService", "PersistentVolume");

    private KnownKinds() {
    }

    /** What is wrong with this apiVersion and kind, if anything. */
    static Optional<String> problem(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        if (group.equals("extensions") && Set.of("Deployment", "DaemonSet", "ReplicaSet").contains(kind)) {
            return Optional.of(kind + " in extensions/v1beta1 is no longer served (removed in Kubernetes 1.16): use apps/v1");
        }
        if (group.equals("argoproj.io") && kind.equals("Rollout") && !version.equals("v1alpha1")) {
            return Optional.of("Rollout is served as argoproj.io/v1alpha1, not " + InputError.excerpt(apiVersion));
        }
        Set<String> kinds = KINDS.get(group);
        if (kinds == null) {
            return Optional.empty();
        }
        if (!kinds.contains(kind)) {
            return Optional.of("unknown kind " + InputError.excerpt(kind) + " in " + InputError.excerpt(apiVersion) + suggestion(kind));
        }
        if (!VERSIONS.get(group).contains(version)) {
            String latest = group.equals("keda.sh") ? "v1alpha1" : group.equals("autoscaling") ? "v2" : "v1";
            String current = group.isEmpty() ? latest : group + "/" + latest;
            return Optional.of(kind + " is not served as " + InputError.excerpt(apiVersion) + ": use " + current);
        }
        return Optional.empty();
    }

    private static String suggestion(String kind) {
        return KINDS.values().stream().flatMap(Set::stream)
                // the distance is at least the difference in length: a long kind is not compared letter by letter
                .filter(known -> Math.abs(known.length() - kind.length()) <= 2 && distance(known.toLowerCase(), kind.toLowerCase()) <= 2)
                .min(Comparator.comparingInt((String known) -> distance(known.toLowerCase(), kind.toLowerCase())).thenComparing(k -> k))
                .map(known -> ": did you mean " + known + "?")
                .orElse("");
    }

    /** Edit distance (insertions, deletions, substitutions, adjacent swaps). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Stream.of(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost).min(Integer::compare).orElseThrow();
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
