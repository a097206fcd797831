package org.onset.storage.hdf5;

import java.util.Objects;

/**
 * The samples of one ramp, all of the same length.
 *
 * @param time    s since the ramp start
 * @param bias    applied bias, V
 * @param current measured current, A
 * @param height  measured height, m; {@code null} when the instrument has no height channel
 */
public record Curve(double[] time, double[] bias, double[] current, double[] height) {

    public Curve {
        Objects.requireNonNull(time, "curve time");
        Objects.requireNonNull(bias, "curve bias");
        Objects.requireNonNull(current, "curve current");
        int n = time.length;
        if (bias.length != n || current.length != n || (height != null && height.length != n)) {
            throw new IllegalArgumentException("all channels of a curve must have the same length: time " + n
                    + ", bias " + bias.length + ", current " + current.length
                    + (height == null ? "" : ", height " + height.length));
        }
    }

    /** Number of samples. */
    public int size() {
        return time.length;
    }
}
