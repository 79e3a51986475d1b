package dev.nospof.operator;

import org.jboss.logging.Logger;

/** A retried task's problem, logged once when it appears or changes, and its end once. */
final class ProblemLog {

    private final Logger log;
    private final String recovered;
    private String problem;

    ProblemLog(Logger log, String recovered) {
        this.log = log;
        this.recovered = recovered;
    }

    /** The problem now, or null when there is none. */
    void report(String now) {
        if (now != null && !now.equals(problem)) {
            log.warn(now);
        } else if (now == null && problem != null) {
            log.info(recovered);
        }
        problem = now;
    }
}
