package dev.nospof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nospof.testing.CommandResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * bin/nospof as users run it, after the normal build: it audits files with a kubeconfig that
 * points nowhere (so it cannot be contacting a cluster) and does not start the operator.
 */
class AuditLauncherIT {

    @Test
    void auditsFilesWithoutACluster() throws Exception {
        Path projectDir = Path.of(System.getProperty("nospof.projectDir", ".")).toAbsolutePath();
        Path kubeconfig = Files.createTempFile("unreachable-", ".kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: nowhere, cluster: {server: "https://127.0.0.1:1"}}]
                users: [{name: nobody, user: {token: none}}]
                contexts: [{name: nowhere, context: {cluster: nowhere, user: nobody}}]
                current-context: nowhere
                """);
        try {
            // With a policy and a Rollout in the input: the readers that log through SLF4J are used.
            CommandResult result = CommandResult.run(List.of("env", "KUBECONFIG=" + kubeconfig,
                    projectDir.resolve("bin/nospof").toString(), "audit", projectDir.resolve("deploy/examples").toString(),
                    projectDir.resolve("src/test/resources/checks/single-replica/pass-rollout-three-replicas.yaml").toString(),
                    "--policy", projectDir.resolve("deploy/policies/production.yaml").toString()),
                    Duration.ofMinutes(1));

            assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
            assertThat(result.output())
                    .contains("10 workload(s) in 11 file(s)")
                    .contains("Result: failed: 5 finding(s) at or above high.")
                    .doesNotContain("Quarkus", "Operator SDK", "Starting operator")
                    .doesNotContain("SLF4J");
        } finally {
            Files.deleteIfExists(kubeconfig);
        }
    }
}
