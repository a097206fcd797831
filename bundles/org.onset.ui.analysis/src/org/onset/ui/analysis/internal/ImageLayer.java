package org.onset.ui.analysis.internal;

import java.nio.file.Path;

import org.onset.io.api.Channel;
import org.onset.io.api.Image;
import org.onset.plot.Axis;
import org.onset.plot.ColorLimits;
import org.onset.plot.ColorMap;
import org.onset.plot.MapOverlay;
import org.onset.plot.Range;

/**
 * One channel of an image file (an SPM image, or the |E| map {@code onset fem-map} writes as
 * {@code field-map.gsf}) as a layer of the correlative overlay, placed by the image's own offsets
 * and size, which are stage coordinates when the file was written by Onset or by the instrument that
 * scanned the map.
 *
 * @param file   the image file
 * @param name   the channel's name
 * @param unit   its unit as the file gives it
 * @param nx     columns
 * @param ny     rows
 * @param values x fastest, row 0 at y0 (the bottom)
 * @param x0     left edge, m
 * @param x1     right edge, m
 * @param y0     bottom edge, m
 * @param y1     top edge, m
 */
public record ImageLayer(Path file, String name, String unit, int nx, int ny, double[] values, double x0, double x1,
        double y0, double y1) {

    /** Channel {@code channel} of the image (row 0 at its top, {@code offsetYM} its top edge). */
    public static ImageLayer of(Path file, Image image, int channel) {
        Channel c = image.channels().get(channel);
        double left = image.offsetXM();
        double top = image.offsetYM();
        return new ImageLayer(file, c.name(), c.unit() == null ? "" : c.unit(), image.nx(), image.ny(),
                bottomRowFirst(image, channel), left, left + image.widthM(), top - image.heightM(), top);
    }

    /**
     * A channel's values with row 0 at the bottom, as a map layer takes them (an image file has row 0 at
     * the top).
     */
    static double[] bottomRowFirst(Image image, int channel) {
        int nx = image.nx();
        int ny = image.ny();
        double[] z = image.channels().get(channel).z();
        double[] values = new double[nx * ny];
        for (int row = 0; row < ny; row++) {
            System.arraycopy(z, row * nx, values, (ny - 1 - row) * nx, nx);
        }
        return values;
    }

    /** The layer with its colour bar (magma, 2–98 % of the values) and opacity. */
    public MapOverlay overlay(double opacity) {
        return MapOverlay.continuous(name, nx, ny, values, x0, x1, y0, y1, Axis.of(name, unit), ColorMap.MAGMA,
                colourRange(), opacity);
    }

    /** 2–98 % of the values. */
    public Range colourRange() {
        return ColorLimits.percentiles2to98().of(values);
    }

    /** Values are copied out: a record's array would otherwise be shared. */
    @Override
    public double[] values() {
        return values.clone();
    }
}
