package org.onset.analysis.topography;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.onset.instrument.api.TopographyImage;

/**
 * The erosion by a spherical tip (Villarrubia's certainty-free reconstruction) on shapes whose
 * answer is known: a spherical-cap particle imaged by a sphere, and random rough surfaces.
 */
class TipDeconvolutionTest {

    static final double NM = 1e-9;
    /** The simulator's tip. */
    static final double TIP = 30 * NM;
    /** Cap: a sphere of 100 nm radius cut 40 nm above its base plane (base radius 80 nm, contact angle 53°). */
    static final double CAP_SPHERE = 100 * NM;
    static final double CAP_HEIGHT = 40 * NM;
    static final double STEP = 2 * NM;
    static final int N = 160; // 320 nm square, the cap in the middle

    static double cap(double x, double y) {
        double r2 = x * x + y * y;
        double centre = CAP_HEIGHT - CAP_SPHERE; // below the base plane
        double z = r2 < CAP_SPHERE * CAP_SPHERE ? centre + Math.sqrt(CAP_SPHERE * CAP_SPHERE - r2) : 0;
        return Math.max(0, z);
    }

    static TopographyImage capImage() {
        double[] z = new double[N * N];
        double x0 = -(N - 1) / 2.0 * STEP;
        for (int j = 0; j < N; j++) {
            for (int i = 0; i < N; i++) {
                z[j * N + i] = cap(x0 + i * STEP, x0 + j * STEP);
            }
        }
        return new TopographyImage(N, N, x0, x0, STEP, STEP, z);
    }

    static double volume(TopographyImage img) {
        double v = 0;
        for (double h : img.height()) {
            v += h;
        }
        return v * img.dx() * img.dy();
    }

    /**
     * Dilation then erosion returns the cap wherever the tip can touch it, within 0.25 nm, and never
     * lower than the cap anywhere.
     *
     * <p>Why 0.25 nm: where the tip reaches, the continuous reconstruction is exact; on the grid the
     * best tip position lies up to dx/√2 from the ideal one, and the bound
     * {@code I(x') + t(x − x')} is stationary there, so it rises by at most ½·(dx/√2)²·(|I''| + |t''|)
     * — with slopes up to 45° (checked points), |t''| ≤ 1/(R cos³45°) = 2.83/R and |I''| ≤ 2.83/(Rc + R),
     * that is 1 nm²·(0.094 + 0.022)/nm = 0.12 nm; the grid dilation misses the ideal contact by as
     * much again: 0.25 nm.
     */
    @Test
    void sphereCapImagedBySphereTipIsRecoveredWhereTheTipReaches() {
        TopographyImage cap = capImage();
        TopographyImage image = TipDeconvolution.dilate(cap, TIP);
        TopographyImage back = TipDeconvolution.erode(image, TIP);
        double worst = 0;
        int checked = 0;
        for (int j = 0; j < N; j++) {
            for (int i = 0; i < N; i++) {
                int k = j * N + i;
                double s = cap.height()[k];
                double r = back.height()[k];
                assertTrue(r >= s - 1e-15, "the reconstruction lies below the true surface at " + i + ", " + j);
                assertTrue(r <= image.height()[k] + 1e-15, "the reconstruction lies above the image at " + i + ", " + j);
                double x = cap.x0() + i * STEP;
                double y = cap.y0() + j * STEP;
                double rho = Math.hypot(x, y);
                if (!reachable(rho) || Math.min(Math.min(i, j), Math.min(N - 1 - i, N - 1 - j)) * STEP < TIP) {
                    continue;
                }
                checked++;
                worst = Math.max(worst, r - s);
            }
        }
        System.out.printf("tip erosion of a dilated cap: %d points where the tip reaches, worst excess %.3f nm%n", checked,
                worst / NM);
        assertTrue(checked > N * N / 2, "too few points checked: " + checked);
        assertTrue(worst <= 0.25 * NM, "reconstruction off by " + worst / NM + " nm where the tip reaches");
        // the image is much higher than the cap on its flanks: the tip widened it
        double widened = 0;
        for (int k = 0; k < N * N; k++) {
            widened = Math.max(widened, image.height()[k] - cap.height()[k]);
        }
        assertTrue(widened > 10 * NM, "the dilation should widen the cap by many nm, got " + widened / NM + " nm");
    }

    /**
     * True when a tip of radius R can touch the cap (or the plane) at distance rho from its axis with
     * slope at most 45°: on the cap, the sphere touching it there clears the base plane; on the
     * plane, the sphere resting there clears the cap.
     */
    static boolean reachable(double rho) {
        double base = Math.sqrt(CAP_HEIGHT * (2 * CAP_SPHERE - CAP_HEIGHT));
        double centre = CAP_HEIGHT - CAP_SPHERE;
        if (rho < base) {
            double sin = rho / CAP_SPHERE;
            if (sin > Math.sqrt(0.5)) {
                return false;
            }
            double cos = Math.sqrt(1 - sin * sin);
            double z = centre + CAP_SPHERE * cos;
            return z + TIP * cos >= TIP + STEP; // the touching sphere's centre at least a grid step above R
        }
        // on the plane: the resting sphere's centre (rho, R) at least Rc + R (plus a step) from the cap's centre
        return Math.hypot(rho, TIP - centre) >= CAP_SPHERE + TIP + STEP;
    }

