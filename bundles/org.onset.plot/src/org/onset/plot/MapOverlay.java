package org.onset.plot;

import java.util.List;
import java.util.Objects;

/**
 * A second layer drawn over a map with some opacity: for instance the onset map over the
 * topography it was measured on (correlative overlay), or the outlines and centroids of particles
 * over a height image. It has its own grid and extent in the base map's coordinates (another image
 * of the same sample area, registered), and either a colour map with a value range (with its own
 * colour bar) or categories (with a legend). Cells without a value (NaN, infinite, or for categories
 * outside 0 … n − 1) are transparent: the base shows through.
 *
 * @param name       what the layer is ("onset bias", "particles")
 * @param nx         columns
 * @param ny         rows
 * @param values     nx·ny values, x fastest, row 0 at the bottom (y0)
 * @param x0         left edge of column 0, in the base map's x unit (m)
 * @param x1         right edge of the last column, {@code > x0}
 * @param y0         bottom edge of row 0
 * @param y1         top edge of the last row, {@code > y0}
 * @param quantity   quantity and unit of the values (colour bar title)
 * @param colorMap   colour map of continuous values (ignored with categories)
 * @param range      colour range of continuous values; null with categories
 * @param categories value k is {@code categories.get(k)}; null for continuous values
 * @param opacity    0 (invisible) … 1 (opaque)
 */
public record MapOverlay(String name, int nx, int ny, double[] values, double x0, double x1, double y0, double y1,
        Axis quantity, ColorMap colorMap, Range range, List<Category> categories, double opacity) {

    public MapOverlay {
        Objects.requireNonNull(name);
        Objects.requireNonNull(quantity);
        Objects.requireNonNull(colorMap);
        if (nx < 1 || ny < 1 || values == null || values.length != (long) nx * ny) {
            throw new IllegalArgumentException("overlay '" + name + "' of " + nx + " x " + ny + " needs " + (long) nx * ny
                    + " values, got " + (values == null ? "none" : values.length));
        }
        if (!(x1 > x0) || !(y1 > y0) || !Double.isFinite(x1 - x0) || !Double.isFinite(y1 - y0)) {
            throw new IllegalArgumentException("overlay '" + name + "' needs x0 < x1 and y0 < y1, got x " + x0 + " .. "
                    + x1 + ", y " + y0 + " .. " + y1);
        }
        if (!(opacity >= 0 && opacity <= 1)) {
            throw new IllegalArgumentException("overlay '" + name + "': opacity must be 0 … 1, got " + opacity);
        }
        if ((categories == null) == (range == null)) {
            throw new IllegalArgumentException("overlay '" + name + "' needs either a colour range or categories");
        }
        values = values.clone();
        categories = categories == null ? null : List.copyOf(categories);
    }

    /** Continuous values on a colour map between the range's ends. */
    public static MapOverlay continuous(String name, int nx, int ny, double[] values, double x0, double x1, double y0,
            double y1, Axis quantity, ColorMap colorMap, Range range, double opacity) {
        return new MapOverlay(name, nx, ny, values, x0, x1, y0, y1, quantity, colorMap, Objects.requireNonNull(range),
                null, opacity);
    }

    /** Categories: value k is drawn in {@code categories.get(k)}'s colour. */
    public static MapOverlay categorical(String name, int nx, int ny, double[] values, double x0, double x1, double y0,
            double y1, List<Category> categories, double opacity) {
        return new MapOverlay(name, nx, ny, values, x0, x1, y0, y1, Axis.of(name, ""), ColorMap.VIRIDIS, null,
                Objects.requireNonNull(categories), opacity);
    }

    /** The same layer with another opacity. */
    public MapOverlay withOpacity(double newOpacity) {
        return new MapOverlay(name, nx, ny, values, x0, x1, y0, y1, quantity, colorMap, range, categories, newOpacity);
    }

    /** The cell's colour 0xRRGGBB, or −1 where the cell is transparent (no value). */
    public int rgb(int k) {
        double v = values[k];
        if (categories != null) {
            return v >= 0 && v < categories.size() && v == Math.floor(v) ? categories.get((int) v).rgb() : -1;
        }
        return Double.isFinite(v) ? colorMap.rgb(v, range) : -1;
    }

    /** Values are copied in and out: a record's array would otherwise be shared. */
    @Override
    public double[] values() {
        return values.clone();
    }
}
