package dev.nospof.cli;

import static dev.nospof.cli.AuditCommandTest.CLOCK;
import static dev.nospof.cli.AuditCommandTest.run;
import static dev.nospof.cli.AuditCommandTest.runWithStdin;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.difflib.UnifiedDiffUtils;
import dev.nospof.engine.Engine;
import dev.nospof.policy.Assessment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code nospof audit --fix}: the fixes written into manifests as a user would commit them, and
 * the fixed output audited again.
 */
class AuditFixTest {

    static final Path FIX = Path.of("src/test/resources/cli/fix");
    private static final Set<String> FIXABLE = Set.of("single-replica", "hpa-min-replicas", "missing-pdb", "missing-spread");

    @Test
    void fixesAreWrittenBesideTheUntouchedDocumentsAndTheOutputAuditsClean(@TempDir Path out) throws IOException {
        AuditCommandTest.Run fix = run("audit", FIX.toString(), "--fix", out.toString());
        assertThat(fix.err()).contains("nospof: 4 fix(es) in 2 file(s); 4 file(s) written to " + out);
        assertThat(fix.out()).as("the report, as without --fix").contains("single-replica");

        // A number on a line of its own is changed in place: the comment after it stays.
        assertThat(Files.readString(out.resolve("autoscaling.yaml")))
                .isEqualTo(Files.readString(FIX.resolve("autoscaling.yaml")).replace("minReplicas: 1   # cheap", "minReplicas: 2   # cheap"));
        // Untouched files and documents, byte for byte.
        assertThat(Files.readString(out.resolve("redundant.yaml"))).isEqualTo(Files.readString(FIX.resolve("redundant.yaml")));
        assertThat(Files.readString(out.resolve("worker.yaml"))).isEqualTo(Files.readString(FIX.resolve("worker.yaml")));
        String web = Files.readString(out.resolve("web.yaml"));
        String original = Files.readString(FIX.resolve("web.yaml"));
        assertThat(web).startsWith("# The shop's storefront. Reviewed by the platform team.\n")
                .endsWith(original.substring(original.indexOf("---\n# Untouched below")));
        // Two replicas, then the budget (a new document right after its workload) and the spread they need.
        assertThat(web).contains("""
                spec:
                  replicas: 2
                  selector:
                    matchLabels:
                      app: web
                """).contains("""
                      topologySpreadConstraints:
                        - maxSkew: 1
                          topologyKey: kubernetes.io/hostname
                          whenUnsatisfiable: ScheduleAnyway
                          labelSelector:
                            matchLabels:
                              app: web
                """).contains("""
                ---
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata:
                  name: web-nospof
                  namespace: shop
                spec:
                  maxUnavailable: 1
                  selector:
                    matchLabels:
                      app: web
                  unhealthyPodEvictionPolicy: AlwaysAllow
                ---
                # Untouched below""");

        AuditCommandTest.Run again = run("audit", out.toString(), "--fail-on", "none");
        assertThat(again.err()).isEmpty();
        assertThat(again.out()).doesNotContain("single-replica", "hpa-min-replicas", "missing-pdb", "missing-spread");
    }

    @Test
    void theDiffOnStandardOutputIsTheSameChangeAndTheReportGoesToStandardError(@TempDir Path out) throws Exception {
        AuditCommandTest.Run diff = run("audit", FIX.toString(), "--fix", "-");
        assertThat(diff.out()).startsWith("--- a/" + FIX.resolve("autoscaling.yaml") + "\n+++ b/" + FIX.resolve("autoscaling.yaml") + "\n@@ ")
                .contains("-  minReplicas: 1   # cheap at night\n+  minReplicas: 2   # cheap at night\n")
                .doesNotContain("redundant.yaml", "worker.yaml", "RESULT");
        assertThat(diff.err()).contains("single-replica").contains("nospof: 4 fix(es) in 2 file(s)\n");

        // Applied to the input, the diff gives what --fix DIR writes.
        run("audit", FIX.toString(), "--fix", out.toString());
        List<String> lines = List.of(diff.out().split("\n"));
        for (String file : List.of("autoscaling.yaml", "web.yaml")) {
            List<String> ofFile = fileDiff(lines, "--- a/" + FIX.resolve(file));
            List<String> before = List.of(Files.readString(FIX.resolve(file)).split("\n", -1));
            List<String> after = UnifiedDiffUtils.parseUnifiedDiff(ofFile).applyTo(before);
            assertThat(String.join("\n", after)).as(file).isEqualTo(Files.readString(out.resolve(file)));
        }
    }

