package org.onset.sweep.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.onset.instrument.api.CutoffRule;
import org.onset.instrument.registry.InstrumentConfigurator;
import org.onset.sweep.api.MapRecipe;
import org.onset.sweep.api.MapRecipe.Ramp;
import org.onset.sweep.api.PixelOrder;
import org.onset.sweep.api.PixelResult;
import org.onset.sweep.api.SweepRun;
import org.onset.sweep.api.SweepService;
import org.onset.sweep.api.SweepState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The estimate against real maps on the simulated instrument (virtual time): the ramp time the
 * instrument spent, counted from the samples it delivered at its hardware rate, and the file written.
 */
class SimulatorRunTest {

    @TempDir
    Path dir;
    private InstrumentConfigurator configurator;
    private String id;

    private List<PixelResult> run(MapRecipe recipe, Path file) throws Exception {
        configurator = Services.get(InstrumentConfigurator.class);
        id = "estimate-test-" + System.nanoTime();
        String pid = configurator.simulatedDriverType().orElseThrow().factoryPid();
        configurator.create(pid, id, Map.of("timing", "virtual"), Duration.ofSeconds(30));
        SweepService sweeps = Services.get(SweepService.class);
        MapRecipe r = new MapRecipe(recipe.name(), id, recipe.grid(), recipe.order(), recipe.orderSeed(),
                recipe.ramp(), recipe.cutoff(), recipe.settleSeconds(), recipe.sampleRateHz(), recipe.limits(),
                recipe.topography());
        SweepRun run = sweeps.start(r, file, false);
        assertTrue(run.awaitFinished(Duration.ofMinutes(3)), "map finished");
        assertEquals(SweepState.COMPLETED, run.state(), run.progress().reason());
        return run.pixels();
    }

    @AfterEach
    void removeInstrument() throws Exception {
        if (id != null) {
            configurator.delete(id, Duration.ofSeconds(30));
        }
    }

    /** Ramp time of a pixel as the instrument ran it: its samples at the hardware sample rate. */
    private static double rampSeconds(PixelResult p, double rate) {
        return (p.samples() - 1) / rate;
    }

    @Test
    void uncontrolledRampsTakeExactlyTheirProgrammedTimeAndTheFileIsAsLargeAsEstimated() throws Exception {
        MapRecipe recipe = MapEstimatorTest.paper(3, PixelOrder.SERPENTINE, CutoffRule.none(), Ramp.linear(0, -3.5, 2.5),
                true);
        Path file = dir.resolve("none.h5");
        List<PixelResult> pixels = run(recipe, file);
        MapEstimate e = MapEstimator.estimate(recipe, StageTiming.SIMULATOR, MapEstimator.PAPER_ONSET_VOLTS);
        for (PixelResult p : pixels) {
            assertEquals(e.rampSecondsWorst(), rampSeconds(p, recipe.sampleRateHz()), 1.5 / recipe.sampleRateHz());
        }
        long size = Files.size(file);
        assertEquals(e.bytesWorst(), size, 0.2 * size, "estimated " + e.bytesWorst() + " B, file " + size + " B");
    }

    @Test
    void currentControlledRampsTakeTheTimeToTheirOnsetAndFastApproachSavesWhatItPromises() throws Exception {
        MapRecipe slow = MapEstimatorTest.paper(5, PixelOrder.SERPENTINE, CutoffRule.current(-10e-12),
                Ramp.linear(0, -4.2, 1.2), false);
        List<PixelResult> pixels = run(slow, dir.resolve("slow.h5"));
        double measured = 0;
        double predicted = 0;
        int fired = 0;
        for (PixelResult p : pixels) {
            measured += rampSeconds(p, slow.sampleRateHz());
            double onset = p.fired() ? p.onsetBias() : Double.NaN;
            predicted += MapEstimator.secondsUntil(slow.ramp(), Double.isNaN(onset) ? -1e9 : onset);
            fired += p.fired() ? 1 : 0;
        }
        assertTrue(fired > 15, "most pixels nucleate: " + fired);
        // the ramp runs on for the simulator's detection latency after the onset sample: measured ≈ 20 ms per pixel (filters and detection latency)
        double perPixelGap = (measured - predicted) / pixels.size();
        assertTrue(perPixelGap >= 0 && perPixelGap < 0.05, "ramp time beyond the onset per pixel: " + perPixelGap + " s");
        // the same map with the fast approach, on a fresh instrument: each ramp is shorter by what the approach saves
        removeInstrument();
        FastApproach f = new FastApproach(-2.8, 5);
        MapRecipe fast = FastApproach.withRamp(slow, f.applyTo(slow.ramp()));
        double measuredFast = 0;
        for (PixelResult p : run(fast, dir.resolve("fast.h5"))) {
            measuredFast += rampSeconds(p, fast.sampleRateHz());
        }
        double saved = (measured - measuredFast) / pixels.size();
        assertEquals(f.savedSecondsPerPixel(slow.ramp()), saved, 0.05,
                "saved per pixel: " + saved + " s, promised " + f.savedSecondsPerPixel(slow.ramp()) + " s");
    }
}
