package dev.nospof.operator;

import dev.nospof.model.LabelSelector;
import dev.nospof.model.WorkloadRef;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Every evaluated workload and its pod template labels, as the reconcilers last saw them: what
 * the cluster report needs to tell a PDB that selects nothing or an autoscaler whose target is
 * missing, without a cache of every workload kind of its own. A workload leaves with its report.
 */
@Singleton
public class WorkloadIndex {

    /** A workload, its pod template labels and its selector (what finds the pods of a kind an operator runs). */
    record Entry(WorkloadRef ref, Map<String, String> labels, LabelSelector selector) {
    }

    private final Map<String, Entry> byWorkload = new ConcurrentHashMap<>();
    /** The same entries by namespace, then workload: what re-places one namespace reads. */
    private final Map<String, Map<String, Entry>> byNamespace = new ConcurrentHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    void record(String workload, WorkloadRef ref, Map<String, String> labels, LabelSelector selector) {
        Entry entry = new Entry(ref, Map.copyOf(labels), selector);
        // Within compute, atomic with forget's removal of an emptied namespace.
        byNamespace.compute(ref.namespace(), (n, entries) -> {
            Map<String, Entry> updated = entries == null ? new ConcurrentHashMap<>() : entries;
            updated.put(workload, entry);
            return updated;
        });
        if (!Objects.equals(byWorkload.put(workload, entry), entry)) {
            listeners.forEach(l -> l.accept(ref.namespace()));
        }
    }

    void forget(String workload) {
        Entry gone = byWorkload.remove(workload);
        if (gone != null) {
            byNamespace.computeIfPresent(gone.ref().namespace(), (n, entries) -> {
                entries.remove(workload);
                return entries.isEmpty() ? null : entries;
            });
            listeners.forEach(l -> l.accept(gone.ref().namespace()));
        }
    }

    /** Forgets every workload of one kind ("rollout"), when nospof stops watching that kind. */
    void forgetKind(String kindLabel) {
        byWorkload.keySet().stream().filter(k -> k.startsWith(kindLabel + "/")).toList().forEach(this::forget);
    }

    Map<String, List<Map<String, String>>> templatesByNamespace() {
        Map<String, List<Map<String, String>>> templates = new HashMap<>();
        byWorkload.values().forEach(e -> templates.computeIfAbsent(e.ref().namespace(), n -> new ArrayList<>()).add(e.labels()));
        return templates;
    }

    /** The workloads of one namespace with their pod template labels. */
    List<Entry> entries(String namespace) {
        Map<String, Entry> entries = byNamespace.get(namespace);
        return entries == null ? List.of() : List.copyOf(entries.values());
    }

    /** The namespaces with at least one workload. */
    Set<String> namespaces() {
        return Set.copyOf(byNamespace.keySet());
    }

    List<WorkloadRef> workloads() {
        return byWorkload.values().stream().map(Entry::ref).toList();
    }

    /** Hears the namespace of every workload recorded anew, changed or forgotten. */
    void onChange(Consumer<String> listener) {
        listeners.add(listener);
    }
}
