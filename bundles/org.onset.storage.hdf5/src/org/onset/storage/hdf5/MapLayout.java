package org.onset.storage.hdf5;

/**
 * The rectangular grid of a map: {@code nx} × {@code ny} pixels, pixel (i, j) at
 * (x0 + i·dx, y0 + j·dy) in metres, stored at index {@code j·nx + i} (x fastest).
 *
 * @param nx pixels along x, ≥ 1
 * @param ny pixels along y, ≥ 1
 * @param x0 x of pixel (0, 0), m
 * @param y0 y of pixel (0, 0), m
 * @param dx step along x, m (may be negative, not zero unless nx = 1)
 * @param dy step along y, m
 */
public record MapLayout(int nx, int ny, double x0, double y0, double dx, double dy) {

    public MapLayout {
        if (nx < 1 || ny < 1) {
            throw new IllegalArgumentException("map layout needs nx >= 1 and ny >= 1, got " + nx + " x " + ny);
        }
        if ((long) nx * ny > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("map layout " + nx + " x " + ny + " has too many pixels");
        }
        requireFinite("x0", x0);
        requireFinite("y0", y0);
        requireFinite("dx", dx);
        requireFinite("dy", dy);
    }

    private static void requireFinite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("map layout " + name + " must be a finite length in m, got " + v);
        }
    }

    /** Number of pixels, nx·ny. */
    public int pixelCount() {
        return nx * ny;
    }

    /** Storage index of pixel (i, j). */
    public int index(int i, int j) {
        if (i < 0 || i >= nx || j < 0 || j >= ny) {
            throw new IndexOutOfBoundsException("pixel (" + i + ", " + j + ") is outside the " + nx + " x " + ny
                    + " map");
        }
        return j * nx + i;
    }

    /** Column of a storage index. */
    public int i(int index) {
        checkIndex(index);
        return index % nx;
    }

    /** Row of a storage index. */
    public int j(int index) {
        checkIndex(index);
        return index / nx;
    }

    /** Grid x of column i, m. */
    public double x(int i) {
        return x0 + i * dx;
    }

    /** Grid y of row j, m. */
    public double y(int j) {
        return y0 + j * dy;
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= pixelCount()) {
            throw new IndexOutOfBoundsException("pixel index " + index + " is outside 0.." + (pixelCount() - 1));
        }
    }
}
