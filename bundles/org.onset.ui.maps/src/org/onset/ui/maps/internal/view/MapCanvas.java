package org.onset.ui.maps.internal.view;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.IntConsumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.onset.map.api.Grid;
import org.onset.plot.Axis;
import org.onset.plot.ColorLimits;
import org.onset.plot.ColorMap;
import org.onset.plot.MapFigure;
import org.onset.plot.Range;
import org.onset.plot.Ticks;

/**
 * A map as an image between axes in nm, with a colour bar in the values' unit, drawn with
 * {@code org.onset.plot}'s colour maps (the same colours as the PNG and SVG it exports). Pixels not
 * measured are drawn in the colour map's no-value colour. Hover shows the pixel's i, j, x, y and
 * value; a click selects a pixel (for the inspector); pinned pixels are outlined.
 */
public final class MapCanvas extends Canvas {

    /** Colour limits: 2nd to 98th percentile, as the issue asks for live maps. */
    private static final ColorLimits LIMITS = ColorLimits.percentiles2to98();

    private Raster raster;
    private ColorMap colorMap = ColorMap.VIRIDIS;
    private Range range = new Range(0, 1);
    private Image image;
    private int selected = -1;
    private final Set<Integer> pinned = new LinkedHashSet<>();
    private IntConsumer onSelect = k -> {
    };
    private Rectangle plot = new Rectangle(0, 0, 0, 0);

