package dev.nospof.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** A change nospof made to fix a finding; listed while the check passes and stays in remediate mode. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Remediated {

    @JsonPropertyDescription("the check the change fixed, e.g. single-replica")
    private String check;
    @JsonPropertyDescription("what nospof did, e.g. raised spec.replicas 1 → 2")
    private String action;
    @JsonPropertyDescription("the RedundancyPolicy that asked for it")
    private String policy;
    @JsonPropertyDescription("when it was done (RFC 3339)")
    private String at;

    public Remediated() {
    }

    public Remediated(String check, String action, String policy, String at) {
        this.check = check;
        this.action = action;
        this.policy = policy;
        this.at = at;
    }

    public String getCheck() {
        return check;
    }

    public void setCheck(String check) {
        this.check = check;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public String getPolicy() {
        return policy;
    }

    public void setPolicy(String policy) {
        this.policy = policy;
    }

    public String getAt() {
        return at;
    }

    public void setAt(String at) {
        this.at = at;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Remediated r && Objects.equals(check, r.check) && Objects.equals(action, r.action)
                && Objects.equals(policy, r.policy) && Objects.equals(at, r.at);
    }

    @Override
    public int hashCode() {
        return Objects.hash(check, action, policy, at);
    }
}
