package dev.nospof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nospof.adapters.ManifestViews;
import dev.nospof.adapters.Rollout;
import dev.nospof.engine.Evaluation;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Thresholds;
import dev.nospof.engine.cluster.HpaTargetMissingCheck;
import dev.nospof.engine.cluster.PdbSelectsNothingCheck;
import dev.nospof.model.WorkloadView;
import dev.nospof.policy.Assessment;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicIntegerArray;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random workloads, PodDisruptionBudgets, HPAs, ScaledObjects, pods, nodes and the rest, fed to
 * the audit (reader, views, engine, formatters) and, without the reader's validation, straight to
 * the engine with and without live state: no exception escapes, every finding names a known check.
 */
class EngineProperties {

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    static final Set<String> CHECK_IDS = new HashSet<>(ManifestReaderProperties.ENGINE.checkIds());

    static {
        SERIALIZATION.registerKubernetesResource(Rollout.class);
        CHECK_IDS.add(new PdbSelectsNothingCheck().id());
        CHECK_IDS.add(new HpaTargetMissingCheck().id());
    }

    @Property(tries = 1000)
    void randomObjectsThroughTheAudit(@ForAll("objectSets") List<String> documents) {
        AuditResult result = ManifestReaderProperties.audit("random objects, audited",
                String.join("---\n", documents).getBytes(StandardCharsets.UTF_8));
        result.audited().flatMap(o -> o.assessments().stream()).map(Assessment::finding).forEach(EngineProperties::assertKnown);
    }

