package org.onset.sweep.api;

/** The order in which the pixels of a map are visited. */
public enum PixelOrder {
    /** Row by row, each row from i = 0 to nx − 1 (the order of a page of text). */
    RASTER,
    /** Row by row, odd rows backwards, so the tip never flies back across the map. */
    SERPENTINE,
    /**
     * A pseudo-random permutation drawn from {@link MapRecipe#orderSeed()}: neighbouring pixels are
     * measured far apart in time, so drift and tip wear do not masquerade as spatial structure.
     */
    RANDOM
}
