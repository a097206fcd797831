package org.onset.analysis.topography;

import java.util.List;

import org.onset.instrument.api.TopographyImage;
import org.onset.io.api.Channel;
import org.onset.io.api.Image;
import org.onset.map.api.Grid;

/**
 * Values on a grid as the importers' {@link Image}: what a map file stores (storage order, the first
 * pixel's centre and steps of either sign: a topography image, a map channel, an |E| map) turned into
 * the stage frame every image file uses (row 0 at the top, x growing along a row), so that it can be
 * exported, thresholded or laid over other data like any SPM image.
 */
public final class StageImages {

    private StageImages() {
    }

    /** A topography image in the stage frame, its one channel the heights in m. */
    public static Image of(String name, TopographyImage t) {
        return of(Grid.of(t), t.height(), name, "height", "m");
    }

    /**
     * Values in storage order ({@code values[j * nx + i]} at (x0 + i·dx, y0 + j·dy)) as a one-channel
     * image in the stage frame, the pixels centred on the grid's points.
     */
    public static Image of(Grid g, double[] values, String name, String quantity, String unit) {
        double w = Math.abs(g.dx()) * g.nx();
        double h = Math.abs(g.dy()) * g.ny();
        return new Image(g.nx(), g.ny(), w > 0 ? w : 1e-9, h > 0 ? h : 1e-9, g.xMin() - Math.abs(g.dx()) / 2,
                g.yMax() + Math.abs(g.dy()) / 2, List.of(new Channel(name, quantity, unit, rowsTopFirst(g, values))));
    }

    /** Storage order to image rows: row 0 the largest y, x growing along a row. */
    public static double[] rowsTopFirst(Grid g, double[] stored) {
        double[] z = new double[stored.length];
        for (int j = 0; j < g.ny(); j++) {
            int row = g.dy() >= 0 ? g.ny() - 1 - j : j;
            for (int i = 0; i < g.nx(); i++) {
                int col = g.dx() >= 0 ? i : g.nx() - 1 - i;
                z[row * g.nx() + col] = stored[j * g.nx() + i];
            }
        }
        return z;
    }
}
