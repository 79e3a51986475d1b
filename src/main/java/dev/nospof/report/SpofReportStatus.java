package dev.nospof.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.nospof.model.SaturatingInt;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** What nospof found. Everything here but {@code evaluatedAt} is content: a change to it causes a write. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SpofReportStatus extends FindingsStatus {

    /** The most changes a report lists (the newest). */
    public static final int MAX_REMEDIATED = 20;

    @JsonPropertyDescription("number of exempted findings, listed with their reason")
    @Max(Integer.MAX_VALUE)
    @JsonDeserialize(using = SaturatingInt.class)
    private Integer exemptedCount;
    @JsonPropertyDescription("effective / ready replicas, e.g. 3/2; ready is '-' when unknown")
    private String replicas;
    @JsonPropertyDescription("effective replicas: spec.replicas, or the minReplicas of an HPA that targets the workload")
    @Max(Integer.MAX_VALUE)
    @JsonDeserialize(using = SaturatingInt.class)
    private Integer effectiveReplicas;
    @JsonPropertyDescription("ready replicas reported by the workload's status")
    @Max(Integer.MAX_VALUE)
    @JsonDeserialize(using = SaturatingInt.class)
    private Integer readyReplicas;
    @JsonPropertyDescription("the one node, or zone, that holds every ready pod of the workload (live), e.g. 'all 3 ready pods are on "
            + "node worker-2': it takes the workload down with it")
    private String singlePoint;
    @JsonPropertyDescription("the RedundancyPolicies that select the workload")
    private List<String> policies = new ArrayList<>();
    @JsonPropertyDescription("changes nospof made to fix findings (remediate mode), while the check they fixed passes")
    @Size(max = MAX_REMEDIATED)
    private List<Remediated> remediated;

    public String getSinglePoint() {
        return singlePoint;
    }

    public void setSinglePoint(String singlePoint) {
        this.singlePoint = singlePoint;
    }

    public List<Remediated> getRemediated() {
        return remediated;
    }

    public void setRemediated(List<Remediated> remediated) {
        this.remediated = remediated;
    }

    public Integer getExemptedCount() {
        return exemptedCount;
    }

    public void setExemptedCount(Integer exemptedCount) {
        this.exemptedCount = exemptedCount;
    }

    public String getReplicas() {
        return replicas;
    }

    public void setReplicas(String replicas) {
        this.replicas = replicas;
    }

    public Integer getEffectiveReplicas() {
        return effectiveReplicas;
    }

    public void setEffectiveReplicas(Integer effectiveReplicas) {
        this.effectiveReplicas = effectiveReplicas;
    }

    public Integer getReadyReplicas() {
        return readyReplicas;
    }

    public void setReadyReplicas(Integer readyReplicas) {
        this.readyReplicas = readyReplicas;
    }

    public List<String> getPolicies() {
        return policies;
    }

    public void setPolicies(List<String> policies) {
        this.policies = policies;
    }
}
