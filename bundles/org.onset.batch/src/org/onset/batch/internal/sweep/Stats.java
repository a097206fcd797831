package org.onset.batch.internal.sweep;

import java.util.Arrays;

/** Order statistics of the finite values of an array. */
final class Stats {
    private Stats() {
    }

    static double[] finiteSorted(double[] values) {
        return Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
    }

    /**
     * Percentile {@code p} (0 … 100) of sorted values with linear interpolation between closest
     * ranks (the default of numpy), NaN for no values.
     */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double rank = p / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
    }

    static double median(double[] sorted) {
        return percentile(sorted, 50);
    }
}
