package dev.nospof.operator;

import dev.nospof.engine.Severity;
import dev.nospof.report.ReportFinding;
import dev.nospof.report.SpofReport;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prometheus metrics of the operator: {@code nospof_findings{namespace,check,severity}} (findings
 * that count, exempted ones excluded) and {@code nospof_reconcile_duration_seconds{kind}}.
 */
@Singleton
public class OperatorMetrics {

    record Key(String namespace, String check, String severity) {
    }

    private final MeterRegistry registry;
    /** The counting findings of every workload, by "kind/namespace/name". */
    private final Map<String, List<Key>> byWorkload = new ConcurrentHashMap<>();
    /** Current count per key, kept up to date on every change so a scrape costs one read per series. */
    private final Map<Key, AtomicLong> counts = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

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
    }

    void forget(String workload) {
        List<Key> previous = byWorkload.remove(workload);
        if (previous != null) {
            previous.forEach(k -> counter(k).decrementAndGet());
            listeners.forEach(Runnable::run);
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
