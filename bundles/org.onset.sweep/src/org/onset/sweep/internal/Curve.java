package org.onset.sweep.internal;

/**
 * The samples of one pixel's ramp, SI units; {@code height} is null without a height channel.
 */
record Curve(double sampleRateHz, double[] time, double[] bias, double[] current, double[] height) {

    int size() {
        return time.length;
    }

    double lastCurrent() {
        return time.length == 0 ? Double.NaN : current[time.length - 1];
    }

    double heightChange() {
        return height == null || height.length == 0 ? Double.NaN : height[height.length - 1] - height[0];
    }
}
