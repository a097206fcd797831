package org.onset.sweep.internal;

import org.onset.map.api.MapReaderService;
import org.onset.map.api.MapStoreFactory;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The storage bundle's map-file services, as the sweep service gets them. */
final class MapServices {

    /** The storage component's class, named as in its DS description. */
    static final String STORE_FACTORY_CLASS = "org.onset.storage.hdf5.internal.Hdf5MapStoreFactory";

    private MapServices() {
    }

    /** The registered store factory (the one DS injects into the sweep service). */
    static MapStoreFactory stores() throws InterruptedException {
        return service(MapStoreFactory.class);
    }

    static MapReaderService reader() throws InterruptedException {
        return service(MapReaderService.class);
    }

    /**
     * For a JVM without framework ({@link KillResumeChild}): the storage component made the way DS
     * makes it, by class name through its public constructor.
     */
    static MapStoreFactory storesWithoutFramework() throws ReflectiveOperationException {
        return (MapStoreFactory) Class.forName(STORE_FACTORY_CLASS).getConstructor().newInstance();
    }

    private static <T> T service(Class<T> type) throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(MapServices.class).getBundleContext();
        ServiceTracker<T, T> t = new ServiceTracker<>(context, type, null);
        t.open();
        try {
            T s = t.waitForService(10_000);
            if (s == null) {
                throw new IllegalStateException(type.getName() + " is not registered (is org.onset.storage.hdf5 there?)");
            }
            return s;
        } finally {
            t.close();
        }
    }
}
