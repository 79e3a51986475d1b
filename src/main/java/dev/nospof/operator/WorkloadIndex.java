package dev.nospof.operator;

import dev.nospof.model.LabelSelector;
import dev.nospof.model.WorkloadRef;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

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
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    void record(String workload, WorkloadRef ref, Map<String, String> labels, LabelSelector selector) {
        Entry entry = new Entry(ref, Map.copyOf(labels), selector);
        if (!Objects.equals(byWorkload.put(workload, entry), entry)) {
            listeners.forEach(Runnable::run);
        }
    }

    void forget(String workload) {
        if (byWorkload.remove(workload) != null) {
            listeners.forEach(Runnable::run);
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

    /** Every workload with its pod template labels. */
    List<Entry> entries() {
        return List.copyOf(byWorkload.values());
    }

    List<WorkloadRef> workloads() {
        return byWorkload.values().stream().map(Entry::ref).toList();
    }

    void onChange(Runnable listener) {
        listeners.add(listener);
    }
}
