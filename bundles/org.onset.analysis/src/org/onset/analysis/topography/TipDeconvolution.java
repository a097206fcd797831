package org.onset.analysis.topography;

import org.onset.instrument.api.TopographyImage;

/**
 * Takes the shape of a spherical AFM tip out of a height image, and puts it in (for tests and for
 * seeing what a tip does).
 *
 * <p>A scan records the grey-scale <em>dilation</em> of the surface by the tip: with the tip's apex
 * over x, the tip rests where it first touches the surface, so the image is
 * {@code I(x) = max_u [S(x + u) − t(u)]}, where {@code t(u) ≥ 0} is how far the tip's surface lies
 * above its apex at lateral offset u ({@code t(0) = 0}). Small particles come out wider by about the
 * tip radius on each side, and their volume too large.
 *
 * <p>{@link #erode} is the certainty-free reconstruction of Villarrubia (J. Res. NIST 102, 425
 * (1997)): the grey-scale <em>erosion</em> of the image by the same tip,
 * {@code S_r(x) = min_u [I(x − u) + t(u)]}. Each tip position x − u that was imaged says the surface
 * at x lies at most {@code I(x − u) + t(u)} high (the tip was above it there); the reconstruction is
 * the lowest of those bounds. So it is never lower than the true surface and never higher than the
 * image (u = 0), and it equals the surface wherever the tip touched it; it stays high only in the
 * places the tip could not reach (the foot of a steep particle, a narrow groove).
 *
 * <p>The tip is a sphere of radius R: {@code t(u) = R − √(R² − |u|²)} for {@code |u| ≤ R}; further
 * out the sphere's side is vertical and bounds nothing (the simulator's tip, PHYSICS.md). Offsets are
 * the image points within R of the centre, so a pixel larger than R leaves the image as it is.
 */
public final class TipDeconvolution {

    private TipDeconvolution() {
    }

    /**
     * The certainty-free reconstruction of the surface under the image: the erosion by a spherical
     * tip. NaN points stay NaN and bound nothing.
     *
     * @param tipRadius m; 0 returns the image unchanged
     * @throws IllegalArgumentException for a negative or non-finite radius
     */
    public static TopographyImage erode(TopographyImage image, double tipRadius) {
        return apply(image, tipRadius, false);
    }

    /**
     * What a spherical tip records over a surface: the dilation. NaN points stay NaN and are not
     * touched by the tip.
     *
     * @param tipRadius m; 0 returns the surface unchanged
     * @throws IllegalArgumentException for a negative or non-finite radius
     */
    public static TopographyImage dilate(TopographyImage surface, double tipRadius) {
        return apply(surface, tipRadius, true);
    }

    private static TopographyImage apply(TopographyImage image, double tipRadius, boolean dilate) {
        if (!(tipRadius >= 0) || Double.isInfinite(tipRadius)) {
            throw new IllegalArgumentException("the tip radius must be a finite length >= 0 m, got " + tipRadius + " m");
        }
        double dx = Math.abs(image.dx());
        double dy = Math.abs(image.dy());
        int reachX = dx > 0 ? (int) Math.floor(tipRadius / dx) : 0;
        int reachY = dy > 0 ? (int) Math.floor(tipRadius / dy) : 0;
        // the offsets within the tip's radius and the tip's lift over each: t(u) >= 0, t(0) = 0
        int[] oi = new int[(2 * reachX + 1) * (2 * reachY + 1)];
        int[] oj = new int[oi.length];
        double[] t = new double[oi.length];
        int m = 0;
        for (int dj = -reachY; dj <= reachY; dj++) {
            for (int di = -reachX; di <= reachX; di++) {
                double r2 = di * di * dx * dx + dj * dj * dy * dy;
                if (r2 <= tipRadius * tipRadius) {
                    oi[m] = di;
                    oj[m] = dj;
                    t[m++] = tipRadius - Math.sqrt(tipRadius * tipRadius - r2);
                }
            }
        }
        if (m <= 1) {
            return image;
        }
        int nx = image.nx();
        int ny = image.ny();
        double[] z = image.height();
        double[] out = new double[z.length];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                int k = j * nx + i;
                if (!Double.isFinite(z[k])) {
                    out[k] = z[k];
                    continue;
                }
                double best = z[k];
                for (int o = 0; o < m; o++) {
                    int ii = i + oi[o];
                    int jj = j + oj[o];
                    if (ii < 0 || jj < 0 || ii >= nx || jj >= ny) {
                        continue; // off the image: no tip position there, no bound
                    }
                    double v = z[jj * nx + ii];
                    if (!Double.isFinite(v)) {
                        continue;
                    }
                    // the sphere is symmetric, t(u) = t(−u): the same offsets serve both operations
                    if (dilate) {
                        best = Math.max(best, v - t[o]);
                    } else {
                        best = Math.min(best, v + t[o]);
                    }
                }
                out[k] = best;
            }
        }
        return new TopographyImage(nx, ny, image.x0(), image.y0(), image.dx(), image.dy(), out);
    }
}
