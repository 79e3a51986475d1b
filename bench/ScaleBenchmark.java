// The scale benchmark: see bench/scale-benchmark.sh, which starts the control plane and runs this
// with the operator's classpath. A harness that prints figures; it asserts nothing.
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

public class ScaleBenchmark {

    static final int NAMESPACES = 200;
    static final int NODES = 30;
    static final int ZONES = 3;
    static final int PODS = 3;
    static final int WORKERS = 50;
    /** The chart's JVM settings outside a container: 512 MiB as the machine, half of it heap (values.yaml). */
    static final String CHART_JVM = "-XX:MaxRAM=512m -XX:MaxRAMPercentage=50"
            + " -XX:+UseG1GC -XX:+UseStringDeduplication -XX:-G1UseAdaptiveIHOP -XX:InitiatingHeapOccupancyPercent=75"
            + " -XX:+ExitOnOutOfMemoryError -XX:+UnlockDiagnosticVMOptions -XX:CompilerDirectivesFile=/opt/nospof/jit-directives.json";
    /** Where the image has the files of src/main/jib. */
    static final String IMAGE_FILES = "/opt/nospof/";
    static final Map<String, String> CHART_ENV = Map.of("MALLOC_ARENA_MAX", "2");

    public static void main(String[] args) {
        int status = 0;
        try {
            run(args);
        } catch (Exception | Error e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status); // informer and HTTP client threads would keep the JVM alive
    }

