package dev.nospof.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.nospof.model.SaturatingInt;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** What nospof found of the cluster as a whole, and the workload findings per namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClusterSpofReportStatus extends FindingsStatus {

    public static final int MAX_LISTED = 50;
    /** Cluster findings listed, the most severe first: a cluster with thousands of stray PDBs must not pass etcd's 1.5 MB. */
    public static final int MAX_LISTED_FINDINGS = 200;

    @JsonPropertyDescription("number of nodes")
    @Max(Integer.MAX_VALUE)
    @JsonDeserialize(using = SaturatingInt.class)
    private Integer nodes;
    @JsonPropertyDescription("number of zones among the schedulable nodes")
    @Max(Integer.MAX_VALUE)
    @JsonDeserialize(using = SaturatingInt.class)
    private Integer zones;
    @JsonPropertyDescription("objects nospof skips because a part of them does not decode, with the field and why (at most "
            + MAX_LISTED + ")")
    @Size(max = MAX_LISTED)
    private List<String> undecodableObjects;
    @JsonPropertyDescription("cluster findings counted in findingCount but not listed in findings, which lists the "
            + MAX_LISTED_FINDINGS + " most severe")
    @Max(Integer.MAX_VALUE)
    @JsonDeserialize(using = SaturatingInt.class)
    private Integer findingsNotListed;
    @JsonPropertyDescription("workload findings that count, per namespace and severity")
    private List<NamespaceSummary> namespaces = new ArrayList<>();

    public Integer getFindingsNotListed() {
        return findingsNotListed;
    }

    public void setFindingsNotListed(Integer findingsNotListed) {
        this.findingsNotListed = findingsNotListed;
    }

    public Integer getNodes() {
        return nodes;
    }

    public void setNodes(Integer nodes) {
        this.nodes = nodes;
    }

    public Integer getZones() {
        return zones;
    }

    public void setZones(Integer zones) {
        this.zones = zones;
    }

    public List<NamespaceSummary> getNamespaces() {
        return namespaces;
    }

    public void setNamespaces(List<NamespaceSummary> namespaces) {
        this.namespaces = namespaces;
    }

    /** Counting workload findings of one namespace by severity. */
    public List<String> getUndecodableObjects() {
        return undecodableObjects;
    }

    public void setUndecodableObjects(List<String> undecodableObjects) {
        this.undecodableObjects = undecodableObjects;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class NamespaceSummary {
        private String namespace;
        @Max(Integer.MAX_VALUE)
        @JsonDeserialize(using = SaturatingInt.class)
        private Integer critical;
        @Max(Integer.MAX_VALUE)
        @JsonDeserialize(using = SaturatingInt.class)
        private Integer high;
        @Max(Integer.MAX_VALUE)
        @JsonDeserialize(using = SaturatingInt.class)
        private Integer medium;
        @Max(Integer.MAX_VALUE)
        @JsonDeserialize(using = SaturatingInt.class)
        private Integer low;
        @Max(Integer.MAX_VALUE)
        @JsonDeserialize(using = SaturatingInt.class)
        private Integer info;

        public String getNamespace() {
            return namespace;
        }

        public void setNamespace(String namespace) {
            this.namespace = namespace;
        }

        public Integer getCritical() {
            return critical;
        }

        public void setCritical(Integer critical) {
            this.critical = critical;
        }

        public Integer getHigh() {
            return high;
        }

        public void setHigh(Integer high) {
            this.high = high;
        }

        public Integer getMedium() {
            return medium;
        }

        public void setMedium(Integer medium) {
            this.medium = medium;
        }

        public Integer getLow() {
            return low;
        }

        public void setLow(Integer low) {
            this.low = low;
        }

        public Integer getInfo() {
            return info;
        }

        public void setInfo(Integer info) {
            this.info = info;
        }
    }
}
