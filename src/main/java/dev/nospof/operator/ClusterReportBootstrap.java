package dev.nospof.operator;

import dev.nospof.report.ClusterSpofReport;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.net.HttpURLConnection;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Creates the one ClusterSpofReport when it is missing, so its reconciler has something to
 * reconcile. Created bare when missing (an existing one is left to the reconciler), by the leader (only it writes).
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
            client.resource(report).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                return; // it exists: the reconciler keeps it true (and rewrites a status that does not decode)
            }
            LOG.errorf("cannot create ClusterSpofReport %s%s: %s", ClusterSpofReport.NAME,
                    e.getCode() == HttpURLConnection.HTTP_NOT_FOUND ? " (is its CRD installed?)" : "", FailureLog.reason(e));
        }
    }
}
