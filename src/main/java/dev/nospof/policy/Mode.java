package dev.nospof.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * What nospof does about a check, from the least to the strictest. When several policies
 * select a workload, the strictest mode of each check wins.
 */
public enum Mode {
    @JsonProperty("off") OFF,
    @JsonProperty("audit") AUDIT,
    @JsonProperty("warn") WARN,
    @JsonProperty("enforce") ENFORCE,
    @JsonProperty("remediate") REMEDIATE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean stricterThan(Mode other) {
        return ordinal() > other.ordinal();
    }
}
