package dev.nospof.operator;

import dev.nospof.report.ClusterSpofReport;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Creates the one ClusterSpofReport when it is missing, so its reconciler has something to
 * reconcile. Server-side apply of the bare object, idempotent, by the leader (only it writes).
 */
@Singleton
public class ClusterReportBootstrap {

    private static final Logger LOG = Logger.getLogger(ClusterReportBootstrap.class);

    void onStart(@Observes StartupEvent event, KubernetesClient client, Leadership leadership) {
        leadership.whenLeading(() -> create(client));
    }

    private static void create(KubernetesClient client) {
        ClusterSpofReport report = new ClusterSpofReport();
        report.setMetadata(new ObjectMetaBuilder().withName(ClusterSpofReport.NAME)
                .withLabels(Map.of("app.kubernetes.io/managed-by", "nospof")).build());
        try {
            client.resource(report).fieldManager("nospof").forceConflicts().serverSideApply();
        } catch (KubernetesClientException e) {
            LOG.errorf("cannot create ClusterSpofReport %s (is its CRD installed?): %s", ClusterSpofReport.NAME, e.getMessage());
        }
    }
}
