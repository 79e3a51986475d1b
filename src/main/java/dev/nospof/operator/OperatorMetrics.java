package dev.nospof.operator;

import dev.nospof.engine.Severity;
import dev.nospof.remediation.RemediationPlan;
import dev.nospof.report.ReportFinding;
import dev.nospof.report.SpofReport;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Prometheus metrics of the operator: {@code nospof_findings{namespace,check,severity}} (findings
 * that count, exempted ones excluded) and {@code nospof_reconcile_duration_seconds{kind}}; and
 * what the reports say of each RedundancyPolicy (the workloads it selects, its fixes not
 * permitted), so the policy reconciler needs no second cache of every report.
 */
@Singleton
public class OperatorMetrics {

    private static final String NOT_PERMITTED = RemediationPlan.Outcome.NOT_PERMITTED.id();

    record Key(String namespace, String check, String severity) {
    }

    private final MeterRegistry registry;
    /** The counting findings of every workload, by "kind/namespace/name". */
    private final Map<String, List<Key>> byWorkload = new ConcurrentHashMap<>();
    /** Current count per key, kept up to date on every change so a scrape costs one read per series. */
    private final Map<Key, AtomicLong> counts = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    /** What each workload's report says of the policies: which select it, and how many of their fixes are not permitted. */
    private final Map<String, PolicyCounts> policiesByWorkload = new ConcurrentHashMap<>();
    private final List<Consumer<Set<String>>> policyListeners = new CopyOnWriteArrayList<>();
    /** Running totals over policiesByWorkload, by policy: a policy's status costs no walk over every workload. */
    private final Map<String, Integer> selected = new ConcurrentHashMap<>();
    private final Map<String, Integer> notPermitted = new ConcurrentHashMap<>();

    /** Of one report: the policies that select its workload, and per policy the findings whose fix is not permitted. */
    record PolicyCounts(List<String> selecting, Map<String, Integer> notPermitted) {
        static final PolicyCounts NONE = new PolicyCounts(List.of(), Map.of());

        static PolicyCounts of(SpofReport report) {
            if (report.getStatus() == null) {
                return NONE;
            }
            Map<String, Integer> notPermitted = new HashMap<>();
            for (ReportFinding f : report.getStatus().getFindings()) {
                if (f.getFix() != null && NOT_PERMITTED.equals(f.getFix().getState()) && f.getPolicy() != null) {
                    notPermitted.merge(f.getPolicy(), 1, Integer::sum);
                }
            }
            List<String> selecting = report.getStatus().getPolicies() == null ? List.of() : List.copyOf(report.getStatus().getPolicies());
            return new PolicyCounts(selecting, Map.copyOf(notPermitted));
        }

        Set<String> policies() {
            Set<String> policies = new HashSet<>(selecting);
            policies.addAll(notPermitted.keySet());
            return policies;
        }
    }

    public OperatorMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void recordReport(String workload, SpofReport report) {
        List<ReportFinding> findings = report.getStatus() == null ? List.of() : report.getStatus().getFindings();
        List<Key> keys = findings.stream()
                .filter(f -> !Boolean.TRUE.equals(f.getExempted()))
                .map(f -> new Key(report.getMetadata().getNamespace(), f.getCheck(), f.getSeverity()))
                .toList();
        List<Key> previous = byWorkload.put(workload, keys);
        keys.forEach(k -> counter(k).incrementAndGet());
        if (previous != null) {
            previous.forEach(k -> counter(k).decrementAndGet());
        }
        if (!keys.equals(previous)) {
            listeners.forEach(Runnable::run);
        }
        PolicyCounts counts = PolicyCounts.of(report);
        PolicyCounts before = policiesByWorkload.put(workload, counts);
        if (!counts.equals(before)) {
            policiesChanged(before, counts);
        }
    }

