package org.onset.plot;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

import org.onset.plot.internal.Canvas;
import org.onset.plot.internal.MapPainter;

/**
 * A map: values on an nx × ny regular grid drawn as coloured cells with the true aspect ratio, axes
 * with SI ticks, a title, and either a colour bar (continuous values) or a legend (categories).
 * Cells without a value (NaN, infinite, or for categories outside 0 … n − 1) get their own colour,
 * listed in the legend with how many there are.
 *
 * <p>Settings are chained: {@code new MapFigure(70, 70, v, 0, 1.4e-6, 0, 1.4e-6).title("onset bias")
 * .values(Axis.of("onset bias", "V")).limits(ColorLimits.percentiles2to98()).writePng(file)}.
 * A figure is not safe for use by several threads at once.
 */
public final class MapFigure implements Figure {

    /** Light grey: cells without a value on a categorical map (on a colour map: {@link ColorMap#noValueRgb()}). */
    public static final int DEFAULT_NO_VALUE = 0xD9D9D9;

    private final int nx;
    private final int ny;
    private final double[] values;
    private final double x0;
    private final double x1;
    private final double y0;
    private final double y1;
    private String title = "";
    private Axis xAxis = Axis.of("x", "m");
    private Axis yAxis = Axis.of("y", "m");
    private Axis valueAxis = Axis.of("", "");
    private ColorMap colorMap = ColorMap.VIRIDIS;
    private ColorLimits limits = ColorLimits.minMax();
    private List<Category> categories;
    private int noValueRgb = -1;
    private String noValueLabel = "no value";
    private final List<MapOverlay> overlays = new java.util.ArrayList<>();

    /**
     * @param nx     columns
     * @param ny     rows
     * @param values nx·ny values, x fastest, row 0 at the bottom (y0), as a scan is recorded
     * @param x0     left edge of the first column, in the x axis' base unit (m)
     * @param x1     right edge of the last column, {@code > x0}
     * @param y0     bottom edge of row 0
     * @param y1     top edge of the last row, {@code > y0}
     */
    public MapFigure(int nx, int ny, double[] values, double x0, double x1, double y0, double y1) {
        if (nx < 1 || ny < 1 || values.length != (long) nx * ny) {
            throw new IllegalArgumentException("a map of " + nx + " x " + ny + " needs " + (long) nx * ny
                    + " values, got " + values.length);
        }
        if (!(x1 > x0) || !(y1 > y0) || !Double.isFinite(x1 - x0) || !Double.isFinite(y1 - y0)) {
            throw new IllegalArgumentException("a map needs x0 < x1 and y0 < y1, got x " + x0 + " .. " + x1 + ", y "
                    + y0 + " .. " + y1);
        }
        this.nx = nx;
        this.ny = ny;
        this.values = values;
        this.x0 = x0;
        this.x1 = x1;
        this.y0 = y0;
        this.y1 = y1;
    }

    public MapFigure title(String title) {
        this.title = title == null ? "" : title;
        return this;
    }

    /** The axes; by default "x" and "y" in metres with the SI prefix chosen from the extent. */
    public MapFigure axes(Axis x, Axis y) {
        this.xAxis = Objects.requireNonNull(x);
        this.yAxis = Objects.requireNonNull(y);
        return this;
    }

    /** What the values are: the colour bar's quantity and unit. */
    public MapFigure values(Axis quantity) {
        this.valueAxis = Objects.requireNonNull(quantity);
        return this;
    }

    public MapFigure colorMap(ColorMap map) {
        this.colorMap = Objects.requireNonNull(map);
        return this;
    }

    /** How the colour bar's ends are chosen (default: min–max). */
    public MapFigure limits(ColorLimits limits) {
        this.limits = Objects.requireNonNull(limits);
        return this;
    }

    /**
     * Draws the values as categories instead of on a colour map: value k is {@code categories.get(k)},
     * a legend replaces the colour bar.
     */
    public MapFigure categories(List<Category> categories) {
        this.categories = List.copyOf(categories);
        return this;
    }

    /** Colour and legend text of cells without a value (default: the colour map's {@link ColorMap#noValueRgb()}). */
    public MapFigure noValue(int rgb, String label) {
        this.noValueRgb = rgb & 0xFFFFFF;
        this.noValueLabel = Objects.requireNonNull(label);
        return this;
    }

    /**
     * Adds a layer drawn over the map with its opacity (in the order added); cells of the layer
     * outside the map's extent are cut off. Every continuous layer gets a colour bar of its own
     * (the figure widens for each after the first); categorical layers, when there is no continuous
     * one, a legend.
     */
    public MapFigure overlay(MapOverlay layer) {
        overlays.add(Objects.requireNonNull(layer));
        return this;
    }

    /** The layers added with {@link #overlay}. */
    public List<MapOverlay> overlays() {
        return List.copyOf(overlays);
    }

    /** The colour range the figure uses (from its limit policy and values); null for a categorical map. */
    public Range colorRange() {
        return categories == null ? limits.of(values) : null;
    }

    @Override
    public int width() {
        return MapPainter.width(overlays);
    }

    @Override
    public int height() {
        return MapPainter.HEIGHT;
    }

    @Override
    public byte[] toPng() throws IOException {
        return Canvas.png(width(), height(), painter());
    }

    @Override
    public String toSvg() {
        return Canvas.svg(width(), height(), painter());
    }

    private MapPainter painter() {
        return new MapPainter(title, nx, ny, values, x0, x1, y0, y1, xAxis, yAxis, valueAxis, colorMap,
                colorRange(), categories, noValueRgb >= 0 ? noValueRgb : categories == null ? colorMap.noValueRgb()
                        : DEFAULT_NO_VALUE, noValueLabel, List.copyOf(overlays));
    }
}
