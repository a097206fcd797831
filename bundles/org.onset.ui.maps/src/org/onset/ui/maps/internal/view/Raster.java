package org.onset.ui.maps.internal.view;

import java.util.List;

import org.onset.map.api.Grid;
import org.onset.map.api.RuleNames;
import org.onset.plot.Category;
import org.onset.ui.maps.internal.live.MapSnapshot;

/**
 * One map picture's data: values on a grid (x fastest, row 0 at y0), the quantity and unit of
 * the values, and for a categorical map (the rule that fired) the categories, value k = category k.
 *
 * @param title      shown above the map
 * @param quantity   what the values are, e.g. "onset bias"
 * @param unit       SI unit of the values ("" for categories)
 * @param grid       pixel centres, m
 * @param values     nx·ny values, NaN where nothing was measured
 * @param categories non-null for a categorical map
 * @param clickable  true when a pixel stands for a stored curve (the map's own grid, not topography)
 */
public record Raster(String title, String quantity, String unit, Grid grid, double[] values,
        List<Category> categories, boolean clickable) {

    /** Rule colours: current blue, height orange, none (ramp ended without a rule) grey-green. */
    public static final List<Category> RULES = List.of(new Category(RuleNames.NONE, 0x8C9C8C),
            new Category(RuleNames.CURRENT, 0x0072B2), new Category(RuleNames.HEIGHT, 0xE69F00));

    public boolean categorical() {
        return categories != null;
    }

    public static Raster onset(MapSnapshot s) {
        return new Raster("Onset bias", "onset bias", "V", s.grid(), s.onsetBias(), null, true);
    }

    public static Raster current(MapSnapshot s) {
        return new Raster("Current at end", "current at end", "A", s.grid(), s.currentAtEnd(), null, true);
    }

    public static Raster height(MapSnapshot s) {
        return new Raster("\u0394Z at end", "\u0394Z", "m", s.grid(), s.heightChange(), null, true);
    }

    public static Raster rule(MapSnapshot s) {
        String[] rules = s.rules();
        double[] codes = new double[rules.length];
        for (int k = 0; k < rules.length; k++) {
            codes[k] = Double.NaN;
            if (rules[k] != null) {
                for (int c = 0; c < RULES.size(); c++) {
                    if (RULES.get(c).label().equals(rules[k])) {
                        codes[k] = c;
                    }
                }
            }
        }
        return new Raster("Rule fired", "rule", "", s.grid(), codes, RULES, true);
    }

    /** A topography image, heights relative to their median so the colour bar reads as relief. */
    public static Raster topography(String name, org.onset.instrument.api.TopographyImage t) {
        double[] h = t.height();
        double[] sorted = java.util.Arrays.stream(h).filter(Double::isFinite).sorted().toArray();
        double median = sorted.length == 0 ? 0 : sorted[sorted.length / 2];
        double[] rel = new double[h.length];
        for (int k = 0; k < h.length; k++) {
            rel[k] = h[k] - median;
        }
        return new Raster("Topography " + name, "height", "m", Grid.of(t), rel, null, false);
    }
}
