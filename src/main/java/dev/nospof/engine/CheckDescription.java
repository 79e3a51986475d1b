package dev.nospof.engine;

/** What every check says of itself, workload or cluster check alike: for rule lists (SARIF, JUnit, docs). */
public interface CheckDescription {

    /** The stable id users see, exempt and configure ({@code single-replica}). */
    String id();

    /** What the check fails on, in one line. */
    String description();

    Severity defaultSeverity();
}
