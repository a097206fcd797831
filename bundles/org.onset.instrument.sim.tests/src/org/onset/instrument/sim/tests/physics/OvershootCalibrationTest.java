package org.onset.instrument.sim.tests.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.onset.instrument.api.RampOutcome.Termination;
import org.onset.instrument.sim.engine.PixelRun;
import org.onset.instrument.sim.engine.PixelSimulator;
import org.onset.instrument.sim.engine.SimulatedSample;

/**
 * Compliance overshoot (PHYSICS.md, 60-pixel calibration runs): |I at abort| / 10 pA and ΔZ at the
 * 8 nm height cutoff versus the detection latency τ_L. Tolerances: ±15 % on the current ratio,
 * ±10 % on ΔZ (the engine gives 2.95×/8.16 nm, 4.11×/10.25 nm, 4.40×/11.40 nm).
 */
class OvershootCalibrationTest {

    private static final int PIXELS = 60;

    @ParameterizedTest(name = "tau_L = {0} ms -> {1}x, {2} nm")
    @CsvSource({ "1, 3.1, 8.2", "15, 4.3, 10.3", "25, 4.6, 11.4" })
    void overshootGrowsWithLatency(double latencyMs, double expectedRatio, double expectedDzNm) {
        var settings = Fixtures.uniform().with("detectionLatency", latencyMs * 1e-3);
        PixelSimulator sim = new PixelSimulator(settings, SimulatedSample.generate(settings));
        double ratio = 0;
        double dz = 0;
        for (int p = 0; p < PIXELS; p++) {
            double x = Fixtures.x(p);
            double y = Fixtures.y(p);
            long seed = PixelSimulator.pixelSeed(1, x, y);

            Recorder current = new Recorder();
            PixelRun run = sim.run(x, y, Fixtures.currentCompliance(), seed, current, null, false);
            assertEquals(Termination.CUTOFF, run.outcome().termination());
            int fired = run.outcome().cutoff().sampleIndex();
            // the ramp ends τ_L after the firing sample; those samples are delivered
            assertEquals(fired + Math.round(latencyMs * 10) + 1, current.size());
            ratio += Math.abs(current.lastCurrent()) / 10e-12;

            Recorder height = new Recorder();
            run = sim.run(x, y, Fixtures.heightCompliance(), seed, height, null, false);
            assertEquals(Termination.CUTOFF, run.outcome().termination());
            assertEquals("height", run.outcome().cutoff().rule());
            assertTrue(run.outcome().cutoff().heightChange() >= 8e-9);
            dz += height.heightChange();
        }
        ratio /= PIXELS;
        dz /= PIXELS;
        assertEquals(expectedRatio, ratio, 0.15 * expectedRatio, "current overshoot ratio");
        assertEquals(expectedDzNm * 1e-9, dz, 0.10 * expectedDzNm * 1e-9, "height at abort");
    }
}
