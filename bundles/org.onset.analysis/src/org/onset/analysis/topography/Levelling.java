package org.onset.analysis.topography;

import java.util.Arrays;

import org.onset.instrument.api.TopographyImage;

/**
 * Removes the tilt of the sample and the line-to-line offsets of a scanning probe image. NaN points
 * are left NaN and ignored by the fits.
 */
public final class Levelling {

    private Levelling() {
    }

    /**
     * Subtracts the least-squares plane z = a + b·i + c·j (over the finite points).
     *
     * @throws IllegalArgumentException when fewer than 3 points are finite
     */
    public static TopographyImage plane(TopographyImage image) {
        int nx = image.nx();
        int ny = image.ny();
        double[] z = image.height();
        // normal equations of the three-parameter fit, accumulated about the centre for conditioning
        double ci = (nx - 1) / 2.0;
        double cj = (ny - 1) / 2.0;
        double n = 0, si = 0, sj = 0, sii = 0, sjj = 0, sij = 0, sz = 0, siz = 0, sjz = 0;
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                double v = z[j * nx + i];
                if (!Double.isFinite(v)) {
                    continue;
                }
                double u = i - ci;
                double w = j - cj;
                n++;
                si += u;
                sj += w;
                sii += u * u;
                sjj += w * w;
                sij += u * w;
                sz += v;
                siz += u * v;
                sjz += w * v;
            }
        }
        if (n < 3) {
            throw new IllegalArgumentException("plane levelling needs at least 3 finite heights, the image has " + (int) n);
        }
        double[][] m = { { n, si, sj }, { si, sii, sij }, { sj, sij, sjj } };
        double[] rhs = { sz, siz, sjz };
        double[] abc = solve3(m, rhs);
        double[] out = new double[z.length];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                out[j * nx + i] = z[j * nx + i] - (abc[0] + abc[1] * (i - ci) + abc[2] * (j - cj));
            }
        }
        return new TopographyImage(nx, ny, image.x0(), image.y0(), image.dx(), image.dy(), out);
    }

    /**
     * Subtracts from every scan line (row, constant j) its median, so offsets between lines (Z
     * drift during the scan, feedback jumps) vanish while features within a line stay. Rows
     * without a finite value stay NaN.
     */
    public static TopographyImage lines(TopographyImage image) {
        int nx = image.nx();
        double[] z = image.height();
        double[] out = new double[z.length];
        double[] row = new double[nx];
        for (int j = 0; j < image.ny(); j++) {
            int n = 0;
            for (int i = 0; i < nx; i++) {
                double v = z[j * nx + i];
                if (Double.isFinite(v)) {
                    row[n++] = v;
                }
            }
            double median = n == 0 ? Double.NaN : median(row, n);
            for (int i = 0; i < nx; i++) {
                out[j * nx + i] = z[j * nx + i] - median;
            }
        }
        return new TopographyImage(nx, image.ny(), image.x0(), image.y0(), image.dx(), image.dy(), out);
    }

    static double median(double[] values, int n) {
        double[] v = Arrays.copyOf(values, n);
        Arrays.sort(v);
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }

    /** Gaussian elimination with partial pivoting for a 3 × 3 system. */
    private static double[] solve3(double[][] a, double[] b) {
        double[][] m = { a[0].clone(), a[1].clone(), a[2].clone() };
        double[] r = b.clone();
        for (int c = 0; c < 3; c++) {
            int p = c;
            for (int k = c + 1; k < 3; k++) {
                if (Math.abs(m[k][c]) > Math.abs(m[p][c])) {
                    p = k;
                }
            }
            double[] t = m[c];
            m[c] = m[p];
            m[p] = t;
            double tr = r[c];
            r[c] = r[p];
            r[p] = tr;
            if (m[c][c] == 0) {
                throw new IllegalArgumentException("plane levelling: the finite heights lie on a line, no plane fits");
            }
            for (int k = c + 1; k < 3; k++) {
                double f = m[k][c] / m[c][c];
                for (int q = c; q < 3; q++) {
                    m[k][q] -= f * m[c][q];
                }
                r[k] -= f * r[c];
            }
        }
        double[] x = new double[3];
        for (int c = 2; c >= 0; c--) {
            double s = r[c];
            for (int q = c + 1; q < 3; q++) {
                s -= m[c][q] * x[q];
            }
            x[c] = s / m[c][c];
        }
        return x;
    }
}
