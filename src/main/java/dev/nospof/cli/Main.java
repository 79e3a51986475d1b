package dev.nospof.cli;

import dev.nospof.engine.Engine;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The {@code nospof} command line (bin/nospof). It reads files only: it never contacts a
 * cluster and does not start the operator (which is the Quarkus application's own main).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // The libraries nospof reads YAML with log through SLF4J; a command line tool prints its own
        // messages, not their start-up chatter about logging providers.
        System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        // Buffered: System.out flushes at every line, a system call per line of a large audit's output.
        PrintStream out = new PrintStream(new BufferedOutputStream(System.out, 1 << 16), false);
        PrintStream err = new PrintStream(new BufferedOutputStream(System.err, 1 << 16), false);
        int exit = run(Arrays.asList(args), System.in, out, err, Clock.systemUTC());
        err.flush();
        out.flush();
        System.exit(exit);
    }

    /** The project version the build wrote into nospof-version.properties. */
    static Optional<String> version() {
        try (InputStream in = Main.class.getResourceAsStream("/nospof-version.properties")) {
            if (in == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(in);
            return Optional.ofNullable(properties.getProperty("version")).filter(v -> !v.startsWith("$"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Runs the command and returns its exit code; tests call this in-process. */
    static int run(List<String> args, InputStream stdin, PrintStream out, PrintStream err, Clock clock) {
        if (args.isEmpty() || args.get(0).equals("-h") || args.get(0).equals("--help") || args.get(0).equals("help")) {
            (args.isEmpty() ? err : out).print(AuditOptions.USAGE);
            return args.isEmpty() ? AuditResult.UNUSABLE : AuditResult.OK;
        }
        if (!args.get(0).equals("audit")) {
            err.println("nospof: unknown command '" + args.get(0) + "'; the only command is 'audit' (nospof audit --help)");
            return AuditResult.UNUSABLE;
        }
        List<String> rest = args.subList(1, args.size());
        if (rest.contains("-h") || rest.contains("--help")) {
            out.print(AuditOptions.USAGE);
            return AuditResult.OK;
        }
        AuditOptions options;
        try {
            options = AuditOptions.parse(rest);
        } catch (AuditOptions.UsageException e) {
            err.println("nospof audit: " + e.getMessage());
            err.println("Run 'nospof audit --help' for usage.");
            return AuditResult.UNUSABLE;
        }
        InputStream input = stdin;
        String stdinText = null;
        if (options.fix() != null && options.inputs().contains(ManifestReader.STDIN)) {
            // Fixed after the audit: standard input is kept (the audit alone streams it).
            try {
                byte[] bytes = stdin.readAllBytes();
                stdinText = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
                input = new java.io.ByteArrayInputStream(bytes);
            } catch (IOException e) {
                err.println("error: <stdin>: cannot read standard input: " + e.getMessage());
                return AuditResult.UNUSABLE;
            }
        }
        AuditResult result = new Auditor(Engine.standard(), clock).audit(options, input);
        for (InputError e : result.errors()) {
            err.println("error: " + e.describe());
        }
        for (InputError w : result.warnings()) {
            err.println("warning: " + w.describe());
        }
        // With the diff on standard output, the report goes to standard error.
        PrintStream report = AuditOptions.FIX_AS_DIFF.equals(options.fix()) ? err : out;
        if (options.fix() != null) {
            for (InputError note : FixOutput.write(options, result.fixes(), stdinText, out, err)) {
                err.println("warning: " + note.describe());
            }
        }
        err.flush(); // errors before the report, as a terminal shows them
        out.flush();
        Formatter.of(options.format()).write(result, report);
        report.flush();
        return result.exitCode();
    }
}
