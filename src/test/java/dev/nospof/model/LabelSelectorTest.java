package dev.nospof.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nospof.model.LabelSelector.Operator;
import dev.nospof.model.LabelSelector.Requirement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {

    private static final Map<String, String> POD = Map.of("app", "web", "tier", "frontend");

    @Test
    void everyMatchLabelMustHoldNotJustOne() {
        assertThat(LabelSelector.matchLabels(Map.of("app", "web")).matches(POD)).isTrue();
        assertThat(LabelSelector.matchLabels(Map.of("app", "web", "tier", "backend")).matches(POD)).isFalse();
    }

    @Test
    void matchExpressionsFollowTheirOperators() {
        assertThat(expr("app", Operator.IN, "web", "api").matches(POD)).isTrue();
        assertThat(expr("app", Operator.IN, "api").matches(POD)).isFalse();
        assertThat(expr("app", Operator.NOT_IN, "api").matches(POD)).isTrue();
        assertThat(expr("missing", Operator.NOT_IN, "x").matches(POD)).isTrue();
        assertThat(expr("tier", Operator.EXISTS).matches(POD)).isTrue();
        assertThat(expr("canary", Operator.EXISTS).matches(POD)).isFalse();
        assertThat(expr("canary", Operator.DOES_NOT_EXIST).matches(POD)).isTrue();
        assertThat(expr("app", Operator.DOES_NOT_EXIST).matches(POD)).isFalse();
    }

    @Test
    void matchLabelsAndExpressionsMustBothHold() {
        LabelSelector selector = LabelSelector.of(Map.of("app", "web"),
                List.of(new Requirement("tier", Operator.IN, List.of("backend"))));
        assertThat(selector.matches(POD)).isFalse();
    }

    @Test
    void emptySelectsEverythingAndNothingSelectsNothing() {
        assertThat(LabelSelector.EVERYTHING.matches(Map.of())).isTrue();
        assertThat(LabelSelector.NOTHING.matches(POD)).isFalse();
        assertThat(LabelSelector.NOTHING.describe()).isEqualTo("<none>");
    }

    @Test
    void unknownOperatorMatchesNothing() {
        assertThat(LabelSelector.of(Map.of(), List.of(new Requirement("app", null, List.of()))).matches(POD)).isFalse();
    }

    @Test
    void describesLikeKubectl() {
        LabelSelector selector = LabelSelector.of(Map.of("tier", "frontend", "app", "web"),
                List.of(new Requirement("env", Operator.NOT_IN, List.of("dev", "test")), new Requirement("canary", Operator.DOES_NOT_EXIST, null)));
        assertThat(selector.describe()).isEqualTo("app=web,tier=frontend,env notin (dev,test),!canary");
    }

    private static LabelSelector expr(String key, Operator operator, String... values) {
        return LabelSelector.of(Map.of(), List.of(new Requirement(key, operator, List.of(values))));
    }
}
