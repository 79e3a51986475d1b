package dev.nospof.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

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
}