    @Test
    void standardInputIsFixedIntoStdinYaml(@TempDir Path out) throws IOException {
        AuditCommandTest.Run fix = runWithStdin(Files.readString(FIX.resolve("web.yaml")), "audit", "-", "--fix", out.toString());
        assertThat(fix.err()).contains("nospof: 3 fix(es) in 1 file(s); 1 file(s) written to " + out);
        assertThat(Files.readString(out.resolve("stdin.yaml"))).contains("name: web-nospof");
    }

    @Test
    void theOutputMayNotBeTheInput() {
        AuditCommandTest.Run refused = run("audit", FIX.toString(), "--fix", FIX.resolve("sub").toString());
        assertThat(refused.exit()).isEqualTo(AuditResult.UNUSABLE);
        assertThat(refused.err()).contains("--fix " + FIX.resolve("sub") + ": is inside the input " + FIX
                + "; give a directory outside it (nospof never writes over its input)");
    }

    static Stream<Path> failFixtures() throws IOException {
        List<Path> fixtures = new ArrayList<>();
        for (String check : FIXABLE) {
            try (Stream<Path> files = Files.list(Path.of("src/test/resources/checks", check))) {
                files.filter(f -> f.getFileName().toString().startsWith("fail-")).sorted().forEach(fixtures::add);
            }
        }
        return fixtures.stream();
    }

    /** Every failing fixture of a fixable check: what has a fix no longer fails once fixed, and the rest of the file is as it was. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("failFixtures")
    void theFixedFixtureNoLongerFailsWhatWasFixed(Path fixture, @TempDir Path out) throws IOException {
        AuditResult before = audit(fixture, out.toString());
        Set<String> fixed = new HashSet<>();
        for (ManifestFixes.Target target : before.fixes()) {
            fixed.add(workloadOf(target.fix()) + " " + target.fix().checkId());
        }
        run("audit", fixture.toString(), "--fix", out.toString());
        Path written = out.resolve(fixture.normalize());
        assertThat(written).exists();
        AuditResult after = audit(written, null);
        List<String> stillFailing = new ArrayList<>();
        after.workloads().forEach(w -> w.assessments().stream().filter(a -> !a.exempted()).map(Assessment::finding)
                .filter(f -> fixed.contains(w.kind() + "/" + w.namespace() + "/" + w.name() + " " + f.checkId()))
                .forEach(f -> stillFailing.add(f.checkId() + ": " + f.message())));
        assertThat(stillFailing).as("fixed %s, still failing", fixed).isEmpty();
        if (before.fixes().isEmpty()) {
            assertThat(Files.readString(written)).isEqualTo(Files.readString(fixture));
        }
    }

    /** The workload a fix is for: "Deployment/shop/web". */
    private static String workloadOf(dev.nospof.remediation.Fix fix) {
        if (fix instanceof dev.nospof.remediation.Fix.RaiseAutoscalerFloor floor) {
            return floor.autoscaler().targetKind() + "/" + floor.autoscaler().namespace() + "/" + floor.autoscaler().targetName();
        }
        dev.nospof.model.WorkloadRef ref = fix instanceof dev.nospof.remediation.Fix.ScaleWorkload scale ? scale.workload()
                : fix instanceof dev.nospof.remediation.Fix.CreatePdb pdb ? pdb.workload() : ((dev.nospof.remediation.Fix.AddSpread) fix).workload();
        return ref.kind().kind() + "/" + ref.namespace() + "/" + ref.name();
    }

    private static AuditResult audit(Path input, String fix) {
        AuditOptions options = new AuditOptions(List.of(input.toString()), List.of(), AuditOptions.OutputFormat.TABLE,
                dev.nospof.engine.Severity.HIGH, "default", fix);
        return new Auditor(Engine.standard(), CLOCK).audit(options, new ByteArrayInputStream(new byte[0]));
    }

    private static List<String> fileDiff(List<String> diff, String header) {
        int start = diff.indexOf(header);
        int end = start + 1;
        while (end < diff.size() && !diff.get(end).startsWith("--- a/")) {
            end++;
        }
        return diff.subList(start, end);
    }
}
