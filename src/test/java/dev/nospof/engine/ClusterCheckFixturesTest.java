package dev.nospof.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nospof.adapters.ClusterViews;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cluster checks against their fixtures in {@code src/test/resources/cluster-checks/<check-id>/},
 * in the format of {@link CheckFixturesTest}: the first line lists the exact findings.
 */
class ClusterCheckFixturesTest {

    static final Path FIXTURES = Path.of("src/test/resources/cluster-checks");

    static Stream<Path> fixtures() throws IOException {
        return CheckFixturesTest.yamlFiles(FIXTURES).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fixtureProducesExactlyItsExpectedFindings(Path fixture) throws IOException {
        String content = Files.readString(fixture);
        Set<String> expected = CheckFixturesTest.expectation(fixture, content);

        Set<String> actual = ClusterEngine.standard().evaluate(ClusterViews.of(CheckFixturesTest.parse(content))).stream()
                .map(f -> f.checkId() + ":" + f.severity().id())
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(actual).as("findings of %s", fixture).containsExactlyInAnyOrderElementsOf(expected);
        String checkId = fixture.getParent().getFileName().toString();
        boolean fails = actual.stream().anyMatch(f -> f.startsWith(checkId + ":"));
        assertThat(fails).as("%s", fixture).isEqualTo(fixture.getFileName().toString().startsWith("fail-"));
    }

    @Test
    void everyClusterCheckHasPassingAndFailingFixtures() throws IOException {
        for (ClusterCheck check : ClusterEngine.standard().checks()) {
            try (Stream<Path> files = Files.list(FIXTURES.resolve(check.id()))) {
                List<String> names = files.map(p -> p.getFileName().toString()).toList();
                assertThat(names).as(check.id()).anyMatch(n -> n.startsWith("pass-")).anyMatch(n -> n.startsWith("fail-"));
            }
        }
    }
}
