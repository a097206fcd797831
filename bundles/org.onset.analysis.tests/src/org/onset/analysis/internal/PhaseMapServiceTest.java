package org.onset.analysis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.analysis.MapStatistics;
import org.onset.analysis.MapStatisticsService;
import org.onset.analysis.PhaseMap;
import org.onset.analysis.PhaseMapProvider;
import org.onset.analysis.PhaseMapService;
import org.onset.instrument.api.RampOutcome.Termination;
import org.onset.map.api.Grid;
import org.onset.map.api.MapFile;
import org.onset.map.api.MapReaderService;
import org.onset.map.api.MapStore;
import org.onset.map.api.MapStoreFactory;
import org.onset.map.api.PixelRecord;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/**
 * Provider selection of the real phase-map service, with providers registered by the test on a map
 * file written by the real storage service (no simulator involved: it does not know this map).
 */
class PhaseMapServiceTest {
    @TempDir
    Path dir;

    private final List<ServiceRegistration<?>> registered = new ArrayList<>();

    @AfterEach
    void unregister() {
        registered.forEach(ServiceRegistration::unregister);
    }

    private static final Grid GRID = new Grid(3, 2, 0, 0, 1e-7, 1e-7);

    private BundleContext context() throws Exception {
        return Services.started("org.onset.analysis", "org.onset.storage.hdf5", "org.onset.sweep");
    }

    /** A hand-made map of two pixels, without recipe or instrument settings. */
    private Path map() throws Exception {
        Path file = dir.resolve("hand.h5");
        try (MapStore w = Services.service(context(), MapStoreFactory.class).create(file, GRID,
                Map.of("note", "hand made"), List.of())) {
            double[] t = { 0, 1e-3, 2e-3 };
            double[] b = { 0, -1, -2 };
            w.append(new PixelRecord(0, 0, 0, 0, 0, -2, -2e-11, Double.NaN, "current", 2, Termination.CUTOFF, "", 0, 0,
                    1e3, t, b, new double[] { 0, 0, -2e-11 }, null));
            w.append(new PixelRecord(4, 1, 1, 1e-7, 1e-7, Double.NaN, -1e-12, Double.NaN, "none", -1,
                    Termination.COMPLETED, "", 0, 0, 1e3, t, b, new double[] { 0, 0, -1e-12 }, null));
        }
        return file;
    }

    /** A provider that labels every pixel of any map with one region. */
    private void provider(String source, String region, Integer ranking) throws Exception {
        register((PhaseMapProvider) m -> {
            String[] r = new String[m.grid().pixelCount()];
            java.util.Arrays.fill(r, region);
            return Optional.of(new PhaseMap(m.grid(), r, "all " + region, source));
        }, ranking);
    }

    private void register(PhaseMapProvider p, Integer ranking) throws Exception {
        Hashtable<String, Object> props = new Hashtable<>();
        if (ranking != null) {
            props.put(Constants.SERVICE_RANKING, ranking);
        }
        registered.add(context().registerService(PhaseMapProvider.class, p, props));
    }

    @Test
    void theHighestRankedProviderThatKnowsTheMapWins() throws Exception {
        Path file = map();
        PhaseMapService service = Services.service(context(), PhaseMapService.class);
        try (MapFile m = Services.service(context(), MapReaderService.class).open(file)) {
            assertTrue(service.phaseMap(m).isEmpty(), "no provider knows a hand-made map");

            provider("ground truth", PhaseMap.MATRIX, null); // ranking 0
            provider("earlier data analysis", PhaseMap.BOUNDARY, null); // ranking 0, registered later
            register(x -> Optional.empty(), 100); // declines
            register(x -> {
                throw new IllegalStateException("a broken plug-in");
            }, 50);
            register(x -> Optional.of(new PhaseMap(new Grid(1, 1, 0, 0, 1e-7, 1e-7), new String[] { "alpo4" }, "d",
                    "wrong grid")), 40);
            provider("user mask", PhaseMap.ALPO4, 10);

            assertEquals("user mask", service.phaseMap(m).orElseThrow().source());
            assertEquals(List.of("user mask", "ground truth", "earlier data analysis"),
                    service.phaseMaps(m).stream().map(PhaseMap::source).toList(),
                    "ranking order; declining, failing and misfitting providers left out");

            registered.remove(registered.size() - 1).unregister(); // the mask goes
            assertEquals("ground truth", service.phaseMap(m).orElseThrow().source(),
                    "equal rankings: the one registered first");

            MapStatistics s = Services.service(context(), MapStatisticsService.class).summarize(m);
            assertEquals("ground truth", s.phaseMap().orElseThrow().source());
            assertEquals(2, s.byRegion().get(PhaseMap.MATRIX).pixels());
            assertEquals(0.5, s.byRegion().get(PhaseMap.MATRIX).nucleatedFraction());
            assertTrue(Double.isNaN(s.currentOvershootRatio()), "no recipe: the threshold is unknown");
        }
    }
}
