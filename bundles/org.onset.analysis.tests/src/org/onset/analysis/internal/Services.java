package org.onset.analysis.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.onset.batch.BatchCommand;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The running framework as the tests see it: bundles started, services and commands found. */
final class Services {

    /** What a command did: exit status and its two output streams. */
    record Result(int exit, String out, String err) {
    }

    private Services() {
    }

    /**
     * The context of the analysis bundle (the host of these tests), with the bundles named started:
     * lazy bundles activate their DS components only once started.
     */
    static BundleContext started(String... symbolicNames) throws Exception {
        Bundle host = FrameworkUtil.getBundle(Services.class);
        if (host.getState() != Bundle.ACTIVE) {
            host.start();
        }
        BundleContext context = host.getBundleContext();
        List<String> names = List.of(symbolicNames);
        for (Bundle b : context.getBundles()) {
            if (names.contains(b.getSymbolicName()) && b.getState() != Bundle.ACTIVE) {
                b.start(); // throws for a bundle that does not resolve
            }
        }
        return context;
    }

    static Bundle bundle(BundleContext context, String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    static <T> T service(BundleContext context, Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> t = new ServiceTracker<>(context, type, null);
        t.open();
        T s = t.waitForService(15_000);
        if (s == null) {
            throw new AssertionError(type.getSimpleName() + " is not registered");
        }
        return s;
    }

    /** Runs the command service of that name, as registered now, with captured output. */
    static Result run(BundleContext context, String name, String... args) throws Exception {
        ServiceTracker<BatchCommand, BatchCommand> t = new ServiceTracker<>(context, BatchCommand.class, null);
        t.open();
        try {
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
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            t.close();
        }
    }
}
