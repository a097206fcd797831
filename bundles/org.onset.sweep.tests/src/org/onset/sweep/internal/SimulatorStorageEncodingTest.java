package org.onset.sweep.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.instrument.api.Channel;
import org.onset.instrument.api.ChannelSpec;
import org.onset.instrument.api.CutoffRule;
import org.onset.instrument.registry.InstrumentConfigurator;
import org.onset.instrument.sim.engine.SimSettings;
import org.onset.map.api.Curve;
import org.onset.map.api.MapFile;
import org.onset.sweep.api.MapRecipe;
import org.onset.map.api.Grid;
import org.onset.sweep.api.MapRecipe.Ramp;
import org.onset.sweep.api.MapRecipe.SafetyLimits;
import org.onset.sweep.api.MapRecipe.TopographyPlan;
import org.onset.sweep.api.PixelOrder;
import org.onset.sweep.api.SweepRun;
import org.onset.sweep.api.SweepService;
import org.onset.sweep.api.SweepState;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import ch.systemsx.cisd.hdf5.HDF5Factory;
import ch.systemsx.cisd.hdf5.IHDF5Reader;

/**
 * The real simulator (a DS instrument configured through Config Admin) runs the paper's ramp with
 * height compliance through the sweep service into a real map file: the curves must land in the
 * compact encodings (bias, current and height as int16 ADC codes, time implicit), 6 bytes per
 * sample instead of 32. This fails when the simulator delivers a value off its converter grid, a
 * -0.0, or reports a resolution other than the one it quantizes with.
 */
class SimulatorStorageEncodingTest {

    private static final String ID = "sim-encoding-test";
    private static final String CURVES = "/Measurement_000/Curves/";
    private static final int INT16 = 1;
    private static final int TIME_INDEX_OVER_RATE = 4;
    private static final int TIME_INDEX_TIMES_PERIOD = 5;

    @TempDir
    Path dir;
    private InstrumentConfigurator configurator;

    @AfterEach
    void removeSimulator() throws Exception {
        if (configurator != null && configurator.configuration(ID).isPresent()) {
            configurator.delete(ID, Duration.ofSeconds(30));
        }
    }

    @Test
    void simulatedCurvesAreStoredAsInt16CodesWithImplicitTime() throws Exception {
        BundleContext context = startBundles("org.onset.sweep", "org.onset.instrument.sim",
                "org.onset.instrument.registry");
        configurator = service(context, InstrumentConfigurator.class);
        String simulatorType = configurator.simulatedDriverType().orElseThrow().factoryPid();
        configurator.create(simulatorType, ID, Map.of("timing", "virtual"), Duration.ofSeconds(30));
        SweepService sweeps = service(context, SweepService.class);
        awaitInstrument(sweeps);

        // 3 × 2 pixels at 20 nm in the middle of the sample, 0 → −4.2 V at 1.2 V/s, 10 kHz, ΔZ 8 nm
        MapRecipe recipe = new MapRecipe("encoding test", ID, new Grid(3, 2, 1.0e-6, 1.0e-6, 20e-9, 20e-9),
                PixelOrder.SERPENTINE, 1, Ramp.linear(0, -4.2, 1.2), CutoffRule.height(8e-9), 0, 10_000,
                new SafetyLimits(-5, 1, 5, 10), new TopographyPlan(false, false));
        Path file = dir.resolve("sim.h5");
        SweepRun run = sweeps.start(recipe, file, false);
        assertTrue(run.awaitFinished(Duration.ofSeconds(60)), "the map finishes");
        assertEquals(SweepState.COMPLETED, run.state(), () -> "run: " + run.progress());

        long samples = 0;
        long[] counts = counts(file);
        try (IHDF5Reader h5 = HDF5Factory.openForReading(file.toFile())) {
            byte[] time = h5.uint8().readArray(CURVES + "time_encoding");
            for (int px = 0; px < 6; px++) {
                assertTrue(counts[px] > 10_000, "pixel " + px + " has a curve: " + counts[px] + " samples");
                samples += counts[px];
                assertTrue(time[px] == TIME_INDEX_OVER_RATE || time[px] == TIME_INDEX_TIMES_PERIOD,
                        "pixel " + px + ": time is implicit, encoding " + time[px]);
            }
            for (String c : List.of("bias", "current", "height")) {
                byte[] enc = h5.uint8().readArray(CURVES + c + "_encoding");
                for (int px = 0; px < 6; px++) {
                    assertEquals(INT16, enc[px], c + " of pixel " + px + " is stored as int16 codes");
                }
                assertEquals(samples, length(h5, c + "_int16"), c + "_int16 holds every sample");
                assertEquals(0, length(h5, c + "_float32"), c + "_float32 is empty");
                assertEquals(0, length(h5, c + "_float64"), c + "_float64 is empty");
            }
            assertEquals(0, length(h5, "time_float32") + length(h5, "time_float64"), "no time column");
            // the height channel's resolution is the Z sensor ADC of the settings: 16 bits over ±1.5 µm
            assertEquals(SimSettings.defaults().heightResolution(), h5.float64().getAttr(CURVES, "height_resolution"));
            assertEquals(3e-6 / 65536, h5.float64().getAttr(CURVES, "height_resolution"));
        }
        try (MapFile r = MapServices.reader().open(file)) {
            ChannelSpec height = r.channels().stream().filter(s -> s.channel() == Channel.HEIGHT).findFirst()
                    .orElseThrow();
            assertEquals(3e-6 / 65536, height.resolution());
            int cutoffs = 0;
            for (int px = 0; px < 6; px++) {
                Curve c = r.curve(px);
                assertEquals(counts(file)[px], c.size());
                double dz = c.height()[c.size() - 1] - c.height()[0];
                if (dz >= 8e-9) {
                    cutoffs++;
                }
            }
            assertTrue(cutoffs >= 1, "the decoded heights show the 8 nm cutoff at some pixel");
        }
        System.out.printf("simulator -> map file: 6 pixels, %d samples, curves as int16 (6 B/sample)%n", samples);
    }

    private static long[] counts(Path file) {
        try (IHDF5Reader h5 = HDF5Factory.openForReading(file.toFile())) {
            return h5.int64().readArray("/Measurement_000/Pixels/sample_count");
        }
    }

    private static long length(IHDF5Reader h5, String dataset) {
        return h5.object().getDataSetInformation(CURVES + dataset).getNumberOfElements();
    }

    private static BundleContext startBundles(String... names) throws Exception {
        Bundle host = FrameworkUtil.getBundle(SweepServiceImpl.class);
        if (host.getState() != Bundle.ACTIVE) {
            host.start(); // lazy bundles: their DS components appear once they are started
        }
        BundleContext context = host.getBundleContext();
        List<String> wanted = List.of(names);
        for (Bundle b : context.getBundles()) {
            if (wanted.contains(b.getSymbolicName()) && b.getState() != Bundle.ACTIVE) {
                b.start();
            }
        }
        return context;
    }

    private static <T> T service(BundleContext context, Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        T s = tracker.waitForService(15_000);
        assertNotNull(s, type.getSimpleName() + " is registered");
        return s;
    }

    private static void awaitInstrument(SweepService sweeps) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!sweeps.instruments().contains(ID) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(sweeps.instruments().contains(ID), "the simulator is bound: " + sweeps.instruments());
    }
}
