package org.onset.ui.maps.internal.view;

import java.util.ArrayList;
import java.util.List;

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
import org.onset.plot.XYFigure;

/**
 * A small XY plot of pixel curves (one trace per pixel: the selected one and the pinned ones), with
 * axes in the quantities' units with SI prefixes and the sample at which the cutoff rule fired
 * marked by a cross and a label naming the rule.
 */
public final class CurveCanvas extends Canvas {

    /** One pixel's trace; {@code cutoff} is the sample index where the rule fired, -1 for none. */
    public record Trace(String name, double[] x, double[] y, int n, int cutoff, String rule) {
    }

    private final String xQuantity, xUnit, yQuantity, yUnit;
    private final List<Trace> traces = new ArrayList<>();

    public CurveCanvas(Composite parent, String xQuantity, String xUnit, String yQuantity, String yUnit) {
        super(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        this.xQuantity = xQuantity;
        this.xUnit = xUnit;
        this.yQuantity = yQuantity;
        this.yUnit = yUnit;
        addListener(SWT.Paint, this::paint);
    }

    public void show(List<Trace> t) {
        traces.clear();
        traces.addAll(t);
        redraw();
    }

    public List<Trace> traces() {
        return List.copyOf(traces);
    }

    private void paint(Event e) {
        GC gc = e.gc;
        Rectangle area = getClientArea();
        gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        gc.fillRectangle(area);
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
        Point em = gc.textExtent("0");
        double xlo = Double.POSITIVE_INFINITY, xhi = Double.NEGATIVE_INFINITY;
        double ylo = Double.POSITIVE_INFINITY, yhi = Double.NEGATIVE_INFINITY;
        for (Trace t : traces) {
            for (int k = 0; k < t.n(); k++) {
                if (Double.isFinite(t.x()[k]) && Double.isFinite(t.y()[k])) {
                    xlo = Math.min(xlo, t.x()[k]);
                    xhi = Math.max(xhi, t.x()[k]);
                    ylo = Math.min(ylo, t.y()[k]);
                    yhi = Math.max(yhi, t.y()[k]);
                }
            }
        }
        if (!(xhi >= xlo)) {
            gc.drawText(yQuantity + " vs " + xQuantity + ": click a measured pixel", 8, 8, true);
            return;
        }
        if (xhi == xlo) {
            xhi = xlo + 1;
        }
        if (yhi == ylo) {
            double d = Math.max(Math.abs(ylo) * 0.01, 1e-15);
            ylo -= d;
            yhi += d;
        }
        Ticks yt = Ticks.of(ylo, yhi, Math.max(2, area.height / (em.y * 4)), yUnit);
        Ticks xt = Ticks.of(xlo, xhi, Math.max(2, area.width / (gc.textExtent("-0.000").x * 2)), xUnit);
        int left = 10 + maxWidth(gc, yt.labels());
        Rectangle p = new Rectangle(left, em.y + 6, Math.max(10, area.width - left - 10),
                Math.max(10, area.height - em.y * 3 - 14));
        gc.drawText(yt.title(yQuantity) + " vs " + xt.title(xQuantity), left, 2, true);
        gc.drawRectangle(p);
        final double fxlo = xlo, fxhi = xhi, fylo = ylo, fyhi = yhi;
        java.util.function.DoubleUnaryOperator sx = v -> p.x + (v - fxlo) / (fxhi - fxlo) * p.width;
        java.util.function.DoubleUnaryOperator sy = v -> p.y + p.height - (v - fylo) / (fyhi - fylo) * p.height;
        for (int k = 0; k < xt.values().size(); k++) {
            double v = xt.values().get(k);
            if (v < xlo || v > xhi) {
                continue;
            }
            int px = (int) sx.applyAsDouble(v);
            gc.drawLine(px, p.y + p.height, px, p.y + p.height + 3);
            String s = xt.labels().get(k);
            gc.drawText(s, px - gc.textExtent(s).x / 2, p.y + p.height + 4, true);
        }
        for (int k = 0; k < yt.values().size(); k++) {
            double v = yt.values().get(k);
            if (v < ylo || v > yhi) {
                continue;
            }
            int py = (int) sy.applyAsDouble(v);
            gc.drawLine(p.x - 3, py, p.x, py);
            String s = yt.labels().get(k);
            gc.drawText(s, p.x - 5 - gc.textExtent(s).x, py - em.y / 2, true);
        }
        gc.setClipping(p);
        gc.setAntialias(SWT.ON);
        int c = 0;
        for (Trace t : traces) {
            int rgb = XYFigure.PALETTE.get(c++ % XYFigure.PALETTE.size());
            Color col = new Color(getDisplay(), new RGB((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF));
            gc.setForeground(col);
            int[] pts = decimated(t, sx, sy, p.width);
            if (pts.length >= 4) {
                gc.drawPolyline(pts);
            }
            if (t.cutoff() >= 0 && t.cutoff() < t.n()) {
                int cx = (int) sx.applyAsDouble(t.x()[t.cutoff()]);
                int cy = (int) sy.applyAsDouble(t.y()[t.cutoff()]);
                gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_RED));
                gc.setLineWidth(2);
                gc.drawLine(cx - 5, cy - 5, cx + 5, cy + 5);
                gc.drawLine(cx - 5, cy + 5, cx + 5, cy - 5);
                gc.setLineWidth(1);
                gc.drawText("cutoff: " + t.rule(), Math.min(cx + 6, p.x + p.width - 80), cy - em.y - 2, true);
            }
            col.dispose();
        }
        gc.setClipping((Rectangle) null);
        int ly = p.y + 2;
        c = 0;
        for (Trace t : traces) {
            int rgb = XYFigure.PALETTE.get(c++ % XYFigure.PALETTE.size());
            Color col = new Color(getDisplay(), new RGB((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF));
            gc.setForeground(col);
            String s = t.name();
            gc.drawText(s, p.x + p.width - gc.textExtent(s).x - 4, ly, true);
            ly += em.y;
            col.dispose();
        }
    }

    /** At most ~2 points per screen column (min and max), so 100 k-sample curves draw fast. */
    private static int[] decimated(Trace t, java.util.function.DoubleUnaryOperator sx,
            java.util.function.DoubleUnaryOperator sy, int width) {
        int n = t.n();
        if (n <= width * 2) {
            int[] pts = new int[n * 2];
            for (int k = 0; k < n; k++) {
                pts[2 * k] = (int) sx.applyAsDouble(t.x()[k]);
                pts[2 * k + 1] = (int) sy.applyAsDouble(t.y()[k]);
            }
            return pts;
        }
        int[] pts = new int[(width * 2 + 4) * 2];
        int m = 0;
        int per = (n + width - 1) / width;
        for (int s = 0; s < n && m + 4 <= pts.length; s += per) {
            int e = Math.min(n, s + per);
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (int k = s; k < e; k++) {
                lo = Math.min(lo, t.y()[k]);
                hi = Math.max(hi, t.y()[k]);
            }
            int px = (int) sx.applyAsDouble(t.x()[s]);
            pts[m++] = px;
            pts[m++] = (int) sy.applyAsDouble(lo);
            pts[m++] = px;
            pts[m++] = (int) sy.applyAsDouble(hi);
        }
        return java.util.Arrays.copyOf(pts, m);
    }

    private static int maxWidth(GC gc, List<String> labels) {
        int w = 0;
        for (String s : labels) {
            w = Math.max(w, gc.textExtent(s).x);
        }
        return w;
    }
}
