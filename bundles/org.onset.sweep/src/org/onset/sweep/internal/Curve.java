package org.onset.sweep.internal;

/**
 * The samples of one pixel's ramp, SI units: the first {@code size} values of each array (the
 * arrays may be longer: buffers reused from pixel to pixel, valid only until the next pixel's
 * curve is assembled); {@code height} is null without a height channel.
 */
record Curve(double sampleRateHz, double[] time, double[] bias, double[] current, double[] height, int size) {

    double lastCurrent() {
        return size == 0 ? Double.NaN : current[size - 1];
    }

    double heightChange() {
        return height == null || size == 0 ? Double.NaN : height[size - 1] - height[0];
    }
}
