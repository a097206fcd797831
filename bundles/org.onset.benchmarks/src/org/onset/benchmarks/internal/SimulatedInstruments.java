package org.onset.benchmarks.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.registry.DriverTimeoutException;
import org.onset.instrument.registry.InstrumentConfigurationException;
import org.onset.instrument.registry.InstrumentConfigurator;

/**
 * Simulated instruments of the benchmarks' own, in virtual time: each a configuration of the
 * simulated driver type (whichever driver declares itself simulated), removed again on
 * {@link #close()}. A real driver service, so a benchmark exercises the same code a map does.
 */
final class SimulatedInstruments implements AutoCloseable {

    /** The simulator builds its sample on activation; a loaded machine may take a while. */
    static final Duration SERVICE_WAIT = Duration.ofSeconds(30);

    private static final AtomicInteger NEXT = new AtomicInteger(1);

    private final InstrumentConfigurator configurator;
    private final List<String> created = new ArrayList<>();

    SimulatedInstruments(InstrumentConfigurator configurator) {
        this.configurator = configurator;
    }

    /** A new simulated instrument with the default sample and settings, connected to nothing yet. */
    InstrumentDriver fresh() throws IOException, InterruptedException {
        String id = "onset-bench-" + ProcessHandle.current().pid() + "-" + NEXT.getAndIncrement();
        String simulator = configurator.simulatedDriverType().orElseThrow(() -> new IOException(
                "no simulated driver is installed (is the bundle org.onset.instrument.sim installed?)")).factoryPid();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", "Onset benchmark simulator (" + id + ")");
        p.put("timing", "virtual");
        try {
            InstrumentDriver d = configurator.create(simulator, id, p, SERVICE_WAIT).driver();
            created.add(id);
            return d;
        } catch (DriverTimeoutException e) {
            created.add(id); // the configuration stays: remove it on close
            throw new IOException("the simulated instrument " + id + " did not appear within "
                    + SERVICE_WAIT.toSeconds() + " s (is the bundle org.onset.instrument.sim started?)", e);
        } catch (InstrumentConfigurationException e) {
            throw new IOException("cannot configure the simulated instrument " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        for (String id : created) {
            try {
                configurator.delete(id, SERVICE_WAIT);
            } catch (IOException | InstrumentConfigurationException e) {
                // already gone, or going: nothing left to remove
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
