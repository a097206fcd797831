package org.onset.benchmarks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.instrument.api.CutoffRule;
import org.onset.map.api.Grid;
import org.onset.map.api.MapStoreFactory;
import org.onset.sweep.api.MapRecipe;
import org.onset.sweep.api.MapRecipe.Ramp;
import org.onset.sweep.api.MapRecipe.SafetyLimits;
import org.onset.sweep.api.MapRecipe.TopographyPlan;
import org.onset.sweep.api.PixelOrder;
import org.onset.sweep.api.SweepService;
import org.onset.instrument.registry.InstrumentConfigurator;
import org.osgi.service.component.ComponentFactory;

/**
 * A benchmark run with the tests, not a timed test (it asserts no speed): prints the software
 * overhead per pixel of the sweep loop (the same measurement as {@code onset bench sweep}) on
 * fresh simulated instruments in virtual time, through the sweep bundle's private sweep services,
 * at the paper's settings (10 kHz, 0 → −4.2 V at 1.2 V/s, −10 pA). Goal: ≤ 1 ms per pixel.
 */
class SweepOverheadBenchmarkTest {
    private static final int SIDE = 12;

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void softwareOverheadPerPixel() throws Exception {
        SweepOverheadBenchmark benchmark = new SweepOverheadBenchmark(BenchmarkServices.service(MapStoreFactory.class),
                BenchmarkServices.service(ComponentFactory.class,
                        "(component.factory=" + SweepOverheadBenchmark.PRIVATE_SWEEPS + ")"),
                BenchmarkServices.context());
        SweepOverheadBenchmark.Figures f;
        try (SimulatedInstruments sims = new SimulatedInstruments(BenchmarkServices.service(InstrumentConfigurator.class))) {
            f = benchmark.measure(sims::fresh, recipe(), dir.resolve("instant"));
        }
        System.out.println(f.report());

        assertEquals(SIDE * SIDE, f.pixels());
        assertTrue(f.samplesPerPixel() > 20_000, "ramps of the paper's length: " + f.samplesPerPixel());
        assertTrue(f.storageMs() > 0 && f.fileMB() > 0, "the HDF5 run wrote a file: " + f.report());
        assertTrue(Files.size(dir.resolve("instant/sweep-benchmark.h5")) > 0);
        assertTrue(f.report().contains("ms") && f.report().contains("goal <= 1 ms"), f.report());
        assertTrue(BenchmarkServices.service(SweepService.class).runs().stream()
                .noneMatch(r -> r.output().startsWith(dir)), "the registered sweep service ran none of it");
    }

    /** 12 × 12 pixels at 20 nm in the middle of the 2 µm simulated sample. */
    private static MapRecipe recipe() {
        double origin = (2000 - (SIDE - 1) * 20) / 2 * 1e-9;
        return new MapRecipe("bench", "bench", new Grid(SIDE, SIDE, origin, origin, 20e-9, 20e-9),
                PixelOrder.SERPENTINE, 0, Ramp.linear(0, -4.2, 1.2), CutoffRule.current(-10e-12), 0, 10_000,
                new SafetyLimits(-5, 1, 5, 10), TopographyPlan.NONE);
    }
}
