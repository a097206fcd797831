package org.onset.benchmarks.internal;

import java.util.Arrays;

/**
 * Two-sample Kolmogorov–Smirnov test with the asymptotic p-value (Kolmogorov's limiting
 * distribution at λ = D·√(n·m/(n+m))), adequate for the thousands of onsets of a map. Written here
 * because the target platform has no statistics library and one function did not justify adding one.
 *
 * @param d statistic: the largest distance between the two empirical distribution functions
 * @param p probability of a distance at least {@code d} when both samples come from one distribution
 */
record KolmogorovSmirnov(double d, double p, int n, int m) {

    static KolmogorovSmirnov test(double[] x, double[] y) {
        if (x.length == 0 || y.length == 0) {
            throw new IllegalArgumentException("both samples need values (got " + x.length + " and " + y.length + ")");
        }
        double[] a = x.clone();
        double[] b = y.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        int i = 0;
        int j = 0;
        double d = 0;
        // walk the merged values; tied values advance both functions together before comparing
        while (i < a.length && j < b.length) {
            double v = Math.min(a[i], b[j]);
            while (i < a.length && a[i] == v) {
                i++;
            }
            while (j < b.length && b[j] == v) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / a.length - (double) j / b.length));
        }
        double en = (double) a.length * b.length / (a.length + b.length);
        return new KolmogorovSmirnov(d, survival(Math.sqrt(en) * d), a.length, b.length);
    }

    /** Q(λ) = P(K > λ) of Kolmogorov's distribution, each of its two series where it converges fast. */
    static double survival(double lambda) {
        if (lambda <= 0) {
            return 1;
        }
        if (lambda < 1.18) {
            // P(K ≤ λ) = √(2π)/λ · Σ exp(−(2k−1)²π²/(8λ²))
            double sum = 0;
            for (int k = 1; k <= 20; k++) {
                double t = (2 * k - 1) * Math.PI / lambda;
                sum += Math.exp(-t * t / 8);
            }
            return Math.max(0, 1 - Math.sqrt(2 * Math.PI) / lambda * sum);
        }
        // Q(λ) = 2 Σ (−1)^(k−1) exp(−2k²λ²)
        double sum = 0;
        for (int k = 1; k <= 100; k++) {
            double term = Math.exp(-2.0 * k * k * lambda * lambda);
            sum += (k % 2 == 1 ? term : -term);
            if (term < 1e-17) {
                break;
            }
        }
        return Math.min(1, 2 * sum);
    }
}
