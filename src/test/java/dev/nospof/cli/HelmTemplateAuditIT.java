package dev.nospof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nospof.testing.CommandResult;
import dev.nospof.testing.Helm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code helm template ... | nospof audit -} with a real helm (hack/helm.sh builds it from the Go
 * module proxy): the rendered documents, with helm's "# Source:" comments and skipped
 * templates, are audited like any other input.
 */
class HelmTemplateAuditIT {

    static final Path PROJECT = Path.of(System.getProperty("nospof.projectDir", ".")).toAbsolutePath();

    @Test
    void renderedChartIsAuditedAndValuesDecide() {
        String single = helmTemplate();
        AuditCommandTest.Run run = AuditCommandTest.runWithStdin(single, "audit", "-");
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("<stdin>:").contains("Deployment default/shop-web  1 effective replica")
                .contains("HIGH      single-replica");

        String redundant = helmTemplate("--set", "replicas=3", "--set", "pdb.enabled=true");
        AuditCommandTest.Run passing = AuditCommandTest.runWithStdin(redundant, "audit", "-");
        assertThat(passing.exit()).as(passing.out() + passing.err()).isZero();
        assertThat(passing.out()).contains("1 workload(s) in 1 file(s), 3 document(s): 1 medium")
                .contains("MEDIUM    missing-spread").doesNotContain("missing-pdb");
    }

    private static String helmTemplate(String... args) {
        List<String> command = new ArrayList<>(List.of("template", "shop", PROJECT.resolve("src/test/resources/cli/chart").toString()));
        command.addAll(List.of(args));
        CommandResult rendered = Helm.provide(PROJECT).run(command.toArray(String[]::new));
        assertThat(rendered.exitCode()).as(rendered.output()).isZero();
        return rendered.output();
    }
}
