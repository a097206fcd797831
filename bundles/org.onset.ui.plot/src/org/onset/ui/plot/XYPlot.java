package org.onset.ui.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.eclipse.swt.SWT;
import org.eclipse.swt.events.PaintEvent;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.ICustomPaintListener;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ILineSeries.PlotSymbolType;
import org.eclipse.swtchart.ISeries;
import org.eclipse.swtchart.ISeries.SeriesType;
import org.eclipse.swtchart.LineStyle;
import org.onset.plot.Axis;
import org.onset.plot.Figure;
import org.onset.plot.Range;
import org.onset.plot.Series;
import org.onset.plot.XYFigure;
import org.onset.ui.plot.internal.Decimation;

/**
 * Curves on x–y axes (I–V, ΔZ–V, I–t …): several traces with a legend, marked points, linear or log
 * axes, a crosshair whose position is read out under the chart. Traces are {@link Series} of
 * {@code org.onset.plot} in the base units of the axes; colours not given come from
 * {@link XYFigure#PALETTE}. Long traces (10⁵ points and more) stay fluid: of each pixel column only the
 * lowest and highest point are drawn, as one polyline per trace.
 */
public final class XYPlot extends ChartPlot {

    private final List<Series> traces = new ArrayList<>();
    /** The SWTChart series of the traces, with their full data (SWTChart gets what {@link Decimation} keeps). */
    private final List<Drawn> drawn = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();
    private final MenuItem logXItem;
    private final MenuItem logYItem;
    private Axis xQuantity;
    private Axis yQuantity;

    public XYPlot(Composite parent, int style) {
        this(parent, style, Axis.of("x", ""), Axis.of("y", ""));
    }

    public XYPlot(Composite parent, int style, Axis x, Axis y) {
        super(parent, style, x, y);
        this.xQuantity = x;
        this.yQuantity = y;
        frame.chart().getLegend().setPosition(SWT.RIGHT);
        frame.setHome(this::fitAll);
        frame.onHover(this::hover);
        frame.onViewChanged(this::decimate);
        frame.chart().getPlotArea().addCustomPaintListener(new ICustomPaintListener() {
            @Override
            public void paintControl(PaintEvent e) {
                paintTraces(e.gc);
            }

            @Override
            public boolean drawBehindSeries() {
                return true;
            }
        });
        frame.plotControl().addListener(SWT.Resize, e -> decimate());
        logXItem = frame.item("Log x axis", e -> setLog(true, ((MenuItem) e.widget).getSelection()));
        logYItem = frame.item("Log y axis", e -> setLog(false, ((MenuItem) e.widget).getSelection()));
        frame.addStandardMenu(this, "plot");
        fitAll();
    }

    /** What the axes show (quantity and base unit). */
    public void setAxes(Axis x, Axis y) {
        checkWidget();
        this.xQuantity = Objects.requireNonNull(x);
        this.yQuantity = Objects.requireNonNull(y);
        frame.setQuantities(x, y);
    }

    /** Replaces all traces (names must be unique) and shows all data. */
    public void setTraces(List<Series> series) {
        checkWidget();
        List<String> names = new ArrayList<>();
        for (Series s : series) {
            if (names.contains(s.name())) {
                throw new IllegalArgumentException("two traces named '" + s.name() + "'");
            }
            names.add(s.name());
        }
        traces.clear();
        traces.addAll(series);
        rebuild();
        fitAll();
    }

    /** Adds a trace (or replaces the one of the same name) without changing the visible ranges. */
    public void addTrace(Series s) {
        checkWidget();
        Objects.requireNonNull(s);
        boolean replaced = false;
        for (int k = 0; k < traces.size(); k++) {
            if (traces.get(k).name().equals(s.name())) {
                traces.set(k, s);
                replaced = true;
            }
        }
        if (!replaced) {
            traces.add(s);
        }
        rebuild();
        frame.viewChanged();
    }

    /** Removes the trace of that name, if any. */
    public void removeTrace(String name) {
        checkWidget();
        if (traces.removeIf(t -> t.name().equals(name))) {
            rebuild();
            frame.viewChanged();
        }
    }

    /** The traces in drawing order, colours resolved. */
    public List<Series> traces() {
        checkWidget();
        return figureSeries(false);
    }

    /** Replaces the marked points. */
    public void setMarkers(List<Marker> list) {
        checkWidget();
        markers.clear();
        markers.addAll(list);
        rebuild();
        frame.viewChanged();
    }

    public List<Marker> markers() {
        checkWidget();
        return List.copyOf(markers);
    }

    /**
     * Log scale on x. Every value of every trace and marker must then be positive.
     *
     * @throws IllegalArgumentException naming the trace with a value ≤ 0
     */
    public void setLogX(boolean log) {
        checkWidget();
        setLog(true, log);
    }