    /**
     * The volume: the dilated image holds far more than the cap; the reconstruction gives back the
     * cap plus only the fill of the ring-shaped corner at its foot that the tip cannot enter. That fill
     * is (2D) the area between a circle of radius R and the two walls of the corner (opening
     * α = π − θ, θ the contact angle): R²·(cot(α/2) − (π − α)/2), swept round the foot's circumference.
     */
    @Test
    void capVolumeComesBackUpToTheUnreachableFoot() {
        TopographyImage cap = capImage();
        TopographyImage image = TipDeconvolution.dilate(cap, TIP);
        TopographyImage back = TipDeconvolution.erode(image, TIP);
        double vCap = volume(cap);
        double exact = Math.PI * CAP_HEIGHT * CAP_HEIGHT * (3 * CAP_SPHERE - CAP_HEIGHT) / 3;
        assertEquals(exact, vCap, 0.01 * exact, "the sampled cap's volume");
        double theta = Math.acos((CAP_SPHERE - CAP_HEIGHT) / CAP_SPHERE);
        double alpha = Math.PI - theta;
        double base = Math.sqrt(CAP_HEIGHT * (2 * CAP_SPHERE - CAP_HEIGHT));
        double fill = TIP * TIP * (1 / Math.tan(alpha / 2) - (Math.PI - alpha) / 2) * 2 * Math.PI * base;
        double vImage = volume(image);
        double vBack = volume(back);
        System.out.printf("cap %.4g nm³, image (dilated) %.4g nm³, eroded %.4g nm³, foot fill estimate %.4g nm³%n",
                vCap * 1e27, vImage * 1e27, vBack * 1e27, fill * 1e27);
        assertTrue(vBack >= vCap, "the reconstruction holds less than the cap");
        assertTrue(vBack - vCap <= 1.5 * fill, String.format("reconstruction %.4g nm³, cap %.4g nm³, foot fill %.4g nm³",
                vBack * 1e27, vCap * 1e27, fill * 1e27));
        assertTrue(vImage - vCap > 5 * (vBack - vCap), String.format("image %.4g nm³ vs reconstruction %.4g nm³, "
                + "cap %.4g nm³", vImage * 1e27, vBack * 1e27, vCap * 1e27));
    }

    /** Erosion never raises a point; dilation never lowers one; erosion of a dilation is not below the surface. */
    @Test
    void erosionNeverRaisesAPoint() {
        SplittableRandom random = new SplittableRandom(Long.getLong("onset.test.seed", 11));
        for (int trial = 0; trial < 5; trial++) {
            int nx = 40 + random.nextInt(30);
            int ny = 40 + random.nextInt(30);
            double[] z = new double[nx * ny];
            for (int k = 0; k < z.length; k++) {
                // rough noise with a few tall spikes and holes
                z[k] = random.nextGaussian() * 2 * NM + (random.nextInt(50) == 0 ? random.nextDouble(-40, 80) * NM : 0);
            }
            z[random.nextInt(z.length)] = Double.NaN;
            double step = random.nextDouble(2, 12) * NM;
            TopographyImage img = new TopographyImage(nx, ny, 0, 0, step, step * random.nextDouble(0.8, 1.25), z);
            double radius = random.nextDouble(5, 60) * NM;
            TopographyImage eroded = TipDeconvolution.erode(img, radius);
            TopographyImage dilated = TipDeconvolution.dilate(img, radius);
            TopographyImage closed = TipDeconvolution.erode(dilated, radius);
            for (int k = 0; k < z.length; k++) {
                if (Double.isNaN(z[k])) {
                    assertTrue(Double.isNaN(eroded.height()[k]), "a missing point stays missing");
                    continue;
                }
                assertTrue(eroded.height()[k] <= z[k], "erosion raised point " + k + " of trial " + trial);
                assertTrue(dilated.height()[k] >= z[k], "dilation lowered point " + k);
                assertTrue(closed.height()[k] >= z[k] - 1e-18, "erode(dilate(S)) fell below S at " + k);
                assertTrue(closed.height()[k] <= dilated.height()[k], "erode(dilate(S)) rose above the image at " + k);
            }
        }
    }

    @Test
    void flatImageAndZeroRadiusAreLeftAlone() {
        double[] flat = new double[25 * 25];
        java.util.Arrays.fill(flat, 3 * NM);
        TopographyImage img = new TopographyImage(25, 25, 0, 0, 5 * NM, 5 * NM, flat);
        assertArrayEquals(flat, TipDeconvolution.erode(img, TIP).height(), 1e-20);
        double[] spike = flat.clone();
        spike[12 * 25 + 12] = 50 * NM;
        TopographyImage s = new TopographyImage(25, 25, 0, 0, 5 * NM, 5 * NM, spike);
        assertArrayEquals(spike, TipDeconvolution.erode(s, 0).height(), 0, "radius 0: no correction");
        // a one-point spike no 30 nm tip can record (its neighbours 5 nm away say the surface there is at most
        // 3 nm + t(5 nm) = 3.42 nm high): erosion takes it down to that bound
        assertEquals(3 * NM + TIP - Math.sqrt(TIP * TIP - 25 * NM * NM), TipDeconvolution.erode(s, TIP).at(12, 12), 1e-18);
        // the dilated spike (a 30 nm sphere's cap over it) is narrowed back: 25 nm from the spike the image stands
        // 36.6 nm high, the reconstruction within 2 nm of the flat (a tip position 35 nm from the spike bounds it)
        TopographyImage blurred = TipDeconvolution.dilate(s, TIP);
        assertTrue(blurred.at(17, 12) > 30 * NM, "the tip widens the spike: " + blurred.at(17, 12) / NM + " nm");
        double back = TipDeconvolution.erode(blurred, TIP).at(17, 12);
        assertTrue(back >= 3 * NM && back < 5 * NM, "erosion narrows it back: " + back / NM + " nm");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TipDeconvolution.erode(img, -1e-9));
        assertTrue(e.getMessage().contains("tip radius"), e.getMessage());
    }
}
