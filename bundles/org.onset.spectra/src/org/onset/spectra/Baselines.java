package org.onset.spectra;

/** Baselines to subtract from a spectrum: a least-squares polynomial, or asymmetric least squares. */
public final class Baselines {

    private Baselines() {
    }

    /**
     * The least-squares polynomial of the given order through all points (x scaled to −1…1 first,
     * so high orders stay well conditioned).
     */
    public static double[] polynomial(double[] x, double[] y, int order) {
        if (order < 0 || order > 12) {
            throw new IllegalArgumentException("polynomial order must be 0…12, got " + order);
        }
        if (x.length != y.length || x.length <= order) {
            throw new IllegalArgumentException("a polynomial of order " + order + " needs more than " + order
                    + " points, got " + x.length);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double mid = (max + min) / 2;
        double half = max > min ? (max - min) / 2 : 1;
        int m = order + 1;
        double[][] a = new double[m][m + 1];
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(y[i])) {
                continue;
            }
            double t = (x[i] - mid) / half;
            double[] p = new double[m];
            p[0] = 1;
            for (int k = 1; k < m; k++) {
                p[k] = p[k - 1] * t;
            }
            for (int r = 0; r < m; r++) {
                for (int c = 0; c < m; c++) {
                    a[r][c] += p[r] * p[c];
                }
                a[r][m] += p[r] * y[i];
            }
        }
        double[] coef = solve(a);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double t = (x[i] - mid) / half;
            double v = 0;
            for (int k = m - 1; k >= 0; k--) {
                v = v * t + coef[k];
            }
            out[i] = v;
        }
        return out;
    }

    /** Gaussian elimination with partial pivoting on an augmented matrix. */
    private static double[] solve(double[][] a) {
        int m = a.length;
        for (int col = 0; col < m; col++) {
            int pivot = col;
            for (int r = col + 1; r < m; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            if (a[col][col] == 0) {
                throw new IllegalArgumentException("the points do not determine a polynomial of this order");
            }
            for (int r = col + 1; r < m; r++) {
                double f = a[r][col] / a[col][col];
                for (int c = col; c <= m; c++) {
                    a[r][c] -= f * a[col][c];
                }
            }
        }
        double[] x = new double[m];
        for (int r = m - 1; r >= 0; r--) {
            double s = a[r][m];
            for (int c = r + 1; c < m; c++) {
                s -= a[r][c] * x[c];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }

    /**
     * Asymmetric least squares (Eilers and Boelens 2005): the smooth z minimising
     * Σ wᵢ(yᵢ − zᵢ)² + λ Σ (Δ²z)², with wᵢ = p where y lies above z and 1 − p below, iterated. Typical
     * λ 10²…10⁹ (larger is stiffer), p 0.001…0.05. Solved as a banded (pentadiagonal) system in
     * O(n) per iteration.
     */
    public static double[] asymmetricLeastSquares(double[] y, double lambda, double p, int iterations) {
        int n = y.length;
        if (!(lambda > 0) || !(p > 0 && p < 1) || iterations < 1) {
            throw new IllegalArgumentException("ALS needs λ > 0, 0 < p < 1 and ≥ 1 iteration, got λ " + lambda
                    + ", p " + p + ", " + iterations);
        }
        if (n < 3) {
            return y.clone();
        }
        // DᵀD of the second difference operator: symmetric pentadiagonal, diagonals d0, d1, d2
        double[] d0 = new double[n];
        double[] d1 = new double[n];
        double[] d2 = new double[n];
        for (int i = 0; i < n - 2; i++) {
            // row i of D is (1, −2, 1) at columns i, i+1, i+2
            d0[i] += 1;
            d0[i + 1] += 4;
            d0[i + 2] += 1;
            d1[i] += -2;
            d1[i + 1] += -2;
            d2[i] += 1;
        }
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1);
        double[] z = new double[n];
        for (int it = 0; it < iterations; it++) {
            double[] a0 = new double[n];
            double[] a1 = new double[n];
            double[] a2 = new double[n];
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                a0[i] = w[i] + lambda * d0[i];
                a1[i] = lambda * d1[i];
                a2[i] = lambda * d2[i];
                b[i] = w[i] * (Double.isFinite(y[i]) ? y[i] : 0);
            }
            z = solvePentadiagonal(a0, a1, a2, b);
            for (int i = 0; i < n; i++) {
                w[i] = !Double.isFinite(y[i]) ? 0 : y[i] > z[i] ? p : 1 - p;
            }
        }
        return z;
    }

    /** LDLᵀ of a symmetric positive-definite pentadiagonal matrix (diagonal a0, off-diagonals a1, a2). */
    private static double[] solvePentadiagonal(double[] a0, double[] a1, double[] a2, double[] b) {
        int n = a0.length;
        double[] d = new double[n];
        double[] l1 = new double[n];
        double[] l2 = new double[n];
        for (int i = 0; i < n; i++) {
            double di = a0[i];
            if (i >= 1) {
                di -= l1[i - 1] * l1[i - 1] * d[i - 1];
            }
            if (i >= 2) {
                di -= l2[i - 2] * l2[i - 2] * d[i - 2];
            }
            d[i] = di;
            if (i + 1 < n) {
                double v = a1[i];
                if (i >= 1) {
                    v -= l1[i - 1] * l2[i - 1] * d[i - 1];
                }
                l1[i] = v / di;
            }
            if (i + 2 < n) {
                l2[i] = a2[i] / di;
            }
        }
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double v = b[i];
            if (i >= 1) {
                v -= l1[i - 1] * z[i - 1];
            }
            if (i >= 2) {
                v -= l2[i - 2] * z[i - 2];
            }
            z[i] = v;
        }
        for (int i = 0; i < n; i++) {
            z[i] /= d[i];
        }
        for (int i = n - 1; i >= 0; i--) {
            if (i + 1 < n) {
                z[i] -= l1[i] * z[i + 1];
            }
            if (i + 2 < n) {
                z[i] -= l2[i] * z[i + 2];
            }
        }
        return z;
    }
}
