package org.onset.instrument.sim.tests.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.onset.instrument.api.CutoffRule;
import org.onset.instrument.api.RampRequest;
import org.onset.instrument.api.SampleSink;
import org.onset.instrument.sim.engine.Particle;
import org.onset.instrument.sim.engine.PixelRun;
import org.onset.instrument.sim.engine.PixelSimulator;
import org.onset.instrument.sim.engine.SimSettings;
import org.onset.instrument.sim.engine.SimulatedSample;

/** Spherical-cap growth fed by the Butler–Volmer + series-resistance current. */
class GrowthTest {

    @Test
    void depositedVolumeIsChargeTimesMolarVolumeOverFaraday() {
        // Fig. 1b: Li atoms vs electrons transferred, slope 1 — from the recorded current as well
        SimSettings s = Fixtures.uniform();
        PixelSimulator sim = new PixelSimulator(s, SimulatedSample.generate(s));
        double sxy = 0;
        double sxx = 0;
        for (int p = 0; p < 40; p++) {
            double x = Fixtures.x(p);
            double y = Fixtures.y(p);
            // different latencies give particles of very different size along the line
            SimSettings sp = s.with("detectionLatency", 0.002 + p * 0.002);
            PixelSimulator simP = new PixelSimulator(sp, sim.sample());
            Recorder rec = new Recorder();
            PixelRun run = simP.run(x, y, Fixtures.currentCompliance(), PixelSimulator.pixelSeed(3, x, y), rec, null,
                    false);
            double exactVolume = run.transferredCharge() * s.molarVolume() / SimSettings.FARADAY;
            assertEquals(exactVolume, run.depositedVolume(), 1e-9 * exactVolume);
            // charge seen by the instrument: ∫I dt after nucleation, minus nothing else
            double[] t = rec.time();
            double[] i = rec.current();
            double measured = 0;
            for (int k = 0; k < t.length; k++) {
                if (t[k] >= run.onsetTime()) {
                    measured -= i[k] / Fixtures.SAMPLE_RATE;
                }
            }
            double volumeFromCurrent = measured * s.molarVolume() / SimSettings.FARADAY;
            sxy += volumeFromCurrent * run.depositedVolume();
            sxx += volumeFromCurrent * volumeFromCurrent;
        }
        double slope = sxy / sxx; // least squares through the origin
        assertEquals(1.0, slope, 0.05, "deposited volume vs Q·V_m/F");
    }

    @Test
    void uncontrolledSweepToMinus5VMakesMicronParticles() {
        SimSettings s = Fixtures.uniform();
        PixelSimulator sim = new PixelSimulator(s, SimulatedSample.generate(s));
        RampRequest sweep = RampRequest.linear(0, -5, 1.2, 5e3, CutoffRule.none());
        for (int p = 0; p < 4; p++) {
            double x = Fixtures.x(p * 7);
            double y = Fixtures.y(p * 7);
            Recorder rec = new Recorder();
            PixelRun run = sim.run(x, y, sweep, PixelSimulator.pixelSeed(4, x, y), rec, null, false);
            assertTrue(run.nucleated());
            // PHYSICS.md: I_max ≈ 180 pA, V ≈ 1.6e7 nm³ (1–2 µm particles)
            assertEquals(180e-12, run.peakCurrentMagnitude(), 40e-12);
            assertEquals(1.6e7 * 1e-27, run.depositedVolume(), 0.6e7 * 1e-27);
            assertTrue(2 * run.particleBaseRadius() > 0.8e-6, "diameter " + 2 * run.particleBaseRadius() + " m");
            assertEquals(0.1 * run.particleBaseRadius(), run.particleHeight(), 1e-15);
            double recordedPeak = 0;
            for (double i : rec.current()) {
                recordedPeak = Math.max(recordedPeak, -i);
            }
            assertEquals(run.peakCurrentMagnitude(), recordedPeak, 3e-12, "recorded current follows the faradaic");
            assertEquals(run.particleHeight(), rec.heightChange(), 1e-9, "Z rises by the cap height");
        }
    }

    @Test
    void returnRampStripsTheLiAgainAndLeavesNoResidue() {
        // 0 → −4.5 V grows a particle; back to 0 V the overpotential turns anodic and strips it
        SimSettings s = Fixtures.uniform();
        SimulatedSample sample = SimulatedSample.generate(s);
        PixelSimulator sim = new PixelSimulator(s, sample);
        RampRequest there = RampRequest.linear(0, -4.5, 1.2, 1e4, CutoffRule.none());
        RampRequest andBack = new RampRequest(0,
                java.util.List.of(new org.onset.instrument.api.RampSegment(-4.5, 1.2, 0),
                        new org.onset.instrument.api.RampSegment(0, 1.2, 0)),
                1e4, CutoffRule.none());
        PixelRun grown = sim.run(1e-6, 1e-6, there, 3, SampleSink.discard(), null, false);
        Recorder rec = new Recorder();
        PixelRun back = sim.run(1e-6, 1e-6, andBack, 3, rec, null, true);
        assertTrue(grown.depositedVolume() > 1e-24, "grew " + grown.depositedVolume() + " m³");
        assertEquals(grown.onsetBias(), back.onsetBias());
        assertEquals(0, back.depositedVolume());
        assertEquals(0, back.particleBaseRadius());
        assertEquals(0, back.transferredCharge(), 1e-18);
        assertEquals(0, sample.particleCount(), "nothing left to add to the surface");
        double[] i = rec.current();
        double stripping = 0;
        for (double c : i) {
            assertTrue(Double.isFinite(c));
            stripping = Math.max(stripping, c);
        }
        assertTrue(stripping > 20e-12, "anodic stripping current " + stripping + " A");
        assertEquals(0, i[i.length - 1], 2e-12, "current back to ~0 once the Li is gone");
        double drift = s.driftZ() * back.outcome().durationSeconds();
        assertEquals(drift, rec.heightChange(), 0.3e-9, "height back to the start, apart from the Z drift");
    }

    @Test
    void grownParticleIsAddedToTheSampleUnlessAskedNotTo() {
        SimSettings s = Fixtures.uniform();
        SimulatedSample sample = SimulatedSample.generate(s);
        PixelSimulator sim = new PixelSimulator(s, sample);
        double x = 1e-6;
        double y = 1e-6;
        double before = sample.contactHeightAt(x, y);
        PixelRun run = sim.run(x, y, Fixtures.currentCompliance(), 77, SampleSink.discard(), null, false);
        assertEquals(0, sample.particleCount());
        run = sim.run(x, y, Fixtures.currentCompliance(), 77, SampleSink.discard(), null, true);
        assertEquals(1, sample.particleCount());
        Particle p = sample.particles().get(0);
        assertEquals(run.particleBaseRadius(), p.baseRadius());
        assertEquals(run.depositedVolume(), p.volume(), 1e-12 * p.volume());
        assertEquals(before + run.particleHeight(), sample.contactHeightAt(x, y), 1e-15);
    }
}
