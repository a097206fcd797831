package org.onset.instrument.registry;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The instruments present now, by {@code instrument.id}: one entry per registered driver service.
 * Drivers come and go at runtime (a configuration created or deleted, a driver bundle installed,
 * stopped or updated); the registry follows them, tells {@link InstrumentListener}s and posts
 * {@link InstrumentEvents} on EventAdmin.
 */
@ProviderType
public interface InstrumentRegistry {

    /**
     * Service property (Boolean) a driver declares on its component when no hardware is involved,
     * e.g. {@code @Component(property = "instrument.simulated:Boolean=true")}. Declared on the
     * component rather than computed, so that a tool can tell a simulator apart before any instance
     * of it exists, and without knowing its PID.
     */
    String SIMULATED = "instrument.simulated";

    /** Every instrument present, sorted by id. */
    List<Instrument> instruments();

    /** The instrument with that id; when two drivers claim one id, the one registered last. */
    Optional<Instrument> instrument(String id);

    /**
     * Waits until an instrument matches {@code wanted} (checked again on every registration, property
     * change and status change), at most {@code timeout}.
     *
     * @return the first match, empty when none came in time
     */
    Optional<Instrument> await(Predicate<Instrument> wanted, Duration timeout) throws InterruptedException;

    /** Waits until no instrument matches {@code gone}, at most {@code timeout}; true when none is left. */
    boolean awaitAbsent(Predicate<Instrument> gone, Duration timeout) throws InterruptedException;

    /** Waits up to {@code timeout} for an instrument with that id (e.g. one being configured at start-up). */
    default Optional<Instrument> await(String id, Duration timeout) throws InterruptedException {
        return await(i -> i.id().equals(id), timeout);
    }

    void addListener(InstrumentListener listener);

    void removeListener(InstrumentListener listener);
}
