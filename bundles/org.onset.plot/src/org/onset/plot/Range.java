package org.onset.plot;

/**
 * The value interval a colour bar or axis spans, {@code lo < hi}, both finite.
 */
public record Range(double lo, double hi) {

    public Range {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(hi > lo)) {
            throw new IllegalArgumentException("a range needs finite lo < hi, got [" + lo + ", " + hi + "]");
        }
    }

    /**
     * A usable range from any two numbers: swapped if reversed, widened around a single value (by 1 %
     * of it, or by 1 around 0) so that a constant map still gets a colour bar.
     */
    public static Range around(double a, double b) {
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("a range needs finite ends, got " + a + " and " + b);
        }
        double lo = Math.min(a, b);
        double hi = Math.max(a, b);
        if (hi > lo) {
            return new Range(lo, hi);
        }
        double pad = lo == 0 ? 1 : Math.abs(lo) * 0.01;
        return new Range(lo - pad, hi + pad);
    }

    /** Where {@code value} sits: 0 at lo, 1 at hi (not clamped; NaN stays NaN). */
    public double fraction(double value) {
        return (value - lo) / (hi - lo);
    }

    public double span() {
        return hi - lo;
    }
}
