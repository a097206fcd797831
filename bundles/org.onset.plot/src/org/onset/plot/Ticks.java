package org.onset.plot;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Round tick positions 1, 2 or 5 × 10^k apart inside a range, with labels in an SI-prefixed unit:
 * values in metres between 0 and 1.4 µm get labels "0", "0.2", … "1.4" and the unit "µm"; currents
 * around −30 pA get "pA". Labels are computed in decimal, so they never show binary noise such as
 * "0.30000000000000004", and all labels of one axis have the same number of decimals.
 *
 * @param values   tick positions in the base unit (ascending)
 * @param labels   one label per value, in {@link #unitLabel()}
 * @param step     distance between ticks in the base unit
 * @param exponent power of ten the labels are in (−9 for "n", 0 for none; a multiple of 3 unless fixed
 *                 otherwise by the caller)
 * @param unitLabel the prefixed unit ("nm", "pA", "V"); for a dimensionless axis "" or "×10⁻⁶"
 */
public record Ticks(List<Double> values, List<String> labels, double step, int exponent, String unitLabel) {

    /** Pass as exponent to let the ticks choose the SI prefix. */
    public static final int AUTO = Integer.MIN_VALUE;

    private static final String[] PREFIXES = { "y", "z", "a", "f", "p", "n", "µ", "m", "", "k", "M", "G", "T", "P",
            "E", "Z", "Y" };
    private static final int MAX_TICKS = 1000;

    public Ticks {
        values = List.copyOf(values);
        labels = List.copyOf(labels);
    }

    /** About {@code wanted} ticks between lo and hi, SI prefix chosen from the largest tick. */
    public static Ticks of(double lo, double hi, int wanted, String unit) {
        return of(lo, hi, wanted, unit, AUTO);
    }

    /**
     * About {@code wanted} ticks between lo and hi (either order; a single value is widened).
     *
     * @param unit     base unit without prefix ("m", "A", "V"); "" for a plain number (no prefix from
     *                 0.001 to 9999, a power of ten beyond); "%" and units starting with "°" are never
     *                 prefixed
     * @param exponent power of ten for the labels (e.g. −9 to insist on nm), or {@link #AUTO}
     */
    public static Ticks of(double lo, double hi, int wanted, String unit, int exponent) {
        Range r = Range.around(lo, hi);
        int[] me = niceStep(r.span(), wanted);
        long m = me[0];
        int e = me[1];
        double step = m * Math.pow(10, e);
        long kLo = (long) Math.ceil(r.lo() / step - 1e-9);
        long kHi = (long) Math.floor(r.hi() / step + 1e-9);
        if (kHi - kLo > MAX_TICKS) {
            throw new IllegalArgumentException("more than " + MAX_TICKS + " ticks asked for");
        }
        List<BigDecimal> exact = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (long k = kLo; k <= kHi; k++) {
            BigDecimal v = BigDecimal.valueOf(k * m).scaleByPowerOfTen(e);
            exact.add(v);
            values.add(v.doubleValue());
        }
        String u = unit == null ? "" : unit;
        int p = exponent != AUTO ? exponent
                : unprefixed(u) ? 0 : u.isEmpty() ? plainExponent(values, step) : engineeringExponent(values, step);
        int decimals = Math.max(0, p - e);
        List<String> labels = new ArrayList<>(exact.size());
        for (BigDecimal v : exact) {
            labels.add(plain(v.scaleByPowerOfTen(-p).setScale(decimals, RoundingMode.HALF_EVEN)));
        }
        return new Ticks(values, labels, step, p, unitLabel(u, p));
    }

    /**
     * Ticks for a logarithmic axis over [lo, hi] (both &gt; 0): every power of ten inside, labelled
     * "10⁻¹²" and so on with the unit on the axis title ("current (A)"), because one SI prefix cannot
     * fit labels that span several decades. A range inside one decade also gets 2 and 5 × 10^k; a
     * range too narrow for even those falls back to {@link #of linear ticks}.
     *
     * @since 1.1
     */
    public static Ticks log(double lo, double hi, String unit) {
        Range r = Range.around(lo, hi);
        if (!(r.lo() > 0)) {
            throw new IllegalArgumentException("a log axis needs a positive range, got [" + lo + ", " + hi + "]");
        }
        int kLo = (int) Math.ceil(Math.log10(r.lo()) - 1e-9);
        int kHi = (int) Math.floor(Math.log10(r.hi()) + 1e-9);
        if (kHi - kLo > MAX_TICKS) {
            throw new IllegalArgumentException("more than " + MAX_TICKS + " ticks asked for");
        }
        int every = Math.max(1, (kHi - kLo + 1) / 8);
        List<Double> values = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int k = kLo; k <= kHi; k++) {
            if ((k - kLo) % every == 0) {
                values.add(Math.pow(10, k));
                labels.add("10" + superscript(k));
            }
        }
        if (values.size() < 2) {
            values.clear();
            labels.clear();
            for (int k = kLo - 1; k <= kHi; k++) {
                for (int m : new int[] { 1, 2, 5 }) {
                    double v = m * Math.pow(10, k);
                    if (v >= r.lo() * (1 - 1e-9) && v <= r.hi() * (1 + 1e-9)) {
                        values.add(v);
                        labels.add(m == 1 ? "10" + superscript(k) : m + "×10" + superscript(k));
                    }
                }
            }
        }
        if (values.size() < 2) {
            return of(lo, hi, 5, unit);
        }
        return new Ticks(values, labels, Double.NaN, 0, unit == null ? "" : unit);
    }

    /** The 1-2-5 step for about {@code wanted} intervals over [lo, hi]; 1 for an empty range. */
    public static double step(double lo, double hi, int wanted) {
        double span = Math.abs(hi - lo);
        if (!(span > 0) || !Double.isFinite(span)) {
            return 1;
        }
        int[] me = niceStep(span, wanted);
        return BigDecimal.valueOf(me[0]).scaleByPowerOfTen(me[1]).doubleValue();
    }

    /** The SI prefix of a power of ten that is a multiple of 3 from −24 to 24 ("n" for −9, "µ" for −6). */
    public static String prefix(int exponent) {
        if (exponent % 3 != 0 || exponent < -24 || exponent > 24) {
            throw new IllegalArgumentException("no SI prefix for 10^" + exponent);
        }
        return PREFIXES[exponent / 3 + 8];
    }

    /** Any value (e.g. a cursor read-out) in this axis' unit with one decimal more than the ticks. */
    public String label(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        if (!Double.isFinite(step)) {
            // log ticks: three significant digits in the base unit
            return new BigDecimal(value).round(new java.math.MathContext(3)).toString();
        }
        int e = (int) Math.floor(Math.log10(step) + 1e-9);
        int decimals = Math.max(0, exponent - e) + 1;
        return plain(new BigDecimal(value).scaleByPowerOfTen(-exponent).setScale(decimals, RoundingMode.HALF_EVEN));
    }

    /** "x (nm)" — the quantity with this axis' unit in parentheses, or the quantity alone without a unit. */
    public String title(String quantity) {
        return unitLabel.isEmpty() ? quantity : quantity + " (" + unitLabel + ")";
    }

    private static int[] niceStep(double span, int wanted) {
        double raw = span / Math.max(1, wanted);
        int e = (int) Math.floor(Math.log10(raw));
        double n = raw / Math.pow(10, e);
        int m = n < 1.5 ? 1 : n < 3.5 ? 2 : n < 7.5 ? 5 : 10;
        return m == 10 ? new int[] { 1, e + 1 } : new int[] { m, e };
    }

    /** Largest tick between 1 and 1000 in the chosen prefix (the step when all ticks are 0). */
    private static int engineeringExponent(List<Double> values, double step) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        if (max == 0) {
            max = step;
        }
        int p = 3 * (int) Math.floor(Math.log10(max) / 3 + 1e-9);
        return Math.max(-24, Math.min(24, p));
    }

    /** Plain numbers stay plain from 0.001 to 9999; beyond, a power of ten keeps labels short. */
    private static int plainExponent(List<Double> values, double step) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max >= 1e-3 && max < 1e4 ? 0 : engineeringExponent(values, step);
    }

    private static boolean unprefixed(String unit) {
        return unit.equals("%") || unit.startsWith("°");
    }

    private static String unitLabel(String unit, int p) {
        if (p == 0) {
            return unit;
        }
        if (!unit.isEmpty() && p % 3 == 0 && p >= -24 && p <= 24) {
            return prefix(p) + unit;
        }
        String power = "×10" + superscript(p);
        return unit.isEmpty() ? power : power + " " + unit;
    }

    private static String superscript(int p) {
        StringBuilder b = new StringBuilder();
        for (char c : Integer.toString(p).toCharArray()) {
            b.append(switch (c) {
            case '-' -> '⁻';
            case '1' -> '¹';
            case '2' -> '²';
            case '3' -> '³';
            default -> (char) ('⁰' + (c - '0'));
            });
        }
        return b.toString();
    }

    private static String plain(BigDecimal v) {
        String s = v.toPlainString();
        // "-0.0" from a value that rounds to zero reads as a different tick than "0.0"
        return s.startsWith("-") && v.signum() == 0 ? s.substring(1) : s;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Ticks%s %s", labels, unitLabel);
    }
}
