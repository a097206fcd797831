package org.onset.instrument.api;

/**
 * A block of consecutive samples of a ramp. Arrays are owned by the receiver after delivery
 * (the driver does not reuse them) and are not copied, for speed.
 *
 * @param firstIndex index of the first sample in the ramp (0-based)
 * @param time       seconds since the ramp start
 * @param bias       applied bias, V
 * @param current    measured current, A
 * @param height     measured height, m; {@code null} when the instrument has no height channel
 */
public record SampleBlock(int firstIndex, double[] time, double[] bias, double[] current, double[] height) {
    public SampleBlock {
        int n = time.length;
        if (bias.length != n || current.length != n || (height != null && height.length != n)) {
            throw new IllegalArgumentException("all channels of a sample block must have the same length");
        }
    }

    public int size() {
        return time.length;
    }
}
