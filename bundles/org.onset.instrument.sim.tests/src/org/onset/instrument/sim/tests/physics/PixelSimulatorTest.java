package org.onset.instrument.sim.tests.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onset.instrument.api.CutoffEvent;
import org.onset.instrument.api.CutoffRule;
import org.onset.instrument.api.RampOutcome.Termination;
import org.onset.instrument.api.RampRequest;
import org.onset.instrument.api.RampSegment;
import org.onset.instrument.api.SampleBlock;
import org.onset.instrument.sim.engine.PixelRun;
import org.onset.instrument.sim.engine.PixelSimulator;
import org.onset.instrument.sim.engine.SimSettings;
import org.onset.instrument.sim.engine.SimulatedSample;

/** Mechanics of one ramp: blocks, DAC, signal chain, cutoff, latency, abort, reproducibility. */
class PixelSimulatorTest {

    private static SimSettings settings;
    private static PixelSimulator sim;

    @BeforeAll
    static void setUp() {
        settings = Fixtures.uniform().with("detectionLatency", 0.015);
        sim = new PixelSimulator(settings, SimulatedSample.generate(settings));
    }

    @Test
    void blocksAreContiguousFreshAndAtMost1000Samples() {
        Recorder rec = new Recorder();
        PixelRun run = sim.run(1e-6, 1e-6, Fixtures.currentCompliance(), 5, rec, null, false);
        int next = 0;
        double[] previous = null;
        for (SampleBlock b : rec.blocks) {
            assertEquals(next, b.firstIndex());
            assertTrue(b.size() > 0 && b.size() <= 1000);
            assertTrue(b.height() != null);
            assertNotSame(previous, b.current());
            previous = b.current();
            next += b.size();
        }
        assertEquals(run.outcome().samples(), next);
        double[] t = rec.time();
        for (int k = 0; k < t.length; k++) {
            assertEquals(k / Fixtures.SAMPLE_RATE, t[k], 1e-12);
        }
        assertEquals(t[t.length - 1], run.outcome().durationSeconds(), 1e-12);
    }

    @Test
    void biasIsTheDacQuantizedProgrammedRamp() {
        Recorder rec = new Recorder();
        sim.run(1e-6, 1e-6, Fixtures.currentCompliance(), 5, rec, null, false);
        double step = settings.dacStep();
        double[] t = rec.time();
        double[] v = rec.bias();
        for (int k = 0; k < v.length; k++) {
            double codes = v[k] / step;
            assertEquals(Math.rint(codes), codes, 1e-9, "bias must sit on a DAC code");
            assertEquals(-1.2 * t[k], v[k], step / 2 + 1e-12);
        }
    }

    /**
     * What a DAQ stream looks like and what lets storage keep 16-bit codes: every bias, current and
     * height is exactly a short code times its converter's step (never −0.0), and time is exactly
     * k · (1 / rate). Checked bit for bit over a ramp that nucleates, grows and stops at a cutoff.
     */
    @Test
    void everySampleIsExactlyAShortCodeTimesItsConverterStep() {
        Recorder rec = new Recorder();
        PixelRun run = sim.run(1e-6, 1e-6, Fixtures.heightCompliance(), 5, rec, null, false);
        assertEquals(Termination.CUTOFF, run.outcome().termination());
        assertExactCodes(rec.bias(), settings.dacStep(), "bias");
        assertExactCodes(rec.current(), settings.currentResolution(), "current");
        assertExactCodes(rec.height(), settings.heightResolution(), "height");
        double period = 1.0 / Fixtures.SAMPLE_RATE;
        double[] t = rec.time();
        for (int k = 0; k < t.length; k++) {
            assertEquals(Double.doubleToRawLongBits(k * period), Double.doubleToRawLongBits(t[k]), "time " + k);
        }
        // the second sample is programmed at -0.12 mV, which rounds to code -0.0: delivered as +0.0
        assertEquals(0L, Double.doubleToRawLongBits(rec.bias()[1]), "bias near 0 V is +0.0");
        // the Z sensor resolves the 0.05 nm noise: the height takes many codes, not one
        double[] z = rec.height();
        long distinct = java.util.Arrays.stream(z, 0, 2000).distinct().count();
        assertTrue(distinct >= 5, distinct + " distinct heights in the first 2000 samples");
    }