    /** Log scale on y, like {@link #setLogX}. */
    public void setLogY(boolean log) {
        checkWidget();
        setLog(false, log);
    }

    public boolean isLogX() {
        return frame.xAxis().isLogScaleEnabled();
    }

    public boolean isLogY() {
        return frame.yAxis().isLogScaleEnabled();
    }

    private void setLog(boolean x, boolean log) {
        IAxis axis = x ? frame.xAxis() : frame.yAxis();
        MenuItem item = x ? logXItem : logYItem;
        if (log) {
            for (Series s : traces) {
                for (double v : x ? s.x() : s.y()) {
                    if (v <= 0) {
                        item.setSelection(false);
                        throw new IllegalArgumentException("no log scale on " + (x ? "x" : "y") + ": trace '" + s.name()
                                + "' has the value " + v + " (≤ 0)");
                    }
                }
            }
            for (Marker m : markers) {
                if ((x ? m.x() : m.y()) <= 0) {
                    item.setSelection(false);
                    throw new IllegalArgumentException("no log scale on " + (x ? "x" : "y") + ": marker '" + m.label()
                            + "' is at " + (x ? m.x() : m.y()) + " (≤ 0)");
                }
            }
        }
        axis.enableLogScale(log);
        item.setSelection(log);
        fitAll();
    }

    @Override
    public Figure toFigure() {
        checkWidget();
        XYFigure f = new XYFigure().title(getTitle()).axes(xQuantity, yQuantity).xRange(xRange()).yRange(yRange())
                .log(isLogX(), isLogY());
        for (Series s : figureSeries(true)) {
            f.add(s);
        }
        return f;
    }

    @Override
    public String toCsv() {
        checkWidget();
        StringBuilder b = new StringBuilder();
        b.append("trace,").append(header(xQuantity)).append(',').append(header(yQuantity)).append('\n');
        for (Series s : traces) {
            String name = csvCell(s.name());
            for (int k = 0; k < s.x().length; k++) {
                b.append(name).append(',').append(num(s.x()[k])).append(',').append(num(s.y()[k])).append('\n');
            }
        }
        for (Marker m : markers) {
            b.append(csvCell(m.label())).append(',').append(num(m.x())).append(',').append(num(m.y())).append('\n');
        }
        return b.toString();
    }

    static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    /** The traces with resolved colours, and (for figures) the markers as one-point series with symbols. */
    private List<Series> figureSeries(boolean withMarkers) {
        XYFigure f = new XYFigure();
        traces.forEach(f::add);
        List<Series> out = new ArrayList<>(f.series());
        if (withMarkers) {
            for (Marker m : markers) {
                out.add(new Series(m.label(), new double[] { m.x() }, new double[] { m.y() }, m.rgb(), true));
            }
        }
        return out;
    }

    private void rebuild() {
        for (ISeries<?> s : frame.chart().getSeriesSet().getSeries()) {
            frame.chart().getSeriesSet().deleteSeries(s.getId());
        }
        drawn.clear();
        int k = 0;
        for (Series s : figureSeries(false)) {
            ILineSeries<?> ls = (ILineSeries<?>) frame.chart().getSeriesSet().createSeries(SeriesType.LINE,
                    "t" + k++ + ":" + s.name());
            ls.setDescription(s.name());
            // the series carries the legend entry; the line itself is drawn by paintTraces
            ls.setXSeries(new double[0]);
            ls.setYSeries(new double[0]);
            drawn.add(Drawn.of(s));
            Color c = color(s.rgb());
            ls.setLineColor(c);
            ls.setSymbolColor(c);
            ls.setSymbolType(s.markers() ? PlotSymbolType.CIRCLE : PlotSymbolType.NONE);
            ls.setSymbolSize(3);
            ls.setAntialias(SWT.OFF);
        }
        for (Marker m : markers) {
            ILineSeries<?> ls = (ILineSeries<?>) frame.chart().getSeriesSet().createSeries(SeriesType.LINE,
                    "m" + k++ + ":" + m.label());
            ls.setDescription(m.label());
            ls.setXSeries(new double[] { m.x() });
            ls.setYSeries(new double[] { m.y() });
            ls.setLineStyle(LineStyle.NONE);
            ls.setSymbolType(PlotSymbolType.DIAMOND);
            ls.setSymbolSize(6);
            ls.setSymbolColor(color(m.rgb()));
        }
        decimate();
        frame.chart().getLegend().setVisible(!traces.isEmpty() || !markers.isEmpty());
        frame.chart().updateLayout();
    }

    /** A trace, whether its x ascends (then it can be decimated), and what is drawn of it now ({x, y}). */
    private record Drawn(Series data, double[] x, double[] y, boolean ascending, double[][] shown) {

