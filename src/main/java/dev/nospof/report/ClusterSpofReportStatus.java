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
    /** Nodes (zones) listed in the blast radius, and workloads named per node. */
    public static final int MAX_BLAST_RADIUS = 20;
    public static final int MAX_IMPACT_NAMES = 10;

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
    @JsonPropertyDescription("nodes whose drain would hang now: the pods on each that a PodDisruptionBudget allowing no disruption"
            + " covers, most pods first (at most " + MAX_LISTED + " nodes, " + MAX_LISTED + " pods each)")
    @Size(max = MAX_LISTED)
    private List<DrainBlockers> drainBlockers;
    @JsonPropertyDescription("nodes with drain blockers beyond those listed")
    @Max(Integer.MAX_VALUE)
    @JsonDeserialize(using = SaturatingInt.class)
    private Integer drainBlockersNotListed;

    @JsonPropertyDescription("the nodes whose failure would take workloads down (all their ready pods are there) or below"
            + " their PodDisruptionBudget, most workloads down first (at most " + MAX_BLAST_RADIUS + ")")
    @Size(max = MAX_BLAST_RADIUS)
    private List<Impact> nodeBlastRadius;
    @JsonPropertyDescription("nodes with a blast radius beyond those listed")
    @Max(Integer.MAX_VALUE)
    @JsonDeserialize(using = SaturatingInt.class)
    private Integer nodeBlastRadiusNotListed;
    @JsonPropertyDescription("the same per zone (at most " + MAX_BLAST_RADIUS + ")")
    @Size(max = MAX_BLAST_RADIUS)
    private List<Impact> zoneBlastRadius;
    @JsonPropertyDescription("the node whose failure takes the most workloads down, and how many")
    private String worstNode;

    public List<Impact> getNodeBlastRadius() {
        return nodeBlastRadius;
    }

    public void setNodeBlastRadius(List<Impact> nodeBlastRadius) {
        this.nodeBlastRadius = nodeBlastRadius;
    }

    public Integer getNodeBlastRadiusNotListed() {
        return nodeBlastRadiusNotListed;
    }

    public void setNodeBlastRadiusNotListed(Integer nodeBlastRadiusNotListed) {
        this.nodeBlastRadiusNotListed = nodeBlastRadiusNotListed;
    }

    public List<Impact> getZoneBlastRadius() {
        return zoneBlastRadius;
    }

    public void setZoneBlastRadius(List<Impact> zoneBlastRadius) {
        this.zoneBlastRadius = zoneBlastRadius;
    }

    public String getWorstNode() {
        return worstNode;
    }

    public void setWorstNode(String worstNode) {
        this.worstNode = worstNode;
    }

    /** What fails with one node or zone. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Impact {
        @JsonPropertyDescription("the node or zone")
        private String name;
        @JsonPropertyDescription("how many workloads would have no ready pod left")
        @Max(Integer.MAX_VALUE)
        @JsonDeserialize(using = SaturatingInt.class)
        private Integer down;
        @JsonPropertyDescription("those workloads, kind namespace/name (at most " + MAX_IMPACT_NAMES + ")")
        @Size(max = MAX_IMPACT_NAMES)
        private List<String> downWorkloads;
        @JsonPropertyDescription("how many workloads would drop below what their PodDisruptionBudget keeps")
        @Max(Integer.MAX_VALUE)
        @JsonDeserialize(using = SaturatingInt.class)
        private Integer belowBudget;
        @JsonPropertyDescription("those workloads (at most " + MAX_IMPACT_NAMES + ")")
        @Size(max = MAX_IMPACT_NAMES)
        private List<String> belowBudgetWorkloads;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public Integer getDown() {
            return down;
        }

        public void setDown(Integer down) {
            this.down = down;
        }

        public List<String> getDownWorkloads() {
            return downWorkloads;
        }

        public void setDownWorkloads(List<String> downWorkloads) {
            this.downWorkloads = downWorkloads;
        }

        public Integer getBelowBudget() {
            return belowBudget;
        }

        public void setBelowBudget(Integer belowBudget) {
            this.belowBudget = belowBudget;
        }

        public List<String> getBelowBudgetWorkloads() {
            return belowBudgetWorkloads;
        }

        public void setBelowBudgetWorkloads(List<String> belowBudgetWorkloads) {
            this.belowBudgetWorkloads = belowBudgetWorkloads;
        }
    }

    public List<DrainBlockers> getDrainBlockers() {
        return drainBlockers;
    }

    public void setDrainBlockers(List<DrainBlockers> drainBlockers) {
        this.drainBlockers = drainBlockers;
    }

    public Integer getDrainBlockersNotListed() {
        return drainBlockersNotListed;
    }

    public void setDrainBlockersNotListed(Integer drainBlockersNotListed) {
        this.drainBlockersNotListed = drainBlockersNotListed;
    }

    /** The pods on one node that no eviction may take now, and the budgets that hold them. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class DrainBlockers {
        @JsonPropertyDescription("the node")
        private String node;
        @JsonPropertyDescription("how many pods on it cannot be evicted now")
        @Max(Integer.MAX_VALUE)
        @JsonDeserialize(using = SaturatingInt.class)
        private Integer blockedPods;
        @JsonPropertyDescription("those pods, namespace/name (at most " + MAX_LISTED + ")")
        @Size(max = MAX_LISTED)
        private List<String> pods;
        @JsonPropertyDescription("the PodDisruptionBudgets that allow no disruption, namespace/name (at most " + MAX_LISTED + ")")
        @Size(max = MAX_LISTED)
        private List<String> budgets;

        public String getNode() {
            return node;
        }

        public void setNode(String node) {
            this.node = node;
        }

        public Integer getBlockedPods() {
            return blockedPods;
        }

        public void setBlockedPods(Integer blockedPods) {
            this.blockedPods = blockedPods;
        }

        public List<String> getPods() {
            return pods;
        }

        public void setPods(List<String> pods) {
            this.pods = pods;
        }

        public List<String> getBudgets() {
            return budgets;
        }

        public void setBudgets(List<String> budgets) {
            this.budgets = budgets;
        }
    }

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
