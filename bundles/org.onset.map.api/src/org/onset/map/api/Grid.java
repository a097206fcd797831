package org.onset.map.api;

import org.onset.instrument.api.TopographyImage;

/**
 * The rectangular grid of a map, the one grid type of Onset: {@code nx} × {@code ny} pixels,
 * pixel (i, j) at (x0 + i·dx, y0 + j·dy) in metres in the positioner's frame, stored at index
 * {@code j·nx + i} (x fastest).
 *
 * <p>The record itself accepts any values, because a recipe read from JSON carries its grid to
 * the recipe validator, which names every bad field at once; a map file is only written for a
 * grid that passes {@link #requireValid()}.
 *
 * @param nx pixels along x, ≥ 1 when valid
 * @param ny pixels along y, ≥ 1 when valid
 * @param x0 x of pixel (0, 0), m
 * @param y0 y of pixel (0, 0), m
 * @param dx step along x, m (may be negative in a map file; recipes require it &gt; 0)
 * @param dy step along y, m
 */
public record Grid(int nx, int ny, double x0, double y0, double dx, double dy) {

    /** The grid of a topography image (its pixels are the grid's pixels). */
    public static Grid of(TopographyImage image) {
        return new Grid(image.nx(), image.ny(), image.x0(), image.y0(), image.dx(), image.dy());
    }

    /**
     * Returns this grid when it can hold a map: nx, ny ≥ 1, at most {@link Integer#MAX_VALUE} pixels
     * and finite origin and steps.
     *
     * @throws IllegalArgumentException naming the first bad value
     */
    public Grid requireValid() {
        if (nx < 1 || ny < 1) {
            throw new IllegalArgumentException("map grid needs nx >= 1 and ny >= 1, got " + nx + " x " + ny);
        }
        if ((long) nx * ny > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("map grid " + nx + " x " + ny + " has too many pixels");
        }
        requireFinite("x0", x0);
        requireFinite("y0", y0);
        requireFinite("dx", dx);
        requireFinite("dy", dy);
        return this;
    }

    private static void requireFinite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("map grid " + name + " must be a finite length in m, got " + v);
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

    /** x of column i, m. */
    public double x(int i) {
        return x0 + i * dx;
    }

    /** y of row j, m. */
    public double y(int j) {
        return y0 + j * dy;
    }

    /** Smallest x of a pixel centre, m (x0 unless dx &lt; 0). */
    public double xMin() {
        return dx < 0 ? x(nx - 1) : x0;
    }

    /** Largest x of a pixel centre, m. */
    public double xMax() {
        return dx < 0 ? x0 : x(nx - 1);
    }

    /** Smallest y of a pixel centre, m. */
    public double yMin() {
        return dy < 0 ? y(ny - 1) : y0;
    }

    /** Largest y of a pixel centre, m. */
    public double yMax() {
        return dy < 0 ? y0 : y(ny - 1);
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= pixelCount()) {
            throw new IndexOutOfBoundsException("pixel index " + index + " is outside 0.." + (pixelCount() - 1));
        }
    }
}
