package org.onset.sweep.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.onset.instrument.api.CutoffRule;
import org.onset.instrument.api.RampSegment;
import org.onset.map.api.Grid;
import org.onset.sweep.api.MapRecipe;
import org.onset.sweep.api.MapRecipe.Ramp;
import org.onset.sweep.api.PixelOrder;
import org.junit.jupiter.api.Test;

class MapEstimatorTest {

    static MapRecipe paper(int n, PixelOrder order, CutoffRule cutoff, Ramp ramp, boolean topography) {
        return new MapRecipe("t", "sim", new Grid(n, n, 300e-9, 300e-9, 20e-9, 20e-9), order, 0, ramp, cutoff, 0.1,
                10_000, new MapRecipe.SafetyLimits(-5, 1, 5, 10), new MapRecipe.TopographyPlan(topography, topography));
    }

    @Test
    void thePapersCurrentControlMapTakesAboutFourHoursOfInstrumentTime() {
        MapEstimate e = MapEstimator.estimate(
                paper(70, PixelOrder.SERPENTINE, CutoffRule.current(-10e-12), Ramp.linear(0, -4.2, 1.2), true),
                StageTiming.SIMULATOR, -3.7);
        assertEquals(4900, e.pixels());
        assertEquals(3.7 / 1.2, e.rampSecondsExpected(), 1e-12);
        assertEquals(3.5, e.rampSecondsWorst(), 1e-12);
        assertEquals(490, e.settleSeconds(), 1e-9);
        // serpentine: 70 rows of 69 hops of 20 nm and 69 row changes of 20 nm at 2 µm/s, plus 10 ms per move
        assertEquals(4900 * 0.01 + (70 * 69 + 69) * 20e-9 / 2e-6, e.moveSeconds(), 1e-9);
        assertEquals(2 * 70 * 0.02, e.topographySeconds(), 1e-12);
        assertEquals(4900 * 3.7 / 1.2 + 490 + e.moveSeconds() + 2.8, e.instrumentSecondsExpected(), 1e-6);
        assertEquals("4 h 21 min", MapEstimate.duration(e.instrumentSecondsExpected()));
    }

    @Test
    void withoutCutoffTheRampsRunToTheirEnd() {
        MapEstimate e = MapEstimator.estimate(
                paper(5, PixelOrder.RASTER, CutoffRule.none(), Ramp.linear(0, -5, 1.2), false), StageTiming.SIMULATOR,
                -3.7);
        assertEquals(e.rampSecondsWorst(), e.rampSecondsExpected(), 0);
        assertEquals(e.bytesWorst(), e.bytesExpected());
        assertEquals(0, e.topographySeconds(), 0);
    }

    @Test
    void timeUntilABiasFollowsTheSegmentsAndHolds() {
        Ramp r = new Ramp(0, List.of(new RampSegment(-2, 2, 1), new RampSegment(-4, 0.5, 0), new RampSegment(0, 4, 0)));
        assertEquals(0.5, MapEstimator.secondsUntil(r, -1), 1e-12);
        assertEquals(1 + 1 + 2, MapEstimator.secondsUntil(r, -3), 1e-12);
        assertEquals(r.durationSeconds(), MapEstimator.secondsUntil(r, -4.5), 1e-12); // never reached
        assertEquals(0, MapEstimator.secondsUntil(r, 0), 0);
    }

    @Test
    void stageTimingComesFromTheInstrumentSettings() {
        StageTiming t = StageTiming.fromSettings(Map.of("move.speed", 1e-5, "move.overhead", "0.5", "other", 1),
                StageTiming.SIMULATOR);
        assertEquals(new StageTiming(1e-5, 0.5, 0.02), t);
    }
}