    private static void assertExactCodes(double[] values, double step, String channel) {
        for (int k = 0; k < values.length; k++) {
            double code = Math.rint(values[k] / step);
            assertTrue(code >= Short.MIN_VALUE && code <= Short.MAX_VALUE, channel + " code " + code + " at " + k);
            double decoded = (short) code * step;
            if (Double.doubleToRawLongBits(decoded) != Double.doubleToRawLongBits(values[k])) {
                fail(channel + " sample " + k + " = " + values[k] + " is not a short code times " + step);
            }
        }
    }

    @Test
    void heightSensorSaturatesAtItsRangeAndHasTheDefault16BitStep() {
        SimSettings d = SimSettings.defaults();
        // 16 bits over ±1.5 µm: 0.0458 nm, below the 0.05 nm noise
        assertEquals(3e-6 / 65536, d.heightResolution());
        assertEquals(16, d.heightSensorBits());
        assertEquals(1.5e-6, d.heightSensorRange());
        // a 3 nm sensor range (±1.5 nm) clips the topography plus the growing particle
        SimSettings narrow = settings.with(java.util.Map.of("heightSensorRange", 1.5e-9, "heightSensorBits", 8));
        PixelSimulator clipped = new PixelSimulator(narrow, SimulatedSample.generate(narrow));
        Recorder rec = new Recorder();
        clipped.run(1e-6, 1e-6, RampRequest.linear(0, -4.6, 1.2, 1e4, CutoffRule.none()), 5, rec, null, false);
        double top = 127 * narrow.heightResolution();
        double max = java.util.Arrays.stream(rec.height()).max().orElseThrow();
        assertEquals(top, max, 0, "the Z ADC saturates at its most positive code");
        assertExactCodes(rec.height(), narrow.heightResolution(), "height");
    }

    @Test
    void cutoffEventDescribesTheFiringSampleAndLatencySamplesFollow() {
        Recorder rec = new Recorder();
        PixelRun run = sim.run(1e-6, 1e-6, Fixtures.currentCompliance(), 5, rec, null, false);
        assertEquals(Termination.CUTOFF, run.outcome().termination());
        CutoffEvent e = run.outcome().cutoff();
        double[] i = rec.current();
        double[] v = rec.bias();
        assertEquals("current", e.rule());
        assertEquals(CutoffRule.current(-10e-12).describe(), e.description());
        assertEquals(i[e.sampleIndex()], e.current());
        assertEquals(v[e.sampleIndex()], e.bias());
        assertTrue(e.current() <= -10e-12);
        assertTrue(i[e.sampleIndex() - 1] > -10e-12, "fires at the first sample beyond the threshold");
        assertEquals(e.sampleIndex() + 150 + 1, rec.size(), "15 ms at 10 kHz after the firing sample");
        assertTrue(run.onsetTime() <= e.time());
        // the particle kept growing during the latency: current at the end far beyond the cutoff
        assertTrue(rec.lastCurrent() < 2.5 * -10e-12);
    }

    @Test
    void completedRampWithoutCutoffRunsEverySample() {
        RampRequest shallow = RampRequest.linear(0, -2, 1.2, 1e4, CutoffRule.current(-10e-12));
        Recorder rec = new Recorder();
        PixelRun run = sim.run(1e-6, 1e-6, shallow, 5, rec, null, false);
        assertEquals(Termination.COMPLETED, run.outcome().termination());
        assertEquals(shallow.sampleCount(), rec.size());
        assertFalse(run.nucleated());
        assertTrue(Double.isNaN(run.onsetTime()));
    }

