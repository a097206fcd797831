package org.onset.analysis;

/**
 * Median and the 5th and 95th percentiles of a quantity (see {@link Percentiles}), in the
 * quantity's unit; NaN when there were no values.
 */
public record Spread(double median, double p05, double p95) {

    /** Of any values; non-finite ones are left out. */
    public static Spread of(double[] values) {
        double[] sorted = Percentiles.finiteSorted(values);
        return new Spread(Percentiles.median(sorted), Percentiles.percentile(sorted, 5),
                Percentiles.percentile(sorted, 95));
    }
}
