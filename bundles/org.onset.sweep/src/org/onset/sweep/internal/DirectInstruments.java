package org.onset.sweep.internal;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.registry.Instrument;
import org.onset.instrument.registry.InstrumentListener;
import org.onset.instrument.registry.InstrumentRegistry;

/**
 * Drivers handed to the sweep service directly, for runs outside DS: tests with scripted drivers,
 * the kill-and-resume child JVM and the overhead benchmark. Inside the framework the sweep service
 * gets the real {@link InstrumentRegistry} service instead.
 */
final class DirectInstruments implements InstrumentRegistry {

    private final List<Instrument> bound = new CopyOnWriteArrayList<>();
    private final Object changed = new Object();

    void add(InstrumentDriver driver, Map<String, Object> properties) {
        Object id = properties.get(InstrumentDriver.INSTRUMENT_ID);
        bound.add(new Instrument(id == null ? driver.info().id() : id.toString(), driver.info().name(),
                driver.info().simulated(), "(handed over directly)", "", properties, driver));
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    void remove(InstrumentDriver driver) {
        bound.removeIf(i -> i.driver() == driver);
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    @Override
    public List<Instrument> instruments() {
        return bound.stream().sorted(Comparator.comparing(Instrument::id)).toList();
    }

    @Override
    public Optional<Instrument> instrument(String id) {
        // the one added last, as the registry service does
        Instrument found = null;
        for (Instrument i : bound) {
            if (i.id().equals(id)) {
                found = i;
            }
        }
        return Optional.ofNullable(found);
    }

    @Override
    public Optional<Instrument> await(Predicate<Instrument> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changed) {
            while (true) {
                Optional<Instrument> found = instruments().stream().filter(wanted).findFirst();
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (found.isPresent() || left <= 0) {
                    return found;
                }
                changed.wait(left);
            }
        }
    }

    @Override
    public boolean awaitAbsent(Predicate<Instrument> gone, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changed) {
            while (instruments().stream().anyMatch(gone)) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return false;
                }
                changed.wait(left);
            }
            return true;
        }
    }

    @Override
    public void addListener(InstrumentListener listener) {
        // nothing changes behind the caller's back here: no one to tell
    }

    @Override
    public void removeListener(InstrumentListener listener) {
    }
}
