package org.onset.batch.internal.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void percentilesInterpolateBetweenRanksLikeNumpy() {
        double[] s = Stats.finiteSorted(new double[] { 4, Double.NaN, 1, 3, 2, Double.POSITIVE_INFINITY });
        assertArrayEquals(new double[] { 1, 2, 3, 4 }, s);
        assertEquals(2.5, Stats.median(s));
        assertEquals(1.15, Stats.percentile(s, 5), 1e-12); // numpy.percentile([1,2,3,4], 5)
        assertEquals(3.85, Stats.percentile(s, 95), 1e-12);
        assertTrue(Double.isNaN(Stats.median(new double[0])));
    }

    @Test
    void progressSegmentsShowCountsEtaAndFaults() {
        var p = new org.onset.sweep.api.SweepProgress(org.onset.sweep.api.SweepState.RUNNING, 25, 100, 0, 1,
                java.time.Duration.ofSeconds(75), java.time.Duration.ofSeconds(3725), java.time.Duration.ZERO,
                java.time.Duration.ZERO, "");
        assertEquals("map [=====>              ] 25/100  25% 1:15 ETA 1:02:05 1 fault",
                ProgressBar.segment("map", p, 20));
    }
}
