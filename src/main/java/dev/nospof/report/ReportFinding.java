package dev.nospof.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One finding as users read it in a report. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReportFinding {

    @JsonPropertyDescription("stable check id, e.g. single-replica")
    private String check;
    @JsonPropertyDescription("critical, high, medium, low or info")
    private String severity;
    @JsonPropertyDescription("what failed, naming the object and the number")
    private String message;
    @JsonPropertyDescription("what a user can do about it")
    private String remediation;
    @JsonPropertyDescription("what nospof does about this check: off, audit, warn, enforce or remediate")
    private String mode;
    @JsonPropertyDescription("the RedundancyPolicy that decided the mode, or 'default'")
    private String policy;
    @JsonPropertyDescription("whether nospof would apply the remediation itself under the current policy")
    private Boolean automaticRemediation;
    @JsonPropertyDescription("in remediate mode: the mechanical fix, and why nospof has not applied it")
    private FindingFix fix;
    @JsonPropertyDescription("true when an exemption applies: the finding is shown but does not count")
    private Boolean exempted;
    @JsonPropertyDescription("why the finding is exempted, and by what")
    private String exemptionReason;

    public ReportFinding() {
    }

    public ReportFinding(String check, String severity, String message, String remediation, Boolean automaticRemediation) {
        this.check = check;
        this.severity = severity;
        this.message = message;
        this.remediation = remediation;
        this.automaticRemediation = automaticRemediation;
    }

    public String getCheck() {
        return check;
    }

    public void setCheck(String check) {
        this.check = check;
    }

    public String getSeverity() {
        return severity;
    }

    public void setSeverity(String severity) {
        this.severity = severity;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getRemediation() {
        return remediation;
    }

    public void setRemediation(String remediation) {
        this.remediation = remediation;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public String getPolicy() {
        return policy;
    }

    public void setPolicy(String policy) {
        this.policy = policy;
    }

    public Boolean getExempted() {
        return exempted;
    }

    public void setExempted(Boolean exempted) {
        this.exempted = exempted;
    }

    public String getExemptionReason() {
        return exemptionReason;
    }

    public void setExemptionReason(String exemptionReason) {
        this.exemptionReason = exemptionReason;
    }

    public FindingFix getFix() {
        return fix;
    }

    public void setFix(FindingFix fix) {
        this.fix = fix;
    }

    public Boolean getAutomaticRemediation() {
        return automaticRemediation;
    }

    public void setAutomaticRemediation(Boolean automaticRemediation) {
        this.automaticRemediation = automaticRemediation;
    }
}
