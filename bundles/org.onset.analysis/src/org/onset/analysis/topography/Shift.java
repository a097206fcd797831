package org.onset.analysis.topography;

/**
 * Where one image lies on another: the moving image's point (i + dx, j + dy) shows what the
 * reference shows at (i, j). In pixels of the reference grid; {@link #xMetres}/{@link #yMetres}
 * give the same in m.
 *
 * @param dx          shift along x, pixels (sub-pixel)
 * @param dy          shift along y, pixels (sub-pixel)
 * @param correlation normalised cross-correlation at the best integer shift (−1 … 1)
 * @param pixelX      pixel size along x, m
 * @param pixelY      pixel size along y, m
 */
public record Shift(double dx, double dy, double correlation, double pixelX, double pixelY) {

    public double xMetres() {
        return dx * pixelX;
    }

    public double yMetres() {
        return dy * pixelY;
    }
}
