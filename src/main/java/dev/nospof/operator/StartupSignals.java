package dev.nospof.operator;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM or SIGINT while the operator is still starting (informers waiting for an API server
 * that is down or refuses them) ends the process at once. Quarkus's own shutdown waits for the
 * start to finish, which can take minutes: Kubernetes would wait out the grace period and a user
 * at a terminal would see Ctrl-C ignored. Nothing has been written before the start finishes, so
 * there is nothing to hand over. Once started, the JVM's own handlers (Quarkus's shutdown) apply.
 * Only signals are handled here: a start that fails still exits through Quarkus with its code.
 */
@Singleton
public class StartupSignals {

    private volatile boolean started;

    /** Before every other start-up step: from here on a signal is answered. */
    void beforeStart(@Observes @Priority(0) StartupEvent event) {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal signal = new Signal(name);
            SignalHandler usual = Signal.handle(signal, s -> { });
            Signal.handle(signal, s -> {
                if (started) {
                    usual.handle(s);
                } else {
                    System.err.println("nospof: SIG" + name + " while still starting; exiting now");
                    Runtime.getRuntime().halt(128 + s.getNumber());
                }
            });
        }
    }

    /** After every other start-up step. */
    void afterStart(@Observes @Priority(Integer.MAX_VALUE) StartupEvent event) {
        started = true;
    }
}
