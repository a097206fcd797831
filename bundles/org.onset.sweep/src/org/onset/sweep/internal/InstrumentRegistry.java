package org.onset.sweep.internal;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.onset.instrument.api.InstrumentDriver;

/**
 * The drivers bound now, by {@code instrument.id}. Drivers come and go (bundle updated, factory
 * configuration deleted); runs look their driver up before every pixel, so a replaced driver is
 * picked up on resume.
 */
final class InstrumentRegistry {
    private final Map<String, InstrumentDriver> byId = new ConcurrentHashMap<>();
    private final Object changed = new Object();

    void add(String id, InstrumentDriver driver) {
        byId.put(id, driver);
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    void remove(String id, InstrumentDriver driver) {
        byId.remove(id, driver);
    }

    Optional<InstrumentDriver> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Waits up to {@code millis} for a driver with that id to be bound. */
    Optional<InstrumentDriver> await(String id, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        synchronized (changed) {
            InstrumentDriver d;
            while ((d = byId.get(id)) == null) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return Optional.empty();
                }
                changed.wait(left);
            }
            return Optional.of(d);
        }
    }

    Set<String> ids() {
        return new TreeSet<>(byId.keySet());
    }
}
