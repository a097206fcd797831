package org.onset.analysis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
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
import org.onset.analysis.PhaseMapProviders;
import org.onset.analysis.PhaseMapService;
import org.onset.analysis.UserMasks;
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
 * file written by the real storage service (no simulator involved: it does not know this map), next
 * to the two providers org.onset.analysis registers itself: the phases found from the data (ranked
 * −100, it knows this map: one pixel nucleated, one did not) and the user's mask (ranked 200, it knows
 * a map only once a mask is bound to it).
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

    /**
     * The ids of the registered providers in ranking order, without the simulator's ground truth: it
     * is installed in this framework until HeadlessWithoutSimulatorTest removes it, and it declines a
     * hand-made map (it is asked, and its answer is tested, in ...sim.phasemap.tests).
     */
    private static List<String> ids(PhaseMapService service) {
        return service.providerIds().stream().filter(id -> !id.equals(PhaseMapProviders.SIMULATOR)).toList();
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
            assertEquals(List.of(PhaseMapProviders.MASK, PhaseMapProviders.DATA), ids(service));
            assertEquals(DataPhaseMaps.SOURCE, service.phaseMap(m).orElseThrow().source(),
                    "of the installed providers only the data's knows a hand-made map");
            assertTrue(service.groundTruth(m).isEmpty(), "and it is no ground truth");

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
            assertEquals(List.of("user mask", "ground truth", "earlier data analysis", DataPhaseMaps.SOURCE),
                    service.phaseMaps(m).stream().map(PhaseMap::source).toList(),
                    "ranking order; declining (the real mask provider: no mask bound), failing and misfitting "
                            + "providers left out");

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

    @Test
    void providersAreChosenByIdAndTheGroundTruthIsOnlyForComparison() throws Exception {
        Path file = map();
        PhaseMapService service = Services.service(context(), PhaseMapService.class);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(PhaseMapProviders.ID, "truth-test");
        props.put(PhaseMapProviders.GROUND_TRUTH, Boolean.TRUE);
        registered.add(context().registerService(PhaseMapProvider.class, (PhaseMapProvider) m -> {
            String[] r = new String[m.grid().pixelCount()];
            java.util.Arrays.fill(r, PhaseMap.ALPO4);
            return Optional.of(new PhaseMap(m.grid(), r, "all alpo4", "test ground truth"));
        }, props));
        try (MapFile m = Services.service(context(), MapReaderService.class).open(file)) {
            assertEquals(List.of(PhaseMapProviders.MASK, "truth-test", PhaseMapProviders.DATA), ids(service));
            assertEquals("test ground truth", service.phaseMap(m).orElseThrow().source(), "the best knowledge first");
            assertEquals(DataPhaseMaps.SOURCE, service.estimatedPhaseMap(m).orElseThrow().source(),
                    "an analysis of the data does not take the ground truth's phases");
            assertEquals("test ground truth", service.groundTruth(m).orElseThrow().source());
            assertEquals(DataPhaseMaps.SOURCE, service.phaseMap(m, PhaseMapProviders.DATA).orElseThrow().source());
            assertTrue(service.phaseMap(m, PhaseMapProviders.MASK).isEmpty(), "no mask is bound");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> service.phaseMap(m, "nope"));
            assertTrue(e.getMessage().contains("no phase-map provider 'nope'") && e.getMessage().contains("truth-test"),
                    e.getMessage());
            // the data's AlPO4: at 100 nm one never-nucleating pixel is larger than the smallest grain
            PhaseMap data = service.phaseMap(m, PhaseMapProviders.DATA).orElseThrow();
            assertEquals(PhaseMap.ALPO4, data.region(4));
            assertEquals(PhaseMap.MATRIX, data.region(0));
            assertEquals(null, data.region(1), "a pixel without a ramp is not classified");
        }
    }

    @Test
    void aMaskIsBoundToItsMapFileExplicitlyOrByItsName() throws Exception {
        Path file = map();
        PhaseMapService service = Services.service(context(), PhaseMapService.class);
        UserMasks masks = Services.service(context(), UserMasks.class);
        try (MapFile m = Services.service(context(), MapReaderService.class).open(file)) {
            Path wrong = Files.writeString(dir.resolve("wrong.csv"), "0 1\n1 0\n");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> masks.bind(m, wrong));
            assertTrue(e.getMessage().contains("is 2 x 2 pixels but the map is 3 x 2"), e.getMessage());
            assertTrue(masks.mask(file).isEmpty(), "a refused mask is not bound");

            Path mask = Files.writeString(dir.resolve("right.csv"), "0 0 1\n0 0 1\n");
            masks.bind(m, mask);
            assertEquals(mask.toAbsolutePath().normalize(), masks.mask(file).orElseThrow());
            PhaseMap fromMask = service.phaseMap(m).orElseThrow();
            assertEquals("mask " + mask.toAbsolutePath().normalize(), fromMask.source(), "the mask outranks the data");
            assertEquals(fromMask.source(), service.estimatedPhaseMap(m).orElseThrow().source());
            assertEquals(List.of(PhaseMap.MATRIX, PhaseMap.MATRIX, PhaseMap.ALPO4, PhaseMap.MATRIX, PhaseMap.MATRIX,
                    PhaseMap.ALPO4), List.of(fromMask.regions()),
                    "100 nm pixels: a neighbour's centre is 50 nm from the AlPO4 boundary, beyond the 25 nm band");
            masks.unbind(file);
            assertEquals(DataPhaseMaps.SOURCE, service.phaseMap(m).orElseThrow().source());

            // by name: hand.mask.png beside hand.h5, bright = AlPO4
            java.awt.image.BufferedImage png = new java.awt.image.BufferedImage(3, 2,
                    java.awt.image.BufferedImage.TYPE_INT_RGB);
            png.setRGB(0, 0, 0xFFFFFF);
            Path beside = dir.resolve("hand.mask.png");
            javax.imageio.ImageIO.write(png, "png", beside.toFile());
            assertEquals(beside.toAbsolutePath().normalize(), masks.mask(file).orElseThrow());
            PhaseMap byName = service.estimatedPhaseMap(m).orElseThrow();
            assertEquals(PhaseMap.ALPO4, byName.region(0));
            assertEquals(1, java.util.Arrays.stream(byName.regions()).filter(PhaseMap.ALPO4::equals).count());
            Files.delete(beside);
        }
    }
}
