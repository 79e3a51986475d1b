package dev.nospof.engine.cluster;

import dev.nospof.model.PodPlacement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What goes with a node, or a zone, if it fails: the workloads that would have no ready pod left
 * (all their ready pods are there) and those that would drop below what their
 * PodDisruptionBudget keeps. From the live placement of ready pods only; pure.
 */
public final class BlastRadius {

    /**
     * One workload: {@code name} as reports say it ("Deployment shop/web"), its live pods, and the
     * ready pods its budget keeps ({@code keepReady}; null without a budget).
     */
    public record Workload(String name, List<PodPlacement> pods, Integer keepReady) {
        public Workload {
            pods = List.copyOf(pods);
        }
    }

    /** What fails with one node or zone: the workloads left with no ready pod, and those left below their budget. */
    public record Impact(String name, List<String> down, List<String> belowBudget) {
        public Impact {
            down = List.copyOf(down);
            belowBudget = List.copyOf(belowBudget);
        }
    }

    private BlastRadius() {
    }

    /** Per node, the most workloads down first (then below budget, then by name); nodes that take nothing down are left out. */
    public static List<Impact> byNode(List<Workload> workloads) {
        return impacts(workloads, node -> node);
    }

    /** Per zone ({@code zoneOf} a node, null when it has none): as {@link #byNode}. */
    public static List<Impact> byZone(List<Workload> workloads, Function<String, String> zoneOf) {
        return impacts(workloads, zoneOf);
    }

    private static List<Impact> impacts(List<Workload> workloads, Function<String, String> domainOf) {
        Map<String, List<String>> down = new TreeMap<>();
        Map<String, List<String>> below = new TreeMap<>();
        for (Workload w : workloads) {
            Map<String, Integer> readyByDomain = new HashMap<>();
            int ready = 0;
            for (PodPlacement pod : w.pods()) {
                if (!pod.ready() || pod.nodeName() == null) {
                    continue;
                }
                ready++;
                String domain = domainOf.apply(pod.nodeName());
                if (domain != null) {
                    readyByDomain.merge(domain, 1, Integer::sum);
                }
            }
            for (var e : readyByDomain.entrySet()) {
                int left = ready - e.getValue();
                if (left == 0) {
                    down.computeIfAbsent(e.getKey(), d -> new ArrayList<>()).add(w.name());
                } else if (w.keepReady() != null && left < w.keepReady()) {
                    below.computeIfAbsent(e.getKey(), d -> new ArrayList<>()).add(w.name());
                }
            }
        }
        List<Impact> impacts = new ArrayList<>();
        java.util.Set<String> domains = new java.util.TreeSet<>(down.keySet());
        domains.addAll(below.keySet());
        for (String domain : domains) {
            impacts.add(new Impact(domain, sorted(down.get(domain)), sorted(below.get(domain))));
        }
        impacts.sort(Comparator.comparingInt((Impact i) -> -i.down().size()).thenComparingInt(i -> -i.belowBudget().size())
                .thenComparing(Impact::name));
        return impacts;
    }

    private static List<String> sorted(List<String> names) {
        return names == null ? List.of() : names.stream().sorted().toList();
    }
}
