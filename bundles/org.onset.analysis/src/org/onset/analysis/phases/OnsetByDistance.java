package org.onset.analysis.phases;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Onset bias against the distance to the nearest AlPO4 boundary: the nucleated LICGC pixels in
 * bins of distance, each with the median onset and a bootstrap 95 % interval of that median
 * (percentile method, seeded: the same data give the same interval).
 */
public final class OnsetByDistance {

    /** Default seed of the bootstrap; the system property {@code onset.bootstrap.seed} changes it. */
    public static final long DEFAULT_SEED = 20130416L;

    private OnsetByDistance() {
    }

    /**
     * One bin.
     *
     * @param from   lower edge, m (inclusive)
     * @param to     upper edge, m (exclusive)
     * @param pixels nucleated pixels in the bin
     * @param median median onset bias, V (NaN without pixels)
     * @param low    2.5 % bootstrap quantile of the median, V
     * @param high   97.5 % bootstrap quantile of the median, V
     */
    public record Bin(double from, double to, int pixels, double median, double low, double high) {
    }

    /**
     * @param distance  per pixel, distance to the AlPO4 boundary, m (≤ 0: inside AlPO4, skipped)
     * @param onsetBias per pixel, onset bias, V (NaN: not nucleated, skipped)
     * @param binWidth  m
     * @param maximum   last bin ends at or after this distance, m; farther pixels go to the last bin
     * @param resamples bootstrap resamples per bin
     */
    public static List<Bin> bins(double[] distance, double[] onsetBias, double binWidth, double maximum, int resamples,
            long seed) {
        if (distance.length != onsetBias.length) {
            throw new IllegalArgumentException("distance and onset need one value per pixel: " + distance.length + " and "
                    + onsetBias.length);
        }
        if (!(binWidth > 0) || !(maximum > 0) || resamples < 1) {
            throw new IllegalArgumentException("bins need a width > 0 m, a maximum > 0 m and >= 1 resample");
        }
        int count = (int) Math.ceil(maximum / binWidth);
        List<List<Double>> values = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            values.add(new ArrayList<>());
        }
        for (int k = 0; k < distance.length; k++) {
            if (distance[k] > 0 && Double.isFinite(onsetBias[k])) {
                int b = Double.isInfinite(distance[k]) ? count - 1 : Math.min(count - 1, (int) (distance[k] / binWidth));
                values.get(b).add(onsetBias[k]);
            }
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Bin> out = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            double[] v = values.get(b).stream().mapToDouble(Double::doubleValue).toArray();
            double to = b == count - 1 ? Double.POSITIVE_INFINITY : (b + 1) * binWidth;
            if (v.length == 0) {
                out.add(new Bin(b * binWidth, to, 0, Double.NaN, Double.NaN, Double.NaN));
                continue;
            }
            double[] medians = new double[resamples];
            double[] draw = new double[v.length];
            for (int r = 0; r < resamples; r++) {
                for (int m = 0; m < v.length; m++) {
                    draw[m] = v[rnd.nextInt(v.length)];
                }
                medians[r] = median(draw);
            }
            Arrays.sort(medians);
            out.add(new Bin(b * binWidth, to, v.length, median(v), medians[(int) Math.floor(0.025 * (resamples - 1))],
                    medians[(int) Math.ceil(0.975 * (resamples - 1))]));
        }
        return out;
    }

    /** The bootstrap seed: {@code onset.bootstrap.seed} when set, else {@link #DEFAULT_SEED}. */
    public static long seed() {
        return Long.getLong("onset.bootstrap.seed", DEFAULT_SEED);
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }
}
