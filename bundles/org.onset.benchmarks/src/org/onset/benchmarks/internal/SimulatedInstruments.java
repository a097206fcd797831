package org.onset.benchmarks.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.onset.instrument.api.InstrumentDriver;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Simulated instruments of the benchmarks' own, in virtual time: each a factory configuration of
 * the simulator driver, removed again on {@link #close()}. A real driver service, so a benchmark
 * exercises the same code a map does.
 */
final class SimulatedInstruments implements AutoCloseable {

    static final String SIM_FACTORY_PID = "org.onset.instrument.sim";
    /** The simulator builds its sample on activation; a loaded machine may take a while. */
    static final long SERVICE_WAIT_MS = 30_000;

    private static final AtomicInteger NEXT = new AtomicInteger(1);

    private final ConfigurationAdmin configAdmin;
    private final BundleContext context;
    private final List<Configuration> created = new ArrayList<>();
    private final List<ServiceTracker<InstrumentDriver, InstrumentDriver>> trackers = new ArrayList<>();

    SimulatedInstruments(ConfigurationAdmin configAdmin, BundleContext context) {
        this.configAdmin = configAdmin;
        this.context = context;
    }

    /** A new simulated instrument with the default sample and settings, connected to nothing yet. */
    InstrumentDriver fresh() throws IOException, InterruptedException {
        String id = "onset-bench-" + ProcessHandle.current().pid() + "-" + NEXT.getAndIncrement();
        Configuration c = configAdmin.getFactoryConfiguration(SIM_FACTORY_PID, id, "?");
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(InstrumentDriver.INSTRUMENT_ID, id);
        p.put("name", "Onset benchmark simulator (" + id + ")");
        p.put("timing", "virtual");
        c.update(p);
        created.add(c);
        Filter filter;
        try {
            filter = FrameworkUtil.createFilter("(&(objectClass=" + InstrumentDriver.class.getName() + ")("
                    + InstrumentDriver.INSTRUMENT_ID + "=" + id + "))");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("instrument filter for " + id, e);
        }
        ServiceTracker<InstrumentDriver, InstrumentDriver> t = new ServiceTracker<>(context, filter, null);
        t.open();
        trackers.add(t);
        InstrumentDriver d = t.waitForService(SERVICE_WAIT_MS);
        if (d == null) {
            throw new IOException("the simulated instrument " + id + " did not appear within " + SERVICE_WAIT_MS / 1000
                    + " s (is the bundle org.onset.instrument.sim installed?)");
        }
        return d;
    }

    @Override
    public void close() {
        trackers.forEach(ServiceTracker::close);
        for (Configuration c : created) {
            try {
                c.delete();
            } catch (IOException | IllegalStateException e) {
                // already gone: nothing left to remove
            }
        }
    }
}
