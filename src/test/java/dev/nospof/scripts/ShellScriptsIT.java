package dev.nospof.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nospof.testing.CommandResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every shell script of the project passes shellcheck, hack/e2e-kind.sh above all: it cannot
 * run here (no Docker engine), so this is the check it gets. shellcheck is a Debian package;
 * .ci/run installs it.
 */
class ShellScriptsIT {

    static final Path PROJECT = Path.of(System.getProperty("nospof.projectDir", ".")).toAbsolutePath();

    @Test
    void everyScriptPassesShellcheck() throws IOException {
        List<String> command = new ArrayList<>(List.of("shellcheck", "--external-sources"));
        List<String> scripts = new ArrayList<>();
        for (String dir : List.of("hack", "bench", ".ci")) {
            try (Stream<Path> files = Files.list(PROJECT.resolve(dir))) {
                files.filter(f -> f.toString().endsWith(".sh") || f.getFileName().toString().equals("run"))
                        .map(Path::toString).sorted().forEach(scripts::add);
            }
        }
        scripts.add(PROJECT.resolve("bin/nospof").toString());
        assertThat(scripts).anyMatch(s -> s.endsWith("hack/e2e-kind.sh"));
        command.addAll(scripts);
        CommandResult result;
        try {
            result = CommandResult.run(command, Duration.ofMinutes(2));
        } catch (IllegalStateException e) {
            throw new AssertionError("shellcheck is needed for this test (Debian: apt-get install shellcheck; .ci/run installs it): "
                    + e.getMessage(), e);
        }
        assertThat(result.exitCode()).as("shellcheck %s:\n%s", scripts, result.output()).isZero();
    }
}
