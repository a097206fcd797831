package org.onset.instrument.sim.tests.conformance;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.sim.internal.SimulatedInstrument;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Creates REAL simulator instances the way a user does: a factory configuration in Config Admin,
 * then the DS component registers the driver. Waits are bounded (10 s) because DS reacts to
 * configuration changes asynchronously.
 */
final class SimulatorFixture implements AutoCloseable {

    static final long TIMEOUT_MS = 10_000;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final BundleContext context;
    private final ConfigurationAdmin configAdmin;
    private final Map<InstrumentDriver, Configuration> configs = new IdentityHashMap<>();

    SimulatorFixture() {
        context = FrameworkUtil.getBundle(SimulatedInstrument.class).getBundleContext();
        assertNotNull(context, "the simulator bundle must be started");
        ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> t = new ServiceTracker<>(context,
                ConfigurationAdmin.class, null);
        t.open();
        try {
            configAdmin = t.waitForService(TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            t.close();
        }
        assertNotNull(configAdmin, "Config Admin must run in the test framework");
    }

    ConfigurationAdmin configAdmin() {
        return configAdmin;
    }

    BundleContext context() {
        return context;
    }

    static String uniqueId(String prefix) {
        return prefix + "-" + COUNTER.incrementAndGet();
    }

    /** A new simulated instrument with these settings (a unique instrument.id is added when absent). */
    InstrumentDriver create(Map<String, ?> settings) {
        Configuration c = configure(settings);
        InstrumentDriver d = awaitDriver(c, null);
        configs.put(d, c);
        return d;
    }

    /** A new factory configuration; the caller waits for its driver. */
    Configuration configure(Map<String, ?> settings) {
        Hashtable<String, Object> props = new Hashtable<>(settings);
        props.putIfAbsent(InstrumentDriver.INSTRUMENT_ID, uniqueId("test"));
        try {
            Configuration c = configAdmin.createFactoryConfiguration(SimulatedInstrument.PID, "?");
            c.update(props);
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Remembers a configuration made with {@link #configure} so that {@link #close} deletes it. */
    void own(InstrumentDriver d, Configuration c) {
        configs.put(d, c);
    }

    /**
     * Waits until the driver of {@code c} is registered and is not {@code previous}; the tracker
     * filters by the configuration's instrument.id (when it has one) and PID.
     */
    InstrumentDriver awaitDriver(Configuration c, InstrumentDriver previous) {
        Object id = c.getProperties().get(InstrumentDriver.INSTRUMENT_ID);
        String byId = id instanceof String s && !s.isBlank() ? "(" + InstrumentDriver.INSTRUMENT_ID + "=" + s + ")" : "";
        ServiceTracker<InstrumentDriver, InstrumentDriver> t = tracker(c.getPid(), byId);
        try {
            long deadline = System.currentTimeMillis() + TIMEOUT_MS;
            while (System.currentTimeMillis() < deadline) {
                InstrumentDriver d = t.getService();
                if (d != null && d != previous) {
                    return d;
                }
                sleep();
            }
            return fail("no simulator registered for configuration " + c.getPid() + " within " + TIMEOUT_MS + " ms");
        } finally {
            t.close();
        }
    }

    /** Waits until no driver is registered for the configuration {@code pid}. */
    void awaitGone(String pid) {
        ServiceTracker<InstrumentDriver, InstrumentDriver> t = tracker(pid, "");
        try {
            long deadline = System.currentTimeMillis() + TIMEOUT_MS;
            while (t.getServiceReference() != null) {
                if (System.currentTimeMillis() > deadline) {
                    fail("the simulator of configuration " + pid + " is still registered after " + TIMEOUT_MS
                            + " ms");
                }
                sleep();
            }
        } finally {
            t.close();
        }
    }

    /** Deletes the configuration of {@code d} and waits for the driver to go away. */
    void release(InstrumentDriver d) {
        Configuration c = configs.remove(d);
        if (c == null) {
            return;
        }
        String pid = c.getPid();
        try {
            c.delete();
        } catch (IOException | IllegalStateException e) {
            return; // already deleted by the test
        }
        awaitGone(pid);
    }

    @Override
    public void close() {
        for (InstrumentDriver d : Map.copyOf(configs).keySet()) {
            release(d);
        }
    }

    private ServiceTracker<InstrumentDriver, InstrumentDriver> tracker(String pid, String extraFilter) {
        try {
            ServiceTracker<InstrumentDriver, InstrumentDriver> t = new ServiceTracker<>(context,
                    context.createFilter("(&(" + Constants.OBJECTCLASS + "=" + InstrumentDriver.class.getName() + ")("
                            + Constants.SERVICE_PID + "=" + pid + ")" + extraFilter + ")"),
                    null);
            t.open();
            return t;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Waits for a driver by its instrument.id (for configurations made elsewhere). */
    InstrumentDriver awaitDriverById(String id) {
        try {
            ServiceTracker<InstrumentDriver, InstrumentDriver> t = new ServiceTracker<>(context,
                    context.createFilter("(&(" + Constants.OBJECTCLASS + "=" + InstrumentDriver.class.getName() + ")("
                            + InstrumentDriver.INSTRUMENT_ID + "=" + id + "))"),
                    null);
            t.open();
            try {
                InstrumentDriver d = t.waitForService(TIMEOUT_MS);
                assertNotNull(d, "no driver with instrument.id=" + id + " within " + TIMEOUT_MS + " ms");
                return d;
            } finally {
                t.close();
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