    public MapCanvas(Composite parent) {
        super(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        addListener(SWT.Paint, this::paint);
        addListener(SWT.Dispose, e -> disposeImage());
        addListener(SWT.MouseDown, this::click);
        addListener(SWT.MouseMove, this::hover);
    }

    public void onSelect(IntConsumer listener) {
        this.onSelect = listener;
    }

    public Raster raster() {
        return raster;
    }

    public Range colorRange() {
        return range;
    }

    public void colorMap(ColorMap map) {
        this.colorMap = map;
        if (raster != null) {
            show(raster);
        }
    }

    /** Shows new values (same or another grid); cheap enough to call at every throttled update. */
    public void show(Raster r) {
        this.raster = r;
        range = r.categorical() ? new Range(-0.5, r.categories().size() - 0.5) : LIMITS.of(r.values());
        disposeImage();
        Grid g = r.grid();
        ImageData data = new ImageData(g.nx(), g.ny(), 24, new PaletteData(0xFF0000, 0x00FF00, 0x0000FF));
        int[] row = new int[g.nx()];
        for (int j = 0; j < g.ny(); j++) {
            for (int i = 0; i < g.nx(); i++) {
                row[i] = rgb(r.values()[j * g.nx() + i]);
            }
            data.setPixels(0, g.ny() - 1 - j, g.nx(), row, 0); // row 0 at the bottom, as y grows upwards
        }
        image = new Image(getDisplay(), data);
        redraw();
    }

    private int rgb(double v) {
        if (!Double.isFinite(v)) {
            return colorMap.noValueRgb();
        }
        if (raster.categorical()) {
            int c = (int) Math.round(v);
            return c >= 0 && c < raster.categories().size() ? raster.categories().get(c).rgb() : colorMap.noValueRgb();
        }
        return colorMap.rgb(v, range);
    }

    public void select(int index) {
        selected = index;
        redraw();
    }

    public void pinned(Set<Integer> indices) {
        pinned.clear();
        pinned.addAll(indices);
        redraw();
    }

    private void disposeImage() {
        if (image != null) {
            image.dispose();
            image = null;
        }
    }

    private void paint(Event e) {
        GC gc = e.gc;
        Rectangle area = getClientArea();
        gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_WIDGET_BACKGROUND));
        gc.fillRectangle(area);
        if (raster == null || image == null) {
            return;
        }
        Point em = gc.textExtent("0");
        int top = em.y + 6;
        int left = 8 + gc.textExtent("0000").x;
        int bottom = em.y * 2 + 8;
        int bar = 14;
        int right = bar + 12 + gc.textExtent("-00.00 nA").x;
        Grid g = raster.grid();
        int w = Math.max(1, area.width - left - right);
        int h = Math.max(1, area.height - top - bottom);
        double aspect = Math.abs(g.nx() * g.dx()) / Math.abs(g.ny() * g.dy());
        if (!(aspect > 0) || !Double.isFinite(aspect)) {
            aspect = (double) g.nx() / g.ny();
        }
        if (w > h * aspect) {
            w = (int) Math.max(1, h * aspect);
        } else {
            h = (int) Math.max(1, w / aspect);
        }
        plot = new Rectangle(left, top, w, h);
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
        gc.drawText(raster.title() + (raster.unit().isEmpty() ? "" : " (" + unitPrefix() + ")"), left, 2, true);
        gc.setInterpolation(SWT.NONE);
        Rectangle src = image.getBounds();
        gc.drawImage(image, 0, 0, src.width, src.height, plot.x, plot.y, plot.width, plot.height);
        gc.drawRectangle(plot.x - 1, plot.y - 1, plot.width + 1, plot.height + 1);
        // axes: physical x and y of the pixel edges, in nm
        int xWanted = Math.max(2, plot.width / (gc.textExtent("00000").x * 2));
        int yWanted = Math.max(2, plot.height / (em.y * 3));
        Ticks xt = Ticks.of(g.xMin() - Math.abs(g.dx()) / 2, g.xMax() + Math.abs(g.dx()) / 2, xWanted, "m", -9);
        Ticks yt = Ticks.of(g.yMin() - Math.abs(g.dy()) / 2, g.yMax() + Math.abs(g.dy()) / 2, yWanted, "m", -9);
        double xl = g.xMin() - Math.abs(g.dx()) / 2, xw = Math.abs(g.dx()) * g.nx();
        double yl = g.yMin() - Math.abs(g.dy()) / 2, yh = Math.abs(g.dy()) * g.ny();
        for (int k = 0; k < xt.values().size(); k++) {
            int px = plot.x + (int) Math.round((xt.values().get(k) - xl) / xw * plot.width);
            gc.drawLine(px, plot.y + plot.height, px, plot.y + plot.height + 3);
            String s = xt.labels().get(k);
            gc.drawText(s, px - gc.textExtent(s).x / 2, plot.y + plot.height + 4, true);
        }
        String xtitle = xt.title("x");
        gc.drawText(xtitle, plot.x + plot.width / 2 - gc.textExtent(xtitle).x / 2, plot.y + plot.height + 4 + em.y, true);
        for (int k = 0; k < yt.values().size(); k++) {
            int py = plot.y + plot.height - (int) Math.round((yt.values().get(k) - yl) / yh * plot.height);
            gc.drawLine(plot.x - 4, py, plot.x - 1, py);
            String s = yt.labels().get(k);
            gc.drawText(s, plot.x - 5 - gc.textExtent(s).x, py - em.y / 2, true);
        }
        paintColorBar(gc, plot.x + plot.width + 8, plot.y, bar, plot.height, em);
        paintMarks(gc);
    }

    private String unitPrefix() {
        if (raster.categorical()) {
            return "";
        }
        return Ticks.of(range.lo(), range.hi(), 4, raster.unit()).unitLabel();
    }

    private void paintColorBar(GC gc, int x, int y, int w, int h, Point em) {
        if (raster.categorical()) {
            int n = raster.categories().size();
            for (int c = 0; c < n; c++) {
                int cy = y + c * (em.y + 6);
                Color col = color(raster.categories().get(c).rgb());
                gc.setBackground(col);
                gc.fillRectangle(x, cy, w, em.y);
                col.dispose();
                gc.drawText(raster.categories().get(c).label(), x + w + 4, cy, true);
            }
            return;
        }
        for (int py = 0; py < h; py++) {
            double f = 1 - (double) py / Math.max(1, h - 1);
            Color col = color(colorMap.rgb(f));
            gc.setForeground(col);
            gc.drawLine(x, y + py, x + w, y + py);
            col.dispose();
        }
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
        gc.drawRectangle(x, y, w, h);
        Ticks t = Ticks.of(range.lo(), range.hi(), Math.max(2, h / (em.y * 3)), raster.unit());
        for (int k = 0; k < t.values().size(); k++) {
            double v = t.values().get(k);
            if (v < range.lo() || v > range.hi()) {
                continue;
            }
            int py = y + h - (int) Math.round(range.fraction(v) * h);
            gc.drawLine(x + w, py, x + w + 3, py);
            gc.drawText(t.labels().get(k), x + w + 5, py - em.y / 2, true);
        }
        gc.drawText(t.unitLabel(), x, y + h + 4, true);
    }

    private void paintMarks(GC gc) {
        if (!raster.clickable()) {
            return;
        }
        gc.setLineWidth(1);
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
        for (int k : pinned) {
            Rectangle r = cell(k);
            gc.drawRectangle(r.x, r.y, r.width, r.height);
        }
        if (selected >= 0 && selected < raster.grid().pixelCount()) {
            Rectangle r = cell(selected);
            gc.setLineWidth(2);
            gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_RED));
            gc.drawRectangle(r.x - 1, r.y - 1, r.width + 2, r.height + 2);
            gc.setLineWidth(1);
        }
    }

    /** Screen rectangle of a pixel. */
    public Rectangle cell(int index) {
        Grid g = raster.grid();
        int i = index % g.nx(), j = index / g.nx();
        int x0 = plot.x + (int) Math.floor((double) i * plot.width / g.nx());
        int x1 = plot.x + (int) Math.floor((double) (i + 1) * plot.width / g.nx());
        int row = g.ny() - 1 - j;
        int y0 = plot.y + (int) Math.floor((double) row * plot.height / g.ny());
        int y1 = plot.y + (int) Math.floor((double) (row + 1) * plot.height / g.ny());
        return new Rectangle(x0, y0, Math.max(1, x1 - x0 - 1), Math.max(1, y1 - y0 - 1));
    }

    /** Storage index under a point of the canvas, -1 outside the map. */
    public int indexAt(int x, int y) {
        if (raster == null || !plot.contains(x, y)) {
            return -1;
        }
        Grid g = raster.grid();
        int i = Math.min(g.nx() - 1, (x - plot.x) * g.nx() / plot.width);
        int row = Math.min(g.ny() - 1, (y - plot.y) * g.ny() / plot.height);
        return (g.ny() - 1 - row) * g.nx() + i;
    }

    private void click(Event e) {
        int k = indexAt(e.x, e.y);
        if (k >= 0 && raster.clickable() && e.button == 1) {
            onSelect.accept(k);
        }
    }

    private void hover(Event e) {
        int k = indexAt(e.x, e.y);
        setToolTipText(k < 0 ? null : describe(k));
    }

    /** "i 3, j 7, x 960 nm, y 1.04 µm: onset bias −3.21 V" */
    public String describe(int k) {
        Grid g = raster.grid();
        int i = k % g.nx(), j = k / g.nx();
        double v = raster.values()[k];
        String value;
        if (!Double.isFinite(v)) {
            value = "not measured / no onset";
        } else if (raster.categorical()) {
            value = raster.categories().get((int) Math.round(v)).label();
        } else {
            value = Units.format(v, raster.unit());
        }
        return "i " + i + ", j " + j + ", x " + Units.format(g.x(i), "m") + ", y " + Units.format(g.y(j), "m") + ": "
                + raster.quantity() + " " + value;
    }

    private Color color(int rgb) {
        return new Color(getDisplay(), new RGB((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF));
    }

    /**
     * The figure this canvas shows, through {@code org.onset.plot} with the same values, colour map
     * and colour limits, for PNG and SVG export.
     */
    public MapFigure figure() {
        Grid g = raster.grid();
        double left = g.xMin() - Math.abs(g.dx()) / 2, bottom = g.yMin() - Math.abs(g.dy()) / 2;
        double[] values = raster.values();
        if (g.dx() < 0 || g.dy() < 0) {
            values = Arrays.copyOf(values, values.length); // MapFigure wants x and y increasing; Onset grids have them so
        }
        MapFigure f = new MapFigure(g.nx(), g.ny(), values, left, left + Math.abs(g.dx()) * g.nx(), bottom,
                bottom + Math.abs(g.dy()) * g.ny()).title(raster.title())
                .axes(Axis.of("x", "m", -9), Axis.of("y", "m", -9)).colorMap(colorMap);
        if (raster.categorical()) {
            f.categories(raster.categories());
        } else {
            f.values(Axis.of(raster.quantity(), raster.unit())).limits(ColorLimits.fixed(range.lo(), range.hi()));
        }
        return f;
    }

    public void exportPng(Path file) throws IOException {
        figure().writePng(file);
    }

    public void exportSvg(Path file) throws IOException {
        figure().writeSvg(file);
    }
}
