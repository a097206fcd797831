package org.onset.batch.internal.sweep;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Hashtable;
import java.util.List;

import org.onset.batch.BatchCommand;
import org.onset.instrument.registry.InstrumentConfigurator;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/** Finds the command services in the running framework and runs them with captured output. */
public final class Commands {

    /** What a command did: exit status and its two output streams. */
    public record Result(int exit, String out, String err) {
    }

    private Commands() {
    }

    /** The bundles whose DS components the commands need: lazy bundles start on first use only. */
    private static final List<String> NEEDED = List.of("org.onset.batch", "org.onset.sweep", "org.onset.storage.hdf5",
            "org.onset.instrument.sim", "org.onset.instrument.registry", "org.onset.benchmarks", "org.onset.analysis",
            "org.onset.instrument.sim.phasemap", "org.onset.fem", "org.onset.io.registry", "org.onset.io.epr",
            "org.onset.io.raman", "org.onset.io.spm", "org.onset.io.hdf5", "org.onset.analysis.hdf5");

    public static BundleContext context() throws Exception {
        Bundle host = FrameworkUtil.getBundle(MapCommand.class);
        if (host.getState() != Bundle.ACTIVE) {
            host.start();
        }
        BundleContext context = host.getBundleContext();
        for (Bundle b : context.getBundles()) {
            if (NEEDED.contains(b.getSymbolicName()) && b.getState() != Bundle.ACTIVE) {
                b.start();
            }
        }
        return context;
    }

    static <T> T service(Class<T> type) throws Exception {
        ServiceTracker<T, T> t = new ServiceTracker<>(context(), type, null);
        t.open();
        T s = t.waitForService(15_000);
        if (s == null) {
            throw new AssertionError(type.getSimpleName() + " is not registered");
        }
        return s;
    }

    /** The command service of that name, waiting for it to register. */
    public static BatchCommand command(String name) throws Exception {
        ServiceTracker<BatchCommand, BatchCommand> t = new ServiceTracker<>(context(), BatchCommand.class, null);
        t.open();
        long deadline = System.currentTimeMillis() + 15_000;
        BatchCommand command = null;
        while (command == null && System.currentTimeMillis() < deadline) {
            command = t.getTracked().values().stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
            if (command == null) {
                Thread.sleep(50);
            }
        }
        if (command == null) {
            throw new AssertionError("no command '" + name + "'");
        }
        return command;
    }

    /** Every command service registered now. */
    public static Collection<BatchCommand> all() throws Exception {
        ServiceTracker<BatchCommand, BatchCommand> t = new ServiceTracker<>(context(), BatchCommand.class, null);
        t.open();
        return t.getTracked().values();
    }

    /** Runs a command as its own (no dispatch: bad arguments throw). */
    static Result run(String name, String... args) throws Exception {
        BatchCommand command = command(name);
        return capture((out, err) -> command.run(List.of(args), out, err));
    }

    /** Something that writes to the two streams and gives an exit status. */
    @FunctionalInterface
    public interface Run {
        int run(PrintStream out, PrintStream err) throws Exception;
    }

    public static Result capture(Run run) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = run.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A simulated instrument of its own (virtual time), with extra settings such as fault injection. */
    static Configuration simulator(String id, Object... settings) throws Exception {
        ConfigurationAdmin ca = service(ConfigurationAdmin.class);
        // the simulator's factory PID, found by its instrument.simulated declaration rather than spelled here
        String simulator = service(InstrumentConfigurator.class).simulatedDriverType().orElseThrow().factoryPid();
        Configuration c = ca.getFactoryConfiguration(simulator, id, "?");
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("instrument.id", id);
        p.put("timing", "virtual");
        for (int k = 0; k < settings.length; k += 2) {
            p.put((String) settings[k], settings[k + 1]);
        }
        c.update(p);
        return c;
    }
}
