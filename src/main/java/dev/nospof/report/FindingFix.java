package dev.nospof.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A finding's mechanical fix under a remediate policy, and why nospof has not applied it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FindingFix {

    @JsonPropertyDescription("applied, dry-run, gitops (Argo CD or Flux manage the workload: fix it in Git), not-permitted "
            + "(the chart's remediation.enabled is false), protected-namespace, controlled (another object, such as an operator's "
            + "custom resource, controls the workload and would revert the change) or refused (by the API server)")
    private String state;
    @JsonPropertyDescription("the change, e.g. raise spec.replicas of Deployment web from 1 to 2")
    private String action;
    @JsonPropertyDescription("why it is not applied")
    private String reason;
    @JsonPropertyDescription("the change as YAML: the fields nospof sets by server-side apply, or the new object; for Git, the patch to make")
    private String patch;

    public FindingFix() {
    }

    public FindingFix(String state, String action, String reason, String patch) {
        this.state = state;
        this.action = action;
        this.reason = reason;
        this.patch = patch;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getPatch() {
        return patch;
    }

    public void setPatch(String patch) {
        this.patch = patch;
    }
}
