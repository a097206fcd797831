package org.onset.benchmarks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Reference values: SciPy 1.17 (scipy.stats.ks_2samp for D, scipy.special.kolmogorov for Q(λ)). */
class KolmogorovSmirnovTest {

    @Test
    void kolmogorovsDistributionMatchesTheReference() {
        assertEquals(0.999999999999495, KolmogorovSmirnov.survival(0.2), 1e-12);
        assertEquals(0.9639452436648751, KolmogorovSmirnov.survival(0.5), 1e-12);
        assertEquals(0.26999967167735456, KolmogorovSmirnov.survival(1.0), 1e-12);
        assertEquals(0.049485876755377876, KolmogorovSmirnov.survival(1.36), 1e-12);
        assertEquals(0.0006709252557796953, KolmogorovSmirnov.survival(2.0), 1e-15);
        assertEquals(1, KolmogorovSmirnov.survival(0), 0);
    }

    @Test
    void twoSamplesGiveTheReferenceStatisticAndP() {
        double[] x = { 0.61, 0.29, 0.06, 0.59, -1.73, -0.74, 0.51, -0.56, 0.39, 1.64, 0.05, -0.06, 0.64, -0.82, 0.37,
                1.77, 1.09, -1.28, 2.36, 1.31, 1.05, -0.32, -0.4, 1.06, -2.47 };
        double[] y = { 2.2, 1.66, 1.38, 0.2, 0.36, 0, 0.96, 1.56, 0.44, 1.5, -0.3, 0.66, 2.31, 3.29, -0.27, -0.37, 0.38,
                0.7, 0.52, -0.71, 1.58, 0.66, 0.93, 1.1, 1.2, 2.9, 1.05 };
        KolmogorovSmirnov ks = KolmogorovSmirnov.test(x, y);
        assertEquals(0.3496296296296296, ks.d(), 1e-12);
        assertEquals(0.08370241949166016, ks.p(), 1e-10);
        assertEquals(ks.d(), KolmogorovSmirnov.test(y, x).d(), 0, "symmetric");
    }

    @Test
    void tiedValuesMoveBothDistributionsTogether() {
        KolmogorovSmirnov ks = KolmogorovSmirnov.test(new double[] { 1, 1, 2, 2, 3, 3, 3, 4 },
                new double[] { 2, 3, 3, 4, 4, 5, 5, 5, 6 });
        assertEquals(0.5416666666666666, ks.d(), 1e-12);
        assertEquals(0.16650580033874085, ks.p(), 1e-10);
        KolmogorovSmirnov same = KolmogorovSmirnov.test(new double[] { 1, 2, 3 }, new double[] { 3, 2, 1 });
        assertEquals(0, same.d(), 0);
        assertEquals(1, same.p(), 0);
    }
}
