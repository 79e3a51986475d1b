package dev.nospof.operator;

import dev.nospof.adapters.PodOwners;
import dev.nospof.engine.cluster.BlastRadius;
import dev.nospof.engine.cluster.DrainBlockers;
import dev.nospof.model.NodeInfo;
import dev.nospof.model.Pdb;
import dev.nospof.model.PodPlacement;
import dev.nospof.model.WorkloadKind;
import dev.nospof.model.WorkloadRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The blast radius and drain blockers of the cluster, kept per namespace: a pod, budget or
 * workload change re-places only its own namespace (its workloads, their live pods, its budgets)
 * and the namespaces' tallies are merged, so the cluster report can follow every pod change at
 * 10,000 workloads. A node change (zones, or a node gone) re-places every namespace. Read from the
 * shared caches only; changes are marked by the event source, {@link #refresh} runs on the
 * reconciler's one thread.
 */
final class ClusterPlacement {

    /** What the cluster report says of placement, and how many namespaces this refresh re-placed. */
    record Result(List<BlastRadius.Impact> nodes, List<BlastRadius.Impact> zones, List<DrainBlockers.Blocked> drainBlockers,
            int namespacesPlaced) {
    }

    /** One namespace's share. */
    private record Part(BlastRadius.Tally nodes, BlastRadius.Tally zones, List<DrainBlockers.Blocked> drainBlockers) {
        boolean isEmpty() {
            return nodes.isEmpty() && zones.isEmpty() && drainBlockers.isEmpty();
        }
    }

    private final ClusterCache cluster;
    private final WorkloadIndex index;
    private final Map<String, Part> parts = new HashMap<>();
    private final Set<String> changed = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean allChanged = new AtomicBoolean(true);

    ClusterPlacement(ClusterCache cluster, WorkloadIndex index) {
        this.cluster = cluster;
        this.index = index;
    }

    /** The pods, budgets or workloads of {@code namespace} changed. */
    void changed(String namespace) {
        changed.add(namespace);
    }

    /** The nodes changed: every namespace is placed anew. */
    void allChanged() {
        allChanged.set(true);
    }

    /** Re-places the namespaces changed since the last refresh (every one after a node change) and merges all. */
    synchronized Result refresh() {
        boolean all = allChanged.getAndSet(false);
        // Read after taking the mark: a node change from now on is seen by the next refresh.
        Map<String, String> zones = new HashMap<>();
        for (NodeInfo node : cluster.nodes()) {
            zones.put(node.name(), node.zone());
        }
        int placed = 0;
        try {
            if (all) {
                changed.clear();
                parts.clear();
                for (String namespace : index.namespaces()) {
                    place(namespace, zones);
                    placed++;
                }
            } else {
                for (Iterator<String> it = changed.iterator(); it.hasNext(); ) {
                    String namespace = it.next();
                    it.remove(); // before reading: a change from now on is seen by the next refresh
                    place(namespace, zones);
                    placed++;
                }
            }
        } catch (RuntimeException e) {
            allChanged.set(true); // a namespace taken off the changed set may not have been placed
            throw e;
        }
        List<BlastRadius.Tally> byNode = new ArrayList<>(parts.size());
        List<BlastRadius.Tally> byZone = new ArrayList<>(parts.size());
        List<List<DrainBlockers.Blocked>> blocked = new ArrayList<>(parts.size());
        for (Part part : parts.values()) {
            byNode.add(part.nodes());
            byZone.add(part.zones());
            blocked.add(part.drainBlockers());
        }
        return new Result(BlastRadius.impacts(byNode), BlastRadius.impacts(byZone), DrainBlockers.merged(blocked), placed);
    }

    private void place(String namespace, Map<String, String> zones) {
        Part part = part(namespace, zones);
        if (part.isEmpty()) {
            parts.remove(namespace);
        } else {
            parts.put(namespace, part);
        }
    }

    /**
     * The workloads of one namespace with their live pods: from the owner index; by their labels
     * for the kinds operators run; a bare pod is its own. Each budget of the namespace is matched
     * once, for both the drain blockers and the floors of the blast radius, and only against the
     * workloads that carry its first matchLabels pair.
     */
    private Part part(String namespace, Map<String, String> zones) {
        List<WorkloadIndex.Entry> entries = new ArrayList<>();
        List<List<PodPlacement>> pods = new ArrayList<>();
        for (WorkloadIndex.Entry entry : index.entries(namespace)) {
            WorkloadRef ref = entry.ref();
            List<PodPlacement> placed = ref.kind().operatorRun() ? cluster.podsSelected(namespace, entry.selector())
                    : ref.kind().equals(WorkloadKind.POD) ? cluster.pod(namespace, ref.name()).map(List::of).orElse(List.of())
                    : cluster.podsOf(PodOwners.key(ref.kind().kind(), namespace, ref.name()));
            if (!placed.isEmpty()) {
                entries.add(entry);
                pods.add(placed);
            }
        }
        // By label key, then value: a budget's first matchLabels pair names its candidates.
        Map<String, Map<String, List<Integer>>> byLabel = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            for (Map.Entry<String, String> label : entries.get(i).labels().entrySet()) {
                byLabel.computeIfAbsent(label.getKey(), k -> new HashMap<>()).computeIfAbsent(label.getValue(), v -> new ArrayList<>(1)).add(i);
            }
        }
        List<Integer> all = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            all.add(i);
        }
        int[] keep = new int[entries.size()];
        Arrays.fill(keep, -1);
        Map<Pdb, List<PodPlacement>> podsOfBudget = new IdentityHashMap<>();
        List<Pdb> pdbs = cluster.pdbs(namespace);
        for (Pdb pdb : pdbs) {
            List<PodPlacement> selected = new ArrayList<>();
            List<Integer> candidates = pdb.selector().matchLabels().isEmpty() ? all
                    : candidates(byLabel, pdb.selector().matchLabels().entrySet().iterator().next());
            for (int i : candidates) {
                if (pdb.selector().matches(entries.get(i).labels())) {
                    keep[i] = Math.max(keep[i], pdb.keepsReady(pods.get(i).size()));
                    selected.addAll(pods.get(i));
                }
            }
            podsOfBudget.put(pdb, selected);
        }
        List<BlastRadius.Workload> workloads = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            workloads.add(new BlastRadius.Workload(entries.get(i).ref().describe(), pods.get(i), keep[i] < 0 ? null : keep[i]));
        }
        return new Part(BlastRadius.tally(workloads, node -> node), BlastRadius.tally(workloads, zones::get),
                DrainBlockers.of(pdbs, cluster::disruptionsAllowed, pdb -> podsOfBudget.getOrDefault(pdb, List.of())));
    }

    private static List<Integer> candidates(Map<String, Map<String, List<Integer>>> byLabel, Map.Entry<String, String> label) {
        Map<String, List<Integer>> byValue = byLabel.get(label.getKey());
        return byValue == null ? List.of() : byValue.getOrDefault(label.getValue(), List.of());
    }
}
