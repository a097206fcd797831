package org.onset.analysis.topography;

import java.util.Arrays;

import org.onset.instrument.api.TopographyImage;

/**
 * Registers an image on a reference of the same grid (the after image on the before image: the
 * sample drifts between the scans) by normalised cross-correlation over integer shifts, refined to
 * a sub-pixel shift by a parabola through the peak and its neighbours in x and in y. Both images
 * are plane-levelled first, so tilt and a height offset (a uniform Li layer) do not bias the peak.
 * A second pass leaves out the points where the two images differ most (the particles), so
 * deposits do not pull the registration towards themselves.
 */
public final class Registration {

    private Registration() {
    }

    /**
     * The shift of {@code moving} on {@code reference}, searched within ±maxShift pixels.
     *
     * @throws IllegalArgumentException when the grids differ or the images are too small for the search
     */
    public static Shift register(TopographyImage reference, TopographyImage moving, int maxShift) {
        requireSameGrid(reference, moving);
        if (maxShift < 0 || 2 * maxShift + 4 > Math.min(reference.nx(), reference.ny())) {
            throw new IllegalArgumentException("a search of ±" + maxShift + " pixels does not fit a " + reference.nx()
                    + " x " + reference.ny() + " image");
        }
        double[] ref = Levelling.plane(reference).height();
        double[] mov = Levelling.plane(moving).height();
        Shift first = search(reference, ref, mov, null, maxShift);
        // second pass without the points that changed most: the deposits
        double[] diff = difference(reference, ref, mov, first);
        boolean[] ignore = outliers(diff);
        return search(reference, ref, mov, ignore, maxShift);
    }

    /**
     * The search (± points of {@code image}) that covers ±{@code mapPixels} pixels of a map of pitch
     * {@code mapPitch} (m): that many image points when the image shares the map's pitch (files
     * written before topography images had a grid of their own), else the same distance but at most
     * ±{@code mapPixels} × 20 nm (the drift of a ~1 h map at a few nm/min), so that the 5 nm images of
     * a sparse array of sweeps (µm pitch) are not searched over microns. Not capped to the image size.
     */
    public static int searchPoints(int mapPixels, double mapPitch, TopographyImage image) {
        double point = Math.abs(image.dx());
        double pitch = Math.abs(mapPitch);
        if (!(point > 0) || !(pitch > 0) || !Double.isFinite(point) || !Double.isFinite(pitch)) {
            return mapPixels;
        }
        double reach = mapPixels * Math.max(point, Math.min(pitch, 20e-9));
        return (int) Math.ceil(reach / point - 1e-9);
    }

