package org.onset.plot;

import org.onset.plot.internal.Limits;

/**
 * How a figure chooses the values at the ends of its colour bar from the data. NaN and infinite
 * values are ignored; data with no finite value gives [0, 1], constant data a small range around the
 * value (see {@link Range#around}).
 */
@FunctionalInterface
public interface ColorLimits {

    /** The colour range for these values. */
    Range of(double[] values);

    /** Smallest to largest finite value. */
    static ColorLimits minMax() {
        return Limits.MIN_MAX;
    }

    /**
     * Between two percentiles (0–100, linear interpolation between order statistics), so a few outliers
     * take the end colours instead of squeezing everything else into the middle.
     */
    static ColorLimits percentiles(double low, double high) {
        return new Limits.Percentiles(low, high);
    }

    /** The 2nd to the 98th percentile. */
    static ColorLimits percentiles2to98() {
        return percentiles(2, 98);
    }

    /** Symmetric about 0: ± the largest finite |value|, for signed data on a diverging map. */
    static ColorLimits symmetric() {
        return Limits.SYMMETRIC;
    }

    /** Always these limits, whatever the data (to compare several maps on one scale). */
    static ColorLimits fixed(double lo, double hi) {
        Range r = new Range(lo, hi);
        return values -> r;
    }
}
