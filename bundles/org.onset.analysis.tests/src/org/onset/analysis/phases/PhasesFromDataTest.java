package org.onset.analysis.phases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.onset.analysis.PhaseMap;
import org.onset.map.api.Grid;

/** AlPO4 from never-nucleating clusters, distances, binned onsets and the rank-sum test. */
class PhasesFromDataTest {

    @Test
    void clustersBecomeAlpo4AndLonePixelsDoNot() {
        Grid g = new Grid(20, 20, 0, 0, 20e-9, 20e-9);
        boolean[] measured = new boolean[400];
        boolean[] nucleated = new boolean[400];
        java.util.Arrays.fill(measured, true);
        java.util.Arrays.fill(nucleated, true);
        // a disk of radius 4 pixels (80 nm) around (6, 6), a lone pixel at (15, 15), a pair at (15, 3)
        for (int k = 0; k < 400; k++) {
            int i = k % 20;
            int j = k / 20;
            if ((i - 6) * (i - 6) + (j - 6) * (j - 6) <= 16) {
                nucleated[k] = false;
            }
        }
        nucleated[15 * 20 + 15] = false;
        nucleated[3 * 20 + 15] = false;
        nucleated[3 * 20 + 16] = false;
        measured[19 * 20 + 19] = false;
        boolean[] a = NeverNucleatingClusters.defaults().alpo4(g, measured, nucleated);
        assertTrue(a[6 * 20 + 6] && a[6 * 20 + 10]);
        assertTrue(!a[15 * 20 + 15] && !a[3 * 20 + 15], "lone never-nucleating pixels are matrix");
        double[] d = BoundaryDistance.toAlpo4(g, a);
        assertEquals(10e-9, d[6 * 20 + 11], 1e-15, "first pixel outside: half a pixel from the boundary");
        assertEquals(-10e-9, d[6 * 20 + 10], 1e-15);
        // nearest LICGC centre: (10, 7), √17 pixels away
        assertEquals(-(Math.sqrt(17) * 20e-9 - 10e-9), d[6 * 20 + 6], 1e-15);
        PhaseMap pm = NeverNucleatingClusters.defaults().phaseMap(g, measured, nucleated, "test");
        assertEquals(PhaseMap.ALPO4, pm.region(6 * 20 + 6));
        assertEquals(PhaseMap.BOUNDARY, pm.region(6 * 20 + 11));
        assertEquals(PhaseMap.MATRIX, pm.region(6 * 20 + 13));
        assertNull(pm.region(399), "not measured: not classified");
        assertTrue(Double.isInfinite(BoundaryDistance.toAlpo4(g, new boolean[400])[0]), "no AlPO4: infinitely far");
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> NeverNucleatingClusters.defaults().alpo4(g, new boolean[399], nucleated)).getMessage()
                .contains("400"));
    }

    @Test
    void rankSumMatchesKnownValuesAndFindsAShift() {
        // classic example: a = 1..10, b = 11..20: U = 0, all of a below b
        double[] a = new double[10];
        double[] b = new double[10];
        for (int k = 0; k < 10; k++) {
            a[k] = k + 1;
            b[k] = k + 11;
        }
        RankSum r = RankSum.test(a, b);
        assertEquals(0, r.u());
        // exact p for U = 0, n = 10/10 is 1.08e-5; the normal approximation gives ~1.8e-4
        assertTrue(r.p() < 5e-4 && r.p() > 1e-5, "p " + r.p());
        assertTrue(r.z() < 0);
        RankSum same = RankSum.test(a, a);
        assertEquals(50, same.u());
        assertEquals(1, same.p(), 0.05);
        SplittableRandom rnd = new SplittableRandom(1);
        double[] x = new double[200];
        double[] y = new double[400];
        for (int k = 0; k < x.length; k++) {
            x[k] = -3.5 + 0.2 * rnd.nextGaussian();
        }
        for (int k = 0; k < y.length; k++) {
            y[k] = -3.7 + 0.2 * rnd.nextGaussian();
        }
        RankSum shifted = RankSum.test(x, y);
        assertTrue(shifted.p() < 1e-10 && shifted.z() > 0, shifted.toString());
        assertEquals(0.5, RankSum.upperTail(0), 1e-7);
        assertEquals(0.025, RankSum.upperTail(1.959964), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> RankSum.test(new double[3], y));
    }

    @Test
    void binnedMediansWithBootstrapIntervals() {
        SplittableRandom rnd = new SplittableRandom(5);
        int n = 3000;
        double[] d = new double[n];
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            d[k] = rnd.nextDouble(-50e-9, 200e-9);
            // onset lowered near the boundary: −3.7 + 0.45·e^{−d/25 nm}
            v[k] = d[k] > 0 ? -3.7 + 0.45 * Math.exp(-d[k] / 25e-9) + 0.05 * rnd.nextGaussian() : Double.NaN;
        }
        List<OnsetByDistance.Bin> bins = OnsetByDistance.bins(d, v, 20e-9, 200e-9, 500, OnsetByDistance.seed());
        assertEquals(10, bins.size());
        assertTrue(bins.get(0).median() > bins.get(5).median() + 0.2, "less negative next to AlPO4");
        for (OnsetByDistance.Bin b : bins) {
            assertTrue(b.low() <= b.median() && b.median() <= b.high(), b.toString());
            assertTrue(b.pixels() > 100);
        }
        List<OnsetByDistance.Bin> again = OnsetByDistance.bins(d, v, 20e-9, 200e-9, 500, OnsetByDistance.seed());
        assertEquals(bins, again, "seeded: the same intervals");
    }
}
