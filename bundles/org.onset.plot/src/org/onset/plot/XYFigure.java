package org.onset.plot;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.onset.plot.internal.Canvas;
import org.onset.plot.internal.XYPainter;

/**
 * Lines on x–y axes with SI ticks, a title and a legend, e.g. I–V curves: {@code new XYFigure()
 * .title("pixel 12, 40").axes(Axis.of("bias", "V"), Axis.of("current", "A")).add(Series.line("I", v, i))
 * .writeSvg(file)}. Axis ranges follow the finite data (with a small margin) unless set.
 * A figure is not safe for use by several threads at once.
 */
public final class XYFigure implements Figure {

    /**
     * Okabe &amp; Ito's colour-blind-safe qualitative palette (blue, vermillion, bluish green, reddish
     * purple, orange, sky blue, yellow, black): series without their own colour take these in order.
     */
    public static final List<Integer> PALETTE = List.of(0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7, 0xE69F00, 0x56B4E9,
            0xF0E442, 0x000000);

    private String title = "";
    private Axis xAxis = Axis.of("x", "");
    private Axis yAxis = Axis.of("y", "");
    private Range xRange;
    private Range yRange;
    private final List<Series> series = new ArrayList<>();
    private boolean logX;
    private boolean logY;

    public XYFigure title(String title) {
        this.title = title == null ? "" : title;
        return this;
    }

    public XYFigure axes(Axis x, Axis y) {
        this.xAxis = Objects.requireNonNull(x);
        this.yAxis = Objects.requireNonNull(y);
        return this;
    }

    /** Fixes the x range (null: from the data). */
    public XYFigure xRange(Range r) {
        this.xRange = r;
        return this;
    }

    /** Fixes the y range (null: from the data). */
    public XYFigure yRange(Range r) {
        this.yRange = r;
        return this;
    }

    /**
     * Logarithmic x and/or y axis, as the workbench's plots show it. Points that are not positive on a
     * log axis are left out (the line is lifted there), as on screen.
     *
     * @since 1.1
     */
    public XYFigure log(boolean x, boolean y) {
        this.logX = x;
        this.logY = y;
        return this;
    }

    public boolean logX() {
        return logX;
    }

    public boolean logY() {
        return logY;
    }

    public XYFigure add(Series s) {
        series.add(Objects.requireNonNull(s));
        return this;
    }

    /** The series in drawing order, colours resolved. */
    public List<Series> series() {
        List<Series> out = new ArrayList<>(series.size());
        int next = 0;
        for (Series s : series) {
            int rgb = s.rgb();
            if (rgb == Series.AUTO_COLOUR) {
                rgb = PALETTE.get(next++ % PALETTE.size());
            }
            out.add(new Series(s.name(), s.x(), s.y(), rgb, s.markers()));
        }
        return out;
    }

    @Override
    public int width() {
        return XYPainter.WIDTH;
    }

    @Override
    public int height() {
        return XYPainter.HEIGHT;
    }

    @Override
    public byte[] toPng() throws IOException {
        return Canvas.png(width(), height(), painter());
    }

    @Override
    public String toSvg() {
        return Canvas.svg(width(), height(), painter());
    }

    private XYPainter painter() {
        List<Series> s = series();
        Range xr = xRange != null ? xRange : XYPainter.dataRange(s, true, logX);
        Range yr = yRange != null ? yRange : XYPainter.dataRange(s, false, logY);
        if (logX && !(xr.lo() > 0) || logY && !(yr.lo() > 0)) {
            throw new IllegalArgumentException("a log " + (logX && !(xr.lo() > 0) ? "x" : "y")
                    + " axis needs a positive range, got " + (logX && !(xr.lo() > 0) ? xr : yr));
        }
        return new XYPainter(title, xAxis, yAxis, xr, yr, s, logX, logY);
    }
}
