package dev.nospof.cli;

import dev.nospof.engine.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The arguments of {@code nospof audit}, parsed; a bad argument is an {@link UsageException}. */
record AuditOptions(List<String> inputs, List<String> policies, OutputFormat format, Severity failOn, String namespace, String fix) {

    /** {@code --fix -}: the fixes as a unified diff on standard output (the report then goes to standard error). */
    static final String FIX_AS_DIFF = "-";

    static final String USAGE = """
            Usage: nospof audit [options] PATH... | -

            Audits Kubernetes manifests for single points of failure, without a cluster.
            PATH is a file or a directory (searched recursively for *.yaml, *.yml, *.json);
            - reads standard input (e.g. helm template ... | nospof audit -).
            Input is read as a stream, one document at a time; a document (one object, or a
            kind: List) may be at most 3 MiB, the API server's limit for a request: a larger
            one is an input error and the other documents are still read.

            Options:
              -o, --output FORMAT   table (default), json, sarif or junit
              --fail-on SEVERITY    exit 1 when a finding at or above it is found:
                                    critical, high (default), medium, low, info, or none
              -p, --policy FILE     a RedundancyPolicy manifest (thresholds, modes, exemptions);
                                    may be given more than once
              -n, --namespace NS    namespace of objects that name none (default: default)
              --fix DIR             write the input with each finding that has a mechanical fix
                                    fixed into DIR (same file names; new PodDisruptionBudgets as
                                    new documents beside their workload; other documents as
                                    they were)
              --fix -               the same fixes as a unified diff on standard output, for
                                    git apply or patch -p1 (the report goes to standard error)
              -h, --help            this text

            Exit codes: 0 nothing at or above --fail-on; 1 something is; 2 unusable input or arguments.
            """;

    enum OutputFormat { TABLE, JSON, SARIF, JUNIT }

    static AuditOptions parse(List<String> args) throws UsageException {
        List<String> inputs = new ArrayList<>();
        List<String> policies = new ArrayList<>();
        OutputFormat format = OutputFormat.TABLE;
        Severity failOn = Severity.HIGH;
        String namespace = "default";
        String fix = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "-o", "--output" -> {
                    String v = value != null ? value : next(args, ++i, arg);
                    try {
                        format = OutputFormat.valueOf(v.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--output: unknown format '" + v + "'; expected table, json, sarif or junit");
                    }
                }
                case "--fail-on" -> {
                    String v = value != null ? value : next(args, ++i, arg);
                    if (v.equalsIgnoreCase("none")) {
                        failOn = null;
                    } else {
                        try {
                            failOn = Severity.fromId(v);
                        } catch (IllegalArgumentException e) {
                            throw new UsageException("--fail-on: unknown severity '" + v + "'; expected critical, high, medium, low, info or none");
                        }
                    }
                }
                case "-p", "--policy" -> policies.add(value != null ? value : next(args, ++i, arg));
                case "-n", "--namespace" -> namespace = value != null ? value : next(args, ++i, arg);
                case "--fix" -> fix = value != null ? value : next(args, ++i, arg);
                default -> {
                    if (arg.startsWith("-") && !arg.equals("-")) {
                        throw new UsageException("unknown option " + arg);
                    }
                    inputs.add(arg);
                }
            }
        }
        if (inputs.isEmpty()) {
            throw new UsageException("no input: give files, directories or - for standard input");
        }
        if (fix != null && !fix.equals(FIX_AS_DIFF)) {
            Path output = Path.of(fix).toAbsolutePath().normalize();
            for (String in : inputs) {
                if (!in.equals(ManifestReader.STDIN) && output.startsWith(Path.of(in).toAbsolutePath().normalize())) {
                    throw new UsageException("--fix " + fix + ": is inside the input " + in
                            + "; give a directory outside it (nospof never writes over its input)");
                }
            }
        }
        return new AuditOptions(inputs, policies, format, failOn, namespace, fix);
    }

    private static String next(List<String> args, int i, String option) throws UsageException {
        if (i >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }

    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }
}
