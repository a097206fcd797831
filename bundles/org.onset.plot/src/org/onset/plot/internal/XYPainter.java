package org.onset.plot.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.util.List;

import org.onset.plot.Axis;
import org.onset.plot.Range;
import org.onset.plot.Series;
import org.onset.plot.Ticks;

/** Draws an {@link org.onset.plot.XYFigure}: plot area with a light tick grid, legend on the right. */
public record XYPainter(String title, Axis xAxis, Axis yAxis, Range xRange, Range yRange, List<Series> series,
        boolean logX, boolean logY) implements Canvas.Painter {

    public static final int LEFT = 78;
    public static final int TOP = 46;
    public static final int PLOT_W = 480;
    public static final int PLOT_H = 340;
    public static final int BOTTOM = 58;
    public static final int RIGHT = 170;
    public static final int WIDTH = LEFT + PLOT_W + RIGHT;
    public static final int HEIGHT = TOP + PLOT_H + BOTTOM;
    private static final Color GRID = new Color(0xE6E6E6);

    /** Finite extent of all series along x or y, widened by 3 % on each side so lines don't sit on the frame. */
    public static Range dataRange(List<Series> series, boolean x) {
        return dataRange(series, x, false);
    }

    /** Like {@link #dataRange(List, boolean)}; on a log axis only positive values count and the margin is in decades. */
    public static Range dataRange(List<Series> series, boolean x, boolean log) {
        if (log) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (Series s : series) {
                for (double v : x ? s.x() : s.y()) {
                    if (Double.isFinite(v) && v > 0) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
            if (lo > hi) {
                return new Range(1, 10);
            }
            double a = Math.log10(lo);
            double b = Math.log10(hi);
            double pad = b > a ? 0.03 * (b - a) : 0.5;
            return new Range(Math.pow(10, a - pad), Math.pow(10, b + pad));
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : x ? s.x() : s.y()) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            return new Range(0, 1);
        }
        Range r = Range.around(lo, hi);
        double pad = 0.03 * r.span();
        return new Range(r.lo() - pad, r.hi() + pad);
    }

    @Override
    public void paint(Graphics2D g) {
        Canvas.title(g, title, WIDTH);
        FontMetrics fm = g.getFontMetrics();
        Ticks xt = logX ? xAxis.logTicks(xRange.lo(), xRange.hi()) : xAxis.ticks(xRange.lo(), xRange.hi(), 6);
        Ticks yt = logY ? yAxis.logTicks(yRange.lo(), yRange.hi()) : yAxis.ticks(yRange.lo(), yRange.hi(), 5);
        for (int k = 0; k < xt.values().size(); k++) {
            int px = px(xt.values().get(k));
            g.setColor(GRID);
            g.drawLine(px, TOP, px, TOP + PLOT_H);
            g.setColor(Color.BLACK);
            g.drawLine(px, TOP + PLOT_H, px, TOP + PLOT_H + 5);
            String l = xt.labels().get(k);
            g.drawString(l, px - fm.stringWidth(l) / 2, TOP + PLOT_H + 18);
        }
        for (int k = 0; k < yt.values().size(); k++) {
            int py = py(yt.values().get(k));
            g.setColor(GRID);
            g.drawLine(LEFT, py, LEFT + PLOT_W, py);
            g.setColor(Color.BLACK);
            g.drawLine(LEFT - 5, py, LEFT, py);
            String l = yt.labels().get(k);
            g.drawString(l, LEFT - 8 - fm.stringWidth(l), py + fm.getAscent() / 2 - 1);
        }
        String xl = xt.title(xAxis.quantity());
        g.drawString(xl, LEFT + PLOT_W / 2 - fm.stringWidth(xl) / 2, TOP + PLOT_H + 40);
        Canvas.upwards(g, yt.title(yAxis.quantity()), 18, TOP + PLOT_H / 2);

        Graphics2D c = (Graphics2D) g.create();
        c.clipRect(LEFT, TOP, PLOT_W + 1, PLOT_H + 1);
        c.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        c.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (Series s : series) {
            c.setColor(new Color(s.rgb()));
            c.draw(line(s));
            if (s.markers()) {
                for (int k = 0; k < s.x().length; k++) {
                    if (Double.isFinite(s.x()[k]) && Double.isFinite(s.y()[k]) && !(logX && s.x()[k] <= 0)
                            && !(logY && s.y()[k] <= 0)) {
                        c.fill(new Ellipse2D.Double(fx(s.x()[k]) - 2.5, fy(s.y()[k]) - 2.5, 5, 5));
                    }
                }
            }
        }
        c.dispose();
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, PLOT_W, PLOT_H);
        legend(g);
    }

    /** The series as one path, lifted at every NaN. */
    private Shape line(Series s) {
        Path2D.Double p = new Path2D.Double();
        boolean down = false;
        for (int k = 0; k < s.x().length; k++) {
            double x = s.x()[k];
            double y = s.y()[k];
            if (!Double.isFinite(x) || !Double.isFinite(y) || logX && x <= 0 || logY && y <= 0) {
                down = false;
            } else if (down) {
                p.lineTo(fx(x), fy(y));
            } else {
                p.moveTo(fx(x), fy(y));
                down = true;
            }
        }
        return p;
    }

    private void legend(Graphics2D g) {
        Graphics2D l = (Graphics2D) g.create();
        l.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        int x = LEFT + PLOT_W + 16;
        int y = TOP + 6;
        for (Series s : series) {
            l.setColor(new Color(s.rgb()));
            l.setStroke(new BasicStroke(2.5f));
            l.draw(new Line2D.Double(x, y + 7, x + 22, y + 7));
            l.setColor(Color.BLACK);
            l.drawString(s.name(), x + 28, y + 11);
            y += 20;
        }
        l.dispose();
    }

    private double fx(double x) {
        return LEFT + fraction(xRange, x, logX) * PLOT_W;
    }

    private double fy(double y) {
        return TOP + PLOT_H - fraction(yRange, y, logY) * PLOT_H;
    }

    private static double fraction(Range r, double v, boolean log) {
        if (!log) {
            return r.fraction(v);
        }
        double lo = Math.log10(r.lo());
        return (Math.log10(v) - lo) / (Math.log10(r.hi()) - lo);
    }

    private int px(double x) {
        return (int) Math.round(fx(x));
    }

    private int py(double y) {
        return (int) Math.round(fy(y));
    }
}
