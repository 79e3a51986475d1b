package dev.nospof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nospof.testing.CommandResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * nospof's SARIF is valid SARIF 2.1.0 for the reference validator, Microsoft's SARIF Multitool
 * (provided by hack/sarif-multitool.sh): no error, for the golden output and for the examples.
 */
class SarifValidatorIT {

    @Test
    void goldenAndExampleSarifHaveNoValidationErrors() throws Exception {
        Path projectDir = Path.of(System.getProperty("nospof.projectDir", ".")).toAbsolutePath();
        CommandResult provide = CommandResult.run(List.of(projectDir.resolve("hack/sarif-multitool.sh").toString()), Duration.ofMinutes(5));
        assertThat(provide.exitCode()).as("hack/sarif-multitool.sh: %s", provide.output()).isZero();
        String tool = provide.output().lines().reduce((a, b) -> b).orElseThrow().trim();

        Path examples = Files.createTempFile("examples-", ".sarif");
        CommandResult audit = CommandResult.run(List.of(projectDir.resolve("bin/nospof").toString(), "audit",
                projectDir.resolve("deploy/examples").toString(), "-o", "sarif"), Duration.ofMinutes(1));
        Files.writeString(examples, audit.output());
        try {
            for (Path sarif : List.of(projectDir.resolve("src/test/resources/cli/golden/shop.sarif.json"), examples)) {
                // The validator refuses to overwrite its output file, so it gets a name that does not exist yet.
                Path report = Files.createTempDirectory("validation-").resolve("validation.sarif");
                CommandResult result = CommandResult.run(List.of("env", "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1", tool, "validate",
                        sarif.toString(), "--output", report.toString()), Duration.ofMinutes(2));
                Files.deleteIfExists(report);
                Files.deleteIfExists(report.getParent());
                assertThat(result.exitCode()).as(result.output()).isZero();
                assertThat(result.output()).as(result.output()).contains("Analysis completed successfully").doesNotContain(": error ");
            }
        } finally {
            Files.deleteIfExists(examples);
        }
    }
}
