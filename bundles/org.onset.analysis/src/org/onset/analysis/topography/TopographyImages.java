package org.onset.analysis.topography;

import java.util.List;

import org.onset.instrument.api.TopographyImage;
import org.onset.io.api.Channel;
import org.onset.io.api.Image;

/**
 * Topography images as the importers' {@link Image}: what a map file stores (storage order, the
 * first pixel's centre and steps of either sign) turned into the stage frame every image file uses,
 * so that it can be exported, thresholded or laid over other data like any SPM image.
 */
public final class TopographyImages {

    private TopographyImages() {
    }

    /**
     * A topography image (storage order, x0/y0 the first pixel's centre, dx/dy of either sign) as an
     * {@link Image} in the stage frame, row 0 at the top, its one channel the heights in m.
     */
    public static Image asImage(String name, TopographyImage t) {
        double w = Math.abs(t.dx()) * t.nx();
        double h = Math.abs(t.dy()) * t.ny();
        double xLeft = Math.min(t.x0(), t.x0() + (t.nx() - 1) * t.dx()) - Math.abs(t.dx()) / 2;
        double yTop = Math.max(t.y0(), t.y0() + (t.ny() - 1) * t.dy()) + Math.abs(t.dy()) / 2;
        double[] z = new double[t.nx() * t.ny()];
        for (int j = 0; j < t.ny(); j++) {
            int row = t.dy() >= 0 ? t.ny() - 1 - j : j;
            for (int i = 0; i < t.nx(); i++) {
                int col = t.dx() >= 0 ? i : t.nx() - 1 - i;
                z[row * t.nx() + col] = t.height()[j * t.nx() + i];
            }
        }
        return new Image(t.nx(), t.ny(), w > 0 ? w : 1e-9, h > 0 ? h : 1e-9, xLeft, yTop,
                List.of(new Channel(name, "height", "m", z)));
    }
}
