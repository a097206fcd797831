package org.onset.batch.internal.png;

import java.awt.Color;

/**
 * A perceptually ordered colour map interpolated between anchor colours. {@link #VIRIDIS} uses the
 * published anchor colours of matplotlib's viridis (dark blue → green → yellow), readable in grey
 * print and by colour-blind readers.
 */
public final class ColorMap {

    public static final ColorMap VIRIDIS = new ColorMap(0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E,
            0x1F9E89, 0x35B779, 0x6DCD59, 0xB4DE2C, 0xFDE725);

    /** Shown where a pixel has no value (not measured, or no nucleation for an onset map). */
    public static final Color NO_VALUE = new Color(0xD9D9D9);

    private final int[] anchors;

    private ColorMap(int... anchors) {
        this.anchors = anchors;
    }

    /** Colour of {@code f} in [0, 1] (clamped). */
    public Color at(double f) {
        double c = Math.max(0, Math.min(1, f)) * (anchors.length - 1);
        int k = Math.min((int) c, anchors.length - 2);
        double w = c - k;
        return new Color(mix(anchors[k] >> 16, anchors[k + 1] >> 16, w), mix(anchors[k] >> 8, anchors[k + 1] >> 8, w),
                mix(anchors[k], anchors[k + 1], w));
    }

    private static int mix(int a, int b, double w) {
        return (int) Math.round((a & 0xFF) * (1 - w) + (b & 0xFF) * w);
    }
}
