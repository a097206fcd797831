package org.onset.ui.spectroscopy.internal;

/**
 * How the spectra of a map sit on the screen: a map's spectrum {@code row * nx + column} is in the
 * file's row order, while a {@code MapPlot} wants row 0 at the bottom (smallest y) and column 0 at the
 * left (smallest x). From the positions (m) this finds the flips and the extent of the image; without
 * positions the cells count as 1 (column and row numbers).
 */
record BandGrid(int nx, int ny, boolean flipX, boolean flipY, boolean positioned, double x0, double x1, double y0,
        double y1) {

    static BandGrid of(int nx, int ny, double[] positionX, double[] positionY) {
        double xa = positionX[0];
        double xb = positionX[nx - 1];
        double ya = positionY[0];
        double yb = positionY[(ny - 1) * nx];
        boolean known = Double.isFinite(xa) && Double.isFinite(xb) && Double.isFinite(ya) && Double.isFinite(yb)
                && (nx == 1 || xa != xb) && (ny == 1 || ya != yb);
        if (!known) {
            return new BandGrid(nx, ny, false, false, false, 0, nx, 0, ny);
        }
        double dx = nx > 1 ? Math.abs(xb - xa) / (nx - 1) : ny > 1 ? Math.abs(yb - ya) / (ny - 1) : 1e-6;
        double dy = ny > 1 ? Math.abs(yb - ya) / (ny - 1) : dx;
        return new BandGrid(nx, ny, xb < xa, yb < ya, true, Math.min(xa, xb) - dx / 2, Math.max(xa, xb) + dx / 2,
                Math.min(ya, yb) - dy / 2, Math.max(ya, yb) + dy / 2);
    }

    /** The index of the map's spectrum drawn in plot cell (i, j). */
    int spectrumIndex(int i, int j) {
        int column = flipX ? nx - 1 - i : i;
        int row = flipY ? ny - 1 - j : j;
        return row * nx + column;
    }

    /** Plot values (x fastest, row 0 at the bottom) from values in the map's spectrum order. */
    double[] toPlot(double[] bySpectrum) {
        double[] out = new double[nx * ny];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                out[j * nx + i] = bySpectrum[spectrumIndex(i, j)];
            }
        }
        return out;
    }
}
