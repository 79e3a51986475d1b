package dev.nospof.operator;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Drops the stack trace from the Kubernetes client's messages about a list or watch it retries
 * ("listSyncAndWatch failed for nospof.dev/v1alpha1/spofreports, will retry: ... Connection was
 * closed"): the line already names the resource and the reason, and an API server restart would
 * otherwise print a page per informer.
 */
@LoggingFilter(name = "nospof-one-line-retries")
public final class OneLineRetries implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record.getThrown() != null && record.getLoggerName() != null
                && record.getLoggerName().startsWith("io.fabric8.kubernetes.client.informers")) {
            record.setThrown(null);
        }
        return true;
    }
}
