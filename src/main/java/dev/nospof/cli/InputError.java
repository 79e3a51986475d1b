package dev.nospof.cli;

import dev.nospof.model.MappingProblems;

/** A document that could not be used: where it is and what was wrong with it. */
record InputError(String file, int line, String message) {

    /** {@code deploy/web.yaml:12: message}, the way compilers report. */
    String describe() {
        return file + (line > 0 ? ":" + line : "") + ": " + message;
    }

    /** A value of the input quoted in a message: its start, when it is long (a message is one line someone reads). */
    static String excerpt(String value) {
        return MappingProblems.excerpt(value);
    }
}
