package dev.nospof.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

    @ParameterizedTest
    @CsvSource({
            "web, web, true", "web, web2, false", "'', '', true", "'', x, false",
            "*, '', true", "*, anything, true", "**, x, true",
            "batch-*, batch-1, true", "batch-*, batch-, true", "batch-*, nightly-batch-1, false",
            "*-db, orders-db, true", "*-db, orders-db-2, false",
            "a*b*c, abc, true", "a*b*c, aXbYc, true", "a*b*c, acb, false", "a*b*c, abcb, false",
            "*ab*ab*, abab, true", "*ab*ab*, aba, false", "ab*ba, aba, false", "ab*ba, abba, true",
            "a.b, axb, false", "a.b, a.b, true", "x*x, x, false", "x*x, xx, true"})
    void starMatchesAnyRunAndTheRestIsLiteral(String pattern, String name, boolean expected) {
        assertThat(Glob.of(pattern).matches(name)).as("%s ~ %s", pattern, name).isEqualTo(expected);
    }

    /** The meaning the exemption always had (the regex it was compiled to), on random patterns and names. */
    @Test
    void agreesWithTheRegularExpressionItReplaces() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            String pattern = randomString(random, "ab*-", 8);
            String name = randomString(random, "ab-", 12);
            boolean regex = Pattern.compile(("\\Q" + pattern + "\\E").replace("*", "\\E.*\\Q")).matcher(name).matches();
            assertThat(Glob.of(pattern).matches(name)).as("%s ~ %s", pattern, name).isEqualTo(regex);
        }
    }

    /** Backtracking regular expressions took forever on this; the timeout only guards against a hang. */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aHostilePatternCannotPinAThread() {
        String name = "a".repeat(253);
        assertThat(Glob.of("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b").matches(name)).isFalse();
        assertThat(Glob.of("*a".repeat(126) + "*").matches(name)).isTrue();
    }

    private static String randomString(Random random, String alphabet, int maxLength) {
        StringBuilder s = new StringBuilder();
        for (int n = random.nextInt(maxLength + 1); n > 0; n--) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
