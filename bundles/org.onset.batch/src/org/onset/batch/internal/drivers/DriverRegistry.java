package org.onset.batch.internal.drivers;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.onset.instrument.api.InstrumentDriver;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The instrument driver services registered now, kept up to date by DS (dynamic reference), so
 * that a command can wait for a driver to appear or disappear after a configuration change.
 */
final class DriverRegistry {

    /** One registered driver service. */
    record Driver(ServiceReference<InstrumentDriver> reference, InstrumentDriver service) {
        String id() {
            Object id = reference.getProperty(InstrumentDriver.INSTRUMENT_ID);
            return id == null ? service.info().id() : id.toString();
        }

        /** The PID of the configuration behind the service; null when it has none. */
        String pid() {
            return text(Constants.SERVICE_PID);
        }

        String factoryPid() {
            return text(ConfigurationAdmin.SERVICE_FACTORYPID);
        }

        Object property(String name) {
            return reference.getProperty(name);
        }

        String bundle() {
            Bundle b = reference.getBundle();
            return b == null ? "(unregistered)" : b.getSymbolicName() + " " + b.getVersion();
        }

        private String text(String key) {
            Object v = reference.getProperty(key);
            // DS may publish a multi-valued service.pid (component PID plus configuration PID)
            if (v instanceof String[] a) {
                return a.length == 0 ? null : a[a.length - 1];
            }
            if (v instanceof java.util.Collection<?> c) {
                return c.isEmpty() ? null : String.valueOf(c.toArray()[c.size() - 1]);
            }
            return v == null ? null : v.toString();
        }
    }

    private final Map<ServiceReference<InstrumentDriver>, InstrumentDriver> services = new ConcurrentHashMap<>();

    void add(ServiceReference<InstrumentDriver> reference, InstrumentDriver driver) {
        services.put(reference, driver);
        changed();
    }

    void remove(ServiceReference<InstrumentDriver> reference) {
        services.remove(reference);
        changed();
    }

    /** Service properties changed: nothing to store (references read them live), but wake waiters. */
    void modified() {
        changed();
    }

    private synchronized void changed() {
        notifyAll();
    }

    /** Every driver, sorted by instrument id. */
    List<Driver> all() {
        return services.entrySet().stream().map(e -> new Driver(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(Driver::id)).toList();
    }

    Optional<Driver> byId(String id) {
        return all().stream().filter(d -> d.id().equals(id)).findFirst();
    }

    Optional<Driver> byPid(String pid) {
        return all().stream().filter(d -> Objects.equals(d.pid(), pid)).findFirst();
    }

    /** Waits up to {@code timeoutMs} for a driver that matches; empty when none came. */
    Optional<Driver> await(Predicate<Driver> wanted, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        synchronized (this) {
            while (true) {
                Optional<Driver> found = all().stream().filter(wanted).findFirst();
                long left = deadline - System.currentTimeMillis();
                if (found.isPresent() || left <= 0) {
                    return found;
                }
                wait(Math.min(left, 200));
            }
        }
    }

    /** Waits up to {@code timeoutMs} until no driver matches; true when none is left. */
    boolean awaitGone(Predicate<Driver> gone, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        synchronized (this) {
            while (all().stream().anyMatch(gone)) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                wait(Math.min(left, 200));
            }
            return true;
        }
    }
}