    @Property(tries = 1000)
    void randomObjectsThroughTheEngine(@ForAll("objectSets") List<String> documents, @ForAll("thresholds") Thresholds thresholds,
            @ForAll boolean live, @ForAll("skippedChecks") Set<String> skipped) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : documents) {
            try {
                objects.add((HasMetadata) SERIALIZATION.convertValue(YamlDocuments.read(document), KubernetesResource.class));
            } catch (IllegalArgumentException | ClassCastException | YamlDocuments.Problem e) {
                // not an object at all (the reader says so, with its line): nothing for the engine
            }
        }
        int findings = 0;
        ENGINE_ONLY.incrementAndGet(3);
        if (objects.size() < documents.size()) {
            ENGINE_ONLY.incrementAndGet(2);
        }
        for (ManifestViews.ObjectView view : ManifestViews.viewsByObject(objects, "default", live)) {
            Evaluation evaluation = ManifestReaderProperties.ENGINE.evaluate(view.view(), thresholds, skipped);
            evaluation.findings().forEach(EngineProperties::assertKnown);
            assertThat(evaluation.findings()).as("switched off").noneMatch(f -> skipped.contains(f.checkId()));
            assertNotEvaluatedWithoutLiveState(view.view(), evaluation);
            findings += evaluation.findings().size();
        }
        ENGINE_ONLY.incrementAndGet(findings > 0 ? 0 : 1);
    }

    /** Engine only: sets with findings, without, with a document that is no object (the reader's to refuse), tried. */
    static final AtomicIntegerArray ENGINE_ONLY = new AtomicIntegerArray(4);

    @AfterContainer
    static void printTally() {
        ManifestReaderProperties.printTally("random objects, audited");
        System.out.printf("random objects, engine only: %d inputs tried, %d with findings, %d without, %d with a document that is "
                + "no object%n", ENGINE_ONLY.get(3), ENGINE_ONLY.get(0), ENGINE_ONLY.get(1), ENGINE_ONLY.get(2));
    }

    static void assertKnown(Finding finding) {
        assertThat(CHECK_IDS).as("check id of %s", finding).contains(finding.checkId());
        assertThat(finding.severity()).isNotNull();
        assertThat(finding.message()).isNotBlank();
    }

    static void assertNotEvaluatedWithoutLiveState(WorkloadView view, Evaluation evaluation) {
        if (view.live() == null) {
            List<String> liveChecks = ManifestReaderProperties.ENGINE.checks().stream().filter(c -> c.needsLiveState()).map(c -> c.id()).toList();
            assertThat(evaluation.findings()).as("need live state").noneMatch(f -> liveChecks.contains(f.checkId()));
        }
    }

    @Provide
    Arbitrary<Thresholds> thresholds() {
        return Arbitraries.integers().between(1, 6).map(min -> new Thresholds(min, Thresholds.HOSTNAME, Thresholds.ZONE));
    }

    @Provide
    Arbitrary<Set<String>> skippedChecks() {
        return Arbitraries.of(List.copyOf(CHECK_IDS)).set().ofMaxSize(3);
    }

    @Provide
    Arbitrary<List<String>> objectSets() {
        return Arbitraries.randomValue(RandomObjects::new).map(RandomObjects::documents);
    }

    /** Objects whose every field is drawn from values that matter to some check, valid or not. */
    static final class RandomObjects {
        private final Random random;

        RandomObjects(Random random) {
            this.random = random;
        }

        List<String> documents() {
            List<String> documents = new ArrayList<>();
            int count = 1 + random.nextInt(8);
            for (int i = 0; i < count; i++) {
                documents.add(switch (random.nextInt(10)) {
                    case 0, 1, 2 -> workload();
                    case 3 -> pdb();
                    case 4 -> hpa();
                    case 5 -> scaledObject();
                    case 6 -> pod();
                    case 7 -> node();
                    case 8 -> pvc();
                    default -> serviceAndSlice();
                });
            }
            return documents;
        }

        private String pick(String... values) {
            return values[random.nextInt(values.length)];
        }

        /** A field line, or nothing: {@code key: value} with the value drawn from {@code values}. */
        private String field(String indent, String key, String... values) {
            String value = pick(values);
            return value == null ? "" : indent + key + ": " + value + "\n";
        }

        private String metadata() {
            return "metadata:\n  name: " + pick("a", "b", "c") + "\n" + field("  ", "namespace", null, "default", "ns1")
                    + field("  ", "labels", null, "{app: a}", "{app: b}", "{app: a, tier: web}")
                    + field("  ", "annotations", null, "{nospof.dev/exempt: single-replica}", "{nospof.dev/exempt: '*'}",
                            "{nospof.dev/exempt: bogus, nospof.dev/exempt-reason: why}")
                    + field("  ", "ownerReferences", null, null, "[{apiVersion: apps/v1, kind: ReplicaSet, name: a-1, uid: u, controller: true}]",
                            "[{apiVersion: apps/v1, kind: Deployment, name: a, uid: u, controller: false}]");
        }

        private String selector(String indent) {
            return field(indent, "selector", null, "{}", "{matchLabels: {app: a}}", "{matchLabels: {app: b}}", "{matchLabels: {app: a, tier: web}}",
                    "{matchExpressions: [{key: app, operator: In, values: [a, b]}]}", "{matchExpressions: [{key: app, operator: NotIn, values: [a]}]}",
                    "{matchExpressions: [{key: app, operator: Exists}]}", "{matchExpressions: [{key: app, operator: DoesNotExist}]}",
                    "{matchExpressions: [{key: app, operator: In, values: []}]}", "{matchExpressions: [{key: app, operator: Bogus, values: [a]}]}",
                    "{matchLabels: {}, matchExpressions: []}");
        }

        private String podSpec(String indent) {
            return field(indent, "containers", null, "[]", "[{name: c, image: nginx}]",
                    "[{name: c, image: nginx, volumeMounts: [{name: data, mountPath: /d}]}, {name: d, image: busybox}]")
                    + field(indent, "topologySpreadConstraints", null, "[]",
                            "[{maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: a}}}]",
                            "[{maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: b}}}]",
                            "[{maxSkew: 0, topologyKey: '', whenUnsatisfiable: Bogus}]", "[{maxSkew: -1, topologyKey: kubernetes.io/hostname}]",
                            "[{maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, minDomains: 3, "
                                    + "labelSelector: {matchExpressions: [{key: app, operator: Exists}]}, matchLabelKeys: [pod-template-hash]}]")
                    + field(indent, "affinity", null, "{}",
                            "{podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: a}}}]}}",
                            "{podAntiAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 100, podAffinityTerm: {topologyKey: topology.kubernetes.io/zone}}]}}",
                            "{nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [n1]}]}]}}}",
                            "{nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: []}}}")
                    + field(indent, "nodeSelector", null, null, "{kubernetes.io/hostname: n1}", "{topology.kubernetes.io/zone: z1}", "{}")
                    + field(indent, "nodeName", null, null, "n1", "''")
                    + field(indent, "volumes", null, "[]", "[{name: data, persistentVolumeClaim: {claimName: data}}]",
                            "[{name: data, persistentVolumeClaim: {claimName: missing}}]", "[{name: data, hostPath: {path: /d}}]",
                            "[{name: data, emptyDir: {}}]");
        }

        private String workload() {
            String kind = pick("Deployment", "Deployment", "StatefulSet", "ReplicaSet", "ReplicationController", "Rollout");
            String apiVersion = kind.equals("Rollout") ? "argoproj.io/v1alpha1" : kind.equals("ReplicationController") ? "v1" : "apps/v1";
            String selector = kind.equals("ReplicationController") ? field("  ", "selector", null, "{app: a}", "{}") : selector("  ");
            String template = random.nextInt(8) == 0 ? "" : "  template:\n    metadata:\n"
                    + field("      ", "labels", null, "{app: a}", "{app: b}", "{app: a, tier: web}", "{}") + "    spec:\n" + podSpec("      ");
            String rolloutRef = kind.equals("Rollout") && random.nextBoolean()
                    ? field("  ", "workloadRef", "{apiVersion: apps/v1, kind: Deployment, name: a}", "{apiVersion: apps/v1, kind: Deployment, name: z}")
                    : "";
            return "apiVersion: " + apiVersion + "\nkind: " + kind + "\n" + metadata() + "spec:\n"
                    + field("  ", "replicas", null, "0", "1", "2", "3", "5", "-1", "2147483647", "~")
                    + field("  ", "strategy", null, null, "{type: Recreate}", "{type: RollingUpdate, rollingUpdate: {maxUnavailable: 0, maxSurge: 0}}")
                    + selector + template + rolloutRef;
        }

        private String pdb() {
            return "apiVersion: " + pick("policy/v1", "policy/v1beta1") + "\nkind: PodDisruptionBudget\n" + metadata() + "spec:\n"
                    + selector("  ")
                    + field("  ", "minAvailable", null, null, "0", "1", "2", "-1", "'0%'", "'50%'", "'100%'", "'150%'", "'abc%'", "x", "2147483647")
                    + field("  ", "maxUnavailable", null, null, "0", "1", "'0%'", "'25%'", "'100%'", "'x%'", "-3")
                    + field("  ", "unhealthyPodEvictionPolicy", null, "AlwaysAllow", "IfHealthyBudget", "Bogus");
        }

        private String hpa() {
            String version = pick("autoscaling/v2", "autoscaling/v1", "autoscaling/v2beta1", "autoscaling/v2beta2");
            return "apiVersion: " + version + "\nkind: HorizontalPodAutoscaler\n" + metadata() + "spec:\n"
                    + field("  ", "scaleTargetRef", null, "{apiVersion: apps/v1, kind: Deployment, name: a}",
                            "{apiVersion: apps/v1, kind: StatefulSet, name: b}", "{apiVersion: apps/v1, kind: Bogus, name: a}", "{kind: Deployment}",
                            "{apiVersion: argoproj.io/v1alpha1, kind: Rollout, name: a}")
                    + field("  ", "minReplicas", null, "0", "1", "2", "-1", "10")
                    + field("  ", "maxReplicas", null, "0", "1", "3", "100");
        }

        private String scaledObject() {
            return "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\n" + metadata() + "spec:\n"
                    + field("  ", "scaleTargetRef", null, "{name: a}", "{name: b, kind: StatefulSet, apiVersion: apps/v1}", "{}")
                    + field("  ", "minReplicaCount", null, "0", "1", "3", "-2", "x")
                    + field("  ", "maxReplicaCount", null, "0", "1", "10")
                    + field("  ", "idleReplicaCount", null, "0", "1")
                    + field("  ", "triggers", null, "[]", "[{type: cron, metadata: {}}]");
        }

        private String pod() {
            return "apiVersion: v1\nkind: Pod\n" + metadata() + "spec:\n" + podSpec("  ")
                    + field("", "status", null, "{phase: Running, conditions: [{type: Ready, status: 'True'}]}",
                            "{phase: Pending}", "{phase: Running, conditions: [{type: Ready, status: 'False'}]}", "{}");
        }

        private String node() {
            return "apiVersion: v1\nkind: Node\nmetadata:\n  name: " + pick("n1", "n2", "n3") + "\n"
                    + field("  ", "labels", null, "{kubernetes.io/hostname: n1, topology.kubernetes.io/zone: z1}",
                            "{kubernetes.io/hostname: n2, topology.kubernetes.io/zone: z2}", "{node-role.kubernetes.io/control-plane: ''}", "{}")
                    + field("", "spec", null, "{unschedulable: true}", "{taints: [{key: k, effect: NoSchedule}]}", "{}")
                    + field("", "status", null, "{conditions: [{type: Ready, status: 'True'}]}", "{conditions: [{type: Ready, status: Unknown}]}");
        }

        private String pvc() {
            return "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: " + pick("data", "other") + "\n"
                    + field("  ", "namespace", null, "ns1") + "spec:\n"
                    + field("  ", "accessModes", null, "[ReadWriteOnce]", "[ReadWriteMany]", "[ReadOnlyMany]", "[ReadWriteOncePod]", "[Bogus]", "[]");
        }

        private String serviceAndSlice() {
            return random.nextBoolean()
                    ? "apiVersion: v1\nkind: Service\n" + metadata() + "spec:\n" + field("  ", "selector", null, "{app: a}", "{}", "{app: z}")
                    : "apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\n" + metadata() + "addressType: IPv4\n"
                            + field("", "endpoints", null, "[]", "[{addresses: [10.0.0.1], conditions: {ready: true}}]",
                                    "[{addresses: [10.0.0.1], conditions: {}}, {addresses: [10.0.0.2]}]");
        }
    }
}
