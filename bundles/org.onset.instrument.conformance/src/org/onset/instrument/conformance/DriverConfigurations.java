package org.onset.instrument.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.onset.instrument.api.InstrumentDriver;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Makes real driver instances the way a user does: a factory configuration in Config Admin, then
 * the driver's DS component registers the service. Waits are bounded ({@value #TIMEOUT_MS} ms)
 * because DS reacts to configuration changes asynchronously. Close it after the tests: every
 * configuration it made is deleted.
 *
 * @since 1.1
 */
public final class DriverConfigurations implements AutoCloseable {

    /** Longest wait for a driver to appear or go, ms. */
    public static final long TIMEOUT_MS = 10_000;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final BundleContext context;
    private final String factoryPid;
    private final ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> configAdminTracker;
    private final Map<InstrumentDriver, Configuration> configs = new IdentityHashMap<>();

    /** @param context a bundle context of the test; {@code factoryPid} the driver's factory PID */
    public DriverConfigurations(BundleContext context, String factoryPid) {
        this.context = context;
        this.factoryPid = factoryPid;
        // kept open: Config Admin is a service factory, releasing it invalidates the object we hold
        configAdminTracker = new ServiceTracker<>(context, ConfigurationAdmin.class, null);
        configAdminTracker.open();
    }

    private ConfigurationAdmin configAdmin() {
        try {
            ConfigurationAdmin ca = configAdminTracker.waitForService(TIMEOUT_MS);
            if (ca == null) {
                throw new AssertionError("Config Admin must run in the test framework");
            }
            return ca;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public String factoryPid() {
        return factoryPid;
    }

    public BundleContext context() {
        return context;
    }

    /** A unique instrument id with this prefix. */
    public static String uniqueId(String prefix) {
        return prefix + "-" + COUNTER.incrementAndGet();
    }

    /** A new factory configuration with these settings (a unique instrument.id added when absent), not awaited. */
    public Configuration configure(Map<String, ?> settings) {
        Hashtable<String, Object> props = new Hashtable<>(settings);
        props.putIfAbsent(InstrumentDriver.INSTRUMENT_ID, uniqueId("conformance"));
        try {
            Configuration c = configAdmin().createFactoryConfiguration(factoryPid, "?");
            c.update(props);
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new driver instance with these settings; waits for its service. */
    public InstrumentDriver create(Map<String, ?> settings) {
        Configuration c = configure(settings);
        InstrumentDriver d = awaitDriver(c);
        synchronized (configs) {
            configs.put(d, c);
        }
        return d;
    }

    /** The service of configuration {@code c}, waiting at most {@link #TIMEOUT_MS}. */
    public InstrumentDriver awaitDriver(Configuration c) {
        ServiceTracker<InstrumentDriver, InstrumentDriver> t = tracker("(" + Constants.SERVICE_PID + "=" + c.getPid()
                + ")");
        try {
            InstrumentDriver d = t.waitForService(TIMEOUT_MS);
            if (d == null) {
                throw new AssertionError("no driver registered for configuration " + c.getPid() + " of "
                        + factoryPid + " within " + TIMEOUT_MS + " ms");
            }
            return d;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            t.close();
        }
    }

    /** The service references of every driver of this factory PID registered now. */
    public List<ServiceReference<InstrumentDriver>> registered() {
        try {
            var refs = context.getServiceReferences(InstrumentDriver.class,
                    "(" + ConfigurationAdmin.SERVICE_FACTORYPID + "=" + factoryPid + ")");
            return List.copyOf(refs);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * Deletes the configuration of {@code d} and waits until its service is gone.
     *
     * @return milliseconds from the deletion to the unregistration
     */
    public long delete(InstrumentDriver d) {
        Configuration c;
        synchronized (configs) {
            c = configs.remove(d);
        }
        if (c == null) {
            return 0;
        }
        String pid = c.getPid();
        long t0 = System.nanoTime();
        try {
            c.delete();
        } catch (IOException | IllegalStateException e) {
            return 0; // already deleted by the test
        }
        awaitGone(pid);
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** The configuration {@code d} was made from, or null. */
    public Configuration configurationOf(InstrumentDriver d) {
        synchronized (configs) {
            return configs.get(d);
        }
    }

    /** Waits until no driver of configuration {@code pid} is registered. */
    public void awaitGone(String pid) {
        ServiceTracker<InstrumentDriver, InstrumentDriver> t = tracker("(" + Constants.SERVICE_PID + "=" + pid + ")");
        try {
            long deadline = System.currentTimeMillis() + TIMEOUT_MS;
            while (t.getServiceReference() != null) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("the driver of configuration " + pid + " is still registered "
                            + TIMEOUT_MS + " ms after the configuration was deleted");
                }
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            t.close();
        }
    }

    @Override
    public void close() {
        List<InstrumentDriver> all;
        synchronized (configs) {
            all = List.copyOf(configs.keySet());
        }
        for (InstrumentDriver d : all) {
            delete(d);
        }
    }

    private ServiceTracker<InstrumentDriver, InstrumentDriver> tracker(String extraFilter) {
        try {
            ServiceTracker<InstrumentDriver, InstrumentDriver> t = new ServiceTracker<>(context,
                    context.createFilter("(&(" + Constants.OBJECTCLASS + "=" + InstrumentDriver.class.getName() + ")"
                            + extraFilter + ")"),
                    null);
            t.open();
            return t;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
