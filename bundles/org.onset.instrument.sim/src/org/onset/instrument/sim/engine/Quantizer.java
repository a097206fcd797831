package org.onset.instrument.sim.engine;

/**
 * A bipolar converter (DAC or ADC) of {@code bits} over ±{@code range}: step 2·range/2^bits, codes
 * −2^(bits−1) … 2^(bits−1)−1, saturating at both ends.
 *
 * <p>Its values are exactly {@code code · step()}, never −0.0, so a stream of them can be stored as
 * integer codes without loss; the driver reports {@link #step()} as the channel resolution, the
 * same double the engine quantizes with.
 */
public final class Quantizer {

    private final double range;
    private final int bits;
    private final double step;
    private final double minCode;
    private final double maxCode;

    /**
     * @param range full scale, ± this value, in the unit of the quantized quantity
     * @param bits  resolution, 2 … 31
     * @throws IllegalArgumentException when the range is not finite and positive or the bits are out of range
     */
    public Quantizer(double range, int bits) {
        if (!(range > 0) || !Double.isFinite(range)) {
            throw new IllegalArgumentException("converter range must be finite and > 0, got " + range);
        }
        if (bits < 2 || bits > 31) {
            throw new IllegalArgumentException("converter bits must be in [2, 31], got " + bits);
        }
        this.range = range;
        this.bits = bits;
        this.step = 2 * range / Math.pow(2, bits);
        this.maxCode = Math.pow(2, bits - 1) - 1;
        this.minCode = -Math.pow(2, bits - 1);
    }

    /** Full scale, ± this value. */
    public double range() {
        return range;
    }

    public int bits() {
        return bits;
    }

    /** One code, in the unit of the quantity (the LSB). */
    public double step() {
        return step;
    }

    /** Most negative code, −2^(bits−1). */
    public double minCode() {
        return minCode;
    }

    /** Most positive code, 2^(bits−1) − 1. */
    public double maxCode() {
        return maxCode;
    }

    /**
     * The value the converter gives for {@code value}: the nearest code (saturated at the ends)
     * times the step. The {@code + 0.0} turns the −0.0 of a small negative input into 0.0, which
     * an integer code represents; NaN stays NaN.
     */
    public double quantize(double value) {
        double code = Math.max(minCode, Math.min(maxCode, Math.rint(value / step)));
        return code * step + 0.0;
    }
}
