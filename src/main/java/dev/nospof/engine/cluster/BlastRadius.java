package dev.nospof.engine.cluster;

import dev.nospof.model.LiveState;
import dev.nospof.model.NodeInfo;
import dev.nospof.model.PodPlacement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

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

    /**
     * The workloads down and below budget per domain (node or zone) of a part of the cluster, one
     * namespace say, each list sorted: the parts are kept apart so that a change re-tallies only its
     * own and {@link #impacts} merges them.
     */
    public record Tally(Map<String, List<String>> down, Map<String, List<String>> belowBudget) {
        public Tally {
            down = Map.copyOf(down);
            belowBudget = Map.copyOf(belowBudget);
        }

        public boolean isEmpty() {
            return down.isEmpty() && belowBudget.isEmpty();
        }
    }

    /** Per node, the most workloads down first (then below budget, then by name); nodes that take nothing down are left out. */
    public static List<Impact> byNode(List<Workload> workloads) {
        return impacts(List.of(tally(workloads, node -> node)));
    }

    /** Per zone ({@code zoneOf} a node, null when it has none): as {@link #byNode}. */
    public static List<Impact> byZone(List<Workload> workloads, Function<String, String> zoneOf) {
        return impacts(List.of(tally(workloads, zoneOf)));
    }

    /**
     * The one node, or else the one zone (where the cluster has two or more), that holds every
     * ready pod of a workload, said as its report says it ("all 3 ready pods are on node
     * worker-2"): the workload is in that node's (or zone's) blast radius. Empty when no pod is
     * ready (degraded-redundancy says so) or the ready pods are spread.
     */
    public static Optional<String> singlePoint(LiveState live, String zoneKey) {
        if (live == null) {
            return Optional.empty();
        }
        List<PodPlacement> ready = live.pods().stream().filter(p -> p.ready() && p.nodeName() != null).toList();
        if (ready.isEmpty()) {
            return Optional.empty();
        }
        String pods = ready.size() == 1 ? "its only ready pod is" : "all " + ready.size() + " ready pods are";
        Set<String> nodes = ready.stream().map(PodPlacement::nodeName).collect(Collectors.toSet());
        if (nodes.size() == 1) {
            return Optional.of(pods + " on node " + nodes.iterator().next());
        }
        Set<String> zones = live.zones(zoneKey);
        if (zones.size() < 2) {
            return Optional.empty();
        }
        Map<String, NodeInfo> byName = live.nodesByName();
        Set<String> podZones = new HashSet<>();
        for (String node : nodes) {
            NodeInfo info = byName.get(node);
            podZones.add(info == null || info.zone(zoneKey) == null ? "" : info.zone(zoneKey));
        }
        return podZones.size() == 1 && !podZones.contains("")
                ? Optional.of(pods + " in zone " + podZones.iterator().next() + " (of " + zones.size() + " zones)")
                : Optional.empty();
    }

    /** What fails with each domain ({@code domainOf} a node: the node itself, or its zone) among {@code workloads}. */
    public static Tally tally(List<Workload> workloads, Function<String, String> domainOf) {
        Map<String, List<String>> down = new HashMap<>();
        Map<String, List<String>> below = new HashMap<>();
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
        down.replaceAll((domain, names) -> sorted(names));
        below.replaceAll((domain, names) -> sorted(names));
        return new Tally(down, below);
    }

    /** The tallies of the parts of a cluster merged: per domain, the most workloads down first (then below budget, then by name). */
    public static List<Impact> impacts(Collection<Tally> parts) {
        Map<String, List<String>> down = new TreeMap<>();
        Map<String, List<String>> below = new TreeMap<>();
        for (Tally part : parts) {
            part.down().forEach((domain, names) -> down.computeIfAbsent(domain, d -> new ArrayList<>()).addAll(names));
            part.belowBudget().forEach((domain, names) -> below.computeIfAbsent(domain, d -> new ArrayList<>()).addAll(names));
        }
        Set<String> domains = new TreeSet<>(down.keySet());
        domains.addAll(below.keySet());
        List<Impact> impacts = new ArrayList<>();
        for (String domain : domains) {
            // Each part's names are sorted already: sorting their concatenation merges runs.
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
