package org.onset.analysis.phases;

import java.util.Arrays;

/**
 * The Mann–Whitney U (Wilcoxon rank-sum) test of two samples: U of the first sample, the
 * two-sided p-value from the normal approximation with the tie correction and a continuity
 * correction (fine for the hundreds of pixels a map gives; both samples need ≥ 8 values).
 *
 * @param u       U of sample a: pairs (a, b) with a > b, ties counting ½
 * @param z       standard score of U
 * @param p       two-sided p-value
 * @param na      size of sample a
 * @param nb      size of sample b
 */
public record RankSum(double u, double z, double p, int na, int nb) {

    /** The smallest sample for which the normal approximation is used. */
    public static final int MINIMUM_SAMPLE = 8;

    /**
     * @throws IllegalArgumentException when a sample has fewer than {@link #MINIMUM_SAMPLE} finite values
     */
    public static RankSum test(double[] a, double[] b) {
        double[] x = Arrays.stream(a).filter(Double::isFinite).toArray();
        double[] y = Arrays.stream(b).filter(Double::isFinite).toArray();
        if (x.length < MINIMUM_SAMPLE || y.length < MINIMUM_SAMPLE) {
            throw new IllegalArgumentException("the Mann–Whitney test needs at least " + MINIMUM_SAMPLE
                    + " values in each sample, got " + x.length + " and " + y.length);
        }
        int n = x.length + y.length;
        double[] all = new double[n];
        boolean[] fromA = new boolean[n];
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            all[k] = k < x.length ? x[k] : y[k - x.length];
            fromA[k] = k < x.length;
            order[k] = k;
        }
        Arrays.sort(order, (p, q) -> Double.compare(all[p], all[q]));
        double rankSumA = 0;
        double tieTerm = 0;
        for (int s = 0; s < n;) {
            int e = s;
            while (e + 1 < n && all[order[e + 1]] == all[order[s]]) {
                e++;
            }
            double rank = 0.5 * (s + e) + 1; // mean rank of the tied run, ranks from 1
            int t = e - s + 1;
            tieTerm += (double) t * t * t - t;
            for (int k = s; k <= e; k++) {
                if (fromA[order[k]]) {
                    rankSumA += rank;
                }
            }
            s = e + 1;
        }
        double na = x.length;
        double nb = y.length;
        double u = rankSumA - na * (na + 1) / 2;
        double mean = na * nb / 2;
        double variance = na * nb / 12 * ((n + 1) - tieTerm / ((double) n * (n - 1)));
        if (!(variance > 0)) {
            return new RankSum(u, 0, 1, x.length, y.length); // every value equal: no evidence of a difference
        }
        double z = (Math.abs(u - mean) - 0.5) / Math.sqrt(variance);
        z = Math.max(0, z) * Math.signum(u - mean);
        double p = Math.min(1, 2 * upperTail(Math.abs(z)));
        return new RankSum(u, z, p, x.length, y.length);
    }

    /** P(Z > z) of the standard normal distribution (erfc by a Chebyshev fit, relative error < 1.2e-7). */
    static double upperTail(double z) {
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    private static double erfc(double x) {
        double t = 1 / (1 + 0.5 * Math.abs(x));
        double r = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                        + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
