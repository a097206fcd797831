package org.onset.spectra;

import java.util.Arrays;

import org.onset.io.api.Axis;
import org.onset.io.api.Signal;
import org.onset.io.api.Spectrum;

/** Normalisation, smoothing, cropping and integration of one spectrum. */
public final class Spectra {

    private Spectra() {
    }

    /** How {@link #normalise} scales. */
    public enum Norm {
        /** largest absolute value becomes 1 */
        MAX,
        /** area under |y| (trapezoid over x) becomes 1 */
        AREA,
        /** Euclidean length of y becomes 1 */
        VECTOR
    }

    /** The spectrum scaled so that the chosen norm is 1; the y unit becomes "" (normalised). */
    public static Spectrum normalise(Spectrum s, Norm norm) {
        double[] y = s.y().values();
        double scale = switch (norm) {
            case MAX -> Arrays.stream(y).filter(Double::isFinite).map(Math::abs).max().orElse(0);
            case AREA -> {
                double[] abs = Arrays.stream(y).map(Math::abs).toArray();
                yield Math.abs(integrate(s.x().values(), abs, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
            }
            case VECTOR -> Math.sqrt(Arrays.stream(y).filter(Double::isFinite).map(v -> v * v).sum());
        };
        if (!(scale > 0)) {
            throw new IllegalArgumentException("cannot normalise a spectrum whose " + norm + " norm is " + scale);
        }
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] / scale;
        }
        return new Spectrum(s.x(), new Signal(s.y().quantity() + " (normalised, " + norm.name().toLowerCase() + ")",
                "", out));
    }

    /** y minus a baseline of the same length. */
    public static Spectrum subtract(Spectrum s, double[] baseline) {
        double[] y = s.y().values();
        if (baseline.length != y.length) {
            throw new IllegalArgumentException("baseline has " + baseline.length + " points, spectrum " + y.length);
        }
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] - baseline[i];
        }
        return new Spectrum(s.x(), new Signal(s.y().quantity(), s.y().unit(), out));
    }

    /**
     * Savitzky–Golay smoothing with a quadratic over {@code 2·halfWidth + 1} points (keeps peak
     * heights better than a moving average); the ends use the shrunken symmetric window.
     */
    public static Spectrum smooth(Spectrum s, int halfWidth) {
        if (halfWidth < 1) {
            throw new IllegalArgumentException("smoothing half-width must be ≥ 1 point, got " + halfWidth);
        }
        double[] y = s.y().values();
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            int m = Math.min(halfWidth, Math.min(i, y.length - 1 - i));
            if (m == 0) {
                out[i] = y[i];
                continue;
            }
            // quadratic Savitzky–Golay weights for the centre point: (3m² + 3m − 1 − 5k²)
            double norm = (2 * m + 1) * (4 * m * m + 4 * m - 3) / 3.0;
            double sum = 0;
            for (int k = -m; k <= m; k++) {
                sum += (3 * m * m + 3 * m - 1 - 5 * k * k) * y[i + k];
            }
            out[i] = sum / norm;
        }
        return new Spectrum(s.x(), new Signal(s.y().quantity(), s.y().unit(), out));
    }

    /** The points with lo ≤ x ≤ hi, in their original order (a descending axis stays descending). */
    public static Spectrum crop(Spectrum s, double lo, double hi) {
        double a = Math.min(lo, hi);
        double b = Math.max(lo, hi);
        double[] x = s.x().values();
        double[] y = s.y().values();
        int n = 0;
        for (double v : x) {
            if (v >= a && v <= b) {
                n++;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("no point of the spectrum lies in " + a + " … " + b + " " + s.x().unit());
        }
        double[] cx = new double[n];
        double[] cy = new double[n];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] >= a && x[i] <= b) {
                cx[k] = x[i];
                cy[k++] = y[i];
            }
        }
        return new Spectrum(new Axis(s.x().quantity(), s.x().unit(), cx), new Signal(s.y().quantity(), s.y().unit(), cy));
    }

    /**
     * Trapezoid integral of y over x for the points with lo ≤ x ≤ hi, taken in ascending x whatever the
     * file order (so descending and non-uniform axes give the same, positive-direction result). NaN
     * points are skipped.
     */
    public static double integrate(double[] x, double[] y, double lo, double hi) {
        int[] order = ascending(x, lo, hi);
        double sum = 0;
        for (int k = 1; k < order.length; k++) {
            int i = order[k - 1];
            int j = order[k];
            if (Double.isFinite(y[i]) && Double.isFinite(y[j])) {
                sum += 0.5 * (y[i] + y[j]) * (x[j] - x[i]);
            }
        }
        return sum;
    }

    /** Indices of the points in [lo, hi], sorted by ascending x. */
    static int[] ascending(double[] x, double lo, double hi) {
        double a = Math.min(lo, hi);
        double b = Math.max(lo, hi);
        return java.util.stream.IntStream.range(0, x.length).filter(i -> x[i] >= a && x[i] <= b).boxed()
                .sorted((i, j) -> Double.compare(x[i], x[j])).mapToInt(Integer::intValue).toArray();
    }

    /**
     * The spectrum linearly interpolated at other x values (in any order), for overlaying and
     * comparing spectra of several files on one axis; NaN outside the spectrum's range. The axes must
     * have the same quantity and unit.
     */
    public static Spectrum resample(Spectrum s, Axis target) {
        if (!s.x().unit().equals(target.unit()) || !s.x().quantity().equals(target.quantity())) {
            throw new IllegalArgumentException("cannot put a spectrum over " + s.x().quantity() + " in " + s.x().unit()
                    + " on an axis of " + target.quantity() + " in " + target.unit());
        }
        int[] order = ascending(s.x().values(), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        double[] xs = new double[order.length];
        double[] ys = new double[order.length];
        for (int k = 0; k < order.length; k++) {
            xs[k] = s.x().values()[order[k]];
            ys[k] = s.y().values()[order[k]];
        }
        double[] out = new double[target.size()];
        for (int i = 0; i < out.length; i++) {
            double t = target.values()[i];
            int hi = Arrays.binarySearch(xs, t);
            if (hi >= 0) {
                out[i] = ys[hi];
                continue;
            }
            hi = -hi - 1;
            if (hi == 0 || hi == xs.length) {
                out[i] = Double.NaN;
                continue;
            }
            int lo = hi - 1;
            out[i] = ys[lo] + (ys[hi] - ys[lo]) * (t - xs[lo]) / (xs[hi] - xs[lo]);
        }
        return new Spectrum(target, new Signal(s.y().quantity(), s.y().unit(), out));
    }
}
