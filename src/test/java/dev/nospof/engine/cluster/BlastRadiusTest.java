package dev.nospof.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nospof.model.LiveState;
import dev.nospof.model.NodeInfo;
import dev.nospof.model.PodPlacement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlastRadiusTest {

    private static final Map<String, String> ZONES = Map.of("n1", "a", "n2", "a", "n3", "b");

    private static BlastRadius.Workload workload(String name, Integer keep, PodPlacement... pods) {
        return new BlastRadius.Workload(name, List.of(pods), keep);
    }

    private static PodPlacement ready(String node) {
        return new PodPlacement("p-" + node + "-" + Math.random(), node, true);
    }

    @Test
    void aNodeTakesDownTheWorkloadsWhoseReadyPodsAreAllOnIt() {
        List<BlastRadius.Workload> workloads = List.of(
                workload("Deployment shop/web", null, ready("n1"), ready("n1")),
                workload("Deployment shop/api", null, ready("n1"), ready("n1"), new PodPlacement("api-down", "n3", false)),
                workload("Deployment shop/db", 3, ready("n1"), ready("n2"), ready("n3")),
                workload("Deployment shop/cart", null, ready("n2"), ready("n3")));
        List<BlastRadius.Impact> nodes = BlastRadius.byNode(workloads);
        assertThat(nodes).extracting(BlastRadius.Impact::name).as("most down first").containsExactly("n1", "n2", "n3");
        assertThat(nodes.get(0).down()).as("a pod that is not ready does not save api").containsExactly("Deployment shop/api",
                "Deployment shop/web");
        assertThat(nodes.get(0).belowBudget()).containsExactly("Deployment shop/db");
        assertThat(nodes.get(1).down()).isEmpty();
        assertThat(nodes.get(1).belowBudget()).as("db keeps all 3").containsExactly("Deployment shop/db");

        List<BlastRadius.Impact> zones = BlastRadius.byZone(workloads, ZONES::get);
        assertThat(zones.get(0).name()).isEqualTo("a");
        assertThat(zones.get(0).down()).containsExactly("Deployment shop/api", "Deployment shop/web");
        assertThat(zones.get(0).belowBudget()).as("cart has no budget").containsExactly("Deployment shop/db");
    }

    @Test
    void workloadsSpreadOverNodesTakeNothingDown() {
        assertThat(BlastRadius.byNode(List.of(workload("Deployment shop/web", 1, ready("n1"), ready("n2"), ready("n3"))))).isEmpty();
    }

    @Test
    void tallyingNamespacesApartAndMergingThemSaysWhatTallyingThemTogetherSays() {
        List<BlastRadius.Workload> shop = List.of(workload("Deployment shop/web", null, ready("n1"), ready("n1")),
                workload("Deployment shop/db", 3, ready("n1"), ready("n2"), ready("n3")));
        List<BlastRadius.Workload> blog = List.of(workload("Deployment blog/api", null, ready("n1")),
                workload("Deployment blog/cache", null, ready("n2"), ready("n2")));
        List<BlastRadius.Workload> both = new java.util.ArrayList<>(shop);
        both.addAll(blog);

        List<BlastRadius.Impact> merged = BlastRadius.impacts(List.of(BlastRadius.tally(shop, n -> n), BlastRadius.tally(blog, n -> n)));
        assertThat(merged).isEqualTo(BlastRadius.byNode(both));
        assertThat(merged.get(0).name()).isEqualTo("n1");
        assertThat(merged.get(0).down()).as("sorted across the parts").containsExactly("Deployment blog/api", "Deployment shop/web");
        assertThat(BlastRadius.impacts(List.of(BlastRadius.tally(shop, ZONES::get), BlastRadius.tally(blog, ZONES::get))))
                .isEqualTo(BlastRadius.byZone(both, ZONES::get));
        assertThat(BlastRadius.tally(List.of(workload("Deployment shop/spread", null, ready("n1"), ready("n3"))), n -> n).isEmpty())
                .as("a spread workload adds nothing to its part").isTrue();
    }

    @Test
    void aWorkloadsOwnSinglePointIsTheNodeOrElseTheZoneOfAllItsReadyPods() {
        List<NodeInfo> nodes = ZONES.entrySet().stream()
                .map(e -> new NodeInfo(e.getKey(), Map.of(NodeInfo.ZONE_LABEL, e.getValue()), true)).toList();
        String zone = NodeInfo.ZONE_LABEL;
        assertThat(BlastRadius.singlePoint(new LiveState(List.of(ready("n1"), ready("n1"), new PodPlacement("x", "n3", false)), nodes),
                zone)).as("a pod that is not ready does not count").contains("all 2 ready pods are on node n1");
        assertThat(BlastRadius.singlePoint(new LiveState(List.of(ready("n2")), nodes), zone)).contains("its only ready pod is on node n2");
        assertThat(BlastRadius.singlePoint(new LiveState(List.of(ready("n1"), ready("n2"), ready("n2")), nodes), zone))
                .contains("all 3 ready pods are in zone a (of 2 zones)");
        assertThat(BlastRadius.singlePoint(new LiveState(List.of(ready("n1"), ready("n3")), nodes), zone)).isEmpty();
        assertThat(BlastRadius.singlePoint(new LiveState(List.of(new PodPlacement("x", "n1", false)), nodes), zone)).isEmpty();
        List<NodeInfo> oneZone = List.of(new NodeInfo("n1", Map.of(), true), new NodeInfo("n2", Map.of(), true));
        assertThat(BlastRadius.singlePoint(new LiveState(List.of(ready("n1"), ready("n2")), oneZone), zone)).isEmpty();
        assertThat(BlastRadius.singlePoint(null, zone)).as("no live state: files").isEmpty();
    }
}
