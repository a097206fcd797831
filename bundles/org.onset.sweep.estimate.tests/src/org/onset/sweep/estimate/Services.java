package org.onset.sweep.estimate;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The real DS services of a running framework (sweep, codec, registry, simulator, storage). */
final class Services {

    private Services() {
    }

    static <T> T get(Class<T> type) throws InterruptedException, BundleException {
        BundleContext context = FrameworkUtil.getBundle(Services.class).getBundleContext();
        // lazy bundles: DS sees their components once they are started
        for (Bundle b : context.getBundles()) {
            String n = b.getSymbolicName();
            if ((n.equals("org.onset.sweep") || n.equals("org.onset.instrument.sim") || n.equals("org.onset.storage.hdf5")
                    || n.equals("org.onset.instrument.registry")) && b.getState() != Bundle.ACTIVE) {
                b.start();
            }
        }
        ServiceTracker<T, T> t = new ServiceTracker<>(context, type, null);
        t.open();
        try {
            T s = t.waitForService(30_000);
            if (s == null) {
                throw new IllegalStateException(type.getName() + " is not registered");
            }
            return s;
        } finally {
            t.close();
        }
    }
}
