package dev.nospof.cli;

import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The workloads of an audit, evaluated each time they are walked: the engine is cheap next to
 * reading YAML, and holding every finding of a large input (hundreds of thousands of workloads)
 * would cost more memory than the models they are evaluated from.
 */
final class AuditedWorkloads<V> implements Iterable<WorkloadResult> {

    private final List<V> views;
    private final Function<V, WorkloadResult> evaluation;

    AuditedWorkloads(List<V> views, Function<V, WorkloadResult> evaluation) {
        this.views = views;
        this.evaluation = evaluation;
    }

    int size() {
        return views.size();
    }

    boolean isEmpty() {
        return views.isEmpty();
    }

    @Override
    public Iterator<WorkloadResult> iterator() {
        return stream().iterator();
    }

    /** Every workload, evaluated now, in input order. */
    Stream<WorkloadResult> stream() {
        return views.stream().map(evaluation);
    }
}
