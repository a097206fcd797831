package org.onset.storage.hdf5.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.map.api.Grid;
import org.onset.map.api.MapFile;
import org.onset.map.api.MapReaderService;
import org.onset.map.api.MapStore;
import org.onset.map.api.MapStoreFactory;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The bundle offers map-file writing and reading as DS services, which is how other bundles reach them. */
class MapServicesTest {

    @TempDir
    Path dir;

    @Test
    void storeFactoryAndReaderAreRegisteredAndWorkTogether() throws Exception {
        MapStoreFactory stores = service(MapStoreFactory.class);
        MapReaderService reader = service(MapReaderService.class);
        Grid grid = new Grid(3, 2, 0, 0, 1e-6, 1e-6);
        Path file = dir.resolve("service.h5");
        try (MapStore w = stores.create(file, grid, Map.of("recipe", "{}"), SyntheticMap.CHANNELS)) {
            w.append(SyntheticMap.pixel(grid, 4, 1, 100));
            assertEquals("{}", w.attributes().get("recipe"));
        }
        try (MapStore w = stores.openForResume(file)) {
            assertEquals(grid, w.grid());
            assertEquals("{}", w.attributes().get("recipe"), "a resumed store knows the file's attributes");
            assertTrue(w.completedPixels().get(4));
        }
        try (MapFile r = reader.open(file)) {
            assertEquals(grid, r.grid());
            assertEquals(List.of(4), r.completedPixels().stream().boxed().toList());
        }
    }

    private static <T> T service(Class<T> type) throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(MapServicesTest.class).getBundleContext();
        ServiceTracker<T, T> t = new ServiceTracker<>(context, type, null);
        t.open();
        try {
            T s = t.waitForService(10_000);
            assertNotNull(s, type.getSimpleName() + " is registered");
            return s;
        } finally {
            t.close();
        }
    }
}
