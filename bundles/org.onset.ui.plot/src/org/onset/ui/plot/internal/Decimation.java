package org.onset.ui.plot.internal;

import java.util.Arrays;

/**
 * What of a long trace is worth drawing at a given width: per pixel column the lowest and the highest
 * point (in their order; the very first and last point of the trace too), so every spike stays visible
 * while about two points per column reach the graphics — one vertical stroke per column, which is what a
 * dense trace looks like anyway. SWTChart's own compression only drops points that land on the pixel of
 * the point before, which leaves noisy traces (every sample a few pixels from the last) at full length,
 * and drawing time grows with the strokes.
 * Needs x ascending (as a ramp or time trace is recorded); a NaN in a column is kept, so the line breaks.
 */
public final class Decimation {

    /** Below this many visible points per pixel column a trace is passed on as it is. */
    static final int POINTS_PER_COLUMN = 4;

    private Decimation() {
    }

    /** True when x never decreases (NaN allowed anywhere). */
    public static boolean ascending(double[] x) {
        double last = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            if (v < last) {
                return false;
            }
            if (!Double.isNaN(v)) {
                last = v;
            }
        }
        return true;
    }

    /**
     * The points of (x, y) to draw for the visible x range [lo, hi] over {@code columns} pixels; one point
     * beyond each end is kept so lines leave the plot area at the right angle.
     *
     * @param log true when the x axis is logarithmic (columns equal in log x)
     * @return {x, y}; the input arrays themselves when nothing needs to go
     */
    public static double[][] of(double[] x, double[] y, double lo, double hi, int columns, boolean log) {
        int n = x.length;
        if (n <= POINTS_PER_COLUMN * Math.max(1, columns) || !(hi > lo) || columns < 1) {
            return new double[][] { x, y };
        }
        int from = Math.max(0, lowerBound(x, lo) - 1);
        int to = Math.min(n, lowerBound(x, hi) + 1); // exclusive
        if (to - from <= POINTS_PER_COLUMN * columns) {
            return new double[][] { Arrays.copyOfRange(x, from, to), Arrays.copyOfRange(y, from, to) };
        }
        double a = log ? Math.log10(lo) : lo;
        double span = (log ? Math.log10(hi) : hi) - a;
        double[] ox = new double[POINTS_PER_COLUMN * (columns + 2) + 8];
        double[] oy = new double[ox.length];
        int m = 0;
        int k = from;
        while (k < to) {
            int col = column(x[k], a, span, columns, log);
            int first = k;
            int min = -1;
            int max = -1;
            int nan = -1;
            int last = k;
            while (k < to && column(x[k], a, span, columns, log) == col) {
                double v = y[k];
                if (Double.isNaN(v) || Double.isNaN(x[k])) {
                    nan = k;
                } else {
                    if (min < 0 || v < y[min]) {
                        min = k;
                    }
                    if (max < 0 || v > y[max]) {
                        max = k;
                    }
                }
                last = k;
                k++;
            }
            int[] keep = { first == from ? first : -1, min, max, nan, k == to ? last : -1 };
            Arrays.sort(keep);
            int prev = -1;
            for (int idx : keep) {
                if (idx >= 0 && idx != prev) {
                    if (m == ox.length) {
                        ox = Arrays.copyOf(ox, 2 * m);
                        oy = Arrays.copyOf(oy, 2 * m);
                    }
                    ox[m] = x[idx];
                    oy[m] = y[idx];
                    m++;
                    prev = idx;
                }
            }
        }
        return new double[][] { Arrays.copyOf(ox, m), Arrays.copyOf(oy, m) };
    }

    /** Pixel column of x; points outside the range (the kept neighbours) get columns of their own. */
    private static int column(double x, double a, double span, int columns, boolean log) {
        if (Double.isNaN(x)) {
            return Integer.MIN_VALUE;
        }
        double f = ((log ? Math.log10(x) : x) - a) / span;
        if (f < 0) {
            return -1;
        }
        return f >= 1 ? columns : (int) (f * columns);
    }

    /** First index whose x is ≥ v (x ascending; NaN sorts as it stands, so treat it as not below v). */
    private static int lowerBound(double[] x, double v) {
        int lo = 0;
        int hi = x.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
