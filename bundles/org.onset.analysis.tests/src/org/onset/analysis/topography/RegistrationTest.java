package org.onset.analysis.topography;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.onset.instrument.api.TopographyImage;

/** Levelling and registration on synthetic surfaces with a known tilt, offset and drift. */
class RegistrationTest {

    /** A smooth random surface (sum of Gaussian bumps), heights in m, sampled at (i + sx, j + sy). */
    static double surface(double[][] bumps, double x, double y) {
        double z = 0;
        for (double[] b : bumps) {
            double dx = x - b[0];
            double dy = y - b[1];
            z += b[3] * Math.exp(-(dx * dx + dy * dy) / (2 * b[2] * b[2]));
        }
        return z;
    }

    static double[][] bumps(long seed, int n, int size) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] b = new double[n][];
        for (int k = 0; k < n; k++) {
            b[k] = new double[] { r.nextDouble(-5, size + 5), r.nextDouble(-5, size + 5), r.nextDouble(1.5, 4),
                    r.nextDouble(-2e-9, 2e-9) };
        }
        return b;
    }

    static TopographyImage image(double[][] bumps, int size, double sx, double sy, double tiltX, double offset) {
        double[] z = new double[size * size];
        for (int j = 0; j < size; j++) {
            for (int i = 0; i < size; i++) {
                z[j * size + i] = surface(bumps, i + sx, j + sy) + tiltX * i + offset;
            }
        }
        return new TopographyImage(size, size, 0, 0, 20e-9, 20e-9, z);
    }

    @Test
    void planeLevellingRemovesTiltAndOffset() {
        double[][] b = bumps(1, 60, 64);
        TopographyImage flat = Levelling.plane(image(b, 64, 0, 0, 0, 0));
        TopographyImage tilted = Levelling.plane(image(b, 64, 0, 0, 0.3e-9, 50e-9));
        for (int k = 0; k < flat.height().length; k++) {
            assertEquals(flat.height()[k], tilted.height()[k], 1e-15);
        }
    }

    @Test
    void lineLevellingRemovesLineOffsets() {
        double[][] b = bumps(2, 60, 32);
        TopographyImage clean = image(b, 32, 0, 0, 0, 0);
        double[] z = clean.height().clone();
        for (int j = 0; j < 32; j++) {
            for (int i = 0; i < 32; i++) {
                z[j * 32 + i] += j % 3 == 0 ? 4e-9 : -1e-9;
            }
        }
        TopographyImage jumpy = new TopographyImage(32, 32, 0, 0, 20e-9, 20e-9, z);
        TopographyImage a = Levelling.lines(clean);
        TopographyImage c = Levelling.lines(jumpy);
        for (int k = 0; k < z.length; k++) {
            assertEquals(a.height()[k], c.height()[k], 1e-15);
        }
    }

    @Test
    void subPixelDriftIsFoundDespiteTiltOffsetAndNoise() {
        double[][] b = bumps(3, 120, 64);
        TopographyImage before = image(b, 64, 0, 0, 0, 0);
        TopographyImage after = image(b, 64, 2.3, -1.6, 0.05e-9, 12e-9);
        SplittableRandom r = new SplittableRandom(4);
        double[] noisy = after.height().clone();
        for (int k = 0; k < noisy.length; k++) {
            noisy[k] += 0.05e-9 * r.nextGaussian();
        }
        Shift s = Registration.register(before, new TopographyImage(64, 64, 0, 0, 20e-9, 20e-9, noisy), 6);
        System.out.printf("registration: true shift (-2.30, 1.60) px, found (%.3f, %.3f) px, correlation %.3f%n", s.dx(),
                s.dy(), s.correlation());
        // after(i, j) = surface(i + 2.3, j − 1.6) shows before(i + 2.3, j − 1.6): moving (i − 2.3, j + 1.6) ≈ before (i, j)
        assertEquals(-2.3, s.dx(), 0.15);
        assertEquals(1.6, s.dy(), 0.15);
        assertEquals(-46e-9, s.xMetres(), 3e-9);
        assertTrue(s.correlation() > 0.9);
        Registration.Difference d = Registration.difference(before, after, 6);
        double[] diff = d.image().height();
        int finite = 0;
        double max = 0;
        for (int j = 4; j < 60; j++) {
            for (int i = 4; i < 60; i++) {
                double v = diff[j * 64 + i] - 12e-9 - 0.05e-9 * (i - 2.3);
                max = Math.max(max, Math.abs(v));
                finite++;
            }
        }
        assertTrue(finite > 0);
        assertTrue(max < 0.5e-9, "after registration the difference is the offset and tilt, residual " + max + " m");
        assertTrue(Double.isNaN(diff[0]) || Double.isNaN(diff[63 * 64]) || Double.isNaN(diff[63]),
                "outside the overlap the difference is NaN");
    }

    @Test
    void badInputIsRefusedClearly() {
        TopographyImage small = new TopographyImage(8, 8, 0, 0, 1e-9, 1e-9, new double[64]);
        TopographyImage other = new TopographyImage(8, 9, 0, 0, 1e-9, 1e-9, new double[72]);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Registration.register(small, other, 1))
                .getMessage().contains("same size"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Registration.register(small, small, 4))
                .getMessage().contains("does not fit"));
        double[] nan = new double[64];
        java.util.Arrays.fill(nan, Double.NaN);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Levelling.plane(new TopographyImage(8, 8, 0, 0, 1e-9, 1e-9, nan))).getMessage().contains("finite"));
    }
}
