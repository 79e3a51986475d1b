package dev.nospof.cli;

import java.io.PrintStream;

/** Renders an audit for a reader: a person (table) or a tool (json, sarif, junit). */
interface Formatter {

    void write(AuditResult result, PrintStream out);

    static Formatter of(AuditOptions.OutputFormat format) {
        return switch (format) {
            case TABLE -> new TableFormatter();
            case JSON -> new JsonFormatter();
            case SARIF -> new SarifFormatter();
            case JUNIT -> new JunitFormatter();
        };
    }
}
