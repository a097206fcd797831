package org.onset.ui.modeling.internal;

import java.util.Locale;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.onset.fem.FemModel;

/**
 * The model's cross-section in the xz plane through the tip axis (y = 0), to scale: the slab, the
 * inclusions cut by that plane at the current dx, the tip's cone and apex, the air box, the probe
 * points on the axis and a scale bar. Drawn in plain SWT (it is a drawing, not a plot).
 */
final class GeometrySketch {

    private static final RGB SLAB = new RGB(0xC9, 0xDD, 0xF0);
    private static final RGB INCLUSION = new RGB(0xF2, 0xC1, 0x7E);
    private static final RGB TIP = new RGB(0x70, 0x70, 0x78);
    private static final RGB PROBE = new RGB(0xC0, 0x20, 0x20);

    private final Canvas canvas;
    private FemModel model;

    GeometrySketch(Composite parent) {
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED);
        canvas.setBackground(parent.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        canvas.addPaintListener(e -> paint(e.gc));
        canvas.addListener(SWT.Resize, e -> canvas.redraw());
    }

    Canvas control() {
        return canvas;
    }

    /** The model to draw (null: the form has problems; the last valid model stays, greyed). */
    void show(FemModel m) {
        if (m != null) {
            model = m;
        }
        greyed = m == null;
        canvas.redraw();
    }

    private boolean greyed;

