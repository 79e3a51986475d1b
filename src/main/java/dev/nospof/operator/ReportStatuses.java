package dev.nospof.operator;

import dev.nospof.report.Reports;
import dev.nospof.report.SpofReport;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Where a SpofReport's status is written. nospof's CRD has no status subresource: a report is
 * created with its status (one write) and a changed status is patched on the object. A CRD
 * installed by an earlier nospof has the subresource (Helm does not upgrade the CRDs of a chart),
 * and the API server then drops the status of a create and of a patch of the object: once seen,
 * statuses go to the subresource, as before, until the CRD is upgraded.
 */
final class ReportStatuses {

    private static final Logger LOG = Logger.getLogger(ReportStatuses.class);
    /** Whether the SpofReport CRD in the cluster has the status subresource, as its answers showed. */
    private static final AtomicBoolean ON_SUBRESOURCE = new AtomicBoolean();

    private ReportStatuses() {
    }

    /** Whether a created report holds the status it was sent with: if not, the CRD has the subresource. */
    static boolean created(SpofReport sent, SpofReport created) {
        if (sent.getStatus() == null) {
            return true;
        }
        if (created.getStatus() != null) {
            if (ON_SUBRESOURCE.compareAndSet(true, false)) {
                LOG.info("SpofReport CRD: upgraded (no status subresource): a report takes one write again");
            }
            return true;
        }
        onSubresource();
        return false;
    }

    /** Writes {@code desired}'s status over {@code report}'s; returns the report as written. */
    static SpofReport write(KubernetesClient client, SpofReport report, SpofReport desired) {
        if (!ON_SUBRESOURCE.get()) {
            SpofReport patched = Replacing.statusOfObject(client, report, desired.getStatus());
            if (Reports.sameStatus(patched, desired)) {
                return patched;
            }
            onSubresource(); // the patch was taken, its status dropped
        }
        try {
            return Replacing.status(client, report, desired.getStatus());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404 && ON_SUBRESOURCE.compareAndSet(true, false)) {
                // The CRD was upgraded, or the report deleted: the next evaluation writes on the object, and finds out.
                LOG.info("SpofReport CRD: no status subresource found; statuses are written with the reports again");
            }
            throw e;
        }
    }

    private static void onSubresource() {
        if (ON_SUBRESOURCE.compareAndSet(false, true)) {
            LOG.warn("SpofReport CRD: installed by an earlier nospof (it has a status subresource), so each report takes two "
                    + "writes; replace it with this version's (kubectl replace -f helm/nospof/crds) to halve them");
        }
    }
}
