package dev.nospof.operator;

import dev.nospof.engine.Engine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The engine and the clock the operator runs with; tests may replace either. */
@ApplicationScoped
public class EngineProducer {

    @Produces
    @Singleton
    Engine engine() {
        return Engine.standard();
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
