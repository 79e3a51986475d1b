// The admission webhook benchmark: see bench/admission-benchmark.sh, which starts the control
// plane and runs this with the operator's classpath. A harness that prints figures.
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

public class AdmissionBenchmark {

    static final int NAMESPACES = 200;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("null-webhook")) {
            NullWebhook.serve(Integer.parseInt(args[1]), Path.of(args[2]));
            return;
        }
        int status = 0;
        try {
            run(args);
        } catch (Exception | Error e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status); // the HTTP clients' threads would keep the JVM alive

    }

    static void run(String[] args) throws Exception {
        Path kubeconfig = Path.of(args[0]);
        Path jar = Path.of(args[1]);
        Path work = Path.of(args[2]);
        int workloads = Integer.parseInt(args[3]);
        int rate = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        int creates = Integer.parseInt(args[6]);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();

        long started = System.nanoTime();
        int objects = populate(client, workloads);
        System.out.printf("caches: %d namespaces, %d PDBs and HPAs of %d workloads created in %.1f s%n", NAMESPACES, objects, workloads,
                (System.nanoTime() - started) / 1e9);
        client.resource("""
                apiVersion: nospof.dev/v1alpha1
                kind: RedundancyPolicy
                metadata: {name: bench}
                spec:
                  selector: {namespaceSelector: {matchLabels: {team: bench}}}
                  admission: webhook
                  defaultMode: audit
                  checks: {single-replica: warn, missing-pdb: warn}
                """).serverSideApply();

        // The operator runs as a follower (another holder keeps its Lease): every replica serves the webhook, and no
        // reconciliation (report writes of the Deployments created below) competes with admission on these 2 cores.
        client.resource("""
                apiVersion: coordination.k8s.io/v1
                kind: Lease
                metadata: {name: nospof-benchmark, namespace: default}
                spec: {holderIdentity: another-replica, leaseDurationSeconds: 3600, renewTime: "%s"}
                """.formatted(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)))).serverSideApply();
        int webhookPort = freePort();
        int httpPort = freePort();
        List<String> command = new ArrayList<>(List.of(java(), "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + httpPort));
        // NOSPOF_BENCH_OPERATOR_OPTS: JVM options for the operator, e.g. a JFR recording.
        for (String option : System.getenv().getOrDefault("NOSPOF_BENCH_OPERATOR_OPTS", "").split(" ")) {
            if (!option.isBlank()) {
                command.add(option);
            }
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve("operator.log").toFile());
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        builder.environment().put("NOSPOF_ADMISSION_URL", "https://127.0.0.1:" + webhookPort);
        builder.environment().put("NOSPOF_LEADER_ELECTION_LEASE_NAME", "nospof-benchmark");
        Process operator = builder.start();
        try {
            HttpClient plain = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (!ready(plain, httpPort) || client.admissionRegistration().v1().validatingWebhookConfigurations().withName("nospof").get() == null) {
                if (!operator.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the operator did not become ready; log: " + work.resolve("operator.log"));
                }
                Thread.sleep(250);
            }
            String caBundle = client.admissionRegistration().v1().validatingWebhookConfigurations().withName("nospof").get()
                    .getWebhooks().get(0).getClientConfig().getCaBundle();
            direct(trusting(caBundle), webhookPort, httpPort, plain, client, workloads, rate, seconds);
            Process nullWebhook = NullWebhook.start(work);
            try {
                throughTheApiServer(client, creates, httpPort, plain, processes(work, operator), work, nullWebhook);
            } finally {
                nullWebhook.destroy();
            }
        } finally {
            operator.destroy();
            operator.waitFor();
        }
        client.close();
    }

    /** Namespaces, a PDB for every other workload and an HPA for every fifth, created by 50 threads. */
    static int populate(KubernetesClient client, int workloads) throws Exception {
        for (int n = 0; n < NAMESPACES; n++) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("ns-" + n).withLabels(Map.of("team", "bench"))
                    .endMetadata().build()).create();
        }
        AtomicInteger created = new AtomicInteger();
        parallel(50, workloads, i -> {
            String ns = "ns-" + (i % NAMESPACES);
            if (i % 2 == 0) {
                client.policy().v1().podDisruptionBudget().inNamespace(ns).resource(new PodDisruptionBudgetBuilder().withNewMetadata()
                        .withName("app-" + i).endMetadata().withNewSpec().withMaxUnavailable(new IntOrString(1)).withNewSelector()
                        .withMatchLabels(Map.of("app", "app-" + i)).endSelector().endSpec().build()).create();
                created.incrementAndGet();
            }
            if (i % 5 == 0) {
                client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).resource(new HorizontalPodAutoscalerBuilder()
                        .withNewMetadata().withName("app-" + i).endMetadata().withNewSpec().withNewScaleTargetRef().withApiVersion("apps/v1")
                        .withKind("Deployment").withName("app-" + i).endScaleTargetRef().withMinReplicas(2).withMaxReplicas(10).endSpec()
                        .build()).create();
                created.incrementAndGet();
            }
        });
        return created.get();
    }

    /** (a) AdmissionReviews of realistic Deployments straight to the webhook at a fixed rate. */
    static void direct(SSLContext tls, int webhookPort, int httpPort, HttpClient plain, KubernetesClient client, int workloads, int rate,
            int seconds) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int w = (i * 37) % workloads;
            Deployment d = deployment("app-" + w, "ns-" + (w % NAMESPACES), i % 4 == 0 ? 1 : 3);
            bodies.add("""
                    {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"bench-%d",
                    "kind":{"group":"apps","version":"v1","kind":"Deployment"},"resource":{"group":"apps","version":"v1","resource":"deployments"},
                    "namespace":"%s","name":"%s","operation":"CREATE","userInfo":{"username":"bench"},"object":%s,"dryRun":false}}
                    """.formatted(i, d.getMetadata().getNamespace(), d.getMetadata().getName(),
                    client.getKubernetesSerialization().asJson(d)));
        }
        HttpClient https = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("https://127.0.0.1:" + webhookPort + "/validate");
        // Warm-up: the JIT and the connection pool.
        for (int i = 0; i < 500; i++) {
            https.send(request(uri, bodies.get(i % bodies.size())), HttpResponse.BodyHandlers.ofString());
        }
        Map<Double, Double> before = handlerBuckets(plain, httpPort);
        // As the API server calls a webhook: over a few kept-alive connections. Each request has a due time
        // (RATE per second); its latency is counted from that time, so a server that falls behind is not hidden.
        int connections = 8;
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        List<Long> service = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        int total = rate * seconds;
        long start = System.nanoTime() + 100_000_000L;
        parallel(connections, connections, c -> {
            for (int i = c; i < total; i += connections) {
                long due = start + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                long sent = System.nanoTime();
                try {
                    HttpResponse<String> response = https.send(request(uri, bodies.get(i % bodies.size())), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200 || !response.body().contains("\"allowed\":true")) {
                        failures.incrementAndGet();
                    }
                } catch (java.io.IOException e) {
                    failures.incrementAndGet();
                }
                long now = System.nanoTime();
                latencies.add(now - Math.min(due, sent));
                service.add(now - sent);
            }
        });
        double elapsed = (System.nanoTime() - start) / 1e9;
        Map<Double, Double> after = handlerBuckets(plain, httpPort);
        System.out.printf("(a) webhook over TLS on loopback: %d requests in %.1f s (%.0f/s), %d failed%n", total, elapsed, total / elapsed,
                failures.get());
        System.out.println("    round trip from the due time: " + describe(latencies));
        System.out.println("    round trip from the send:     " + describe(service));
        System.out.println("    handler (nospof_admission_duration_seconds, bucket upper bounds): " + bucketPercentiles(before, after));
        System.out.println("    handler (its own p50 and p99 over the last minutes): " + metrics(plain, httpPort).lines()
                .filter(l -> l.startsWith("nospof_admission_duration_seconds{") && l.contains("quantile"))
                .map(l -> l.substring(l.indexOf("quantile=\"") + 10, l.indexOf('"', l.indexOf("quantile=\"") + 10)) + " "
                        + String.format("%.2f ms", Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) * 1000))
                .collect(java.util.stream.Collectors.joining(", ")));
    }

    /** (b) Deployments created through the API server by 50 clients, with the webhook and without. */
    static void throughTheApiServer(KubernetesClient client, int creates, int httpPort, HttpClient plain, Map<String, Long> processes,
            Path work, Process nullWebhook) throws Exception {
        create(client, "warm", 200);
        Map<String, Double> cpuBefore = cpu(processes);
        List<Long> with = create(client, "with", creates);
        Map<String, Double> cpuWith = cpu(processes);
        double answered = admissionRequests(plain, httpPort);
        client.admissionRegistration().v1().validatingWebhookConfigurations().withName("nospof").delete();
        // The API server drops the webhook from its own informer a moment later: until nospof hears no more requests.
        double last = -1;
        double now = admissionRequests(plain, httpPort);
        for (int round = 0; now != last; round++) {
            last = now;
            create(client, "settle-" + round, 50);
            now = admissionRequests(plain, httpPort);
        }
        Map<String, Double> cpuSettled = cpu(processes);
        List<Long> without = create(client, "without", creates);
        Map<String, Double> cpuWithout = cpu(processes);

        // The floor: the same configuration calling a webhook that allows everything and does nothing else.
        processes.put("null webhook", nullWebhook.pid());
        client.resource(dev.nospof.operator.AdmissionWebhook.configuration("nospof-null-webhook", new io.fabric8.kubernetes.api.model.admissionregistration.v1
                .WebhookClientConfigBuilder().withUrl("https://127.0.0.1:" + NullWebhook.port(work) + "/validate")
                .withCaBundle(Base64.getEncoder().encodeToString(NullWebhook.caBundle(work).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .build(), "Ignore", List.of("kube-system"))).serverSideApply();
        long warmUp = NullWebhook.calls(work);
        for (int round = 0; NullWebhook.calls(work) == warmUp; round++) {
            create(client, "null-settle-" + round, 50);
        }
        Map<String, Double> cpuNullBefore = cpu(processes);
        List<Long> withNull = create(client, "null", creates);
        Map<String, Double> cpuNull = cpu(processes);
        System.out.printf("(b) %d Deployments created by 50 clients through the API server (%d reviews answered by the webhook,"
                + " %d TLS handshakes of its server)%n", creates, (long) answered, (long) counter(plain, httpPort, "nospof_admission_tls_handshakes_total"));
        System.out.println("    with the webhook:    " + describe(with));
        System.out.println("    without a webhook:   " + describe(without));
        System.out.println("    a null webhook:      " + describe(withNull));
        System.out.printf("    p99 ratio (with / without): %.2f; a webhook that does nothing: %.2f%n",
                percentile(with, 0.99) / (double) percentile(without, 0.99), percentile(withNull, 0.99) / (double) percentile(without, 0.99));
        for (String process : processes.keySet()) {
            System.out.printf("    CPU per create, %-14s with the webhook %.2f ms, without %.2f ms, with the null webhook %.2f ms%n", process + ":",
                    (cpuWith.getOrDefault(process, 0.0) - cpuBefore.getOrDefault(process, 0.0)) * 1000 / creates,
                    (cpuWithout.getOrDefault(process, 0.0) - cpuSettled.getOrDefault(process, 0.0)) * 1000 / creates,
                    (cpuNull.get(process) - cpuNullBefore.get(process)) * 1000 / creates);
        }
    }

    static List<Long> create(KubernetesClient client, String prefix, int count) throws Exception {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger failures = new AtomicInteger();
        parallel(50, count, i -> {
            Deployment d = deployment(prefix + "-" + i, "ns-" + (i % NAMESPACES), i % 4 == 0 ? 1 : 3);
            long sent = System.nanoTime();
            try {
                client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).resource(d).create();
                latencies.add(System.nanoTime() - sent);
            } catch (RuntimeException e) {
                failures.incrementAndGet();
            }
        });
        if (failures.get() > 0) {
            System.out.printf("    %s: %d of %d creates FAILED%n", prefix, failures.get(), count);
        }
        return new ArrayList<>(latencies);
    }

    static Deployment deployment(String name, String namespace, int replicas) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(namespace).withLabels(Map.of("app", name, "team", "bench"))
                .endMetadata().withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(Map.of("app", name)).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", name)).endMetadata().withNewSpec()
                .addNewContainer().withName("app").withImage("registry.example/" + name + ":1.0")
                .addNewPort().withContainerPort(8080).withName("http").endPort()
                .addNewEnv().withName("LOG_LEVEL").withValue("info").endEnv()
                .withNewResources().withRequests(Map.of("cpu", new io.fabric8.kubernetes.api.model.Quantity("100m"),
                        "memory", new io.fabric8.kubernetes.api.model.Quantity("128Mi"))).endResources()
                .withNewReadinessProbe().withNewHttpGet().withPath("/ready").withPort(new IntOrString("http")).endHttpGet().endReadinessProbe()
                .endContainer().endSpec().endTemplate().endSpec().build();
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

    static HttpRequest request(URI uri, String body) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static String describe(List<Long> nanos) {
        return String.format("n=%d p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms", nanos.size(), percentile(nanos, 0.5) / 1e6,
                percentile(nanos, 0.9) / 1e6, percentile(nanos, 0.99) / 1e6, percentile(nanos, 1.0) / 1e6);
    }

    static long percentile(List<Long> values, double p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    /** Cumulative counts of the handler histogram by upper bound (le). */
    static Map<Double, Double> handlerBuckets(HttpClient plain, int httpPort) throws Exception {
        Map<Double, Double> buckets = new java.util.TreeMap<>();
        for (String line : metrics(plain, httpPort).lines().filter(l -> l.startsWith("nospof_admission_duration_seconds_bucket")).toList()) {
            String le = line.substring(line.indexOf("le=\"") + 4, line.indexOf('"', line.indexOf("le=\"") + 4));
            buckets.put(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le),
                    Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
        }
        return buckets;
    }

    static String bucketPercentiles(Map<Double, Double> before, Map<Double, Double> after) {
        double total = after.getOrDefault(Double.POSITIVE_INFINITY, 0.0) - before.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
        StringBuilder out = new StringBuilder("n=" + (long) total);
        for (double p : new double[] {0.5, 0.99, 1.0}) {
            for (var e : after.entrySet()) {
                if (e.getValue() - before.getOrDefault(e.getKey(), 0.0) >= p * total) {
                    out.append(String.format(", p%s <= %.1f ms", p == 1.0 ? "100" : String.valueOf((int) (p * 100)), e.getKey() * 1000));
                    break;
                }
            }
        }
        return out.toString();
    }

    static double admissionRequests(HttpClient plain, int httpPort) throws Exception {
        return metrics(plain, httpPort).lines().filter(l -> l.startsWith("nospof_admission_requests_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** The processes whose CPU is measured: the control plane's (from its pids file) and the operator. */
    static Map<String, Long> processes(Path work, Process operator) throws Exception {
        Map<String, Long> processes = new java.util.LinkedHashMap<>();
        for (String line : Files.readAllLines(work.resolve("plane/pids"))) {
            long pid = Long.parseLong(line.trim());
            String command = Files.readString(Path.of("/proc/" + pid + "/comm")).trim();
            processes.put(command, pid);
        }
        processes.put("nospof", operator.pid());
        return processes;
    }

    /** CPU seconds (user + system) each process has used so far, from /proc. */
    static Map<String, Double> cpu(Map<String, Long> processes) throws Exception {
        Map<String, Double> seconds = new java.util.HashMap<>();
        for (var e : processes.entrySet()) {
            String stat = Files.readString(Path.of("/proc/" + e.getValue() + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            seconds.put(e.getKey(), (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0);
        }
        return seconds;
    }

    static double counter(HttpClient plain, int httpPort, String name) throws Exception {
        return metrics(plain, httpPort).lines().filter(l -> l.startsWith(name)).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    static String metrics(HttpClient plain, int httpPort) throws Exception {
        return plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    static boolean ready(HttpClient plain, int httpPort) {
        try {
            return plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    static SSLContext trusting(String caBundleBase64) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        int n = 0;
        for (Certificate ca : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Base64.getDecoder().decode(caBundleBase64)))) {
            trusted.setCertificateEntry("ca-" + n++, ca);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * A webhook that allows everything and does nothing else (Vert.x over TLS with HTTP/2 by ALPN,
     * as nospof serves), in a process of its own: the floor of what calling any webhook costs.
     */
    static final class NullWebhook {

        static Process start(Path work) throws Exception {
            Path dir = Files.createDirectories(work.resolve("null-webhook"));
            var material = dev.nospof.admission.Certificates.renewed(null, List.of("127.0.0.1"), java.time.Instant.now(), Duration.ofDays(1));
            Files.writeString(dir.resolve("ca.crt"), material.caBundle());
            Files.writeString(dir.resolve("tls.crt"), material.certificate());
            Files.writeString(dir.resolve("tls.key"), material.privateKey());
            int port = freePort();
            Files.writeString(dir.resolve("port"), String.valueOf(port));
            Process process = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"), Path.of("bench/AdmissionBenchmark.java")
                    .toAbsolutePath().toString(), "null-webhook", String.valueOf(port), dir.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
            HttpClient https = HttpClient.newBuilder().sslContext(trustingPem(material.caBundle())).build();
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (true) {
                try {
                    https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/calls")).build(), HttpResponse.BodyHandlers.discarding());
                    break;
                } catch (java.io.IOException e) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("the null webhook did not start; log: " + dir.resolve("log"));
                    }
                    Thread.sleep(100);
                }
            }
            // Warm-up, as nospof's webhook is warmed by (a): the JIT compiles its path before it is measured.
            URI validate = URI.create("https://127.0.0.1:" + port + "/validate");
            for (int i = 0; i < 5000; i++) {
                https.send(request(validate, "{\"request\":{\"uid\":\"warm-" + i + "\"}}"), HttpResponse.BodyHandlers.discarding());
            }
            return process;
        }

        static int port(Path work) throws Exception {
            return Integer.parseInt(Files.readString(work.resolve("null-webhook/port")));
        }

        static String caBundle(Path work) throws Exception {
            return Files.readString(work.resolve("null-webhook/ca.crt"));
        }

        static long calls(Path work) throws Exception {
            HttpClient https = HttpClient.newBuilder().sslContext(trustingPem(caBundle(work))).build();
            return Long.parseLong(https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port(work) + "/calls")).build(),
                    HttpResponse.BodyHandlers.ofString()).body().trim());
        }

        /** In the child process: answers every review "allowed", echoing its uid. */
        static void serve(int port, Path dir) throws Exception {
            java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();
            io.vertx.core.Vertx.vertx().createHttpServer(new io.vertx.core.http.HttpServerOptions().setSsl(true).setUseAlpn(true)
                            .setHost("127.0.0.1").setPort(port).setKeyCertOptions(new io.vertx.core.net.PemKeyCertOptions()
                                    .setCertPath(dir.resolve("tls.crt").toString()).setKeyPath(dir.resolve("tls.key").toString())))
                    .requestHandler(request -> {
                        if (request.path().equals("/calls")) {
                            request.response().end(String.valueOf(calls.get()));
                            return;
                        }
                        request.body().onSuccess(body -> {
                            calls.incrementAndGet();
                            String json = body.toString();
                            int at = json.indexOf("\"uid\"");
                            int start = json.indexOf('"', json.indexOf(':', at) + 1) + 1;
                            String uid = json.substring(start, json.indexOf('"', start));
                            request.response().putHeader("Content-Type", "application/json").end(
                                    "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"response\":{\"uid\":\"" + uid
                                            + "\",\"allowed\":true}}");
                        });
                    }).listen().toCompletionStage().toCompletableFuture().get();
            System.out.println("null webhook serving on " + port);
        }
    }

    static SSLContext trustingPem(String pem) throws Exception {
        return trusting(Base64.getEncoder().encodeToString(pem.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
