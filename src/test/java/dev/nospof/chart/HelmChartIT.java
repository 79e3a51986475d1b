package dev.nospof.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nospof.operator.AdmissionWebhook;
import dev.nospof.testing.CommandResult;
import dev.nospof.testing.Helm;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart as files: lint, render, the values schema, the exact RBAC it grants, and nospof's own
 * audit of what it renders (a tool that hunts single points of failure must not be one).
 * Installing it on a real API server is {@link ChartInstallIT}.
 */
class HelmChartIT {

    static final Path PROJECT = Path.of(System.getProperty("nospof.projectDir", ".")).toAbsolutePath();
    static final Path CHART = PROJECT.resolve("helm/nospof");
    static final Path VALUES = PROJECT.resolve("src/test/resources/chart");
    static Helm helm;

    @BeforeAll
    static void provideHelm() {
        helm = Helm.provide(PROJECT);
    }

    @Test
    void lintsAndRendersWithDefaultAndCustomValues() {
        CommandResult lint = helm.run("lint", "--strict", CHART.toString());
        assertThat(lint.exitCode()).as(lint.output()).isZero();
        CommandResult lintCustom = helm.run("lint", "--strict", CHART.toString(), "-f", VALUES.resolve("values-custom.yaml").toString());
        assertThat(lintCustom.exitCode()).as(lintCustom.output()).isZero();

        Deployment custom = only(render("-f", VALUES.resolve("values-custom.yaml").toString()), Deployment.class);
        assertThat(custom.getSpec().getReplicas()).isEqualTo(3);
        assertThat(custom.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("spof-hunter");
        assertThat(custom.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("registry.example.com/platform/nospof:1.2.3");
        List<HasMetadata> customObjects = render("-f", VALUES.resolve("values-custom.yaml").toString());
        assertThat(customObjects).extracting(HasMetadata::getKind).contains("ServiceMonitor", "RedundancyPolicy");
    }

    @Test
    void defaultsAreTwoSpreadReplicasWithABudgetProbesAndARestrictedContext() {
        List<HasMetadata> objects = render();
        Deployment deployment = only(objects, Deployment.class);
        var pod = deployment.getSpec().getTemplate().getSpec();
        var container = pod.getContainers().get(0);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(pod.getTopologySpreadConstraints()).extracting(c -> c.getTopologyKey() + " " + c.getWhenUnsatisfiable())
                .containsExactly("kubernetes.io/hostname DoNotSchedule", "topology.kubernetes.io/zone ScheduleAnyway");
        assertThat(pod.getTopologySpreadConstraints()).allSatisfy(c ->
                assertThat(c.getLabelSelector().getMatchLabels()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels()));
        assertThat(only(objects, PodDisruptionBudget.class).getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(only(objects, PodDisruptionBudget.class).getSpec().getUnhealthyPodEvictionPolicy()).isEqualTo("AlwaysAllow");
        assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(container.getResources().getLimits()).containsKey("memory");
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry("prometheus.io/scrape", "true");
        assertThat(objects).extracting(HasMetadata::getKind).doesNotContain("ServiceMonitor", "RedundancyPolicy");
        Secret certificates = only(objects, Secret.class);
        assertThat(certificates.getMetadata().getName()).isEqualTo(ChartInstallIT.WEBHOOK_SECRET);
        assertThat(certificates.getData()).as("rendered empty: the operator fills it, an upgrade keeps what it wrote").isNullOrEmpty();
    }

    @Test
    void badValuesAreRefusedWithTheSchemaMessage() throws Exception {
        CommandResult wrongType = helm.run("template", "nospof", CHART.toString(), "-f", VALUES.resolve("values-bad-type.yaml").toString());
        System.out.println("replicaCount: \"two\" →\n" + wrongType.output());
        assertThat(wrongType.exitCode()).isNotZero();
        assertThat(wrongType.output()).contains("values don't meet the specifications of the schema").contains("replicaCount")
                .contains("integer");

        CommandResult unknownKey = helm.run("template", "nospof", CHART.toString(), "-f", VALUES.resolve("values-unknown-key.yaml").toString());
        System.out.println("replicas: 2 (unknown key) →\n" + unknownKey.output());
        assertThat(unknownKey.exitCode()).isNotZero();
        assertThat(unknownKey.output()).contains("additional properties 'replicas' not allowed");

        CommandResult zeroBudget = helm.run("template", "nospof", CHART.toString(), "--set", "podDisruptionBudget.maxUnavailable=0");
        assertThat(zeroBudget.exitCode()).isNotZero();
        assertThat(zeroBudget.output()).contains("maxUnavailable");
    }

    /** Every rule, exactly: a widened rule is a visible diff here. */
    @Test
    void clusterRoleGrantsExactlyWhatNospofReadsAndWrites() {
        List<HasMetadata> objects = render();
        ClusterRole role = only(objects, ClusterRole.class);
        assertThat(role.getRules().stream().map(HelmChartIT::describe).toList()).containsExactly(
                "apps [deployments, statefulsets, replicasets] [] [get, list, watch]",
                " [replicationcontrollers, pods, nodes, namespaces, services, persistentvolumeclaims, persistentvolumes] [] [get, list, watch]",
                "policy [poddisruptionbudgets] [] [get, list, watch]",
                "autoscaling [horizontalpodautoscalers] [] [get, list, watch]",
                "discovery.k8s.io [endpointslices] [] [get, list, watch]",
                "admissionregistration.k8s.io [validatingwebhookconfigurations, mutatingwebhookconfigurations] [] [get, list, watch]",
                "apiregistration.k8s.io [apiservices] [] [get, list, watch]",
                "apiextensions.k8s.io [customresourcedefinitions] [rollouts.argoproj.io, scaledobjects.keda.sh, "
                        + "prometheuses.monitoring.coreos.com, alertmanagers.monitoring.coreos.com, thanosrulers.monitoring.coreos.com, "
                        + "clusters.postgresql.cnpg.io] [get, list, watch]",
                "argoproj.io [rollouts] [] [get, list, watch]",
                "keda.sh [scaledobjects] [] [get, list, watch]",
                "monitoring.coreos.com [prometheuses, alertmanagers, thanosrulers] [] [get, list, watch]",
                "postgresql.cnpg.io [clusters] [] [get, list, watch]",
                "nospof.dev [spofreports, clusterspofreports] [] [get, list, watch, create, patch]",
                "nospof.dev [spofreports] [] [delete]",
                "nospof.dev [spofreports/status, clusterspofreports/status, redundancypolicies/status] [] [patch]",
                "nospof.dev [redundancypolicies] [] [get, list, watch]",
                "admissionregistration.k8s.io [validatingwebhookconfigurations] [nospof-nospof-system] [patch]",
                "admissionregistration.k8s.io [validatingadmissionpolicies, validatingadmissionpolicybindings] [] "
                        + "[list, create, patch, delete]",
                " [events] [] [create]");
        assertThat(roleRules(objects, "nospof-leader-election")).containsExactly("coordination.k8s.io [leases] [] [get, create, update, patch]");
        assertThat(roleRules(objects, "nospof-webhook-certificates"))
                .containsExactly(" [secrets] [nospof-webhook-certificates] [get, update]");
        assertThat(objects.stream().filter(Role.class::isInstance)).hasSize(2);
        assertThat(env(objects)).containsEntry("NOSPOF_REMEDIATION_ENABLED", "false");
    }

    /** declaredWorkloadResources adds read-only rules for exactly what it lists; the schema refuses a group nospof would not need. */
    @Test
    void declaredWorkloadResourcesAddReadOnlyRules() {
        List<String> base = only(render(), ClusterRole.class).getRules().stream().map(HelmChartIT::describe).toList();
        List<String> rules = only(render("--set", "declaredWorkloadResources[0].apiGroup=kafka.strimzi.io",
                "--set", "declaredWorkloadResources[0].resources={kafkas,kafkanodepools}"), ClusterRole.class)
                .getRules().stream().map(HelmChartIT::describe).toList();
        assertThat(rules).containsAll(base);
        assertThat(rules.stream().filter(r -> !base.contains(r)).toList())
                .containsExactly("kafka.strimzi.io [kafkas, kafkanodepools] [] [get, list, watch]");
        CommandResult refused = helm.run("template", "nospof", CHART.toString(), "--set", "declaredWorkloadResources[0].apiGroup=apps",
                "--set", "declaredWorkloadResources[0].resources={deployments}");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("/declaredWorkloadResources/0/apiGroup");
    }

    /** remediation.enabled adds exactly the write verbs remediation uses, and tells the operator it has them. */
    @Test
    void remediationAddsOnlyItsWriteVerbs() {
        List<HasMetadata> objects = render("--set", "remediation.enabled=true");
        List<String> base = only(render(), ClusterRole.class).getRules().stream().map(HelmChartIT::describe).toList();
        List<String> rules = only(objects, ClusterRole.class).getRules().stream().map(HelmChartIT::describe).toList();
        assertThat(rules).containsAll(base);
        assertThat(rules.stream().filter(r -> !base.contains(r)).toList()).containsExactly(
                "apps [deployments, statefulsets] [] [patch]",
                "autoscaling [horizontalpodautoscalers] [] [patch]",
                "keda.sh [scaledobjects] [] [patch]",
                "policy [poddisruptionbudgets] [] [create, patch, delete]");
        assertThat(env(objects)).containsEntry("NOSPOF_REMEDIATION_ENABLED", "true").containsEntry("NOSPOF_REMEDIATION_NAMESPACE",
                "$(POD_NAMESPACE)");
    }

    /**
     * The JVM settings the chart gives the image's launcher are the ones the scale harness runs the
     * operator with (bench/ScaleBenchmark.java), so the memory limit is the measured one.
     */
    @Test
    void theJvmSettingsAreTheOnesTheScaleHarnessMeasured() throws Exception {
        Map<String, String> env = env(render());
        assertThat(env).containsEntry("JAVA_MAX_MEM_RATIO", "50").containsEntry("MALLOC_ARENA_MAX", "2")
                .containsEntry("GC_CONTAINER_OPTIONS", G1)
                .containsEntry("JAVA_OPTS_APPEND", "-XX:+ExitOnOutOfMemoryError " + JIT_DIRECTIVES);
        assertThat(only(render(), Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits()
                .get("memory").toString()).isEqualTo("512Mi");
        String harness = Files.readString(Path.of("bench/ScaleBenchmark.java"));
        String chartJvm = harness.substring(harness.indexOf("CHART_JVM ="), harness.indexOf("CHART_ENV ="));
        assertThat(chartJvm).contains("-XX:MaxRAM=512m", "-XX:MaxRAMPercentage=50", G1, "-XX:+ExitOnOutOfMemoryError", JIT_DIRECTIVES);
        assertThat(harness).contains("CHART_ENV = Map.of(\"MALLOC_ARENA_MAX\", \"2\")");
    }

    private static final String G1 = "-XX:+UseG1GC -XX:+UseStringDeduplication -XX:-G1UseAdaptiveIHOP -XX:InitiatingHeapOccupancyPercent=75";

    private static final String JIT_DIRECTIVES = "-XX:+UnlockDiagnosticVMOptions -XX:CompilerDirectivesFile=/opt/nospof/jit-directives.json";

    /**
     * The compiler directives the chart's options name are in the image (Jib copies src/main/jib to
     * its root) and this JVM takes them: a file it cannot parse stops the JVM before it starts.
     */
    @Test
    void theJitDirectivesTheChartNamesParse() throws Exception {
        Path directives = Path.of("src/main/jib/opt/nospof/jit-directives.json");
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UnlockDiagnosticVMOptions", "-XX:CompilerDirectivesFile=" + directives, "-version").redirectErrorStream(true).start();
        String output = new String(jvm.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(jvm.waitFor()).as(output).isZero();
        assertThat(output).contains("2 compiler directives added");
    }

    private static Map<String, String> env(List<HasMetadata> objects) {
        Map<String, String> env = new java.util.HashMap<>();
        only(objects, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
                .forEach(e -> env.put(e.getName(), e.getValue() == null ? "" : e.getValue()));
        return env;
    }

    /**
     * The webhook as the chart renders it is the one nospof registers out of a cluster (same rules,
     * guards and match condition), called through the chart's Service, and the operator is told
     * the names it needs; with cert-manager, cert-manager issues and injects and nospof only reads.
     */
    @Test
    void theWebhookIsTheOneNospofRegistersWiredToTheOperator() {
        List<HasMetadata> objects = render();
        ValidatingWebhookConfiguration rendered = only(objects, ValidatingWebhookConfiguration.class);
        assertThat(rendered.getMetadata().getName()).isEqualTo(ChartInstallIT.WEBHOOK_CONFIGURATION);
        ValidatingWebhook webhook = rendered.getWebhooks().get(0);
        assertThat(webhook.getClientConfig().getService().getName()).isEqualTo(ChartInstallIT.WEBHOOK_SERVICE);
        assertThat(webhook.getClientConfig().getService().getPath()).isEqualTo("/validate");
        assertThat(webhook.getClientConfig().getCaBundle()).as("set by nospof, not by the chart").isNull();
        ValidatingWebhook registered = AdmissionWebhook.configuration("any", webhook.getClientConfig(), "Ignore",
                List.of("kube-system", ChartInstallIT.NAMESPACE)).getWebhooks().get(0);
        assertThat(webhook).isEqualTo(registered);

        Service service = objects.stream().filter(Service.class::isInstance).map(Service.class::cast)
                .filter(s -> s.getMetadata().getName().equals(ChartInstallIT.WEBHOOK_SERVICE)).findFirst().orElseThrow();
        assertThat(service.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("webhook");
        var container = only(objects, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getPorts()).anyMatch(p -> p.getName().equals("webhook") && p.getContainerPort() == 8443);
        Map<String, String> env = container.getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
        ChartInstallIT.CHART_ADMISSION.forEach((name, value) -> assertThat(env).containsEntry(name,
                name.equals("NOSPOF_ADMISSION_NAMESPACE") ? "$(POD_NAMESPACE)" : value));
        assertThat(env).containsEntry("NOSPOF_ADMISSION_PORT", "8443");

        assertThat(render("--set", "admission.failurePolicy=Fail").stream().filter(ValidatingWebhookConfiguration.class::isInstance)
                .map(c -> ((ValidatingWebhookConfiguration) c).getWebhooks().get(0).getFailurePolicy())).containsExactly("Fail");

        List<HasMetadata> certManager = render("--set", "admission.certificates.issuer=cert-manager");
        assertThat(certManager).extracting(HasMetadata::getKind).contains("Certificate", "Issuer").doesNotContain("Secret");
        assertThat(only(certManager, ValidatingWebhookConfiguration.class).getMetadata().getAnnotations())
                .containsEntry("cert-manager.io/inject-ca-from", "nospof-system/nospof-webhook");
        assertThat(roleRules(certManager, "nospof-webhook-certificates")).containsExactly(" [secrets] [nospof-webhook-certificates] [get]");
        assertThat(only(certManager, ClusterRole.class).getRules()).noneMatch(r -> r.getVerbs().contains("patch")
                && r.getResources().contains("validatingwebhookconfigurations"));

        List<HasMetadata> disabled = render("--set", "admission.enabled=false");
        assertThat(disabled).extracting(HasMetadata::getKind).doesNotContain("ValidatingWebhookConfiguration", "Secret");
        assertThat(only(disabled, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .noneMatch(e -> e.getName().startsWith("NOSPOF_ADMISSION_"));
        assertThat(only(disabled, ClusterRole.class).getRules()).noneMatch(r -> r.getVerbs().contains("patch")
                && r.getApiGroups().contains("admissionregistration.k8s.io"));
    }

    private static List<String> roleRules(List<HasMetadata> objects, String name) {
        return objects.stream().filter(Role.class::isInstance).map(Role.class::cast).filter(r -> r.getMetadata().getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no Role " + name)).getRules().stream().map(HelmChartIT::describe).toList();
    }

    /** nospof's own audit of the chart it ships: clean by default, single-replica with one replica. */
    @Test
    void nospofAuditsItsOwnChartClean() throws Exception {
        Path rendered = Files.createTempFile("nospof-chart-", ".yaml");
        Files.writeString(rendered, template());
        CommandResult clean = audit(rendered);
        System.out.println("nospof audit of the default chart:\n" + clean.output());
        assertThat(clean.exitCode()).as(clean.output()).isZero();
        assertThat(clean.output()).contains("1 workload(s)").contains("no findings");

        Files.writeString(rendered, template("--set", "replicaCount=1"));
        CommandResult single = audit(rendered);
        assertThat(single.exitCode()).as(single.output()).isEqualTo(1);
        assertThat(single.output()).contains("single-replica");
        Files.delete(rendered);
    }

    private static CommandResult audit(Path file) {
        return CommandResult.run(List.of(PROJECT.resolve("bin/nospof").toString(), "audit", "--fail-on", "low", file.toString()),
                Duration.ofMinutes(1));
    }

    private static String describe(PolicyRule rule) {
        return String.join(",", rule.getApiGroups()) + " " + rule.getResources() + " " + rule.getResourceNames() + " " + rule.getVerbs();
    }

    static String template(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("template", "nospof", CHART.toString(), "-n", "nospof-system"));
        command.addAll(List.of(args));
        CommandResult rendered = helm.run(command.toArray(String[]::new));
        assertThat(rendered.exitCode()).as(rendered.output()).isZero();
        return rendered.output();
    }

    static List<HasMetadata> render(String... args) {
        return parse(template(args));
    }

    /** The documents of helm's output, as typed objects where Fabric8 knows the kind. */
    static List<HasMetadata> parse(String yaml) {
        KubernetesSerialization serialization = new KubernetesSerialization();
        return java.util.Arrays.stream(yaml.split("(?m)^---\\s*$"))
                .filter(doc -> doc.lines().anyMatch(line -> line.startsWith("kind:")))
                .map(doc -> (HasMetadata) serialization.unmarshal(doc))
                .toList();
    }

    static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> type) {
        List<T> matching = objects.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(matching).as("one %s among %s", type.getSimpleName(), objects.stream().map(HasMetadata::getKind).toList()).hasSize(1);
        return matching.get(0);
    }
}
