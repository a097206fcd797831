package org.onset.ui.maps.internal.view;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.onset.plot.Ticks;

/** The onset-bias histogram of the measured pixels (pixels where a rule fired), updating with the map. */
public final class HistogramCanvas extends Canvas {

    private static final int BINS = 30;
    private double[] values = new double[0];
    private int[] counts = new int[BINS];
    private double lo, hi;
    private int finite;

    public HistogramCanvas(Composite parent) {
        super(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        addListener(SWT.Paint, this::paint);
    }

    public void show(double[] v) {
        values = v;
        lo = Double.POSITIVE_INFINITY;
        hi = Double.NEGATIVE_INFINITY;
        finite = 0;
        for (double x : v) {
            if (Double.isFinite(x)) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
                finite++;
            }
        }
        counts = new int[BINS];
        if (finite > 0) {
            if (hi == lo) {
                lo -= 0.05;
                hi += 0.05;
            }
            for (double x : v) {
                if (Double.isFinite(x)) {
                    counts[Math.min(BINS - 1, (int) ((x - lo) / (hi - lo) * BINS))]++;
                }
            }
        }
        redraw();
    }

    public int measuredOnsets() {
        return finite;
    }

    private void paint(Event e) {
        GC gc = e.gc;
        Rectangle area = getClientArea();
        gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        gc.fillRectangle(area);
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
        Point em = gc.textExtent("0");
        gc.drawText("Onset bias histogram: " + finite + " pixels with an onset", 8, 2, true);
        if (finite == 0) {
            return;
        }
        int max = 1;
        for (int c : counts) {
            max = Math.max(max, c);
        }
        String maxLabel = String.valueOf(max);
        int left = 12 + gc.textExtent(maxLabel).x;
        Rectangle p = new Rectangle(left, em.y + 6, Math.max(10, area.width - left - 10),
                Math.max(10, area.height - em.y * 3 - 14));
        Color bar = new Color(getDisplay(), new RGB(0x33, 0x66, 0x99));
        gc.setBackground(bar);
        for (int b = 0; b < BINS; b++) {
            int x0 = p.x + b * p.width / BINS, x1 = p.x + (b + 1) * p.width / BINS;
            int h = (int) Math.round((double) counts[b] / max * p.height);
            gc.fillRectangle(x0, p.y + p.height - h, Math.max(1, x1 - x0 - 1), h);
        }
        bar.dispose();
        gc.drawRectangle(p);
        gc.drawText(maxLabel, p.x - 4 - gc.textExtent(maxLabel).x, p.y, true);
        gc.drawText("0", p.x - 4 - gc.textExtent("0").x, p.y + p.height - em.y, true);
        Ticks t = Ticks.of(lo, hi, 5, "V");
        for (int k = 0; k < t.values().size(); k++) {
            double v = t.values().get(k);
            if (v < lo || v > hi) {
                continue;
            }
            int px = p.x + (int) Math.round((v - lo) / (hi - lo) * p.width);
            gc.drawLine(px, p.y + p.height, px, p.y + p.height + 3);
            String s = t.labels().get(k);
            gc.drawText(s, px - gc.textExtent(s).x / 2, p.y + p.height + 4, true);
        }
        String title = t.title("onset bias") + "; pixel count";
        gc.drawText(title, p.x + p.width / 2 - gc.textExtent(title).x / 2, p.y + p.height + 4 + em.y, true);
    }
}
