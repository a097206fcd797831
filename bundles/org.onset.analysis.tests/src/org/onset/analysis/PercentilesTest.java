package org.onset.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PercentilesTest {
    @Test
    void percentilesInterpolateBetweenRanksLikeNumpy() {
        double[] s = Percentiles.finiteSorted(new double[] { 4, Double.NaN, 1, 3, 2, Double.POSITIVE_INFINITY });
        assertArrayEquals(new double[] { 1, 2, 3, 4 }, s);
        assertEquals(2.5, Percentiles.median(s));
        assertEquals(1.15, Percentiles.percentile(s, 5), 1e-12); // numpy.percentile([1,2,3,4], 5)
        assertEquals(3.85, Percentiles.percentile(s, 95), 1e-12);
        assertEquals(1, Percentiles.percentile(s, 0));
        assertEquals(4, Percentiles.percentile(s, 100));
        assertEquals(7, Percentiles.median(new double[] { 7 }));
        assertTrue(Double.isNaN(Percentiles.median(new double[0])));
    }

    @Test
    void aSpreadLeavesOutNonFiniteValues() {
        Spread s = Spread.of(new double[] { Double.NaN, -3, -1, -2, Double.NEGATIVE_INFINITY, -4 });
        assertEquals(-2.5, s.median(), 1e-12);
        assertEquals(-3.85, s.p05(), 1e-12);
        assertEquals(-1.15, s.p95(), 1e-12);
        Spread none = Spread.of(new double[] { Double.NaN });
        assertTrue(Double.isNaN(none.median()) && Double.isNaN(none.p05()) && Double.isNaN(none.p95()));
    }

    @Test
    void aPercentileOutsideZeroToHundredIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Percentiles.percentile(new double[] { 1 }, 101));
        assertTrue(e.getMessage().contains("0 … 100"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Percentiles.percentile(new double[] { 1 }, Double.NaN));
    }
}
