package org.onset.analysis.particles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.onset.instrument.api.TopographyImage;

/** Particle detection and measurement on images of known spherical caps. */
class ParticleDetectorTest {

    /** Height of a spherical cap of base radius b and height h centred at (cx, cy) at (x, y). */
    static double cap(double cx, double cy, double b, double h, double x, double y) {
        double r2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
        if (r2 >= b * b) {
            return 0;
        }
        double sphere = (b * b + h * h) / (2 * h);
        return Math.sqrt(sphere * sphere - r2) - (sphere - h);
    }

    static double capVolume(double b, double h) {
        return Math.PI / 6 * h * (3 * b * b + h * h);
    }

    @Test
    void isolatedCapsAreFoundWithTheirVolumeHeightAndCentre() {
        int n = 200;
        double step = 10e-9;
        double[][] caps = { { 500e-9, 500e-9, 150e-9, 15e-9 }, { 1400e-9, 600e-9, 100e-9, 10e-9 },
                { 900e-9, 1500e-9, 250e-9, 25e-9 } };
        SplittableRandom r = new SplittableRandom(7);
        double[] z = new double[n * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                double v = 3e-9 + 0.2e-9 * r.nextGaussian() + 0.01e-9 * i; // offset, noise and a slight tilt
                for (double[] c : caps) {
                    v += cap(c[0], c[1], c[2], c[3], i * step, j * step);
                }
                z[j * n + i] = v;
            }
        }
        ParticleDetection d = ParticleDetector.defaults().detect(new TopographyImage(n, n, 0, 0, step, step, z));
        List<DetectedParticle> ps = d.particles();
        assertEquals(3, ps.size(), ps.toString());
        for (double[] c : caps) {
            int label = d.labelAt(c[0], c[1]);
            assertTrue(label > 0);
            DetectedParticle p = d.particle(label);
            double v = capVolume(c[2], c[3]);
            System.out.printf("cap b %.0f nm h %.0f nm: volume %.3g m³ found %.3g m³ (%.1f %%), height %.2f nm, "
                    + "radius %.0f nm%n", c[2] * 1e9, c[3] * 1e9, v, p.volume(), 100 * (p.volume() / v - 1),
                    p.height() * 1e9, p.equivalentRadius() * 1e9);
            assertEquals(v, p.volume(), 0.05 * v, "volume above the local baseline");
            assertEquals(c[3], p.height(), 1e-9);
            assertEquals(c[0], p.x(), step);
            assertEquals(c[1], p.y(), step);
            assertTrue(p.equivalentRadius() < c[2] && p.equivalentRadius() > 0.7 * c[2],
                    "above the threshold: a little less than the base radius, got " + p.equivalentRadius());
        }
        assertEquals(0, d.labelAt(50e-9, 1900e-9));
        assertEquals(0, d.labelAt(-1, 0), "outside the image");
    }

    @Test
    void touchingParticlesAreSeparatedByTheWatershed() {
        int n = 120;
        double step = 10e-9;
        double[] z = new double[n * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                z[j * n + i] = Math.max(cap(400e-9, 600e-9, 220e-9, 22e-9, i * step, j * step),
                        cap(780e-9, 600e-9, 200e-9, 20e-9, i * step, j * step));
            }
        }
        ParticleDetection d = ParticleDetector.defaults().detect(new TopographyImage(n, n, 0, 0, step, step, z));
        assertEquals(2, d.particles().size(), "two touching caps are two particles");
        assertTrue(d.labelAt(400e-9, 600e-9) != d.labelAt(780e-9, 600e-9));
        // a single cap with noise on it stays one particle
        SplittableRandom r = new SplittableRandom(3);
        for (int k = 0; k < z.length; k++) {
            int i = k % n;
            int j = k / n;
            z[k] = cap(600e-9, 600e-9, 400e-9, 40e-9, i * step, j * step) + 0.3e-9 * r.nextGaussian();
        }
        assertEquals(1, ParticleDetector.defaults().detect(new TopographyImage(n, n, 0, 0, step, step, z)).particles()
                .size());
    }

    @Test
    void transferenceSlopeOfExactPointsIsOneWithANarrowInterval() {
        // particles whose volume holds exactly the Li of their charge, with 3 % scatter
        SplittableRandom r = new SplittableRandom(11);
        java.util.List<Transference.Point> pts = new java.util.ArrayList<>();
        for (int k = 0; k < 40; k++) {
            double charge = 1e-12 * Math.exp(r.nextDouble(0, 4));
            double volume = charge / 96485.33212 * 6.941e-3 / 534 * (1 + 0.03 * r.nextGaussian());
            pts.add(new Transference.Point(k + 1, new int[] { k }, Transference.lithiumAtoms(volume),
                    CurveCharge.electrons(charge)));
        }
        Transference.SlopeFit f = Transference.fit(pts);
        assertEquals(1.0, f.slope(), 0.02);
        assertTrue(f.low() < f.slope() && f.high() > f.slope() && f.high() - f.low() < 0.05, f.toString());
        // 1 fC ↔ 135 nm³ (PHYSICS.md)
        assertEquals(CurveCharge.electrons(1e-15), Transference.lithiumAtoms(135e-27), 0.01 * CurveCharge.electrons(1e-15));
        assertEquals(2.0423, Transference.studentT975(30), 0.005);
        assertEquals(2.2622, Transference.studentT975(9), 0.01);
        assertEquals(1.9840, Transference.studentT975(100), 0.002);
    }

    @Test
    void chargeFromACurveRemovesTheCapacitiveBaseline() {
        // 0 → −4.2 V at 1.2 V/s, 1 kHz; −0.36 pA capacitive offset throughout, −50 pA from −3.6 V on
        int n = 3500;
        double[] t = new double[n];
        double[] v = new double[n];
        double[] i = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = k * 1e-3;
            v[k] = -1.2 * t[k];
            i[k] = -0.36e-12 + (v[k] <= -3.6 ? -50e-12 : 0);
        }
        double expected = 50e-12 * (3.5 - 3.0) ;
        assertEquals(expected, CurveCharge.cathodicCharge(t, v, i, n), 0.01 * expected);
    }
}
