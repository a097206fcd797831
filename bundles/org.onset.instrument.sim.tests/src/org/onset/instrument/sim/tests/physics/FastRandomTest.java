package org.onset.instrument.sim.tests.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.onset.instrument.sim.engine.FastRandom;

/** The ziggurat must give a real standard normal distribution, tails included. */
class FastRandomTest {

    private static final int N = 2_000_000;

    @Test
    void gaussianHasNormalMomentsAndTails() {
        FastRandom r = new FastRandom(42);
        double sum = 0;
        double sum2 = 0;
        double sum4 = 0;
        int beyond1 = 0;
        int beyond2 = 0;
        int beyond3 = 0;
        int beyond4 = 0;
        for (int k = 0; k < N; k++) {
            double g = r.nextGaussian();
            sum += g;
            sum2 += g * g;
            sum4 += g * g * g * g;
            double a = Math.abs(g);
            beyond1 += a > 1 ? 1 : 0;
            beyond2 += a > 2 ? 1 : 0;
            beyond3 += a > 3 ? 1 : 0;
            beyond4 += a > 4 ? 1 : 0; // only reachable through the tail algorithm (start 3.65)
        }
        assertEquals(0, sum / N, 0.003);
        assertEquals(1, sum2 / N, 0.004);
        assertEquals(3, sum4 / N, 0.03); // kurtosis of a normal
        // two-sided tail probabilities of N(0,1), within ~5 standard errors of the counts
        assertEquals(0.317311, (double) beyond1 / N, 0.0017);
        assertEquals(0.0455003, (double) beyond2 / N, 0.0008);
        assertEquals(0.0026998, (double) beyond3 / N, 0.00019);
        assertEquals(6.3342e-5, (double) beyond4 / N, 3e-5);
    }

    @Test
    void gaussianCdfMatchesOnAFineGrid() {
        // Kolmogorov–Smirnov distance on a binned CDF: catches a wrong layer table anywhere
        FastRandom r = new FastRandom(7);
        int bins = 800;
        double lo = -4;
        double width = 8.0 / bins;
        long[] counts = new long[bins + 2];
        for (int k = 0; k < N; k++) {
            double g = r.nextGaussian();
            int b = g < lo ? 0 : Math.min(bins + 1, 1 + (int) ((g - lo) / width));
            counts[b]++;
        }
        long cumulative = counts[0];
        double worst = 0;
        for (int b = 1; b <= bins; b++) {
            cumulative += counts[b];
            double x = lo + b * width;
            worst = Math.max(worst, Math.abs((double) cumulative / N - normalCdf(x)));
        }
        // critical KS distance at 1 % for N = 2e6 is 1.63/sqrt(N) = 0.00115
        assertTrue(worst < 0.00115, "KS distance " + worst);
    }

    @Test
    void exponentialHasMeanOneAndStreamsAreReproducible() {
        FastRandom r = new FastRandom(3);
        double sum = 0;
        int n = 400_000;
        for (int k = 0; k < n; k++) {
            sum += r.nextExponential();
        }
        assertEquals(1, sum / n, 0.01);
        assertEquals(new FastRandom(9).nextLong(), new FastRandom(9).nextLong());
        assertNotEquals(new FastRandom(9).nextLong(), new FastRandom(10).nextLong());
    }

    /** Φ(x) through erfc by a continued fraction / series accurate to ~1e-9 (enough here). */
    static double normalCdf(double x) {
        return 0.5 * erfc(-x / Math.sqrt(2));
    }

    private static double erfc(double z) {
        if (z < 0) {
            return 2 - erfc(-z);
        }
        if (z < 2) {
            // Maclaurin series of erf
            double sum = 0;
            double term = z;
            for (int n = 0; n < 60; n++) {
                sum += term / (2 * n + 1);
                term *= -z * z / (n + 1);
            }
            return 1 - 2 / Math.sqrt(Math.PI) * sum;
        }
        // Lentz-free continued fraction evaluated backwards
        double f = 0;
        for (int k = 60; k >= 1; k--) {
            f = k / 2.0 / (z + f);
        }
        return Math.exp(-z * z) / Math.sqrt(Math.PI) / (z + f);
    }
}
