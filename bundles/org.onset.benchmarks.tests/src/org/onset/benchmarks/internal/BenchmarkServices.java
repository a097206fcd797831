package org.onset.benchmarks.internal;

import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/** The services the benchmarks use, from the running framework, as DS gives them to {@link BenchCommand}. */
final class BenchmarkServices {

    /** Lazy bundles whose DS components the benchmarks need. */
    private static final List<String> NEEDED = List.of("org.onset.benchmarks", "org.onset.sweep",
            "org.onset.storage.hdf5", "org.onset.instrument.sim", "org.onset.instrument.registry", "org.onset.io.registry",
            "org.onset.io.raman", "org.onset.fem");

    private BenchmarkServices() {
    }

    static BundleContext context() throws Exception {
        Bundle host = FrameworkUtil.getBundle(BenchCommand.class);
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
        return service(type, null);
    }

    /** The service of that type (matching {@code filter} when given), waiting for it to register. */
    @SuppressWarnings("unchecked")
    static <T> T service(Class<T> type, String filter) throws Exception {
        BundleContext context = context();
        ServiceTracker<T, T> t;
        try {
            t = filter == null ? new ServiceTracker<>(context, type, null)
                    : new ServiceTracker<>(context, context.createFilter("(&(objectClass=" + type.getName() + ")"
                            + filter + ")"), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(filter, e);
        }
        t.open();
        T s = t.waitForService(15_000);
        if (s == null) {
            throw new AssertionError(type.getSimpleName() + " " + (filter == null ? "" : filter) + " is not registered");
        }
        return s;
    }
}
