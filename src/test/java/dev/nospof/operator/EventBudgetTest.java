package dev.nospof.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventBudgetTest {

    private static final Instant T0 = Instant.parse("2026-11-29T06:00:00Z");

    @Test
    void aFlappingWorkloadGetsTenEventsPerTenMinutesAndAnotherWorkloadItsOwn() {
        EventBudget budget = new EventBudget();
        assertThat(budget.take("deployment/shop/web", 3, T0)).isEqualTo(3);
        for (int flip = 1; flip <= 10; flip++) {
            budget.take("deployment/shop/web", 1, T0.plusSeconds(flip * 10));
        }
        assertThat(budget.take("deployment/shop/web", 1, T0.plus(Duration.ofMinutes(9)))).as("the window is used up").isZero();
        assertThat(budget.take("deployment/shop/api", 2, T0.plus(Duration.ofMinutes(9)))).as("another workload's budget").isEqualTo(2);
        assertThat(budget.take("deployment/shop/web", 4, T0.plus(EventBudget.WINDOW))).as("a new window").isEqualTo(4);
        assertThat(budget.take("deployment/shop/web", 20, T0.plus(EventBudget.WINDOW).plusSeconds(1))).isEqualTo(6);
    }

    @Test
    void aWorkloadThatIsGoneStartsAfreshWhenItComesBack() {
        EventBudget budget = new EventBudget();
        assertThat(budget.take("deployment/shop/web", 12, T0)).isEqualTo(10);
        budget.forget("deployment/shop/web");
        assertThat(budget.take("deployment/shop/web", 1, T0.plusSeconds(1))).isEqualTo(1);
    }
}
