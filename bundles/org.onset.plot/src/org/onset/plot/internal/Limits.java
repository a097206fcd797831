package org.onset.plot.internal;

import java.util.Arrays;

import org.onset.plot.ColorLimits;
import org.onset.plot.Range;

/** The colour-limit policies behind {@link ColorLimits}. */
public final class Limits {

    public static final ColorLimits MIN_MAX = values -> {
        double[] f = finiteSorted(values);
        return f.length == 0 ? new Range(0, 1) : Range.around(f[0], f[f.length - 1]);
    };

    public static final ColorLimits SYMMETRIC = values -> {
        double m = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m > 0 ? new Range(-m, m) : new Range(-1, 1);
    };

    private Limits() {
    }

    /** Between two percentiles of the finite values. */
    public record Percentiles(double low, double high) implements ColorLimits {
        public Percentiles {
            if (!(low >= 0 && low < high && high <= 100)) {
                throw new IllegalArgumentException("percentiles need 0 <= low < high <= 100, got " + low + ", " + high);
            }
        }

        @Override
        public Range of(double[] values) {
            double[] f = finiteSorted(values);
            return f.length == 0 ? new Range(0, 1) : Range.around(percentile(f, low), percentile(f, high));
        }
    }

    /** p-th percentile (0–100) of sorted finite values, interpolating linearly between neighbours. */
    public static double percentile(double[] sorted, double p) {
        double pos = p / 100 * (sorted.length - 1);
        int k = (int) Math.floor(pos);
        if (k >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        return sorted[k] + (pos - k) * (sorted[k + 1] - sorted[k]);
    }

    public static double[] finiteSorted(double[] values) {
        double[] f = Arrays.stream(values).filter(Double::isFinite).toArray();
        Arrays.sort(f);
        return f;
    }
}
