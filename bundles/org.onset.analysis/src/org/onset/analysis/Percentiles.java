package org.onset.analysis;

import java.util.Arrays;

/**
 * Order statistics of the finite values of an array, the way numpy computes them (linear
 * interpolation between closest ranks, numpy's default), so that figures agree with a check in
 * Python. Pure functions: no state.
 */
public final class Percentiles {

    private Percentiles() {
    }

    /** The finite values (no NaN, no ±∞), sorted ascending. */
    public static double[] finiteSorted(double[] values) {
        return Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
    }

    /**
     * Percentile {@code p} (0 … 100) of values sorted ascending, interpolating linearly between
     * closest ranks; NaN for no values.
     *
     * @throws IllegalArgumentException when p is not within 0 … 100
     */
    public static double percentile(double[] sorted, double p) {
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("a percentile must be within 0 … 100, got " + p);
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double rank = p / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The 50th percentile of values sorted ascending; NaN for no values. */
    public static double median(double[] sorted) {
        return percentile(sorted, 50);
    }
}
