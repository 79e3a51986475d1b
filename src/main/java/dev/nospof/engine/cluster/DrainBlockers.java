package dev.nospof.engine.cluster;

import dev.nospof.model.Pdb;
import dev.nospof.model.PodPlacement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What would make {@code kubectl drain} of each node hang: the pods on it that a
 * PodDisruptionBudget covers which allows no disruption now. The live counterpart of
 * {@code pdb-blocks-eviction}: the budget's {@code status.disruptionsAllowed} where its
 * controller wrote one, else computed from its bounds and the ready pods it selects, as the
 * disruption controller does. Pure: the caller gives each budget's pods and status.
 */
public final class DrainBlockers {

    /** The pods on {@code node} that cannot be evicted now ({@code namespace/name}), and the budgets that hold them. */
    public record Blocked(String node, List<String> pods, List<String> budgets) {
        public Blocked {
            pods = List.copyOf(pods);
            budgets = List.copyOf(budgets);
        }
    }

    private DrainBlockers() {
    }

    /**
     * @param pdbs                every budget of the cluster
     * @param disruptionsAllowed  a budget's {@code status.disruptionsAllowed}, or null when it has no status
     * @param podsOf              the pods of a budget's namespace that its selector selects
     * @return the nodes with at least one such pod, most pods first (then by name)
     */
    public static List<Blocked> of(List<Pdb> pdbs, Function<Pdb, Integer> disruptionsAllowed, Function<Pdb, List<PodPlacement>> podsOf) {
        Map<String, Set<String>> podsByNode = new TreeMap<>();
        Map<String, Set<String>> budgetsByNode = new TreeMap<>();
        for (Pdb pdb : pdbs) {
            if (pdb.selector().matchesNothing()) {
                continue;
            }
            Integer status = disruptionsAllowed.apply(pdb);
            if (status != null && status > 0) {
                continue; // the common case: its pods need not be read
            }
            List<PodPlacement> pods = podsOf.apply(pdb);
            if (pods.isEmpty() || (status == null && computed(pdb, pods) > 0)) {
                continue;
            }
            for (PodPlacement pod : pods) {
                if (pod.nodeName() == null) {
                    continue;
                }
                podsByNode.computeIfAbsent(pod.nodeName(), n -> new TreeSet<>()).add(pdb.namespace() + "/" + pod.name());
                budgetsByNode.computeIfAbsent(pod.nodeName(), n -> new TreeSet<>()).add(pdb.namespace() + "/" + pdb.name());
            }
        }
        return blocked(podsByNode, budgetsByNode);
    }

    /** The blocked nodes of the parts of a cluster (each from {@link #of} over its own budgets) merged, most pods first. */
    public static List<Blocked> merged(Collection<List<Blocked>> parts) {
        Map<String, Set<String>> podsByNode = new TreeMap<>();
        Map<String, Set<String>> budgetsByNode = new TreeMap<>();
        for (List<Blocked> part : parts) {
            for (Blocked b : part) {
                podsByNode.computeIfAbsent(b.node(), n -> new TreeSet<>()).addAll(b.pods());
                budgetsByNode.computeIfAbsent(b.node(), n -> new TreeSet<>()).addAll(b.budgets());
            }
        }
        return blocked(podsByNode, budgetsByNode);
    }

    private static List<Blocked> blocked(Map<String, Set<String>> podsByNode, Map<String, Set<String>> budgetsByNode) {
        List<Blocked> blocked = new ArrayList<>();
        podsByNode.forEach((node, pods) -> blocked.add(new Blocked(node, new ArrayList<>(pods), new ArrayList<>(budgetsByNode.get(node)))));
        blocked.sort(Comparator.comparingInt((Blocked b) -> -b.pods().size()).thenComparing(Blocked::node));
        return blocked;
    }

    /** Ready pods beyond what the budget keeps (the disruption controller's count for a budget it has not seen yet). */
    static int computed(Pdb pdb, List<PodPlacement> pods) {
        int healthy = (int) pods.stream().filter(PodPlacement::ready).count();
        return Math.max(0, healthy - pdb.keepsReady(pods.size()));
    }
}
