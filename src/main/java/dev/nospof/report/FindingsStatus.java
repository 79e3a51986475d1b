package dev.nospof.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.nospof.model.Decoded;
import dev.nospof.model.SaturatingInt;
import io.fabric8.generator.annotation.Max;
import java.util.ArrayList;
import java.util.List;

/**
 * What every nospof report says about its findings. Everything but {@code evaluatedAt} is
 * content: a change to it causes a write; the time alone never does.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class FindingsStatus extends Decoded {

    @JsonPropertyDescription("highest severity among the findings that count, or 'none'")
    private String highestSeverity;
    @JsonPropertyDescription("number of findings that count (exempted ones excluded)")
    @Max(Integer.MAX_VALUE)
    @JsonDeserialize(using = SaturatingInt.class)
    private Integer findingCount;
    @JsonPropertyDescription("ids of the checks that failed and count, comma separated")
    private String failingChecks;
    private List<ReportFinding> findings = new ArrayList<>();
    @JsonPropertyDescription("time of the evaluation that produced this content; unchanged evaluations do not update it")
    private String evaluatedAt;

    public String getHighestSeverity() {
        return highestSeverity;
    }

    public void setHighestSeverity(String highestSeverity) {
        this.highestSeverity = highestSeverity;
    }

    public Integer getFindingCount() {
        return findingCount;
    }

    public void setFindingCount(Integer findingCount) {
        this.findingCount = findingCount;
    }

    public String getFailingChecks() {
        return failingChecks;
    }

    public void setFailingChecks(String failingChecks) {
        this.failingChecks = failingChecks;
    }

    public List<ReportFinding> getFindings() {
        return findings;
    }

    public void setFindings(List<ReportFinding> findings) {
        this.findings = findings;
    }

    public String getEvaluatedAt() {
        return evaluatedAt;
    }

    public void setEvaluatedAt(String evaluatedAt) {
        this.evaluatedAt = evaluatedAt;
    }
}
