package org.onset.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.onset.instrument.api.CutoffRule;
import org.onset.instrument.api.RampOutcome.Termination;
import org.onset.map.api.Grid;
import org.onset.map.api.RuleNames;

/** The per-map statistics on a hand-made 3 × 2 map whose figures can be worked out by hand. */
class MapStatisticsTest {

    private static final double NaN = Double.NaN;
    private static final Grid GRID = new Grid(3, 2, 0, 0, 20e-9, 20e-9);
    private static final PixelOutcome C = PixelOutcome.CURRENT_RULE;
    private static final PixelOutcome H = PixelOutcome.HEIGHT_RULE;

    // pixel:                                  0       1      2                    3          4                         5
    private static final PixelOutcome[] OUT = { C, H, PixelOutcome.COMPLETED, C, PixelOutcome.FAULT, PixelOutcome.NOT_MEASURED };
    private static final double[] ONSET = { -3.0, -3.5, NaN, -4.0, NaN, NaN };
    private static final double[] CURRENT = { -4e-11, -2e-11, -1e-12, -6e-11, NaN, NaN };
    private static final double[] HEIGHT = { 1e-9, 11e-9, 0, 2e-9, NaN, NaN };

    private static PhaseMap phases() {
        return new PhaseMap(GRID, new String[] { PhaseMap.MATRIX, PhaseMap.BOUNDARY, PhaseMap.ALPO4, PhaseMap.MATRIX,
                PhaseMap.MATRIX, PhaseMap.BOUNDARY }, "by hand", "this test");
    }

    @Test
    void nucleatedFractionAndOnsetCountOnlyMeasuredPixels() {
        MapStatistics s = MapStatistics.of(GRID, OUT, ONSET, CURRENT, HEIGHT, null, null);
        assertEquals(5, s.measuredPixels());
        assertEquals(1, s.faults());
        assertEquals(3 / 5.0, s.nucleatedFraction(), 1e-15);
        assertEquals(-3.5, s.onsetBias().median(), 1e-12);
        assertEquals(-3.05, s.onsetBias().p95(), 1e-12);
        assertEquals(-3.95, s.onsetBias().p05(), 1e-12);
        assertTrue(s.byRegion().isEmpty() && s.phaseMap().isEmpty(), "no regions without a phase map");
        assertTrue(Double.isNaN(s.currentOvershootRatio()) && Double.isNaN(s.heightOvershoot()), "no rule, no overshoot");
    }

    @Test
    void byRegionCountsMeasuredPixelsOfEachRegionThePapersThreeFirst() {
        String[] regions = phases().regions();
        regions[4] = "li-particle"; // a provider may name other regions too
        PhaseMap map = new PhaseMap(GRID, regions, "by hand", "this test");
        MapStatistics s = MapStatistics.of(GRID, OUT, ONSET, CURRENT, HEIGHT, null, map);
        assertEquals(List.of("alpo4", "boundary", "matrix", "li-particle"), List.copyOf(s.byRegion().keySet()));
        RegionStatistics matrix = s.byRegion().get(PhaseMap.MATRIX);
        assertEquals(2, matrix.pixels());
        assertEquals(1.0, matrix.nucleatedFraction());
        assertEquals(-3.5, matrix.medianOnsetBias(), 1e-12);
        RegionStatistics boundary = s.byRegion().get(PhaseMap.BOUNDARY);
        assertEquals(1, boundary.pixels(), "pixel 5 is not measured");
        assertEquals(-3.5, boundary.medianOnsetBias(), 1e-12);
        RegionStatistics alpo4 = s.byRegion().get(PhaseMap.ALPO4);
        assertEquals(1, alpo4.pixels());
        assertEquals(0.0, alpo4.nucleatedFraction());
        assertTrue(Double.isNaN(alpo4.medianOnsetBias()), "nothing nucleated on AlPO4");
        assertEquals(new RegionStatistics(1, 0.0, NaN), s.byRegion().get("li-particle"), "the faulted pixel 4");
        assertEquals("this test", s.phaseMap().orElseThrow().source());
    }

    @Test
    void aRegionWithoutMeasuredPixelsHasNoFractionButIsListed() {
        PhaseMap map = new PhaseMap(GRID, new String[] { "matrix", "matrix", "matrix", "matrix", "matrix", "alpo4" }, "d",
                "s");
        RegionStatistics alpo4 = MapStatistics.of(GRID, OUT, ONSET, CURRENT, HEIGHT, null, map).byRegion().get("alpo4");
        assertEquals(0, alpo4.pixels());
        assertTrue(Double.isNaN(alpo4.nucleatedFraction()));
        assertEquals(0, MapStatistics.of(GRID, OUT, ONSET, CURRENT, HEIGHT, null, map).byRegion().get("boundary").pixels());
    }

    @Test
    void overshootOfTheCurrentAndTheHeightRuleOverThePixelsEachStopped() {
        CutoffRule rule = new CutoffRule.AnyOf(List.of(new CutoffRule.Current(-1e-11), new CutoffRule.Height(8e-9)));
        MapStatistics s = MapStatistics.of(GRID, OUT, ONSET, CURRENT, HEIGHT, rule, null);
        // current rule stopped pixels 0 and 3: ratios 4 and 6
        assertEquals(5.0, s.currentOvershootRatio(), 1e-12);
        // height rule stopped pixel 1: 11 nm - 8 nm
        assertEquals(3e-9, s.heightOvershoot(), 1e-18);
        MapStatistics currentOnly = MapStatistics.of(GRID, OUT, ONSET, CURRENT, HEIGHT, new CutoffRule.Current(-1e-11),
                null);
        assertEquals(5.0, currentOnly.currentOvershootRatio(), 1e-12);
        assertTrue(Double.isNaN(currentOnly.heightOvershoot()), "no height threshold");
    }

    @Test
    void outcomesFollowTerminationAndRule() {
        assertEquals(PixelOutcome.NOT_MEASURED, PixelOutcome.of(null, null));
        assertEquals(PixelOutcome.HEIGHT_RULE, PixelOutcome.of(Termination.CUTOFF, RuleNames.HEIGHT));
        assertEquals(PixelOutcome.CURRENT_RULE, PixelOutcome.of(Termination.CUTOFF, RuleNames.CURRENT));
        assertEquals(PixelOutcome.COMPLETED, PixelOutcome.of(Termination.COMPLETED, RuleNames.NONE));
        assertEquals(PixelOutcome.FAULT, PixelOutcome.of(Termination.ABORTED, RuleNames.NONE));
        assertEquals(PixelOutcome.FAULT, PixelOutcome.of(Termination.FAULT, RuleNames.NONE));
    }

    @Test
    void arraysOrAPhaseMapThatDoNotFitTheGridAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MapStatistics.of(GRID, OUT, new double[5], CURRENT, HEIGHT, null, null));
        assertTrue(e.getMessage().contains("onset bias") && e.getMessage().contains("6"), e.getMessage());
        PhaseMap other = new PhaseMap(new Grid(2, 3, 0, 0, 20e-9, 20e-9), new String[6], "d", "s");
        assertThrows(IllegalArgumentException.class, () -> MapStatistics.of(GRID, OUT, ONSET, CURRENT, HEIGHT, null, other));
        assertThrows(IllegalArgumentException.class, () -> new PhaseMap(GRID, new String[5], "d", "s"));
        assertThrows(IllegalArgumentException.class, () -> new PhaseMap(GRID, new String[6], " ", "s"));
        assertThrows(IllegalArgumentException.class,
                () -> new PhaseMap(GRID, new String[] { "", null, null, null, null, null }, "d", "s"));
    }
}
