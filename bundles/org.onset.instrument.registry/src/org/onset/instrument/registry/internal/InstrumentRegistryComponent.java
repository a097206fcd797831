package org.onset.instrument.registry.internal;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.api.InstrumentInfo;
import org.onset.instrument.api.InstrumentStatus;
import org.onset.instrument.api.StatusListener;
import org.onset.instrument.registry.Instrument;
import org.onset.instrument.registry.InstrumentEvents;
import org.onset.instrument.registry.InstrumentListener;
import org.onset.instrument.registry.InstrumentRegistry;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Tracks every driver service (dynamic, greedy), listens to its status and tells listeners and
 * EventAdmin. Immediate: status events and fault logs must flow even while no one holds the
 * registry.
 */
@Component(service = InstrumentRegistry.class, immediate = true)
public final class InstrumentRegistryComponent implements InstrumentRegistry {

    /** One registered driver and the listener the registry put on it. */
    private record Entry(Instrument instrument, StatusListener listener, long serviceId) {
    }

    private final Logger logger;
    private final Map<ServiceReference<InstrumentDriver>, Entry> entries = new ConcurrentHashMap<>();
    private final List<InstrumentListener> listeners = new CopyOnWriteArrayList<>();
    private final Object changed = new Object();
    private volatile EventAdmin eventAdmin;

    @Activate
    public InstrumentRegistryComponent(@Reference(service = LoggerFactory.class) Logger logger) {
        this.logger = logger;
    }

    @Deactivate
    void deactivate() {
        entries.values().forEach(e -> e.instrument().driver().removeStatusListener(e.listener()));
        entries.clear();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeDriver", updated = "updatedDriver")
    void addDriver(ServiceReference<InstrumentDriver> reference, InstrumentDriver driver) {
        Instrument instrument = describe(reference, driver);
        StatusListener listener = (info, status) -> statusChanged(reference, status);
        entries.put(reference, new Entry(instrument, listener, serviceId(reference)));
        driver.addStatusListener(listener);
        InstrumentStatus status = driver.status();
        logger.info("instrument '{}' added: {} from {}, {}{}", instrument.id(), instrument.name(),
                instrument.bundleDescription(), status.state(), status.reason().isEmpty() ? "" : " (" + status.reason() + ")");
        if (status.state() == InstrumentStatus.State.FAULT) {
            logFault(instrument, status);
        }
        listeners.forEach(l -> call(() -> l.added(instrument)));
        post(InstrumentEvents.ADDED, instrument, status);
        wake();
    }

    void updatedDriver(ServiceReference<InstrumentDriver> reference, InstrumentDriver driver) {
        entries.computeIfPresent(reference, (r, e) -> new Entry(describe(r, driver), e.listener(), e.serviceId()));
        wake();
    }

    void removeDriver(ServiceReference<InstrumentDriver> reference, InstrumentDriver driver) {
        Entry e = entries.remove(reference);
        if (e == null) {
            return;
        }
        driver.removeStatusListener(e.listener());
        Instrument instrument = e.instrument();
        logger.info("instrument '{}' removed ({} unregistered its driver)", instrument.id(),
                instrument.bundleDescription());
        listeners.forEach(l -> call(() -> l.removed(instrument)));
        post(InstrumentEvents.REMOVED, instrument, InstrumentStatus.of(InstrumentStatus.State.OFFLINE,
                "the driver service was unregistered"));
        wake();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetEventAdmin")
    void setEventAdmin(EventAdmin admin) {
        this.eventAdmin = admin;
    }

    void unsetEventAdmin(EventAdmin admin) {
        if (this.eventAdmin == admin) {
            this.eventAdmin = null;
        }
    }

    private void statusChanged(ServiceReference<InstrumentDriver> reference, InstrumentStatus status) {
        Entry e = entries.get(reference);
        if (e == null) {
            return; // a late call from a driver already removed
        }
        Instrument instrument = e.instrument();
        if (status.state() == InstrumentStatus.State.FAULT) {
            logFault(instrument, status);
        }
        listeners.forEach(l -> call(() -> l.statusChanged(instrument, status)));
        post(InstrumentEvents.STATUS, instrument, status);
        wake();
    }

    private void logFault(Instrument instrument, InstrumentStatus status) {
        logger.warn("instrument '{}' FAULT at {}: {} (driver {})", instrument.id(), status.since(), status.reason(),
                instrument.bundleDescription());
    }

    /** A listener that throws must not stop the others, nor the driver thread that called us. */
    private void call(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException ex) {
            logger.error("an instrument listener failed", ex);
        }
    }

    private void post(String topic, Instrument instrument, InstrumentStatus status) {
        EventAdmin admin = eventAdmin;
        if (admin == null) {
            return;
        }
        Map<String, Object> p = new HashMap<>();
        p.put(InstrumentEvents.INSTRUMENT_ID, instrument.id());
        p.put(InstrumentEvents.STATE, status.state().name());
        p.put(InstrumentEvents.REASON, status.reason());
        p.put(InstrumentEvents.NAME, instrument.name());
        p.put(InstrumentEvents.SIMULATED, instrument.simulated());
        p.put(InstrumentEvents.BUNDLE, instrument.bundleDescription());
        p.put(InstrumentEvents.TIMESTAMP, status.since().toEpochMilli());
        admin.postEvent(new Event(topic, p));
    }

    private void wake() {
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    static Instrument describe(ServiceReference<InstrumentDriver> reference, InstrumentDriver driver) {
        Map<String, Object> properties = new HashMap<>();
        for (String key : reference.getPropertyKeys()) {
            Object v = reference.getProperty(key);
            if (v != null) {
                properties.put(key, v);
            }
        }
        InstrumentInfo info = driver.info();
        Object id = properties.get(InstrumentDriver.INSTRUMENT_ID);
        Object declared = properties.get(SIMULATED);
        boolean simulated = declared == null ? info.simulated() : Boolean.parseBoolean(declared.toString());
        Bundle b = reference.getBundle();
        return new Instrument(id == null ? info.id() : id.toString(), info.name(), simulated,
                b == null ? "(unregistered)" : b.getSymbolicName(), b == null ? "" : b.getVersion().toString(),
                properties, driver);
    }

    private static long serviceId(ServiceReference<?> reference) {
        Object id = reference.getProperty(Constants.SERVICE_ID);
        return id instanceof Long l ? l : 0;
    }

    @Override
    public List<Instrument> instruments() {
        return entries.values().stream().sorted(Comparator.comparing((Entry e) -> e.instrument().id())
                .thenComparingLong(Entry::serviceId)).map(Entry::instrument).toList();
    }

    @Override
    public Optional<Instrument> instrument(String id) {
        // the one registered last, as a driver that replaces another under the same id should win
        return entries.values().stream().filter(e -> e.instrument().id().equals(id))
                .max(Comparator.comparingLong(Entry::serviceId)).map(Entry::instrument);
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
                // bounded wait too: a predicate may look at things that change without telling us
                changed.wait(Math.min(left, 200));
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
                changed.wait(Math.min(left, 200));
            }
            return true;
        }
    }

    @Override
    public void addListener(InstrumentListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(InstrumentListener listener) {
        listeners.remove(listener);
    }
}
