package dev.nospof.report;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.nospof.model.TolerantPart;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The single-point-of-failure report of one workload, in the workload's namespace, named
 * {@code <kind>-<name>} and owned by the workload. nospof writes it only when its content
 * changes. Its CRD has no status subresource (CrdsUpToDateTest leaves it out): a new report is
 * created with its status in one write, half what a create and a status update cost the API
 * server. Only nospof writes reports, so the subresource's separation of writers bought nothing.
 */
@Group("nospof.dev")
@Version("v1alpha1")
@Plural("spofreports")
@ShortNames({"spof", "spofs"})
@AdditionalPrinterColumn(name = "Kind", jsonPath = ".spec.workload.kind", type = Type.STRING)
@AdditionalPrinterColumn(name = "Workload", jsonPath = ".spec.workload.name", type = Type.STRING)
@AdditionalPrinterColumn(name = "Severity", jsonPath = ".status.highestSeverity", type = Type.STRING)
@AdditionalPrinterColumn(name = "Findings", jsonPath = ".status.findingCount", type = Type.INTEGER)
@AdditionalPrinterColumn(name = "Replicas", jsonPath = ".status.replicas", type = Type.STRING,
        getDescription = "effective / ready replicas")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
@AdditionalPrinterColumn(name = "Checks", jsonPath = ".status.failingChecks", type = Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Single-Point", jsonPath = ".status.singlePoint", type = Type.STRING, priority = 1,
        getDescription = "the one node or zone that holds every ready pod")
public class SpofReport extends CustomResource<SpofReportSpec, SpofReportStatus> implements Namespaced {

    @Override
    @JsonSerialize(using = TolerantPart.Writer.class)
    public SpofReportSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonDeserialize(using = TolerantPart.class)
    public void setSpec(SpofReportSpec spec) {
        super.setSpec(spec);
    }

    @Override
    @JsonSerialize(using = TolerantPart.Writer.class)
    public SpofReportStatus getStatus() {
        return super.getStatus();
    }

    @Override
    @JsonDeserialize(using = TolerantPart.class)
    public void setStatus(SpofReportStatus status) {
        super.setStatus(status);
    }
}
