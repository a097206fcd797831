package org.onset.instrument.sim.tests.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.onset.instrument.api.CutoffRule;
import org.onset.instrument.api.RampRequest;
import org.onset.instrument.api.SampleSink;
import org.onset.instrument.sim.engine.Phase;
import org.onset.instrument.sim.engine.PixelRun;
import org.onset.instrument.sim.engine.PixelSimulator;
import org.onset.instrument.sim.engine.SimSettings;
import org.onset.instrument.sim.engine.SimulatedSample;

/** Stochastic onset: median, scatter, and the AlPO4 pattern of PHYSICS.md. */
class OnsetCalibrationTest {

    private static double[] onsets(SimSettings settings, RampRequest request, int pixels, long seed) {
        PixelSimulator sim = new PixelSimulator(settings, SimulatedSample.generate(settings));
        double[] onset = new double[pixels];
        for (int p = 0; p < pixels; p++) {
            double x = Fixtures.x(p);
            double y = Fixtures.y(p);
            onset[p] = sim.run(x, y, request, PixelSimulator.pixelSeed(seed, x, y), SampleSink.discard(), null, false)
                    .onsetBias();
        }
        return onset;
    }

    @Test
    void medianOnsetForMatrixEta50IsMinus3point72V() {
        double[] onset = onsets(Fixtures.uniform(), Fixtures.currentCompliance(), 200, 5);
        assertEquals(200, Stats.finite(onset).length, "every matrix pixel nucleates before -4.2 V");
        // PHYSICS.md: η50 = 0.66 V → median onset −3.72 V (tolerance 0.05 V), scatter ~0.09 V
        assertEquals(-3.72, Stats.median(onset), 0.05);
        assertEquals(0.09, Stats.sd(onset), 0.03);
    }

    /** B = 3.3·η50² puts the median onset overpotential at the local η50 over 0.2…1.1 V. */
    @ParameterizedTest
    @ValueSource(doubles = { 0.2, 0.4, 0.9, 1.1 })
    void medianOnsetOverpotentialFollowsEta50(double eta50) {
        SimSettings s = Fixtures.uniform().with("eta50Matrix", eta50);
        double[] onset = onsets(s, RampRequest.linear(0, -5, 1.2, 2e3, CutoffRule.current(-10e-12)), 80, 11);
        double medianEta = -Stats.median(onset) - s.thresholdPotential();
        assertEquals(eta50, medianEta, 0.06 + 0.05 * eta50);
    }

    @Test
    void alpo4NeverNucleatesEvenAtMinus5V() {
        SimSettings s = SimSettings.defaults();
        SimulatedSample sample = SimulatedSample.generate(s);
        PixelSimulator sim = new PixelSimulator(s, sample);
        RampRequest sweep = RampRequest.linear(0, -5, 1.2, 2e3, CutoffRule.current(-10e-12));
        int tested = 0;
        for (double y = 50e-9; y < 2e-6 && tested < 60; y += 37e-9) {
            for (double x = 50e-9; x < 2e-6 && tested < 60; x += 41e-9) {
                if (sample.phaseAt(x, y) != Phase.ALPO4) {
                    continue;
                }
                Recorder rec = new Recorder();
                PixelRun run = sim.run(x, y, sweep, PixelSimulator.pixelSeed(1, x, y), rec, null, false);
                assertFalse(run.nucleated(), "AlPO4 at (" + x + ", " + y + ") nucleated");
                assertEquals(0, run.depositedVolume());
                assertEquals(0, run.transferredCharge());
                for (double i : rec.current()) {
                    assertTrue(Math.abs(i) < 3e-12, "only noise and C·dV/dt on AlPO4, got " + i + " A");
                }
                tested++;
            }
        }
        assertTrue(tested >= 30, "found AlPO4 pixels: " + tested);
    }

    @Test
    void matrixNextToAlpo4NucleatesEarlierThanMatrixFarAway() {
        SimSettings s = SimSettings.defaults();
        SimulatedSample sample = SimulatedSample.generate(s);
        PixelSimulator sim = new PixelSimulator(s, sample);
        RampRequest ramp = RampRequest.linear(0, -4.2, 1.2, 2e3, CutoffRule.current(-10e-12));
        List<Double> near = new ArrayList<>();
        List<Double> far = new ArrayList<>();
        for (double y = 20e-9; y < 2e-6; y += 13e-9) {
            for (double x = 20e-9; x < 2e-6; x += 17e-9) {
                double d = sample.distanceToAlpo4(x, y);
                List<Double> bucket = d > 0 && d < 12e-9 ? near : d > 300e-9 ? far : null;
                if (bucket == null || bucket.size() >= 100) {
                    continue;
                }
                PixelRun r = sim.run(x, y, ramp, PixelSimulator.pixelSeed(2, x, y), SampleSink.discard(), null, false);
                // a pixel that never nucleates before −4.2 V counts at the end of the ramp
                bucket.add(r.nucleated() ? r.onsetBias() : -4.2);
            }
        }
        assertEquals(100, near.size());
        assertEquals(100, far.size());
        double meanNear = near.stream().mapToDouble(d -> d).average().orElseThrow();
        double meanFar = far.stream().mapToDouble(d -> d).average().orElseThrow();
        // PHYSICS.md: lowest nucleation bias next to AlPO4 (η50 drops by up to 0.45 V there)
        assertTrue(meanNear > meanFar + 0.2, "near AlPO4 " + meanNear + " V, far " + meanFar + " V");
    }
}
