package org.onset.sweep.internal;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.onset.instrument.api.InstrumentDriver;

/**
 * The drivers bound now, by {@code instrument.id}, with their service properties (the instrument's
 * configuration). Drivers come and go (bundle updated, factory configuration deleted); runs look
 * their driver up before every pixel, so a replaced driver is picked up on resume.
 */
final class InstrumentRegistry {

    private record Bound(InstrumentDriver driver, Map<String, Object> properties) {
    }

    private final Map<String, Bound> byId = new ConcurrentHashMap<>();
    private final Object changed = new Object();

    void add(String id, InstrumentDriver driver, Map<String, Object> properties) {
        byId.put(id, new Bound(driver, java.util.Collections.unmodifiableMap(new java.util.HashMap<>(properties))));
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    void remove(String id, InstrumentDriver driver) {
        byId.computeIfPresent(id, (k, b) -> b.driver() == driver ? null : b);
    }

    Optional<InstrumentDriver> get(String id) {
        return Optional.ofNullable(byId.get(id)).map(Bound::driver);
    }

    /** The service properties {@code driver} was bound with under {@code id}; empty when it is not bound (any more). */
    Map<String, Object> properties(String id, InstrumentDriver driver) {
        Bound b = byId.get(id);
        return b != null && b.driver() == driver ? b.properties() : Map.of();
    }

    /** Waits up to {@code millis} for a driver with that id to be bound. */
    Optional<InstrumentDriver> await(String id, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        synchronized (changed) {
            Bound b;
            while ((b = byId.get(id)) == null) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return Optional.empty();
                }
                changed.wait(left);
            }
            return Optional.of(b.driver());
        }
    }

    Set<String> ids() {
        return new TreeSet<>(byId.keySet());
    }
}
