package org.onset.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ColorLimitsTest {
    private static final double NaN = Double.NaN;

    @Test
    void minMaxIgnoresNaNAndInfinity() {
        assertEquals(new Range(-1, 3),
                ColorLimits.minMax().of(new double[] { NaN, 3, -1, Double.POSITIVE_INFINITY, 2, NaN }));
    }

    @Test
    void percentilesCutOutliers() {
        double[] v = new double[101 + 20];
        for (int k = 0; k <= 100; k++) {
            v[k] = k;
        }
        for (int k = 101; k < v.length; k++) {
            v[k] = NaN;
        }
        v[0] = -1e6; // an outlier must not stretch the colour bar
        Range r = ColorLimits.percentiles2to98().of(v);
        assertEquals(2, r.lo(), 1e-12);
        assertEquals(98, r.hi(), 1e-12);
        Range half = ColorLimits.percentiles(25, 75).of(new double[] { 4, NaN, 1, 3, 2, 5 });
        assertEquals(new Range(2, 4), half);
        // interpolated between order statistics
        assertEquals(1.5, ColorLimits.percentiles(12.5, 100).of(new double[] { 1, 2, 3, 4, 5 }).lo(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> ColorLimits.percentiles(98, 2));
    }

    @Test
    void symmetricAboutZero() {
        assertEquals(new Range(-3, 3), ColorLimits.symmetric().of(new double[] { -1, NaN, 3, 0.5 }));
        assertEquals(new Range(-7, 7), ColorLimits.symmetric().of(new double[] { -7, -2 }));
        assertEquals(new Range(-1, 1), ColorLimits.symmetric().of(new double[] { 0, NaN }));
    }

    @Test
    void degenerateData() {
        double[] none = { NaN, NaN };
        assertEquals(new Range(0, 1), ColorLimits.minMax().of(none));
        assertEquals(new Range(0, 1), ColorLimits.percentiles2to98().of(none));
        assertEquals(new Range(0, 1), ColorLimits.minMax().of(new double[0]));
        Range constant = ColorLimits.minMax().of(new double[] { 5, 5, NaN });
        assertEquals(4.95, constant.lo(), 1e-12);
        assertEquals(5.05, constant.hi(), 1e-12);
        assertEquals(new Range(-2, 9), ColorLimits.fixed(-2, 9).of(new double[] { 100 }));
        assertThrows(IllegalArgumentException.class, () -> new Range(1, 1));
    }
}
