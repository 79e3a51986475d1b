package dev.nospof.cli;

import dev.nospof.engine.CheckDescription;
import dev.nospof.policy.Assessment;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * JUnit XML as CI report viewers read it: a test suite per file, a test case per workload and
 * check that ran. A case fails when its findings reach --fail-on (so the report agrees with
 * the exit code); findings below it are passed cases with the finding in system-out; exempted
 * ones are skipped with their reason; unusable documents are errors.
 */
final class JunitFormatter implements Formatter {

    @Override
    public void write(AuditResult result, PrintStream out) {
        Map<String, List<String>> suites = new LinkedHashMap<>();
        Map<String, int[]> counts = new LinkedHashMap<>(); // tests, failures, errors, skipped
        for (AuditedObject w : result.eachAudited()) {
            String file = w.source().file();
            List<String> cases = suites.computeIfAbsent(file, f -> new ArrayList<>());
            int[] c = counts.computeIfAbsent(file, f -> new int[4]);
            String classname = w.qualifiedName();
            for (CheckDescription check : w.checks()) {
                List<Assessment> found = w.assessments().stream().filter(a -> a.finding().checkId().equals(check.id())).toList();
                c[0]++;
                StringBuilder tc = new StringBuilder("    <testcase classname=\"").append(xml(classname)).append("\" name=\"")
                        .append(xml(check.id())).append("\" file=\"").append(xml(file)).append("\" line=\"")
                        .append(w.source().line()).append("\"");
                List<Assessment> failing = found.stream().filter(result::failing).toList();
                List<Assessment> exempted = found.stream().filter(Assessment::exempted).toList();
                if (found.isEmpty()) {
                    tc.append("/>");
                } else if (!failing.isEmpty()) {
                    c[1]++;
                    tc.append(">\n      <failure type=\"").append(failing.get(0).finding().severity().id()).append("\" message=\"")
                            .append(xml(failing.get(0).finding().message())).append("\">")
                            .append(xml(text(failing))).append("</failure>\n    </testcase>");
                } else if (exempted.size() == found.size()) {
                    c[3]++;
                    tc.append(">\n      <skipped message=\"exempted: ").append(xml(exempted.get(0).exemption().reason()))
                            .append(" (").append(xml(exempted.get(0).exemption().source())).append(")\"/>\n    </testcase>");
                } else {
                    tc.append(">\n      <system-out>").append(xml(text(found))).append("</system-out>\n    </testcase>");
                }
                cases.add(tc.toString());
            }
        }
        if (!result.errors().isEmpty()) {
            String name = "input errors";
            List<String> cases = suites.computeIfAbsent(name, f -> new ArrayList<>());
            int[] c = counts.computeIfAbsent(name, f -> new int[4]);
            for (InputError e : result.errors()) {
                c[0]++;
                c[2]++;
                cases.add("    <testcase classname=\"" + xml(e.file()) + "\" name=\"" + xml(e.describe()) + "\" file=\"" + xml(e.file())
                        + "\" line=\"" + e.line() + "\">\n      <error type=\"input\" message=\"" + xml(e.message()) + "\"/>\n    </testcase>");
            }
        }
        int[] total = new int[4];
        counts.values().forEach(c -> {
            for (int i = 0; i < 4; i++) {
                total[i] += c[i];
            }
        });
        out.println("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        out.println("<testsuites name=\"nospof audit\" tests=\"" + total[0] + "\" failures=\"" + total[1] + "\" errors=\"" + total[2]
                + "\" skipped=\"" + total[3] + "\">");
        suites.forEach((name, cases) -> {
            int[] c = counts.get(name);
            out.println("  <testsuite name=\"" + xml(name) + "\" tests=\"" + c[0] + "\" failures=\"" + c[1] + "\" errors=\"" + c[2]
                    + "\" skipped=\"" + c[3] + "\">");
            cases.forEach(out::println);
            out.println("  </testsuite>");
        });
        out.println("</testsuites>");
    }

    private static String text(List<Assessment> assessments) {
        return assessments.stream()
                .map(a -> a.finding().severity().id() + ": " + a.finding().message()
                        + (a.finding().remediation().isEmpty() ? "" : "\nfix: " + a.finding().remediation()))
                .collect(Collectors.joining("\n"));
    }

    /** Escapes text for XML attributes and content; drops characters XML 1.0 cannot hold. */
    static String xml(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\n' -> b.append("&#10;");
                default -> {
                    if (ch >= 0x20 || ch == '\t' || ch == '\r') {
                        b.append(ch);
                    }
                }
            }
        }
        return b.toString();
    }
}
