package org.onset.ui.plot.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.graphics.Transform;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swtchart.Chart;
import java.util.List;

import org.onset.plot.Axis;
import org.onset.plot.Category;
import org.onset.plot.ColorMap;
import org.onset.plot.Range;
import org.onset.plot.Ticks;

/**
 * The colour bar beside a map: the colour map from the low limit (bottom) to the high one (top), level
 * with the chart's plot area, ticks from {@code org.onset.plot}'s {@link Ticks} in the values' SI-prefixed
 * unit, the quantity and unit written upwards beside it, and a swatch of the no-value colour below.
 */
public final class ColorBar extends Canvas {

    public static final int WIDTH = 110;
    private static final int BAR_X = 6;
    private static final int BAR_W = 16;

    private final Chart chart;
    private Axis quantity = Axis.of("", "");
    private ColorMap map = ColorMap.VIRIDIS;
    private Range range = new Range(0, 1);
    private int noValueRgb = ColorMap.VIRIDIS.noValueRgb();
    private List<Category> categories;

    public ColorBar(Composite parent, Chart chart) {
        super(parent, SWT.DOUBLE_BUFFERED);
        this.chart = chart;
        setBackground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
        addPaintListener(e -> paint(e.gc));
        chart.getPlotArea().getControl().addListener(SWT.Resize, e -> redraw());
    }

    public void show(Axis quantity, ColorMap map, Range range, int noValueRgb) {
        this.categories = null;
        this.quantity = quantity;
        this.map = map;
        this.range = range;
        this.noValueRgb = noValueRgb;
        redraw();
    }

    /** A legend instead of the bar: one swatch per category, then the no-value swatch. */
    public void showCategories(Axis quantity, List<Category> categories, int noValueRgb) {
        this.quantity = quantity;
        this.categories = categories;
        this.noValueRgb = noValueRgb;
        redraw();
    }

    /** The bar's extent: level with the plot area (both sit at the top of the same row). */
    private Rectangle barBounds() {
        Rectangle plot = chart.getPlotArea().getBounds();
        Point size = getSize();
        int top = plot.height > 20 ? plot.y : 10;
        int h = plot.height > 20 ? plot.height : Math.max(20, size.y - 60);
        return new Rectangle(BAR_X, top, BAR_W, h);
    }

    private void paint(GC gc) {
        if (categories != null) {
            paintLegend(gc);
            return;
        }
        Rectangle b = barBounds();
        for (int y = 0; y < b.height; y++) {
            int rgb = map.rgb(1 - (double) y / Math.max(1, b.height - 1));
            gc.setForeground(new Color(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF));
            gc.drawLine(b.x, b.y + y, b.x + b.width - 1, b.y + y);
        }
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_BLACK));
        gc.drawRectangle(b.x, b.y, b.width - 1, b.height - 1);
        Ticks t = quantity.ticks(range.lo(), range.hi(), Math.max(2, Math.min(8, b.height / 50)));
        int fh = gc.getFontMetrics().getHeight();
        for (int k = 0; k < t.values().size(); k++) {
            double v = t.values().get(k);
            double f = range.fraction(v);
            if (f < -1e-9 || f > 1 + 1e-9) {
                continue;
            }
            int y = b.y + (int) Math.round((1 - f) * (b.height - 1));
            gc.drawLine(b.x + b.width, y, b.x + b.width + 3, y);
            gc.drawString(t.labels().get(k), b.x + b.width + 6, y - fh / 2, true);
        }
        // the quantity and unit, upwards along the right edge
        String title = t.title(quantity.quantity().isEmpty() ? "value" : quantity.quantity());
        Point ext = gc.textExtent(title);
        Transform tr = new Transform(getDisplay());
        try {
            tr.translate(WIDTH - fh - 2, b.y + b.height / 2f + ext.x / 2f);
            tr.rotate(-90);
            gc.setTransform(tr);
            gc.drawString(title, 0, 0, true);
            gc.setTransform(null);
        } finally {
            tr.dispose();
        }
        // the colour of cells without a value
        int sy = b.y + b.height + 8;
        gc.setBackground(new Color(noValueRgb >> 16 & 0xFF, noValueRgb >> 8 & 0xFF, noValueRgb & 0xFF));
        gc.fillRectangle(b.x, sy, BAR_W, 12);
        gc.drawRectangle(b.x, sy, BAR_W - 1, 11);
        gc.drawString("no value", b.x + BAR_W + 6, sy + 6 - fh / 2, true);
    }

    private void paintLegend(GC gc) {
        Rectangle b = barBounds();
        int fh = gc.getFontMetrics().getHeight();
        int y = b.y;
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_BLACK));
        if (!quantity.quantity().isEmpty()) {
            gc.drawString(quantity.quantity(), BAR_X, y, true);
            y += fh + 6;
        }
        for (int k = 0; k <= categories.size(); k++) {
            int rgb = k < categories.size() ? categories.get(k).rgb() : noValueRgb;
            String label = k < categories.size() ? categories.get(k).label() : "no value";
            gc.setBackground(new Color(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF));
            gc.fillRectangle(BAR_X, y, 12, 12);
            gc.drawRectangle(BAR_X, y, 11, 11);
            gc.drawString(label, BAR_X + 18, y + 6 - fh / 2, true);
            y += Math.max(fh, 12) + 6;
        }
    }
}
