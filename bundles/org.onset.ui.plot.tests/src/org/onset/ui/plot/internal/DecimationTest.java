package org.onset.ui.plot.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class DecimationTest {

    @Test
    void shortTracesPassUnchanged() {
        double[] x = { 0, 1, 2 };
        double[] y = { 5, 6, 7 };
        double[][] d = Decimation.of(x, y, 0, 2, 100, false);
        assertSame(x, d[0]);
        assertSame(y, d[1]);
    }

    @Test
    void longNoisyTracesKeepEveryColumnsExtremesAndSpikes() {
        int n = 100_000;
        double[] x = new double[n];
        double[] y = new double[n];
        Random r = new Random(3);
        for (int k = 0; k < n; k++) {
            x[k] = k;
            y[k] = r.nextGaussian();
        }
        y[31_337] = 50; // one spike
        y[77_777] = -40;
        int columns = 800;
        double[][] d = Decimation.of(x, y, 0, n - 1, columns, false);
        assertTrue(d[0].length <= 2 * (columns + 1) + 2, "two points per column, got " + d[0].length);
        assertTrue(d[0].length >= 2 * columns, "at least min and max per column, got " + d[0].length);
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (int k = 0; k < d[0].length; k++) {
            max = Math.max(max, d[1][k]);
            min = Math.min(min, d[1][k]);
            if (k > 0) {
                assertTrue(d[0][k] > d[0][k - 1], "points stay in order");
            }
        }
        assertEquals(50, max);
        assertEquals(-40, min);
        assertEquals(0, d[0][0]);
        assertEquals(n - 1, d[0][d[0].length - 1]);
    }

    @Test
    void onlyTheVisibleRangeAndOneNeighbourEachSide() {
        int n = 10_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = k * 0.5;
            y[k] = k;
        }
        double[][] d = Decimation.of(x, y, 1000, 1010, 500, false);
        assertArrayEquals(new double[] { 999.5, 1000, 1000.5 }, java.util.Arrays.copyOf(d[0], 3));
        assertEquals(1010.0, d[0][d[0].length - 1]);
        assertEquals(22, d[0].length, "visible points plus one neighbour on each side");
    }

    @Test
    void nanBreaksSurviveAndDescendingXIsDetected() {
        int n = 20_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = k;
            y[k] = Math.sin(k * 0.01);
        }
        y[12_345] = Double.NaN;
        double[][] d = Decimation.of(x, y, 0, n, 100, false);
        boolean nan = false;
        for (double v : d[1]) {
            nan |= Double.isNaN(v);
        }
        assertTrue(nan, "the NaN that breaks the line is kept");
        assertTrue(Decimation.ascending(x));
        assertFalse(Decimation.ascending(new double[] { 0, -0.01, -0.02 }), "a ramp towards negative bias");
    }
}