    /**
     * {@code moving} resampled (bilinear) onto the reference grid by {@code shift}: NaN where the
     * shifted point falls outside the moving image.
     */
    public static TopographyImage align(TopographyImage moving, Shift shift) {
        int nx = moving.nx();
        int ny = moving.ny();
        double[] z = moving.height();
        double[] out = new double[z.length];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                out[j * nx + i] = sample(z, nx, ny, i + shift.dx(), j + shift.dy());
            }
        }
        return new TopographyImage(nx, ny, moving.x0(), moving.y0(), moving.dx(), moving.dy(), out);
    }

    /**
     * after − before, after registered on before (levelled: both plane-levelled, so what remains is
     * what grew, up to a constant that the particle analysis takes out with its local baselines).
     */
    public static Difference difference(TopographyImage before, TopographyImage after, int maxShift) {
        return difference(before, after, register(before, after, maxShift));
    }

    /**
     * after − before with after moved by a shift found before, e.g. on the images as recorded when
     * these are the same images corrected (for the tip's shape).
     *
     * @since 1.2
     */
    public static Difference difference(TopographyImage before, TopographyImage after, Shift shift) {
        requireSameGrid(before, after);
        TopographyImage aligned = align(after, shift);
        double[] b = before.height();
        double[] a = aligned.height();
        double[] d = new double[b.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = a[k] - b[k];
        }
        return new Difference(new TopographyImage(before.nx(), before.ny(), before.x0(), before.y0(), before.dx(),
                before.dy(), d), shift);
    }

    /** The difference image and the shift it was made with. */
    public record Difference(TopographyImage image, Shift shift) {
    }

    private static Shift search(TopographyImage grid, double[] ref, double[] mov, boolean[] ignore, int maxShift) {
        int nx = grid.nx();
        int ny = grid.ny();
        int w = 2 * maxShift + 1;
        double[] ncc = new double[w * w];
        int best = -1;
        for (int sy = -maxShift; sy <= maxShift; sy++) {
            for (int sx = -maxShift; sx <= maxShift; sx++) {
                double c = correlation(ref, mov, ignore, nx, ny, sx, sy);
                int k = (sy + maxShift) * w + (sx + maxShift);
                ncc[k] = c;
                if (Double.isFinite(c) && (best < 0 || c > ncc[best])) {
                    best = k;
                }
            }
        }
        if (best < 0) {
            throw new IllegalArgumentException("the images have no finite overlap to register");
        }
        int bx = best % w;
        int by = best / w;
        double fx = bx > 0 && bx < w - 1 ? vertex(ncc[best - 1], ncc[best], ncc[best + 1]) : 0;
        double fy = by > 0 && by < w - 1 ? vertex(ncc[best - w], ncc[best], ncc[best + w]) : 0;
        return new Shift(bx - maxShift + fx, by - maxShift + fy, ncc[best], grid.dx(), grid.dy());
    }

    /** Offset of a parabola's vertex through three equally spaced values, in (−0.5, 0.5). */
    private static double vertex(double left, double centre, double right) {
        double denominator = left - 2 * centre + right;
        if (!(denominator < 0)) {
            return 0;
        }
        return Math.max(-0.5, Math.min(0.5, 0.5 * (left - right) / denominator));
    }

    /** Pearson correlation of ref(i, j) with mov(i + sx, j + sy) over their finite overlap. */
    private static double correlation(double[] ref, double[] mov, boolean[] ignore, int nx, int ny, int sx, int sy) {
        double n = 0, sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        for (int j = Math.max(0, -sy); j < Math.min(ny, ny - sy); j++) {
            for (int i = Math.max(0, -sx); i < Math.min(nx, nx - sx); i++) {
                int k = j * nx + i;
                if (ignore != null && ignore[k]) {
                    continue;
                }
                double a = ref[k];
                double b = mov[(j + sy) * nx + i + sx];
                if (!Double.isFinite(a) || !Double.isFinite(b)) {
                    continue;
                }
                n++;
                sa += a;
                sb += b;
                saa += a * a;
                sbb += b * b;
                sab += a * b;
            }
        }
        if (n < 16) {
            return Double.NaN;
        }
        double va = saa - sa * sa / n;
        double vb = sbb - sb * sb / n;
        return va > 0 && vb > 0 ? (sab - sa * sb / n) / Math.sqrt(va * vb) : Double.NaN;
    }

    private static double[] difference(TopographyImage grid, double[] ref, double[] mov, Shift shift) {
        double[] d = new double[ref.length];
        for (int j = 0; j < grid.ny(); j++) {
            for (int i = 0; i < grid.nx(); i++) {
                d[j * grid.nx() + i] = sample(mov, grid.nx(), grid.ny(), i + shift.dx(), j + shift.dy())
                        - ref[j * grid.nx() + i];
            }
        }
        return d;
    }

    /** Points more than 3 robust standard deviations from the median difference. */
    private static boolean[] outliers(double[] d) {
        double[] finite = Arrays.stream(d).filter(Double::isFinite).sorted().toArray();
        boolean[] out = new boolean[d.length];
        if (finite.length == 0) {
            return out;
        }
        double median = finite[finite.length / 2];
        double[] dev = Arrays.stream(finite).map(v -> Math.abs(v - median)).sorted().toArray();
        double sigma = 1.4826 * dev[dev.length / 2];
        for (int k = 0; k < d.length; k++) {
            out[k] = !Double.isFinite(d[k]) || Math.abs(d[k] - median) > 3 * sigma;
        }
        return out;
    }

    static double sample(double[] z, int nx, int ny, double x, double y) {
        if (x < 0 || y < 0 || x > nx - 1 || y > ny - 1) {
            return Double.NaN;
        }
        int i = Math.min(nx - 2, (int) x);
        int j = Math.min(ny - 2, (int) y);
        if (nx == 1 || ny == 1) {
            return z[(int) Math.round(y) * nx + (int) Math.round(x)];
        }
        double u = x - i;
        double v = y - j;
        int k = j * nx + i;
        return (1 - v) * ((1 - u) * z[k] + u * z[k + 1]) + v * ((1 - u) * z[k + nx] + u * z[k + nx + 1]);
    }

    private static void requireSameGrid(TopographyImage a, TopographyImage b) {
        if (a.nx() != b.nx() || a.ny() != b.ny()) {
            throw new IllegalArgumentException("registration needs images of the same size: " + a.nx() + " x " + a.ny()
                    + " and " + b.nx() + " x " + b.ny() + " points");
        }
    }
}
