package org.onset.map.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * The samples of one pixel's ramp, SI units: the first {@code size} values of each array. The
 * arrays may be longer, so that the sweep can fill the same buffers for every pixel instead of
 * allocating and trimming; such a curve is valid only until its producer reuses the buffers, and
 * nothing that receives it keeps a reference. Arrays are not copied (they can be large).
 *
 * @param time    s since the ramp start
 * @param bias    applied bias, V
 * @param current measured current, A
 * @param height  measured height, m; {@code null} when the instrument has no height channel
 * @param size    number of samples; every array holds at least this many
 */
public record Curve(double[] time, double[] bias, double[] current, double[] height, int size) {

    public Curve {
        Objects.requireNonNull(time, "curve time");
        Objects.requireNonNull(bias, "curve bias");
        Objects.requireNonNull(current, "curve current");
        if (size < 0) {
            throw new IllegalArgumentException("a curve's size must be >= 0, got " + size);
        }
        if (time.length < size || bias.length < size || current.length < size
                || (height != null && height.length < size)) {
            throw new IllegalArgumentException("every channel of a curve must hold at least " + size
                    + " samples: time " + time.length + ", bias " + bias.length + ", current " + current.length
                    + (height == null ? "" : ", height " + height.length));
        }
    }

    /** A curve that is the whole of each array; all arrays must have the same length. */
    public Curve(double[] time, double[] bias, double[] current, double[] height) {
        this(time, bias, current, height, equalLength(time, bias, current, height));
    }

    private static int equalLength(double[] time, double[] bias, double[] current, double[] height) {
        Objects.requireNonNull(time, "curve time");
        Objects.requireNonNull(bias, "curve bias");
        Objects.requireNonNull(current, "curve current");
        int n = time.length;
        if (bias.length != n || current.length != n || (height != null && height.length != n)) {
            throw new IllegalArgumentException("all channels of a curve must have the same length: time " + n
                    + ", bias " + bias.length + ", current " + current.length
                    + (height == null ? "" : ", height " + height.length));
        }
        return n;
    }

    /** True when every array holds exactly {@link #size()} samples. */
    public boolean isExact() {
        return time.length == size && bias.length == size && current.length == size
                && (height == null || height.length == size);
    }

    /** This curve when {@link #isExact()}, else one with copies of the first {@code size} samples. */
    public Curve exact() {
        if (isExact()) {
            return this;
        }
        return new Curve(Arrays.copyOf(time, size), Arrays.copyOf(bias, size), Arrays.copyOf(current, size),
                height == null ? null : Arrays.copyOf(height, size), size);
    }

    /** Current of the last sample, A; NaN for an empty curve. */
    public double lastCurrent() {
        return size == 0 ? Double.NaN : current[size - 1];
    }

    /** Height of the last sample minus the first, m; NaN without height channel or samples. */
    public double heightChange() {
        return height == null || size == 0 ? Double.NaN : height[size - 1] - height[0];
    }
}
