package dev.nospof.report;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.nospof.model.TolerantPart;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The cluster's own single points of failure (nodes, zones, control plane, webhooks,
 * APIServices) and a summary of the workload reports per namespace. One object, named
 * {@value #NAME}, cluster-scoped.
 */
@Group("nospof.dev")
@Version("v1alpha1")
@Plural("clusterspofreports")
@ShortNames("cspof")
@AdditionalPrinterColumn(name = "Severity", jsonPath = ".status.highestSeverity", type = Type.STRING)
@AdditionalPrinterColumn(name = "Findings", jsonPath = ".status.findingCount", type = Type.INTEGER)
@AdditionalPrinterColumn(name = "Nodes", jsonPath = ".status.nodes", type = Type.INTEGER)
@AdditionalPrinterColumn(name = "Zones", jsonPath = ".status.zones", type = Type.INTEGER)
@AdditionalPrinterColumn(name = "Worst-Node", jsonPath = ".status.worstNode", type = Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
@AdditionalPrinterColumn(name = "Checks", jsonPath = ".status.failingChecks", type = Type.STRING, priority = 1)
public class ClusterSpofReport extends CustomResource<Void, ClusterSpofReportStatus> {

    public static final String NAME = "cluster";

    @Override
    @JsonSerialize(using = TolerantPart.Writer.class)
    public ClusterSpofReportStatus getStatus() {
        return super.getStatus();
    }

    @Override
    @JsonDeserialize(using = TolerantPart.class)
    public void setStatus(ClusterSpofReportStatus status) {
        super.setStatus(status);
    }
}
