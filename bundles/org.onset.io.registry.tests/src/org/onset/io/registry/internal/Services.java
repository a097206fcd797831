package org.onset.io.registry.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;

import org.onset.io.api.ImporterRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The real registry service (with every importer bundle's DS components) and the shared test files. */
final class Services {

    private Services() {
    }

    static <T> T get(Class<T> type) throws InterruptedException {
        BundleContext ctx = FrameworkUtil.getBundle(Services.class).getBundleContext();
        ServiceTracker<T, T> t = new ServiceTracker<>(ctx, type, null);
        t.open();
        T service = t.waitForService(10_000);
        assertNotNull(service, type.getSimpleName() + " service did not appear");
        return service;
    }

    /** The registry, once every importer bundle has registered its importers. */
    static ImporterRegistry registry() throws InterruptedException {
        ImporterRegistry r = get(ImporterRegistry.class);
        long deadline = System.currentTimeMillis() + 10_000;
        while (r.importers().size() < 12 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        return r;
    }

    /**
     * ../shared/testdata: the build passes -Donset.shared.dir; without it (an IDE run) we look for
     * ../shared beside the repository from the working directory upwards.
     */
    static Path testdata() {
        String prop = System.getProperty("onset.shared.dir");
        if (prop != null && Files.isDirectory(Path.of(prop, "testdata"))) {
            return Path.of(prop, "testdata").toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("testdata");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("../shared/testdata not found (onset.shared.dir=" + prop + ")");
    }
}