    static void run(String[] args) throws Exception {
        Path kubeconfig = Path.of(args[0]);
        Path jar = Path.of(args[1]);
        Path work = Path.of(args[2]);
        int workloads = Integer.parseInt(args[3]);
        int idleSeconds = Integer.parseInt(args[4]);
        int changes = Integer.parseInt(args[5]);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();

        long started = System.nanoTime();
        Map<String, Long> populated = populate(client, workloads);
        System.out.printf("populated in %.1f s: %s%n", seconds(started), populated);

        Map<String, Double> cpuBeforeRaw = cpu(work);
        long rawStart = System.nanoTime();
        double raw = rawReportWrites(client, workloads);
        Map<String, Double> cpuAfterRaw = cpu(work);
        System.out.printf("raw write time of %d reports (create + status update, %d workers): %.1f s%n", workloads, WORKERS, raw);
        System.out.println("CPU used by the raw writes and their removal: " + cpuUsed(cpuBeforeRaw, cpuAfterRaw, Map.of(), seconds(rawStart)));
        // The sync is timed by a watch on the reports, which costs the API server an event for each write: the same writes again, so watched.
        double watchedRaw;
        try (ReportWatch watch = new ReportWatch(client)) {
            watchedRaw = rawReportWrites(client, workloads);
        }
        System.out.printf("the same with the harness's watch on the reports open, as during the sync: %.1f s%n", watchedRaw);

        // The operator, and a watch on its reports.
        ReportWatch reports = new ReportWatch(client);
        Map<String, Double> before = writes(client);
        Map<String, Double> listsBefore = requests(client, List.of("LIST"));
        // The image's files are the project's src/main/jib (the jar is target/quarkus-app/quarkus-run.jar).
        String options = System.getenv().getOrDefault("NOSPOF_BENCH_OPERATOR_OPTS", CHART_JVM)
                .replace(IMAGE_FILES, jar.toAbsolutePath().getParent().getParent().getParent().resolve("src/main/jib/opt/nospof") + "/");
        int httpPort = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + httpPort));
        for (String option : options.split(" ")) {
            if (!option.isBlank()) {
                command.add(option);
            }
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve("operator.log").toFile());
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        builder.environment().putAll(CHART_ENV);
        Map<String, Double> cpuBeforeOperator = cpu(work);
        long operatorStart = System.nanoTime();
        Process operator = builder.start();
        try {
            System.out.println("operator JVM options: " + (options.isBlank() ? "(JVM defaults)" : options));
            double first = reports.awaitCount(1, operator, Duration.ofMinutes(15), operatorStart);
            System.out.printf("JVM start -> first report: %.1f s%n", first);
            System.out.println("CPU used from JVM start to the first report: "
                    + cpuUsed(cpuBeforeOperator, cpu(work), Map.of("operator", cpuSeconds(operator.pid())), first));
            double sync = reports.awaitCount(workloads, operator, Duration.ofMinutes(60), operatorStart);
            Map<String, Double> cpuAtSync = cpu(work);
            double operatorCpu = cpuSeconds(operator.pid());
            Map<String, Double> after = writes(client);
            System.out.printf("initial sync (JVM start -> every workload has an evaluated report): %.1f s; ratio to the raw write time: %.2f"
                    + " (to the watched raw write time: %.2f)%n", sync, sync / raw, sync / watchedRaw);
            System.out.println("API writes per workload during the sync: " + perWorkload(before, after, workloads));
            System.out.println("CPU used from JVM start to the sync: " + cpuUsed(cpuBeforeOperator, cpuAtSync, Map.of("operator", operatorCpu), sync));
            System.out.println("LIST requests from JVM start to the sync (the operator lists in pages of 500): "
                    + delta(listsBefore, requests(client, List.of("LIST"))));
            String evaluationsAtSync = metrics(httpPort);
            System.out.println("ClusterSpofReport evaluations during the sync (the operator's own timer and allocation counter;"
                    + " placement = drain blockers and blast radius over every workload's pods): "
                    + clusterEvaluations("", evaluationsAtSync));

            Thread.sleep(30_000);
            System.out.printf("30 s after sync: resident memory %s, heap after a full GC %s%n", rss(operator.pid()), heapAfterGc(operator.pid()));
            System.out.println("what the heap holds, by class (jcmd GC.class_histogram, the largest):");
            classHistogram(operator.pid(), 15).forEach(line -> System.out.println("    " + line));
            if (options.contains("NativeMemoryTracking")) {
                System.out.println("native memory (jcmd VM.native_memory summary, committed):");
                nativeMemory(operator.pid()).forEach(line -> System.out.println("    " + line));
            }

            Map<String, Double> idleStart = writes(client);
            Thread.sleep(idleSeconds * 1000L);
            Map<String, Double> idleEnd = writes(client);
            System.out.printf("writes during %d idle seconds: %s%n", idleSeconds, delta(idleStart, idleEnd));

            List<Long> latencies = changeLatencies(client, reports, workloads, changes);
            System.out.printf("change -> report latency over %d changes: %s%n", changes, describe(latencies));
            String evaluationsAfterChanges = metrics(httpPort);
            System.out.println("ClusterSpofReport evaluations after the sync (idle window and changes): "
                    + clusterEvaluations(evaluationsAtSync, evaluationsAfterChanges));

            List<Long> podLatencies = podChangeLatencies(client, workloads, Math.max(2, changes / 5));
            System.out.printf("pod readiness change -> ClusterSpofReport latency over %d changes: %s%n", podLatencies.size(),
                    describe(podLatencies));
            System.out.println("ClusterSpofReport evaluations during the pod changes: "
                    + clusterEvaluations(evaluationsAfterChanges, metrics(httpPort)));

            System.out.println(statusUpdates(client, httpPort, workloads, Math.min(200, workloads / 5), true));
            System.out.println(statusUpdates(client, httpPort, workloads, Math.min(200, workloads / 5), false));
            System.out.printf("resident memory at the end: %s%n", rss(operator.pid()));
        } finally {
            operator.destroy();
            operator.waitFor(30, TimeUnit.SECONDS);
            reports.close();
        }
        client.close();
    }

    /** Namespaces, nodes in zones, and the workloads with their ready pods, PDBs and HPAs, by 50 threads. */
    static Map<String, Long> populate(KubernetesClient client, int workloads) throws Exception {
        Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
        parallel(WORKERS, NAMESPACES, n -> client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("ns-" + n)
                .withLabels(Map.of("team", "team-" + n % 20)).endMetadata().build()).create());
        parallel(WORKERS, NODES, n -> {
            var node = client.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-" + n)
                    .withLabels(Map.of("kubernetes.io/hostname", "node-" + n, "topology.kubernetes.io/zone", "zone-" + n % ZONES))
                    .endMetadata().build()).create();
            node.setStatus(new io.fabric8.kubernetes.api.model.NodeStatusBuilder().addNewCondition().withType("Ready").withStatus("True")
                    .endCondition().build());
            client.nodes().resource(node).updateStatus();
        });
        parallel(WORKERS, workloads, i -> {
            String ns = "ns-" + i % NAMESPACES;
            String name = "app-" + i;
            boolean stateful = i % 10 == 9;
            PodTemplateSpec template = template(name, i % 3 == 0);
            HasMetadata owner;
            if (stateful) {
                StatefulSet set = client.apps().statefulSets().inNamespace(ns).resource(new StatefulSetBuilder().withNewMetadata()
                        .withName(name).withLabels(Map.of("app", name)).endMetadata().withNewSpec().withReplicas(PODS).withServiceName(name)
                        .withNewSelector().withMatchLabels(Map.of("app", name)).endSelector().withTemplate(template).endSpec().build()).create();
                set.setStatus(new io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder().withReplicas(PODS).withReadyReplicas(PODS)
                        .withAvailableReplicas(PODS).withCurrentReplicas(PODS).build());
                client.apps().statefulSets().inNamespace(ns).resource(set).updateStatus();
                owner = set;
                count(counts, "statefulsets");
            } else {
                Deployment deployment = client.apps().deployments().inNamespace(ns).resource(new DeploymentBuilder().withNewMetadata()
                        .withName(name).withLabels(Map.of("app", name)).endMetadata().withNewSpec().withReplicas(PODS).withNewSelector()
                        .withMatchLabels(Map.of("app", name)).endSelector().withTemplate(template).endSpec().build()).create();
                deployment.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder().withReplicas(PODS)
                        .withReadyReplicas(PODS).withAvailableReplicas(PODS).withUpdatedReplicas(PODS).build());
                client.apps().deployments().inNamespace(ns).resource(deployment).updateStatus();
                PodTemplateSpec owned = new PodTemplateSpecBuilder(template).editMetadata().addToLabels("pod-template-hash", "h" + i)
                        .endMetadata().build();
                owner = client.apps().replicaSets().inNamespace(ns).resource(new ReplicaSetBuilder().withNewMetadata()
                        .withName(name + "-h" + i).withLabels(owned.getMetadata().getLabels()).withOwnerReferences(controller(deployment))
                        .endMetadata().withNewSpec().withReplicas(PODS).withNewSelector().withMatchLabels(owned.getMetadata().getLabels())
                        .endSelector().withTemplate(owned).endSpec().build()).create();
                count(counts, "deployments");
                if (i % 5 == 0) {
                    client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).resource(new HorizontalPodAutoscalerBuilder()
                            .withNewMetadata().withName(name).endMetadata().withNewSpec().withNewScaleTargetRef().withApiVersion("apps/v1")
                            .withKind("Deployment").withName(name).endScaleTargetRef().withMinReplicas(2).withMaxReplicas(10).endSpec()
                            .build()).create();
                    count(counts, "hpas");
                }
            }
            if (i % 2 == 0) {
                client.policy().v1().podDisruptionBudget().inNamespace(ns).resource(new PodDisruptionBudgetBuilder().withNewMetadata()
                        .withName(name).endMetadata().withNewSpec().withMaxUnavailable(new IntOrString(1)).withNewSelector()
                        .withMatchLabels(Map.of("app", name)).endSelector().endSpec().build()).create();
                count(counts, "pdbs");
            }
            for (int k = 0; k < PODS; k++) {
                var pod = client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata()
                        .withName(owner.getMetadata().getName() + "-" + k).withLabels(owner instanceof StatefulSet ? Map.of("app", name)
                                : Map.of("app", name, "pod-template-hash", "h" + i))
                        .withOwnerReferences(controller(owner)).endMetadata().withSpec(new PodBuilder().withSpec(template.getSpec()).build()
                                .getSpec()).editSpec().withNodeName("node-" + (i * PODS + k) % NODES).endSpec().build()).create();
                pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running").withPodIP("10.0." + (i % 250) + "." + k)
                        .addNewCondition().withType("Ready").withStatus("True").endCondition().build());
                client.pods().inNamespace(ns).resource(pod).updateStatus();
                count(counts, "pods");
            }
        });
        Map<String, Long> result = new TreeMap<>();
        counts.forEach((k, v) -> result.put(k, v.get()));
        return result;
    }

    static PodTemplateSpec template(String name, boolean spread) {
        var spec = new io.fabric8.kubernetes.api.model.PodSpecBuilder().addToContainers(new ContainerBuilder().withName("app")
                .withImage("registry.example/" + name + ":1.0").addNewPort().withContainerPort(8080).withName("http").endPort()
                .withNewResources().withRequests(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("128Mi"))).endResources()
                .withNewReadinessProbe().withNewHttpGet().withPath("/ready").withPort(new IntOrString("http")).endHttpGet().endReadinessProbe()
                .build());
        if (spread) {
            spec.addNewTopologySpreadConstraint().withMaxSkew(1).withTopologyKey("kubernetes.io/hostname")
                    .withWhenUnsatisfiable("ScheduleAnyway").withNewLabelSelector().withMatchLabels(Map.of("app", name)).endLabelSelector()
                    .endTopologySpreadConstraint();
        }
        return new PodTemplateSpecBuilder().withNewMetadata().withLabels(Map.of("app", name)).endMetadata().withSpec(spec.build()).build();
    }

    static OwnerReference controller(HasMetadata owner) {
        return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind()).withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true).build();
    }

    /**
     * The physical limit: N SpofReports written by a bare client as nospof's reports are written
     * (a create, then a status update), by 50 workers; then removed.
     */
    static double rawReportWrites(KubernetesClient client, int workloads) throws Exception {
        var reports = client.genericKubernetesResources("nospof.dev/v1alpha1", "SpofReport");
        long started = System.nanoTime();
        parallel(WORKERS, workloads, i -> {
            String ns = "ns-" + i % NAMESPACES;
            GenericKubernetesResource report = client.getKubernetesSerialization().unmarshal("""
                    apiVersion: nospof.dev/v1alpha1
                    kind: SpofReport
                    metadata: {name: raw-%1$d, namespace: %2$s, labels: {nospof-bench: raw}}
                    spec: {workload: {apiVersion: apps/v1, kind: Deployment, name: app-%1$d}}
                    """.formatted(i, ns), GenericKubernetesResource.class);
            GenericKubernetesResource created = reports.inNamespace(ns).resource(report).create();
            created.setAdditionalProperty("status", client.getKubernetesSerialization().unmarshal("""
                    highestSeverity: medium
                    findingCount: 1
                    failingChecks: missing-pdb
                    findings:
                    - {check: missing-pdb, severity: medium, mode: audit, policy: default, automaticRemediation: false,
                       message: "Deployment app-%1$d has 3 effective replicas (spec.replicas) and no PodDisruptionBudget in namespace %2$s selects its pods (app=app-%1$d): a node drain may evict them all at once",
                       remediation: "create a PodDisruptionBudget with maxUnavailable: 1 and selector.matchLabels: {app: app-%1$d}"}
                    evaluatedAt: "2026-11-29T00:00:00Z"
                    exemptedCount: 0
                    replicas: 3/3
                    effectiveReplicas: 3
                    readyReplicas: 3
                    policies: []
                    """.formatted(i, ns), Map.class));
            // The report CRD has no status subresource: the status is updated on the object (the same work for the API server).
            reports.inNamespace(ns).resource(created).update();
        });
        double elapsed = seconds(started);
        parallel(WORKERS, NAMESPACES, n -> reports.inNamespace("ns-" + n).withLabel("nospof-bench", "raw").delete());
        return elapsed;
    }

    /** The API server's write requests so far, by verb and resource (its own metrics). */
    static Map<String, Double> writes(KubernetesClient client) {
        return requests(client, List.of("POST", "PUT", "PATCH", "DELETE", "APPLY", "CREATE", "UPDATE"));
    }

    /** The API server's count of requests with one of {@code verbs}, by verb and resource ("LIST pods"). */
    static Map<String, Double> requests(KubernetesClient client, List<String> verbs) {
        Map<String, Double> writes = new TreeMap<>();
        for (String line : client.raw(client.getMasterUrl() + "metrics").split("\n")) {
            if (!line.startsWith("apiserver_request_total{")) {
                continue;
            }
            String verb = label(line, "verb");
            if (!verbs.contains(verb)) {
                continue;
            }
            String resource = label(line, "resource") + (label(line, "subresource").isEmpty() ? "" : "/" + label(line, "subresource"));
            writes.merge(verb + " " + resource, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
        }
        return writes;
    }

    static String label(String line, String name) {
        int at = line.indexOf(name + "=\"");
        return at < 0 ? "" : line.substring(at + name.length() + 2, line.indexOf('"', at + name.length() + 2));
    }

    static Map<String, Long> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Long> delta = new TreeMap<>();
        after.forEach((k, v) -> {
            long d = Math.round(v - before.getOrDefault(k, 0.0));
            if (d > 0) {
                delta.put(k, d);
            }
        });
        return delta;
    }

    static String perWorkload(Map<String, Double> before, Map<String, Double> after, int workloads) {
        Map<String, Long> delta = delta(before, after);
        long leases = delta.entrySet().stream().filter(e -> e.getKey().endsWith(" leases")).mapToLong(Map.Entry::getValue).sum();
        long total = delta.values().stream().mapToLong(Long::longValue).sum() - leases;
        return String.format("%.2f (%d writes, leases excluded: %s)", total / (double) workloads, total, delta);
    }

    /** The reports as a watch sees them: how many have been evaluated, and a wait for one to change. */
    static final class ReportWatch implements AutoCloseable {
        private final SharedIndexInformer<GenericKubernetesResource> informer;
        private final AtomicInteger evaluated = new AtomicInteger();
        private final Map<String, Boolean> seen = new ConcurrentHashMap<>();
        private final Map<String, Predicate<GenericKubernetesResource>> waiting = new ConcurrentHashMap<>();
        private final Map<String, CountDownLatch> latches = new ConcurrentHashMap<>();

        ReportWatch(KubernetesClient client) {
            informer = client.genericKubernetesResources("nospof.dev/v1alpha1", "SpofReport").inAnyNamespace()
                    .inform(new ResourceEventHandler<>() {
                        @Override
                        public void onAdd(GenericKubernetesResource report) {
                            changed(report);
                        }

                        @Override
                        public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource report) {
                            changed(report);
                        }

                        @Override
                        public void onDelete(GenericKubernetesResource report, boolean unknown) {
                        }
                    });
        }

        private void changed(GenericKubernetesResource report) {
            String key = report.getMetadata().getNamespace() + "/" + report.getMetadata().getName();
            if (report.getAdditionalProperties().get("status") != null && !report.getMetadata().getName().startsWith("raw-")
                    && seen.putIfAbsent(key, true) == null) {
                evaluated.incrementAndGet();
            }
            Predicate<GenericKubernetesResource> condition = waiting.get(key);
            if (condition != null && condition.test(report)) {
                waiting.remove(key);
                latches.remove(key).countDown();
            }
        }

        /** Seconds from {@code since} until {@code count} reports are evaluated. */
        double awaitCount(int count, Process operator, Duration limit, long since) throws Exception {
            long deadline = System.nanoTime() + limit.toNanos();
            while (evaluated.get() < count) {
                if (!operator.isAlive()) {
                    throw new IllegalStateException("the operator exited (" + operator.exitValue() + ") with " + evaluated.get()
                            + " reports evaluated");
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(evaluated.get() + " of " + count + " reports evaluated within " + limit);
                }
                Thread.sleep(50);
            }
            return seconds(since);
        }

        /** Registers a wait for the report {@code key} to meet {@code condition}. */
        CountDownLatch expect(String key, Predicate<GenericKubernetesResource> condition) {
            CountDownLatch latch = new CountDownLatch(1);
            latches.put(key, latch);
            waiting.put(key, condition);
            return latch;
        }

        @Override
        public void close() {
            informer.close();
        }
    }

    /**
     * 200 changes, one at a time: a Deployment scaled from 3 to 1 replica (or back), timed from the
     * moment the API server accepted the change to the moment a watch sees its report say so.
     */
    static List<Long> changeLatencies(KubernetesClient client, ReportWatch reports, int workloads, int changes) throws Exception {
        List<Long> latencies = new ArrayList<>();
        for (int c = 0; c < changes; c++) {
            int i = (c / 2 * 37) % workloads;
            while (i % 10 == 9 || i % 5 == 0) {
                i = (i + 1) % workloads; // a Deployment without an HPA, whose replicas decide its report
            }
            int replicas = c % 2 == 0 ? 1 : PODS;
            String ns = "ns-" + i % NAMESPACES;
            String name = "app-" + i;
            CountDownLatch seen = reports.expect(ns + "/deployment-" + name, r -> {
                Object status = r.getAdditionalProperties().get("status");
                return status instanceof Map<?, ?> s && Integer.valueOf(replicas).equals(s.get("effectiveReplicas"));
            });
            client.apps().deployments().inNamespace(ns).withName(name).scale(replicas);
            long accepted = System.nanoTime();
            if (!seen.await(30, TimeUnit.SECONDS)) {
                System.out.printf("    change %d (%s/%s to %d replicas) not reported within 30 s%n", c, ns, name, replicas);
                continue;
            }
            latencies.add(System.nanoTime() - accepted);
        }
        return latencies;
    }

    /**
     * CHANGES pod changes, one at a time: two of a Deployment's three pods (each in its own zone)
     * made not ready, so that zone-0 would take the Deployment down, then ready again; each timed
     * from the API server's answer to the second status update to a watch seeing the
     * ClusterSpofReport's zone blast radius say so. What it times is the whole path: the pod
     * informer, the coalescing of pod changes, the placement of one namespace and the status patch.
     */
    static List<Long> podChangeLatencies(KubernetesClient client, int workloads, int changes) throws Exception {
        List<Long> latencies = new ArrayList<>();
        Map<String, Object> latest = new ConcurrentHashMap<>();
        Object monitor = new Object();
        try (var watch = client.genericKubernetesResources("nospof.dev/v1alpha1", "ClusterSpofReport").withName("cluster")
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(GenericKubernetesResource report) {
                        seen(report);
                    }

                    @Override
                    public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource report) {
                        seen(report);
                    }

                    @Override
                    public void onDelete(GenericKubernetesResource report, boolean unknown) {
                    }

                    private void seen(GenericKubernetesResource report) {
                        Object status = report.getAdditionalProperties().get("status");
                        if (status != null) {
                            latest.put("status", status);
                        }
                        synchronized (monitor) {
                            monitor.notifyAll();
                        }
                    }
                })) {
            for (int c = 0; c < changes; c++) {
                int i = (c / 2 * 53 + 11) % workloads;
                while (i % 10 == 9) {
                    i = (i + 1) % workloads; // a Deployment: its pods are named after its ReplicaSet
                }
                boolean ready = c % 2 == 1;
                String ns = "ns-" + i % NAMESPACES;
                for (int k = 1; k < PODS; k++) {
                    client.pods().inNamespace(ns).withName("app-" + i + "-h" + i + "-" + k).editStatus(pod -> {
                        pod.getStatus().getConditions().stream().filter(cond -> "Ready".equals(cond.getType()))
                                .forEach(cond -> cond.setStatus(ready ? "True" : "False"));
                        return pod;
                    });
                }
                long accepted = System.nanoTime();
                String workload = "Deployment " + ns + "/app-" + i;
                long deadline = accepted + TimeUnit.SECONDS.toNanos(30);
                synchronized (monitor) {
                    while (zoneDown(latest.get("status"), "zone-0", workload) == ready && System.nanoTime() < deadline) {
                        monitor.wait(100);
                    }
                }
                if (zoneDown(latest.get("status"), "zone-0", workload) == ready) {
                    System.out.printf("    pod change %d (%s) not in the ClusterSpofReport within 30 s%n", c, workload);
                    continue;
                }
                latencies.add(System.nanoTime() - accepted);
            }
        }
        return latencies;
    }

    /**
     * What COUNT status updates of HPAs ({@code hpas}) or PDBs cost the operator, written as their
     * controllers write them: an HPA's current and desired replicas and a CPU utilization that
     * moves; a PDB's counts of healthy pods and the disruptions it allows. Nothing a workload's
     * checks read changes, so no workload should be evaluated; a PDB's disruptionsAllowed is read
     * by the drain blockers. Counted over the updates and 15 s after them.
     */
    static String statusUpdates(KubernetesClient client, int httpPort, int workloads, int count, boolean hpas) throws Exception {
        String before = metrics(httpPort);
        Map<String, Double> writesBefore = writes(client);
        int updated = 0;
        for (int i = 0; i < workloads && updated < count; i += hpas ? 5 : 2) {
            if (hpas && i % 10 == 9) {
                continue;
            }
            String ns = "ns-" + i % NAMESPACES;
            int utilization = 40 + updated % 30;
            if (hpas) {
                client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withName("app-" + i).editStatus(hpa -> {
                    hpa.setStatus(new io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatusBuilder().withCurrentReplicas(PODS)
                            .withDesiredReplicas(PODS).addNewCurrentMetric().withType("Resource").withNewResource().withName("cpu").withNewCurrent()
                            .withAverageUtilization(utilization).endCurrent().endResource().endCurrentMetric().build());
                    return hpa;
                });
            } else {
                client.policy().v1().podDisruptionBudget().inNamespace(ns).withName("app-" + i).editStatus(pdb -> {
                    pdb.setStatus(new io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatusBuilder()
                            .withObservedGeneration(pdb.getMetadata().getGeneration()).withCurrentHealthy(PODS).withDesiredHealthy(PODS - 1)
                            .withExpectedPods(PODS).withDisruptionsAllowed(1).build());
                    return pdb;
                });
            }
            updated++;
        }
        Thread.sleep(15_000);
        String after = metrics(httpPort);
        Map<String, Double> writesAfter = writes(client);
        writesAfter.keySet().removeIf(k -> k.contains("leases") || k.contains("horizontalpodautoscalers") || k.contains("poddisruptionbudgets"));
        return String.format("%d %s status updates (as their controller writes them), then 15 s: %d workload evaluations, %d cluster"
                + " evaluations (%d running the cluster checks), writes %s", updated, hpas ? "HPA" : "PDB",
                Math.round(sumOf(after, "nospof_reconcile_duration_seconds_count") - sumOf(before, "nospof_reconcile_duration_seconds_count")),
                Math.round(metricValue(after, "nospof_cluster_evaluation_duration_seconds_count", "all")
                        - metricValue(before, "nospof_cluster_evaluation_duration_seconds_count", "all")),
                Math.round(metricValue(after, "nospof_cluster_evaluation_duration_seconds_count", "checks")
                        - metricValue(before, "nospof_cluster_evaluation_duration_seconds_count", "checks")),
                delta(writesBefore, writesAfter));
    }

    /** The sum of every series of one metric. */
    static double sumOf(String metrics, String name) {
        return metrics.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** Whether the cluster report's zone blast radius lists {@code workload} as down with {@code zone} (among the names it lists). */
    static boolean zoneDown(Object status, String zone, String workload) {
        if (!(status instanceof Map<?, ?> s) || !(s.get("zoneBlastRadius") instanceof List<?> zones)) {
            return false;
        }
        return zones.stream().anyMatch(z -> z instanceof Map<?, ?> impact && zone.equals(impact.get("name"))
                && impact.get("downWorkloads") instanceof List<?> names && names.contains(workload));
    }

    /** CPU seconds (user + system) a process has used, from /proc (clock ticks of 1/100 s, as on Linux). */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // utime, stime
        } catch (Exception e) {
            return 0; // gone
        }
    }

    /** The CPU seconds used so far by the control plane's API server and etcd (the processes whose command line names {@code work}), and the harness. */
    static Map<String, Double> cpu(Path work) {
        Map<String, Double> cpu = new TreeMap<>();
        ProcessHandle.allProcesses().forEach(process -> {
            String line = process.info().commandLine().orElse("");
            String name = line.contains("kube-apiserver") ? "API server" : line.contains("etcd --name") ? "etcd" : null;
            if (name != null && line.contains(work.toString())) {
                cpu.merge(name, cpuSeconds(process.pid()), Double::sum);
            }
        });
        cpu.put("harness", cpuSeconds(ProcessHandle.current().pid()));
        return cpu;
    }

    /** CPU seconds used between two readings of {@link #cpu}, with {@code also} added. */
    static String cpuUsed(Map<String, Double> before, Map<String, Double> after, Map<String, Double> also, double elapsed) {
        Map<String, Double> used = new java.util.LinkedHashMap<>(also);
        after.forEach((name, seconds) -> used.put(name, seconds - before.getOrDefault(name, 0.0)));
        StringBuilder out = new StringBuilder();
        used.forEach((name, seconds) -> out.append(out.length() == 0 ? "" : ", ").append(String.format("%s %.1f s", name, seconds)));
        return out + String.format(" (of %.1f s x %d cores)", elapsed, Runtime.getRuntime().availableProcessors());
    }

    static String rss(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return String.format("%.0f MiB", Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0);
            }
        }
        return "?";
    }

    /** Heap in use after a full GC, as jcmd reports it. */
    static String heapAfterGc(long pid) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        new ProcessBuilder(jcmd, String.valueOf(pid), "GC.run").redirectErrorStream(true).start().waitFor(60, TimeUnit.SECONDS);
        Process info = new ProcessBuilder(jcmd, String.valueOf(pid), "GC.heap_info").redirectErrorStream(true).start();
        String out = new String(info.getInputStream().readAllBytes());
        info.waitFor();
        for (String line : out.split("\n")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(line);
            if (m.find()) {
                // The first line names the collector's heap ("def new generation": Serial, "garbage-first heap": G1, ...).
                return String.format("%.0f MiB used of %.0f MiB (%s)", Long.parseLong(m.group(2)) / 1024.0, Long.parseLong(m.group(1)) / 1024.0,
                        out.lines().filter(l -> l.contains("total")).findFirst().orElse("").replaceAll("\\s+total.*", "").strip());
            }
        }
        return "? (" + out.strip().replace('\n', ' ') + ")";
    }

    /** The JVM's own accounting by area (with -XX:NativeMemoryTracking=summary): what the resident memory beyond the heap is. */
    static List<String> nativeMemory(long pid) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process summary = new ProcessBuilder(jcmd, String.valueOf(pid), "VM.native_memory", "summary", "scale=MB").redirectErrorStream(true).start();
        List<String> lines = new String(summary.getInputStream().readAllBytes()).lines().toList();
        summary.waitFor();
        return lines.stream().filter(l -> l.matches("\\s*(Total|-\\s+\\S.*\\(reserved).*"))
                .map(l -> l.strip().replaceAll("\\s+", " ")).toList();
    }

    static List<String> classHistogram(long pid, int top) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process histogram = new ProcessBuilder(jcmd, String.valueOf(pid), "GC.class_histogram").redirectErrorStream(true).start();
        List<String> lines = new String(histogram.getInputStream().readAllBytes()).lines().toList();
        histogram.waitFor();
        return lines.stream().filter(l -> l.matches("\\s*(num|\\d+:).*")).limit(top + 1).toList();
    }

    interface Task {
        void run(int i) throws Exception;
    }

    static void parallel(int threads, int count, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    task.run(i);
                }
                return null;
            }));
        }
        for (var f : futures) {
            f.get();
        }
        pool.shutdown();
    }

    static void count(Map<String, AtomicLong> counts, String what) {
        counts.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    static String describe(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return "none";
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return String.format("n=%d p50 %.0f ms, p99 %.0f ms, max %.0f ms", sorted.size(), percentile(sorted, 0.5) / 1e6,
                percentile(sorted, 0.99) / 1e6, sorted.get(sorted.size() - 1) / 1e6);
    }

    static long percentile(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static String metrics(int httpPort) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + httpPort + "/q/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * Count, mean time and mean allocation of the operator's ClusterSpofReport evaluations between
     * two scrapes of /q/metrics ({@code since} empty: from the start), whole and the placement part.
     */
    static String clusterEvaluations(String since, String now) {
        StringBuilder out = new StringBuilder();
        for (String part : List.of("all", "checks", "placement")) {
            double count = metricValue(now, "nospof_cluster_evaluation_duration_seconds_count", part)
                    - metricValue(since, "nospof_cluster_evaluation_duration_seconds_count", part);
            double sum = metricValue(now, "nospof_cluster_evaluation_duration_seconds_sum", part)
                    - metricValue(since, "nospof_cluster_evaluation_duration_seconds_sum", part);
            double bytes = metricValue(now, "nospof_cluster_evaluation_allocated_bytes_sum", part)
                    - metricValue(since, "nospof_cluster_evaluation_allocated_bytes_sum", part);
            out.append(String.format("%s: %d, mean %.1f ms, mean %.1f MB allocated; ", part, (long) count,
                    count == 0 ? 0 : sum / count * 1000, count == 0 ? 0 : bytes / count / 1e6));
        }
        double placements = metricValue(now, "nospof_cluster_placement_namespaces_count", null)
                - metricValue(since, "nospof_cluster_placement_namespaces_count", null);
        double placed = metricValue(now, "nospof_cluster_placement_namespaces_sum", null)
                - metricValue(since, "nospof_cluster_placement_namespaces_sum", null);
        out.append(String.format("namespaces placed anew per evaluation: mean %.1f", placements == 0 ? 0 : placed / placements));
        return out.toString();
    }

    private static double metricValue(String metrics, String name, String part) {
        return metrics.lines().filter(l -> part == null ? l.startsWith(name + " ") || l.startsWith(name + "{")
                        : l.startsWith(name + "{") && l.contains("part=\"" + part + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(0);
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
