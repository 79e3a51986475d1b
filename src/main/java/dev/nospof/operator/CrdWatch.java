package dev.nospof.operator;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Watches one CustomResourceDefinition by name and says when its API becomes served (the CRD
 * exists, is Established and serves {@code version}) and when it stops being served (the CRD
 * was deleted), so optional integrations (KEDA, Argo Rollouts) start when they are installed,
 * before or after nospof, and stop when they are removed. Only transitions are reported.
 */
final class CrdWatch {

    /** What to do when the API appears and when it goes. Called on the watch's thread, one call at a time. */
    interface Listener {
        void served();

        void gone();
    }

    private static final Logger LOG = Logger.getLogger(CrdWatch.class);

    private final KubernetesClient client;
    private final String crdName;
    private final String version;
    private final Listener listener;
    private volatile SharedIndexInformer<CustomResourceDefinition> informer;
    private boolean served;

    CrdWatch(KubernetesClient client, String crdName, String version, Listener listener) {
        this.client = client;
        this.crdName = crdName;
        this.version = version;
        this.listener = listener;
    }

    /**
     * Starts watching and, before returning, tells the listener whether the API is served now:
     * what is installed at start is in use from the first reconcile on.
     */
    synchronized void start() {
        if (informer != null) {
            return;
        }
        informer = client.apiextensions().v1().customResourceDefinitions().withName(crdName).runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(CustomResourceDefinition crd) {
                update(crd);
            }

            @Override
            public void onUpdate(CustomResourceDefinition before, CustomResourceDefinition after) {
                update(after);
            }

            @Override
            public void onDelete(CustomResourceDefinition crd, boolean unknownFinalState) {
                update(null);
            }
        });
        informer.exceptionHandler((started, e) -> {
            if (forbidden(e)) {
                return false; // no RBAC to read CRDs: retrying will not help (below)
            }
            LOG.warnf("watch of CRD %s failed, retrying: %s", crdName, e.getMessage());
            return !ExceptionHandler.isDeserializationException(e);
        });
        try {
            informer.start().toCompletableFuture().get(2, TimeUnit.MINUTES);
        } catch (Exception e) {
            // Optional integrations must not stop nospof: it runs on without this one.
            LOG.warnf("cannot watch CRD %s, so its API is not used (does nospof's ClusterRole allow get, list and watch "
                    + "of customresourcedefinitions?): %s", crdName, e.getMessage());
            return;
        }
        update(informer.getStore().getByKey(crdName));
    }

    /** A 403, as the informer reports it: wrapped in the CompletionException of its list. */
    private static boolean forbidden(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof KubernetesClientException k && k.getCode() == 403) {
                return true;
            }
        }
        return false;
    }

    /** Not synchronized: a listener may be running, and may wait for what is stopping this watch. */
    void stop() {
        var watching = informer;
        if (watching != null) {
            watching.stop();
        }
    }

    private synchronized void update(CustomResourceDefinition crd) {
        boolean now = crd != null && crd.getMetadata().getDeletionTimestamp() == null && serves(crd);
        if (now == served) {
            return;
        }
        served = now;
        if (now) {
            listener.served();
        } else {
            listener.gone();
        }
    }

    private boolean serves(CustomResourceDefinition crd) {
        boolean established = crd.getStatus() != null && crd.getStatus().getConditions() != null && crd.getStatus().getConditions().stream()
                .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
        return established && crd.getSpec().getVersions().stream().anyMatch(v -> version.equals(v.getName()) && Boolean.TRUE.equals(v.getServed()));
    }
}
