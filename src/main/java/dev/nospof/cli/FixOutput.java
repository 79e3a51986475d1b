package dev.nospof.cli;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where {@code nospof audit --fix} puts the fixed manifests: every audited file into a directory
 * (a directory input keeps its layout below it, a file its name, standard input becomes
 * {@code stdin.yaml}), or a unified diff of the changed files, for {@code git apply} or
 * {@code patch -p1} in the directory the paths were given from. Nothing is written over the input.
 */
final class FixOutput {

    static final String STDIN_FILE = "stdin.yaml";
    private static final String STDIN_NAME = "<stdin>";

    private FixOutput() {
    }

    /**
     * Writes the fixes; returns what could not be written (as input errors). {@code stdinText} is
     * what standard input held, when it was an input.
     */
    static List<InputError> write(AuditOptions options, List<ManifestFixes.Target> targets, String stdinText, PrintStream out,
            PrintStream err) {
        List<InputError> problems = new ArrayList<>();
        Map<String, Path> files = auditedFiles(options.inputs(), problems);
        int fixedFiles = 0;
        boolean diff = options.fix().equals(AuditOptions.FIX_AS_DIFF);
        for (var entry : files.entrySet()) {
            String file = entry.getKey();
            String original;
            try {
                original = file.equals(STDIN_NAME) ? stdinText : Files.readString(Path.of(file), StandardCharsets.UTF_8);
            } catch (IOException e) {
                problems.add(new InputError(file, 0, "cannot read again to fix: " + e.getMessage()));
                continue;
            }
            String fixed = ManifestFixes.fix(file, original, targets, problems);
            if (!fixed.equals(original)) {
                fixedFiles++;
            }
            if (diff) {
                if (!fixed.equals(original)) {
                    String name = file.equals(STDIN_NAME) ? STDIN_FILE : Path.of(file).normalize().toString();
                    List<String> before = List.of(original.split("\n", -1));
                    List<String> after = List.of(fixed.split("\n", -1));
                    UnifiedDiffUtils.generateUnifiedDiff("a/" + name, "b/" + name, before, DiffUtils.diff(before, after), 3)
                            .forEach(out::println);
                }
                continue;
            }
            Path target = Path.of(options.fix()).resolve(entry.getValue());
            try {
                Files.createDirectories(target.getParent());
                Files.writeString(target, fixed, StandardCharsets.UTF_8);
            } catch (IOException e) {
                problems.add(new InputError(target.toString(), 0, "cannot write: " + e.getMessage()));
            }
        }
        err.printf("nospof: %d fix(es) in %d file(s)%s%n", targets.size(), fixedFiles,
                diff ? "" : "; " + files.size() + " file(s) written to " + options.fix());
        return problems;
    }

    /**
     * The files an audit of {@code inputs} reads, as the reader names them, with where each goes
     * below the output directory.
     */
    private static Map<String, Path> auditedFiles(List<String> inputs, List<InputError> problems) {
        Map<String, Path> files = new LinkedHashMap<>();
        for (String input : inputs) {
            if (input.equals(ManifestReader.STDIN)) {
                files.put(STDIN_NAME, Path.of(STDIN_FILE));
                continue;
            }
            Path path = Path.of(input);
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
                    walk.filter(Files::isRegularFile).filter(ManifestReader::isManifest).sorted()
                            .forEach(file -> files.put(file.toString(), path.relativize(file)));
                } catch (IOException | java.io.UncheckedIOException e) {
                    problems.add(new InputError(input, 0, "cannot list again to fix: " + e.getMessage()));
                }
            } else if (Files.exists(path)) {
                // Given relative and inside the working directory: the same path below the output, so two x.yaml never collide.
                Path relative = path.normalize();
                files.put(path.toString(), relative.isAbsolute() || relative.startsWith("..") ? path.getFileName() : relative);
            }
        }
        return files;
    }
}
