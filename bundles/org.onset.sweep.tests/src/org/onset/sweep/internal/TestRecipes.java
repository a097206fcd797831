package org.onset.sweep.internal;

import org.onset.instrument.api.CutoffRule;
import org.onset.sweep.api.MapRecipe;
import org.onset.map.api.Grid;
import org.onset.sweep.api.MapRecipe.Ramp;
import org.onset.sweep.api.MapRecipe.SafetyLimits;
import org.onset.sweep.api.MapRecipe.TopographyPlan;
import org.onset.sweep.api.PixelOrder;

/** Small recipes for the tests: short ramps so that a map takes well under a second. */
final class TestRecipes {
    static final double SPACING = 20e-9;

    private TestRecipes() {
    }

    /** nx × ny at 20 nm from the origin, 0 → −4.2 V at 42 V/s (0.1 s), 2 kHz, cutoff −10 pA. */
    static MapRecipe small(String instrument, int nx, int ny, PixelOrder order) {
        return new MapRecipe("test map", instrument, new Grid(nx, ny, 0, 0, SPACING, SPACING), order, 7,
                Ramp.linear(0, -4.2, 42), CutoffRule.current(-10e-12), 0, 2000,
                new SafetyLimits(-5, 1, 50, 0.5), new TopographyPlan(true, true));
    }
}