        /** A ramp towards negative bias has x descending: reversed, it is the same line and can be decimated. */
        static Drawn of(Series s) {
            if (Decimation.ascending(s.x())) {
                return new Drawn(s, s.x(), s.y(), true, new double[2][]);
            }
            double[] rx = reversed(s.x());
            if (Decimation.ascending(rx)) {
                return new Drawn(s, rx, reversed(s.y()), true, new double[2][]);
            }
            return new Drawn(s, s.x(), s.y(), false, new double[2][]);
        }

        private static double[] reversed(double[] a) {
            double[] r = new double[a.length];
            for (int k = 0; k < a.length; k++) {
                r[k] = a[a.length - 1 - k];
            }
            return r;
        }
    }

    /** Keeps of each trace only what shows at the visible x range and the plot's width. */
    private void decimate() {
        int columns = frame.plotControl().getSize().x;
        org.eclipse.swtchart.Range r = frame.xAxis().getRange();
        for (Drawn d : drawn) {
            double[][] xy = d.ascending() && columns > 0 ? Decimation.of(d.x(), d.y(), r.lower, r.upper, columns, isLogX())
                    : new double[][] { d.x(), d.y() };
            d.shown()[0] = xy[0];
            d.shown()[1] = xy[1];
        }
    }

    /**
     * Draws the traces as polylines between SWTChart's axes. SWTChart 0.13 draws a solid line segment by
     * segment (one GC.drawLine each), which costs about 25 times a polyline of the same points under
     * GTK 3 (measured: 1800 segments 40–50 ms against 2 ms); a dense trace is thousands of segments.
     */
    private void paintTraces(GC gc) {
        gc.setAntialias(SWT.OFF);
        gc.setLineStyle(SWT.LINE_SOLID);
        gc.setLineWidth(1);
        IAxis xa = frame.xAxis();
        IAxis ya = frame.yAxis();
        boolean logX = isLogX();
        boolean logY = isLogY();
        for (Drawn d : drawn) {
            double[] x = d.shown()[0];
            double[] y = d.shown()[1];
            if (x == null) {
                continue;
            }
            Color c = color(d.data().rgb());
            gc.setForeground(c);
            gc.setBackground(c);
            int[] pts = new int[2 * x.length];
            int m = 0;
            for (int k = 0; k <= x.length; k++) {
                boolean gap = k == x.length || !Double.isFinite(x[k]) || !Double.isFinite(y[k]) || logX && x[k] <= 0
                        || logY && y[k] <= 0;
                if (gap) {
                    if (m >= 4) {
                        gc.drawPolyline(java.util.Arrays.copyOf(pts, m));
                    } else if (m == 2) {
                        gc.drawPoint(pts[0], pts[1]);
                    }
                    m = 0;
                    continue;
                }
                pts[m++] = clampPx(xa.getPixelCoordinate(x[k]));
                pts[m++] = clampPx(ya.getPixelCoordinate(y[k]));
                if (d.data().markers()) {
                    gc.fillOval(pts[m - 2] - 2, pts[m - 1] - 2, 5, 5);
                }
            }
        }
    }

    /** Far neighbours of the visible range map far outside; cairo takes coordinates well beyond the screen. */
    private static int clampPx(int p) {
        return Math.max(-100_000, Math.min(100_000, p));
    }

    private void fitAll() {
        if (traces.isEmpty() && markers.isEmpty()) {
            frame.setRanges(new Range(0, 1), new Range(0, 1));
            return;
        }
        List<Series> all = figureSeries(true);
        frame.setRanges(extent(all, true, isLogX()), extent(all, false, isLogY()));
    }

    /** Finite (and for a log axis positive) extent of the data, 3 % margin on each side (in log space on a log axis). */
    private static Range extent(List<Series> series, boolean x, boolean log) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : x ? s.x() : s.y()) {
                if (Double.isFinite(v) && (!log || v > 0)) {
                    double w = log ? Math.log10(v) : v;
                    lo = Math.min(lo, w);
                    hi = Math.max(hi, w);
                }
            }
        }
        if (lo > hi) {
            return log ? new Range(1, 10) : new Range(0, 1);
        }
        Range r = Range.around(lo, hi);
        double pad = 0.03 * r.span();
        return log ? new Range(Math.pow(10, r.lo() - pad), Math.pow(10, r.hi() + pad))
                : new Range(r.lo() - pad, r.hi() + pad);
    }

    private void hover(int px, int py) {
        if (px < 0) {
            frame.setReadout("");
            return;
        }
        double x = frame.xAxis().getDataCoordinate(px);
        double y = frame.yAxis().getDataCoordinate(py);
        frame.setReadout(String.format(Locale.ROOT, "%s = %s,   %s = %s", name(xQuantity, "x"),
                frame.xFormat().readout(x), name(yQuantity, "y"), frame.yFormat().readout(y)));
    }

    static String name(Axis a, String fallback) {
        return a.quantity().isEmpty() ? fallback : a.quantity();
    }

    static Color color(int rgb) {
        return new Color(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF);
    }
}
