package org.onset.ui.maps.internal.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.instrument.registry.InstrumentConfigurator;
import org.onset.map.api.MapFile;
import org.onset.map.api.MapReaderService;
import org.onset.map.api.PixelRecord;
import org.onset.sweep.api.MapRecipe;
import org.onset.sweep.api.RecipeCodec;
import org.onset.sweep.api.SweepEvents;
import org.onset.sweep.api.SweepRun;
import org.onset.sweep.api.SweepService;
import org.onset.sweep.api.SweepState;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The live maps on the real sweep service, simulator and HDF5 store: filled from the sweep's
 * events they end equal to the file, and a pixel's curve can be read from the file while the
 * writer still has it open (what the pixel inspector does during a run).
 */
class LiveMapsOsgiTest {

    private static final List<String> NEEDED = List.of("org.onset.sweep", "org.onset.storage.hdf5",
            "org.onset.instrument.sim", "org.onset.instrument.registry");

    @TempDir
    Path dir;
    private BundleContext context;
    private ServiceRegistration<EventHandler> registration;
    private InstrumentConfigurator configurator;
    private String instrumentId;

    @BeforeEach
    void setUp() throws Exception {
        Bundle host = FrameworkUtil.getBundle(LiveMaps.class);
        context = host.getBundleContext() != null ? host.getBundleContext() : null;
        if (context == null) {
            host.start();
            context = host.getBundleContext();
        }
        for (Bundle b : context.getBundles()) {
            if (NEEDED.contains(b.getSymbolicName()) && b.getState() != Bundle.ACTIVE) {
                b.start();
            }
        }
        configurator = service(InstrumentConfigurator.class);
        instrumentId = "ui-maps-test-" + ProcessHandle.current().pid();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("timing", "virtual");
        configurator.create(configurator.simulatedDriverType().orElseThrow().factoryPid(), instrumentId, settings,
                Duration.ofSeconds(30));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (registration != null) {
            registration.unregister();
        }
        configurator.delete(instrumentId, Duration.ofSeconds(30));
    }

    private <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        T s = tracker.waitForService(30_000);
        assertNotNull(s, type.getSimpleName() + " is registered");
        return s;
    }

    private MapRecipe recipe(int n) throws Exception {
        String json = "{ \"name\": \"live map test\", \"instrument_id\": \"" + instrumentId + "\", "
                + "\"grid\": { \"nx\": " + n + ", \"ny\": " + n + ", \"spacing_nm\": 20, \"x0_nm\": 900, \"y0_nm\": 900 }, "
                + "\"ramp\": { \"end_V\": -4.2, \"rate_V_per_s\": 1.2 }, \"cutoff\": { \"current_pA\": -10 } }";
        return service(RecipeCodec.class).parse(json, "test");
    }

    @Test
    void theLiveMapFilledFromEventsEqualsTheFileAndCurvesReadWhileTheWriterRuns() throws Exception {
        SweepService sweeps = service(SweepService.class);
        MapReaderService reader = service(MapReaderService.class);
        LiveMaps live = new LiveMaps(id -> sweeps.runs().stream().filter(r -> r.id().equals(id)).findFirst()
                .map(r -> new LiveMaps.RunInfo(r.recipe().grid(), r.output())), m -> {
                });
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, SweepEvents.ALL);
        registration = context.registerService(EventHandler.class, live, props);

        Path file = dir.resolve("live.h5");
        SweepRun run = sweeps.start(recipe(8), file, false);
        // while the run goes on: a stored pixel's curve from the file the writer holds
        PixelRecord during = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (during == null && System.nanoTime() < deadline) {
            Optional<LiveMap> m = live.latest();
            if (m.isPresent() && m.get().lastIndex() >= 0 && !run.state().isFinal()) {
                int k = m.get().lastIndex();
                try (MapFile f = reader.open(file)) {
                    during = f.pixel(k);
                }
            }
            Thread.sleep(2);
            if (run.state().isFinal()) {
                break;
            }
        }
        assertTrue(run.awaitFinished(Duration.ofSeconds(60)));
        assertEquals(SweepState.COMPLETED, run.state());
        // pixel events are delivered asynchronously: wait for the last
        LiveMap map = live.of(run.id()).orElseThrow();
        while (map.snapshot().measured() < 64 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        MapSnapshot s = map.snapshot();
        assertEquals(64, s.measured(), "every pixel arrived");
        assertEquals(file, map.file());
        try (MapFile f = reader.open(file)) {
            assertArrayEquals(f.onsetBias(), s.onsetBias(), "onset bias, V");
            assertArrayEquals(f.currentAtEnd(), s.currentAtEnd(), "current at end, A");
            assertArrayEquals(f.heightChangeAtEnd(), s.heightChange(), "ΔZ, m");
            assertArrayEquals(f.rules(), s.rules(), "rule fired");
            if (during != null) {
                PixelRecord after = f.pixel(during.index());
                assertArrayEquals(after.curve().current(), during.curve().current(),
                        "the curve read during the run is the one in the closed file");
                assertEquals(after.cutoffSampleIndex(), during.cutoffSampleIndex());
            }
        }
        assertNotNull(during, "a pixel could be read from the file while the map ran");

        // the run's own pixel list fills a map completely the moment the run ends, whatever the event queue does
        LiveMaps polled = new LiveMaps(id -> Optional.empty(), m -> {
        });
        assertEquals(64, polled.sync(run));
        assertEquals(0, polled.sync(run), "nothing new the second time");
        assertTrue(polled.complete(run));
        assertArrayEquals(s.onsetBias(), polled.of(run.id()).orElseThrow().snapshot().onsetBias());
        assertTrue(live.pixelEvents() >= 64);

        // resumed file: the earlier pixels come from the file
        MapSnapshot fromFile;
        try (MapFile f = reader.open(file)) {
            fromFile = MapLoader.read(f);
        }
        assertEquals(64, fromFile.measured());
        LiveMap resumed = new LiveMap("resumed", file, fromFile.grid());
        resumed.putEarlier(fromFile);
        assertArrayEquals(s.onsetBias(), resumed.snapshot().onsetBias());
    }
}
