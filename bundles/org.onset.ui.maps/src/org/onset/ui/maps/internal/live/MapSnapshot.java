package org.onset.ui.maps.internal.live;

import java.nio.file.Path;
import java.util.BitSet;
import java.util.Map;

import org.onset.instrument.api.TopographyImage;
import org.onset.map.api.Grid;

/**
 * The scalars of a map at one instant, per storage index ({@link Grid#index(int, int)}): what the
 * map views draw. Unmeasured pixels are NaN (rules: null). Immutable by convention: nobody writes
 * into the arrays after the snapshot was taken.
 *
 * @param file         the map file, null when there is none (yet)
 * @param grid         the map's grid
 * @param onsetBias    V, NaN where no rule fired or not measured
 * @param currentAtEnd A
 * @param heightChange m
 * @param rules        rule that fired per pixel ({@link org.onset.map.api.RuleNames}), null where not measured
 * @param done         measured pixels
 * @param topography   topography images by name ("before", "after"), possibly empty
 * @param version      grows with every change of the map it was taken from
 */
public record MapSnapshot(Path file, Grid grid, double[] onsetBias, double[] currentAtEnd, double[] heightChange,
        String[] rules, BitSet done, Map<String, TopographyImage> topography, long version) {

    public int measured() {
        return done.cardinality();
    }
}
