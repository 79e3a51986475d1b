package dev.nospof.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nospof.report.SpofReport;
import dev.nospof.testing.ClusterExtension;
import dev.nospof.testing.CommandResult;
import dev.nospof.testing.OwnCluster;
import dev.nospof.testing.TestCluster;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceSubresourcesBuilder;
import java.nio.file.Path;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A SpofReport CRD as an earlier nospof installed it, with the status subresource (Helm does not
 * upgrade a chart's CRDs): the API server drops the status of a create, yet reports get their
 * findings, and once the CRD is replaced as README's upgrade says, a report is one write again.
 * Its own cluster: the CRD is changed under the operator.
 */
@OwnCluster
@ExtendWith(ClusterExtension.class)
class ReportCrdUpgradeIT {

    static TestCluster cluster;

    private static final String CRD = "spofreports.nospof.dev";
    private static final Path CRD_FILE = Path.of(System.getProperty("nospof.projectDir", "."))
            .resolve("helm/nospof/crds/spofreports.nospof.dev-v1.yml");

    @Test
    void reportsGetTheirFindingsWithTheOldCrdAndAfterItsUpgrade() {
        CustomResourceDefinition crd = cluster.client().apiextensions().v1().customResourceDefinitions().withName(CRD).get();
        assertThat(crd.getSpec().getVersions().get(0).getSubresources()).as("the CRD of this version").isNull();
        cluster.client().apiextensions().v1().customResourceDefinitions().withName(CRD).edit(old -> {
            old.getSpec().getVersions().forEach(v -> v.setSubresources(new CustomResourceSubresourcesBuilder().withNewStatus().endStatus().build()));
            return old;
        });

        cluster.client().apps().deployments().inNamespace(cluster.namespace()).resource(SpofReportIT.deployment("before", 1)).create();
        SpofReport before = cluster.awaitReport("deployment-before", r -> TestCluster.checks(r).equals(List.of("single-replica")));
        assertThat(before.getStatus().getHighestSeverity()).isEqualTo("high");
        Awaitility.await("the operator's word on the CRD").until(() -> cluster.operatorLogSinceStart()
                .contains("SpofReport CRD: installed by an earlier nospof (it has a status subresource)"));

        CommandResult replaced = cluster.kubectl("replace", "-f", CRD_FILE.toAbsolutePath().toString());
        assertThat(replaced.exitCode()).as(replaced.output()).isZero();
        assertThat(cluster.client().apiextensions().v1().customResourceDefinitions().withName(CRD).get()
                .getSpec().getVersions().get(0).getSubresources()).isNull();

        cluster.client().apps().deployments().inNamespace(cluster.namespace()).resource(SpofReportIT.deployment("after", 1)).create();
        cluster.awaitReport("deployment-after", r -> TestCluster.checks(r).equals(List.of("single-replica")));
        // A status that changes is written on the object now: the subresource is gone.
        cluster.client().apps().deployments().inNamespace(cluster.namespace()).withName("before").scale(3);
        cluster.awaitReport("deployment-before", r -> TestCluster.checks(r).equals(List.of("missing-pdb", "missing-spread")));
        Awaitility.await("the operator's word on the upgrade").until(() -> cluster.operatorLogSinceStart()
                .contains("SpofReport CRD: upgraded (no status subresource): a report takes one write again"));
    }
}