    /** Moves the running totals from what a report said to what it says, and tells who listens which policies changed. */
    private void policiesChanged(PolicyCounts before, PolicyCounts after) {
        Set<String> concerned = new HashSet<>();
        for (PolicyCounts counts : new PolicyCounts[] {before, after}) {
            if (counts == null) {
                continue;
            }
            int sign = counts == before ? -1 : 1;
            counts.selecting().forEach(p -> selected.merge(p, sign, Integer::sum));
            counts.notPermitted().forEach((p, n) -> notPermitted.merge(p, sign * n, Integer::sum));
            concerned.addAll(counts.policies());
        }
        if (!concerned.isEmpty()) {
            policyListeners.forEach(l -> l.accept(concerned));
        }
    }

    /** How many workloads' reports name {@code policy} among those that select them. */
    int selectedBy(String policy) {
        return selected.getOrDefault(policy, 0);
    }

    /** How many findings, over every report, have a fix of {@code policy} that nospof may not apply. */
    long notPermitted(String policy) {
        return notPermitted.getOrDefault(policy, 0);
    }

    /** Hears which policies' counts changed. */
    void onPolicyChange(Consumer<Set<String>> listener) {
        policyListeners.add(listener);
    }

    void forget(String workload) {
        List<Key> previous = byWorkload.remove(workload);
        if (previous != null) {
            previous.forEach(k -> counter(k).decrementAndGet());
            listeners.forEach(Runnable::run);
        }
        PolicyCounts before = policiesByWorkload.remove(workload);
        if (before != null) {
            policiesChanged(before, null);
        }
    }

    /** Forgets every workload of one kind ("rollout"), when nospof stops watching that kind. */
    void forgetKind(String kindLabel) {
        byWorkload.keySet().stream().filter(k -> k.startsWith(kindLabel + "/")).toList().forEach(this::forget);
    }

    /** Counting findings per namespace and severity, as the cluster report summarises them. */
    Map<String, Map<Severity, Long>> findingsByNamespace() {
        Map<String, Map<Severity, Long>> summary = new HashMap<>();
        counts.forEach((key, count) -> {
            if (count.get() > 0) {
                summary.computeIfAbsent(key.namespace(), n -> new EnumMap<>(Severity.class))
                        .merge(Severity.fromId(key.severity()), count.get(), Long::sum);
            }
        });
        return summary;
    }

    /** Hears every change of the counts (a report written or gone). */
    void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /**
     * One part of a cluster evaluation: {@code all}, the cluster {@code checks} (only when they
     * ran) or the {@code placement} (drain blockers, blast radius); its time, and the bytes the
     * evaluating thread allocated (negative where the JVM cannot tell: not recorded).
     */
    void recordClusterEvaluation(String part, Duration duration, long allocated) {
        Timer.builder("nospof.cluster.evaluation.duration").description("time to evaluate the ClusterSpofReport")
                .tag("part", part).register(registry).record(duration);
        if (allocated >= 0) {
            DistributionSummary.builder("nospof.cluster.evaluation.allocated").baseUnit("bytes")
                    .description("memory allocated to evaluate the ClusterSpofReport").tag("part", part).register(registry).record(allocated);
        }
    }

    /** How many namespaces one cluster evaluation placed anew (those whose pods, budgets or workloads changed). */
    void recordClusterPlacement(int namespaces) {
        DistributionSummary.builder("nospof.cluster.placement.namespaces").description("namespaces placed anew per cluster evaluation")
                .register(registry).record(namespaces);
    }

    /** Bytes the current thread has allocated so far, or -1 where the JVM does not count them. */
    static long allocatedByThisThread() {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemoryEnabled() ? threads.getCurrentThreadAllocatedBytes() : -1;
    }

    void recordReconcile(String kind, Duration duration) {
        Timer.builder("nospof.reconcile.duration").description("time to evaluate one workload and write its report")
                .tag("kind", kind).register(registry).record(duration);
    }

    private AtomicLong counter(Key key) {
        return counts.computeIfAbsent(key, k -> {
            AtomicLong count = new AtomicLong();
            Gauge.builder("nospof.findings", count, AtomicLong::get)
                    .description("findings that count (exempted ones excluded), by namespace, check and severity")
                    .tags("namespace", k.namespace(), "check", k.check(), "severity", k.severity())
                    .register(registry);
            return count;
        });
    }
}
