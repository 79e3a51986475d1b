package dev.nospof.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nospof.engine.Engine;
import dev.nospof.model.LabelSelector;
import dev.nospof.model.PodTemplate;
import dev.nospof.model.Workload;
import dev.nospof.model.WorkloadKind;
import dev.nospof.model.WorkloadRef;
import dev.nospof.model.WorkloadView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnnotationExemptionsTest {

    @Test
    void listedChecksAreExemptedWithTheirReason() {
        List<Assessment> assessments = assess(Map.of(AnnotationExemptions.IGNORE, " missing-pdb , other-check",
                AnnotationExemptions.IGNORE_REASON, "drained by hand"));

        assertThat(assessments).extracting(a -> a.finding().checkId() + "=" + a.exempted())
                .containsExactly("missing-pdb=true", "missing-spread=false");
        assertThat(assessments.get(0).exemption()).isEqualTo(new Exemption("drained by hand", "annotation nospof.dev/ignore"));
    }

    @Test
    void starExemptsEveryCheck() {
        assertThat(assess(Map.of(AnnotationExemptions.IGNORE, "*", AnnotationExemptions.IGNORE_REASON, "lab")))
                .allMatch(Assessment::exempted).hasSize(2);
    }

    @Test
    void missingReasonIsSaidSo() {
        assertThat(assess(Map.of(AnnotationExemptions.IGNORE, "*")).get(0).exemption().reason())
                .isEqualTo("no reason given (nospof.dev/ignore-reason is not set)");
    }

    @Test
    void noAnnotationExemptsNothing() {
        assertThat(assess(Map.of())).noneMatch(Assessment::exempted).hasSize(2);
    }

    private static List<Assessment> assess(Map<String, String> annotations) {
        Workload workload = new Workload(new WorkloadRef(WorkloadKind.DEPLOYMENT, "ns", "web", null), Map.of(), annotations,
                3, null, LabelSelector.matchLabels(Map.of("app", "web")), new PodTemplate(Map.of("app", "web"), List.of(), List.of()));
        return Assessments.assess(Engine.standard().evaluate(new WorkloadView(workload, List.of(), List.of())), ResolvedPolicy.DEFAULT);
    }
}
