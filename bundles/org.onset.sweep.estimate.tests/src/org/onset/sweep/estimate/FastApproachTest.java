package org.onset.sweep.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.onset.instrument.api.RampSegment;
import org.onset.sweep.api.MapRecipe.Ramp;
import org.junit.jupiter.api.Test;

class FastApproachTest {

    private static final Ramp PAPER = Ramp.linear(0, -4.2, 1.2);

    @Test
    void theApproachReplacesTheSlowStartAndSavesItsTime() {
        FastApproach f = new FastApproach(-2.8, 5);
        Ramp fast = f.applyTo(PAPER);
        assertEquals(List.of(new RampSegment(-2.8, 5, 0), new RampSegment(-4.2, 1.2, 0)), fast.segments());
        assertEquals(3.5, PAPER.durationSeconds(), 1e-12);
        assertEquals(2.8 / 5 + 1.4 / 1.2, fast.durationSeconds(), 1e-12);
        assertEquals(2.8 / 1.2 - 2.8 / 5, f.savedSecondsPerPixel(PAPER), 1e-12);
        // the bias at which the measuring rate takes over is reached sooner; beyond it the time is the same
        assertEquals(MapEstimator.secondsUntil(PAPER, -3.7) - f.savedSecondsPerPixel(PAPER),
                MapEstimator.secondsUntil(fast, -3.7), 1e-12);
    }

    @Test
    void aRampWithAnApproachIsRecognizedAndItsMeasuringRampRecovered() {
        FastApproach f = new FastApproach(-2.8, 5);
        Ramp fast = f.applyTo(PAPER);
        assertEquals(f, FastApproach.of(fast).orElseThrow());
        assertEquals(PAPER, FastApproach.measuringRamp(fast));
        assertTrue(FastApproach.of(PAPER).isEmpty());
        // a hold-and-return programme (either-rule-random.json) is no approach
        Ramp back = new Ramp(0, List.of(new RampSegment(-4.2, 1.2, 0), new RampSegment(-4.2, 1.2, 0.5),
                new RampSegment(0, 4, 0)));
        assertTrue(FastApproach.of(back).isEmpty());
        assertEquals(back, FastApproach.measuringRamp(back));
    }

    @Test
    void anApproachPastTheThermodynamicOnsetOrSlowerThanTheRampIsRefused() {
        List<String> past = new FastApproach(-3.2, 5).problems(PAPER);
        assertEquals(1, past.size(), past.toString());
        assertTrue(past.get(0).contains("thermodynamic onset"), past.get(0));
        List<String> slow = new FastApproach(-2.8, 1.0).problems(PAPER);
        assertTrue(slow.get(0).contains("faster than the measuring rate 1.20 V/s"), slow.toString());
        List<String> wrongSide = new FastApproach(+2.8, 5).problems(PAPER);
        assertTrue(wrongSide.get(0).contains("between the ramp's start"), wrongSide.toString());
        assertThrows(IllegalArgumentException.class, () -> new FastApproach(-3.5, 5).applyTo(PAPER));
        assertFalse(FastApproach.proposed(-1, 5).problems(PAPER).size() > 0);
        assertEquals(-2.8, FastApproach.proposed(-1, 5).approachVolts(), 1e-12);
    }
}
