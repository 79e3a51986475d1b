package dev.nospof.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nospof.adapters.ManifestViews;
import dev.nospof.cli.ManifestReader;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One runner for every check fixture under {@code src/test/resources/checks/<check-id>/}.
 * A fixture is a multi-document manifest whose first line says exactly which findings it
 * produces, as {@code check-id:severity} pairs ({@code # expect: single-replica:high}, or
 * {@code # expect: none}). A {@code fail-*} fixture must produce its folder's check at a
 * severity above info; a {@code pass-*} fixture must not. Pods and Nodes in a fixture are the
 * live state its workloads see; fixtures without any have none, as manifests on disk.
 */
public class CheckFixturesTest {

    public static final Path FIXTURES = Path.of("src/test/resources/checks");

    static Stream<Path> fixtures() throws IOException {
        return yamlFiles(FIXTURES).stream();
    }

    /** Every fixture file below {@code dir}, sorted. */
    public static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fixtureProducesExactlyItsExpectedFindings(Path fixture) throws IOException {
        String content = Files.readString(fixture);
        Set<String> expected = expectation(fixture, content);
        Set<String> actual = findings(parse(content));

        assertThat(actual).as("findings of %s", fixture).containsExactlyInAnyOrderElementsOf(expected);

        String checkId = fixture.getParent().getFileName().toString();
        String file = fixture.getFileName().toString();
        boolean fails = actual.stream().anyMatch(f -> f.startsWith(checkId + ":") && !f.endsWith(":info"));
        if (file.startsWith("fail-")) {
            assertThat(fails).as("%s must fail %s", fixture, checkId).isTrue();
        } else {
            assertThat(file).as("fixture names start with pass- or fail-").startsWith("pass-");
            assertThat(fails).as("%s must pass %s", fixture, checkId).isFalse();
        }
    }

    @Test
    void everyCheckHasPassingAndFailingFixtures() throws IOException {
        for (Check check : CheckCatalogue.all()) {
            Path dir = FIXTURES.resolve(check.id());
            assertThat(dir).as("fixture folder of %s", check.id()).isDirectory();
            try (Stream<Path> files = Files.list(dir)) {
                List<String> names = files.map(p -> p.getFileName().toString()).toList();
                assertThat(names).as("fixtures of %s", check.id())
                        .anyMatch(n -> n.startsWith("pass-"))
                        .anyMatch(n -> n.startsWith("fail-"));
            }
        }
    }

    static Set<String> findings(List<HasMetadata> objects) {
        Engine engine = Engine.standard();
        boolean live = objects.stream().anyMatch(o -> o instanceof Pod || o instanceof Node);
        return ManifestViews.viewsByObject(objects, "default", live).stream()
                .flatMap(v -> engine.evaluate(v.view()).findings().stream())
                .map(f -> f.checkId() + ":" + f.severity().id())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The fixture's objects, read by the audit command's own reader (so fixtures are valid audit input too). */
    static List<HasMetadata> parse(String content) {
        ManifestReader reader = new ManifestReader();
        reader.readText("fixture", content);
        assertThat(reader.problems()).as("fixture documents that could not be read").isEmpty();
        return reader.kubernetesObjects();
    }

    /** The exact findings the first line of a fixture promises ({@code # expect: id:severity, ...} or {@code none}). */
    public static Set<String> expectation(Path fixture, String content) {
        String first = content.lines().findFirst().orElse("");
        if (!first.startsWith("# expect:")) {
            throw new UncheckedIOException(new IOException(fixture + ": the first line must be '# expect: id:severity, ...' or '# expect: none'"));
        }
        String list = first.substring("# expect:".length()).trim();
        if (list.equals("none")) {
            return Set.of();
        }
        return Arrays.stream(list.split(",")).map(String::trim).collect(Collectors.toCollection(TreeSet::new));
    }
}