    @Test
    void currentChainHasItsNoiseOffsetAndResolution() {
        // ramp to −1 V (no Li yet) and hold 0.5 s: C·dV/dt offset on the ramp, pure noise on the hold
        RampRequest request = new RampRequest(0, List.of(new RampSegment(-1, 1.2, 0.5)), 1e4, CutoffRule.none());
        Recorder rec = new Recorder();
        sim.run(1e-6, 1e-6, request, 8, rec, null, false);
        double[] i = rec.current();
        int rampEnd = (int) (1 / 1.2 * 1e4);
        double lsb = settings.currentResolution();
        for (double c : i) {
            assertEquals(Math.rint(c / lsb), c / lsb, 1e-6, "current sits on an ADC code");
        }
        double rampMean = 0;
        for (int k = 1000; k < rampEnd; k++) {
            rampMean += i[k];
        }
        rampMean /= rampEnd - 1000;
        assertEquals(-0.3e-12 * 1.2, rampMean, 0.05e-12, "C·dV/dt with C = 0.3 pF");
        // 0.3 pA white noise plus ADC quantization noise LSB/√12
        double expected = Math.sqrt(0.3e-12 * 0.3e-12 + lsb * lsb / 12);
        assertEquals(expected, Stats.rms(i, rampEnd + 100, i.length), 0.03e-12);
        double[] z = rec.height();
        assertEquals(0.05e-9, Stats.rms(z, rampEnd + 100, i.length), 0.01e-9, "Z noise");
    }

    @Test
    void sameSeedSameRunDifferentSeedDifferentRun() {
        PixelRun a = sim.run(1e-6, 1e-6, Fixtures.currentCompliance(), 123, new Recorder(), null, false);
        PixelRun b = sim.run(1e-6, 1e-6, Fixtures.currentCompliance(), 123, new Recorder(), null, false);
        PixelRun c = sim.run(1e-6, 1e-6, Fixtures.currentCompliance(), 124, new Recorder(), null, false);
        assertEquals(a, b);
        assertNotEquals(a.onsetBias(), c.onsetBias());
        long seed = PixelSimulator.pixelSeed(11, 1.00000e-6, 0.5e-6);
        assertEquals(seed, PixelSimulator.pixelSeed(11, 1.00000e-6 + 0.02e-9, 0.5e-6 - 0.03e-9),
                "positions equal to 0.1 nm give the same stream");
        assertNotEquals(seed, PixelSimulator.pixelSeed(11, 1.00000e-6 + 0.1e-9, 0.5e-6));
        assertNotEquals(seed, PixelSimulator.pixelSeed(12, 1.00000e-6, 0.5e-6));
        assertNotEquals(PixelSimulator.pixelSeed(11, 1e-7, 2e-7), PixelSimulator.pixelSeed(11, 2e-7, 1e-7));
    }

    @Test
    void abortBetweenBlocksEndsTheRampAborted() {
        AtomicInteger polls = new AtomicInteger();
        Recorder rec = new Recorder();
        PixelRun run = sim.run(1e-6, 1e-6, Fixtures.currentCompliance(), 5, rec, () -> polls.incrementAndGet() > 3,
                false);
        assertEquals(Termination.ABORTED, run.outcome().termination());
        assertEquals(3000, rec.size());
        assertEquals(3000, run.outcome().samples());
        assertTrue(run.outcome().cutoffEvent().isEmpty());
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> sim.run(Double.NaN, 0, Fixtures.currentCompliance(), 1, new Recorder(), null, false));
        assertThrows(NullPointerException.class, () -> sim.run(0, 0, null, 1, new Recorder(), null, false));
    }

    @Test
    void failingSinkStillLeavesTheParticleOnTheSurface() {
        SimulatedSample sample = SimulatedSample.generate(settings);
        PixelSimulator local = new PixelSimulator(settings, sample);
        RampRequest request = RampRequest.linear(0, -5, 1.2, 1e4, CutoffRule.none());
        AtomicInteger blocks = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> local.run(1e-6, 1e-6, request, 5, b -> {
            if (blocks.incrementAndGet() == 40) { // at −4.8 V, long after nucleation (η50 = 0.66 V)
                throw new IllegalStateException("storage full");
            }
        }, null, true));
        assertEquals(1, sample.particleCount());
    }
}
