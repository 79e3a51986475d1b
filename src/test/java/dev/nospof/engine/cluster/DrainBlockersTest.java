package dev.nospof.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nospof.model.IntOrPercent;
import dev.nospof.model.LabelSelector;
import dev.nospof.model.Pdb;
import dev.nospof.model.PodPlacement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DrainBlockersTest {

    private static final List<PodPlacement> THREE_READY = List.of(new PodPlacement("db-0", "n1", true),
            new PodPlacement("db-1", "n2", true), new PodPlacement("db-2", "n3", true));

    private static Pdb pdb(IntOrPercent minAvailable, IntOrPercent maxUnavailable) {
        return new Pdb("shop", "db", LabelSelector.matchLabels(Map.of("app", "db")), minAvailable, maxUnavailable);
    }

    @Test
    void aBudgetThatKeepsEveryPodBlocksTheDrainOfEachOfTheirNodes() {
        List<DrainBlockers.Blocked> blocked = DrainBlockers.of(List.of(pdb(IntOrPercent.number(3), null)), p -> null, p -> THREE_READY);
        assertThat(blocked).extracting(DrainBlockers.Blocked::node).containsExactly("n1", "n2", "n3");
        assertThat(blocked.get(0).pods()).containsExactly("shop/db-0");
        assertThat(blocked.get(0).budgets()).containsExactly("shop/db");
    }

    @Test
    void theBudgetsStatusWinsOverTheComputation() {
        assertThat(DrainBlockers.of(List.of(pdb(IntOrPercent.number(3), null)), p -> 1, p -> THREE_READY)).isEmpty();
        assertThat(DrainBlockers.of(List.of(pdb(null, IntOrPercent.number(1))), p -> 0, p -> THREE_READY)).hasSize(3);
    }

    @Test
    void aPodThatIsNotReadySpendsTheBudget() {
        List<PodPlacement> oneDown = List.of(new PodPlacement("db-0", "n1", false), new PodPlacement("db-1", "n2", true),
                new PodPlacement("db-2", "n2", true));
        List<DrainBlockers.Blocked> blocked = DrainBlockers.of(List.of(pdb(null, IntOrPercent.number(1))), p -> null, p -> oneDown);
        assertThat(blocked).extracting(DrainBlockers.Blocked::node).as("most blocked pods first").containsExactly("n2", "n1");
        assertThat(DrainBlockers.of(List.of(pdb(null, IntOrPercent.number(1))), p -> null, p -> THREE_READY)).as("one may go").isEmpty();
        assertThat(DrainBlockers.of(List.of(pdb(null, IntOrPercent.percentage(100))), p -> null, p -> oneDown)).isEmpty();
    }

    @Test
    void theBlockersOfNamespacesMergeByNode() {
        Pdb blog = new Pdb("blog", "api", LabelSelector.matchLabels(Map.of("app", "api")), IntOrPercent.number(1), null);
        List<DrainBlockers.Blocked> shopPart = DrainBlockers.of(List.of(pdb(IntOrPercent.number(3), null)), p -> null, p -> THREE_READY);
        List<DrainBlockers.Blocked> blogPart = DrainBlockers.of(List.of(blog), p -> 0, p -> List.of(new PodPlacement("api-0", "n3", true)));

        List<DrainBlockers.Blocked> merged = DrainBlockers.merged(List.of(shopPart, blogPart));
        assertThat(merged).extracting(DrainBlockers.Blocked::node).as("most blocked pods first").containsExactly("n3", "n1", "n2");
        assertThat(merged.get(0).pods()).containsExactly("blog/api-0", "shop/db-2");
        assertThat(merged.get(0).budgets()).containsExactly("blog/api", "shop/db");
        assertThat(DrainBlockers.merged(List.of(shopPart))).isEqualTo(shopPart);
    }
}