    private void paint(GC gc) {
        Rectangle area = canvas.getClientArea();
        gc.setAntialias(SWT.ON);
        if (model == null) {
            gc.drawString("no valid model", 10, 10, true);
            return;
        }
        FemModel m = model;
        double halfW = m.slab().widthNm() / 2;
        double zMin = -m.slab().thicknessNm();
        double zMax = m.airHeightNm();
        int margin = MARGIN;
        double scale = scale(area, m);
        if (!(scale > 0)) {
            return;
        }
        int cx = area.width / 2;
        int top = margin + 16;
        java.util.function.DoubleUnaryOperator px = x -> cx + x * scale;
        java.util.function.DoubleUnaryOperator pz = z -> top + (zMax - z) * scale;

        Color slab = new Color(canvas.getDisplay(), SLAB);
        Color inc = new Color(canvas.getDisplay(), INCLUSION);
        Color tip = new Color(canvas.getDisplay(), TIP);
        Color probe = new Color(canvas.getDisplay(), PROBE);
        Color black = canvas.getDisplay().getSystemColor(SWT.COLOR_BLACK);
        Color grey = canvas.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY);
        try {
            if (greyed) {
                gc.setAlpha(110);
            }
            // air box
            gc.setForeground(grey);
            gc.setLineStyle(SWT.LINE_DASH);
            gc.drawRectangle(round(px.applyAsDouble(-halfW)), round(pz.applyAsDouble(zMax)), round(2 * halfW * scale),
                    round(zMax * scale));
            gc.setLineStyle(SWT.LINE_SOLID);
            // slab
            gc.setBackground(slab);
            int sx = round(px.applyAsDouble(-halfW));
            int sy = round(pz.applyAsDouble(0));
            int sw = round(2 * halfW * scale);
            int sh = round(m.slab().thicknessNm() * scale);
            gc.fillRectangle(sx, sy, sw, sh);
            gc.setForeground(black);
            gc.drawRectangle(sx, sy, sw, sh);
            // inclusions, cut by the plane y = 0 (a hemisphere off that plane shows a smaller half-disc)
            gc.setBackground(inc);
            for (FemModel.Inclusion i : m.inclusions()) {
                double x = i.xNm() + m.dxNm();
                if (Math.abs(i.yNm()) >= i.radiusNm()) {
                    continue;
                }
                double halfChord = Math.sqrt(i.radiusNm() * i.radiusNm() - i.yNm() * i.yNm());
                if (i.shape() == FemModel.Shape.HEMISPHERE) {
                    int d = round(2 * halfChord * scale);
                    int left = round(px.applyAsDouble(x - halfChord));
                    int upper = round(pz.applyAsDouble(halfChord));
                    gc.fillArc(left, upper, d, d, 180, 180);
                    gc.drawArc(left, upper, d, d, 180, 180);
                } else {
                    int left = round(px.applyAsDouble(x - halfChord));
                    int w = round(2 * halfChord * scale);
                    int h = round(i.heightNm() * scale);
                    gc.fillRectangle(left, sy, w, h);
                    gc.drawRectangle(left, sy, w, h);
                }
                gc.drawString(String.format(Locale.ROOT, "ε = %s", plain(i.permittivity())),
                        round(px.applyAsDouble(x + halfChord)) + 4, sy + 4, true);
            }
            gc.drawString(String.format(Locale.ROOT, "slab ε = %s", plain(m.slab().permittivity())), sx + 6, sy + sh - 20,
                    true);
            gc.drawString("grounded bottom", sx, sy + sh + 2, true);
            // tip: cone tangent to the apex sphere, as the mesher builds it
            FemModel.Tip t = m.tip();
            gc.setBackground(tip);
            int[] cone = {
                    round(px.applyAsDouble(-t.coneBaseRadiusNm())), round(pz.applyAsDouble(t.coneBaseZNm())),
                    round(px.applyAsDouble(-t.topRadiusNm())), round(pz.applyAsDouble(t.topZNm())),
                    round(px.applyAsDouble(t.topRadiusNm())), round(pz.applyAsDouble(t.topZNm())),
                    round(px.applyAsDouble(t.coneBaseRadiusNm())), round(pz.applyAsDouble(t.coneBaseZNm())) };
            gc.fillPolygon(cone);
            int r = Math.max(1, round(t.apexRadiusNm() * scale));
            int acx = round(px.applyAsDouble(0));
            int acz = round(pz.applyAsDouble(t.apexCentreZNm()));
            gc.fillOval(acx - r, acz - r, 2 * r, 2 * r);
            gc.drawString(String.format(Locale.ROOT, "tip %s V", plain(m.biasV())), round(px.applyAsDouble(t.topRadiusNm())) + 6,
                    round(pz.applyAsDouble(t.topZNm())), true);
            // probe points on the axis
            gc.setBackground(probe);
            for (double d : m.probeDepthsNm()) {
                int y = round(pz.applyAsDouble(-d));
                gc.fillOval(acx - 3, y - 3, 6, 6);
            }
            // dx: from the tip axis to the first inclusion's centre
            if (!m.inclusions().isEmpty()) {
                FemModel.Inclusion first = m.inclusions().get(0);
                int from = acx;
                int to = round(px.applyAsDouble(first.xNm() + m.dxNm()));
                int y = sy + sh + 24;
                gc.setForeground(probe);
                gc.drawLine(from, y, to, y);
                gc.drawLine(from, y - 4, from, y + 4);
                gc.drawLine(to, y - 4, to, y + 4);
                gc.drawString(String.format(Locale.ROOT, "dx = %s nm", plain(m.dxNm())), Math.max(from, to) + 6, y - 8, true);
            }
            gc.setAlpha(255);
            // scale bar (100, 200 or 500 nm: about a fifth of the width)
            double bar = niceLength(2 * halfW / 5);
            gc.setForeground(black);
            int bx = sx;
            int by = margin;
            gc.setLineWidth(2);
            gc.drawLine(bx, by, bx + round(bar * scale), by);
            gc.setLineWidth(1);
            gc.drawString(String.format(Locale.ROOT, "%s nm", plain(bar)), bx + round(bar * scale) + 6, by - 8, true);
            gc.drawString(String.format(Locale.ROOT, "xz cross-section at y = 0, dx = %s nm%s", plain(m.dxNm()),
                    greyed ? " (last valid model: the form has problems)" : ""), 8, 4, true);
        } finally {
            slab.dispose();
            inc.dispose();
            tip.dispose();
            probe.dispose();
        }
    }

    /** Where (x, z in nm) lands on the canvas for the shown model: for tests of the drawing. */
    Point toCanvas(double xNm, double zNm) {
        Rectangle area = canvas.getClientArea();
        FemModel m = model;
        double zMax = m.airHeightNm();
        double scale = scale(area, m);
        return new Point(round(area.width / 2 + xNm * scale), round(MARGIN + 16 + (zMax - zNm) * scale));
    }

    /** Space above the drawing (scale bar, title) is MARGIN + 16 px, below it BOTTOM px (labels, dx). */
    private static final int MARGIN = 28;
    private static final int BOTTOM = 40;

    private static double scale(Rectangle area, FemModel m) {
        double w = m.slab().widthNm();
        double h = m.airHeightNm() + m.slab().thicknessNm();
        return Math.min((area.width - 2.0 * MARGIN) / w, (area.height - MARGIN - 16.0 - BOTTOM) / h);
    }

    private static double niceLength(double approx) {
        double p = Math.pow(10, Math.floor(Math.log10(approx)));
        for (double m : new double[] { 1, 2, 5 }) {
            if (m * p >= approx * 0.7) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static int round(double v) {
        return (int) Math.round(v);
    }

    static String plain(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.4g", v)).stripTrailingZeros().toPlainString();
    }
}
