package dev.nospof.cli;

/** A document that could not be used: where it is and what was wrong with it. */
record InputError(String file, int line, String message) {

    /** {@code deploy/web.yaml:12: message}, the way compilers report. */
    String describe() {
        return file + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
