package org.onset.plot;

/**
 * What an axis or colour bar shows: a quantity in a base SI unit, for instance {@code Axis.of("x", "m")}
 * is drawn as "x (µm)" or "x (nm)" depending on the range, {@code Axis.of("x", "m", -9)} always in nm.
 *
 * @param quantity the name shown on the axis ("x", "onset bias", "current")
 * @param unit     the base unit of the data ("m", "V", "A"), "" for a plain number
 * @param exponent power of ten of the labels, or {@link Ticks#AUTO} for an SI prefix chosen from the range
 */
public record Axis(String quantity, String unit, int exponent) {

    public Axis {
        quantity = quantity == null ? "" : quantity;
        unit = unit == null ? "" : unit;
    }

    /** SI prefix chosen from the range. */
    public static Axis of(String quantity, String unit) {
        return new Axis(quantity, unit, Ticks.AUTO);
    }

    /** Labels always in 10^exponent of the unit (−9 with "m": nm). */
    public static Axis of(String quantity, String unit, int exponent) {
        return new Axis(quantity, unit, exponent);
    }

    /**
     * Ticks for this axis over [lo, hi] on a logarithmic scale (powers of ten, lo &gt; 0).
     *
     * @since 1.1
     */
    public Ticks logTicks(double lo, double hi) {
        return Ticks.log(lo, hi, unit);
    }

    /** Ticks for this axis over [lo, hi], about {@code wanted} of them. */
    public Ticks ticks(double lo, double hi, int wanted) {
        return Ticks.of(lo, hi, wanted, unit, exponent);
    }
}
