package org.onset.sweep.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.instrument.api.CutoffRule;
import org.onset.sweep.api.MapRecipe;
import org.onset.sweep.api.MapRecipe.Grid;
import org.onset.sweep.api.MapRecipe.Ramp;
import org.onset.sweep.api.MapRecipe.SafetyLimits;
import org.onset.sweep.api.MapRecipe.TopographyPlan;
import org.onset.sweep.api.PixelOrder;
import org.onset.sweep.benchmark.SweepOverheadBenchmark;
import org.onset.sweep.benchmark.SweepOverheadBenchmark.Figures;

/**
 * A benchmark run with the tests, not a timed test (it asserts no speed): prints the software
 * overhead per pixel of the sweep loop (the same measurement as {@code onset bench sweep}) with an
 * instrument that takes no time, and once with a real 5 ms settle after each move, at the paper's
 * settings (10 kHz, 0 → −4.2 V at 1.2 V/s, −10 pA). Goal: ≤ 1 ms per pixel.
 */
class SweepOverheadBenchmarkTest {
    private static final int SIDE = 12;

    @TempDir
    Path dir;

    @Test
    void softwareOverheadPerPixel() throws Exception {
        Figures f = SweepOverheadBenchmark.measure(() -> new ScriptedDriver("bench", 5, SIDE, 20e-9), recipe(0),
                dir.resolve("instant"));
        System.out.println(f.report());
        Figures settling = SweepOverheadBenchmark.measure(
                () -> new ScriptedDriver("bench", 5, SIDE, 20e-9).realSettle(true), recipe(0.005),
                dir.resolve("settling"));
        System.out.printf(Locale.ROOT, "  with a positioner that settles 5 ms for real (the HDF5 write overlaps the"
                + " next move):%n    map time added by the software per pixel: %.3f ms%n", settling.overheadMs());

        assertEquals(SIDE * SIDE, f.pixels());
        assertTrue(f.samplesPerPixel() > 20_000, "ramps of the paper's length: " + f.samplesPerPixel());
        assertTrue(f.storageMs() > 0 && f.fileMB() > 0, "the HDF5 run wrote a file: " + f.report());
        assertTrue(Files.size(dir.resolve("instant/sweep-benchmark.h5")) > 0);
        assertTrue(f.report().contains("ms") && f.report().contains("goal <= 1 ms"), f.report());
    }

    private static MapRecipe recipe(double settle) {
        return new MapRecipe("bench", "bench", new Grid(SIDE, SIDE, 0, 0, 20e-9, 20e-9), PixelOrder.SERPENTINE, 0,
                Ramp.linear(0, -4.2, 1.2), CutoffRule.current(-10e-12), settle, 10_000, new SafetyLimits(-5, 1, 5, 10),
                TopographyPlan.NONE);
    }
}
