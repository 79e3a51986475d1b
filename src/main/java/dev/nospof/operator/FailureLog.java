package dev.nospof.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import org.jboss.logging.Logger;

/**
 * One line per failed reconciliation, naming the object and the reason ("Deployment shop/web:
 * 409 Conflict ...; retrying (attempt 2)"); the stack trace at debug. Every reconciler's
 * {@code updateErrorStatus} calls it; JOSDK's own warning with a stack trace per retry is off
 * (application.properties).
 */
final class FailureLog {

    private static final Logger LOG = Logger.getLogger(FailureLog.class);

    private FailureLog() {
    }

    static <P extends HasMetadata> ErrorStatusUpdateControl<P> failed(P resource, Context<P> context, Exception e) {
        String namespace = resource.getMetadata().getNamespace();
        String name = resource.getKind() + " " + (namespace == null ? "" : namespace + "/") + resource.getMetadata().getName();
        String next = context.getRetryInfo().map(FailureLog::next).orElse("retrying");
        LOG.warnf("%s: %s; %s", name, reason(e), next);
        LOG.debugf(e, "%s: reconciliation failed", name);
        return ErrorStatusUpdateControl.defaultErrorProcessing();
    }

    private static String next(RetryInfo retry) {
        return retry.isLastAttempt() ? "giving up until it changes (attempt " + retry.getAttemptCount() + ")"
                : "retrying (attempt " + retry.getAttemptCount() + ")";
    }

    /** The API server's own words ("409: Operation cannot be fulfilled on ...: the object has been modified") when it answered. */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof KubernetesClientException k && k.getCode() > 0) {
                String message = k.getStatus() != null && k.getStatus().getMessage() != null ? k.getStatus().getMessage()
                        : firstLine(k.getMessage());
                return k.getCode() + ": " + message;
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = firstLine(root.getMessage());
        return message.isEmpty() ? root.getClass().getSimpleName() : message;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
