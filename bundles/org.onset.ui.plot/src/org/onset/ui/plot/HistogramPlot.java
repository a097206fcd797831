package org.onset.ui.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.eclipse.swt.SWT;
import org.eclipse.swt.events.PaintEvent;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swtchart.ICustomPaintListener;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ILineSeries.PlotSymbolType;
import org.eclipse.swtchart.ISeries;
import org.eclipse.swtchart.ISeries.SeriesType;
import org.onset.plot.Axis;
import org.onset.plot.Figure;
import org.onset.plot.Range;
import org.onset.plot.Series;
import org.onset.plot.XYFigure;

/**
 * A histogram of one quantity (onset bias, …), one bar stack per bin with a segment per group (for
 * instance per phase: AlPO4, boundary, matrix), legend by group. Bins are equal and shared by all groups;
 * their number is automatic (√n, 10 to 60) unless set. The bars are drawn between SWTChart's axes; the
 * read-out names the counts of the bin under the pointer.
 */
public final class HistogramPlot extends ChartPlot {

    private static final Axis COUNT = Axis.of("count", "");

    private final List<HistogramGroup> groups = new ArrayList<>();
    private Axis quantity;
    private int bins;
    private Range binRange;
    private double[] edges = { 0, 1 };
    private int[][] counts = new int[0][1];

    public HistogramPlot(Composite parent, int style) {
        this(parent, style, Axis.of("value", ""));
    }

    public HistogramPlot(Composite parent, int style, Axis quantity) {
        super(parent, style, quantity, COUNT);
        this.quantity = quantity;
        frame.chart().getLegend().setPosition(SWT.RIGHT);
        frame.setHome(this::fitAll);
        frame.onHover(this::hover);
        frame.chart().getPlotArea().addCustomPaintListener(new ICustomPaintListener() {
            @Override
            public void paintControl(PaintEvent e) {
                paintBars(e.gc);
            }

            @Override
            public boolean drawBehindSeries() {
                return true;
            }
        });
        frame.addStandardMenu(this, "histogram");
        fitAll();
    }

    /** What is counted (quantity and base unit): the x axis. */
    public void setQuantity(Axis quantity) {
        checkWidget();
        this.quantity = Objects.requireNonNull(quantity);
        frame.setQuantities(quantity, COUNT);
    }

    /** Replaces the groups, recounts and shows all bins. */
    public void setGroups(List<HistogramGroup> list) {
        checkWidget();
        groups.clear();
        groups.addAll(list);
        recount();
        fitAll();
    }

    /** Number of bins, 0 for automatic. */
    public void setBins(int n) {
        checkWidget();
        if (n < 0 || n > 10_000) {
            throw new IllegalArgumentException("bins must be 0 (automatic) to 10000, got " + n);
        }
        this.bins = n;
        recount();
        fitAll();
    }

    /** The range the bins cover (null: from the finite values of all groups). */
    public void setBinRange(Range r) {
        checkWidget();
        this.binRange = r;
        recount();
        fitAll();
    }

    /** Bin edges, ascending (one more than bins). */
    public double[] binEdges() {
        checkWidget();
        return edges.clone();
    }

    /** Counts per group (in group order) and bin. */
    public int[][] counts() {
        checkWidget();
        int[][] c = new int[counts.length][];
        for (int g = 0; g < c.length; g++) {
            c[g] = counts[g].clone();
        }
        return c;
    }

    private List<Integer> colours() {
        List<Integer> out = new ArrayList<>();
        int next = 0;
        for (HistogramGroup g : groups) {
            out.add(g.rgb() == Series.AUTO_COLOUR ? XYFigure.PALETTE.get(next++ % XYFigure.PALETTE.size()) : g.rgb());
        }
        return out;
    }

    private void recount() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int n = 0;
        for (HistogramGroup g : groups) {
            for (double v : g.values()) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                    n++;
                }
            }
        }
        Range r = binRange != null ? binRange : lo <= hi ? Range.around(lo, hi) : new Range(0, 1);
        int nb = bins > 0 ? bins : Math.max(10, Math.min(60, (int) Math.round(Math.sqrt(n))));
        edges = new double[nb + 1];
        for (int k = 0; k <= nb; k++) {
            edges[k] = r.lo() + r.span() * k / nb;
        }
        counts = new int[groups.size()][nb];
        for (int g = 0; g < groups.size(); g++) {
            for (double v : groups.get(g).values()) {
                if (Double.isFinite(v) && v >= r.lo() && v <= r.hi()) {
                    int b = Math.min(nb - 1, (int) Math.floor((v - r.lo()) / r.span() * nb));
                    counts[g][b]++;
                }
            }
        }
        // legend entries: one empty line series per group in its colour
        for (ISeries<?> s : frame.chart().getSeriesSet().getSeries()) {
            frame.chart().getSeriesSet().deleteSeries(s.getId());
        }
        List<Integer> colours = colours();
        for (int g = 0; g < groups.size(); g++) {
            ILineSeries<?> ls = (ILineSeries<?>) frame.chart().getSeriesSet().createSeries(SeriesType.LINE,
                    "g" + g + ":" + groups.get(g).name());
            ls.setDescription(groups.get(g).name());
            ls.setXSeries(new double[0]);
            ls.setYSeries(new double[0]);
            ls.setSymbolType(PlotSymbolType.SQUARE);
            ls.setLineColor(XYPlot.color(colours.get(g)));
            ls.setSymbolColor(XYPlot.color(colours.get(g)));
            ls.setLineWidth(6);
        }
        frame.chart().getLegend().setVisible(groups.size() > 1);
        frame.chart().updateLayout();
    }

    private int stackedMax() {
        int max = 0;
        for (int b = 0; b < edges.length - 1; b++) {
            int sum = 0;
            for (int[] c : counts) {
                sum += c[b];
            }
            max = Math.max(max, sum);
        }
        return max;
    }

    private void fitAll() {
        double pad = 0.02 * (edges[edges.length - 1] - edges[0]);
        frame.setRanges(new Range(edges[0] - pad, edges[edges.length - 1] + pad),
                new Range(0, Math.max(1, stackedMax()) * 1.05));
    }

    private void paintBars(GC gc) {
        List<Integer> colours = colours();
        int y0 = frame.yAxis().getPixelCoordinate(0);
        gc.setForeground(frame.chart().getDisplay().getSystemColor(SWT.COLOR_WHITE));
        gc.setLineStyle(SWT.LINE_SOLID);
        gc.setLineWidth(1);
        for (int b = 0; b < edges.length - 1; b++) {
            int xa = frame.xAxis().getPixelCoordinate(edges[b]);
            int xb = frame.xAxis().getPixelCoordinate(edges[b + 1]);
            int base = 0;
            int yBase = y0;
            for (int g = 0; g < counts.length; g++) {
                int c = counts[g][b];
                if (c == 0) {
                    continue;
                }
                int yTop = frame.yAxis().getPixelCoordinate(base + c);
                gc.setBackground(XYPlot.color(colours.get(g)));
                gc.fillRectangle(xa, yTop, Math.max(1, xb - xa), yBase - yTop);
                gc.drawRectangle(xa, yTop, Math.max(1, xb - xa), yBase - yTop);
                base += c;
                yBase = yTop;
            }
        }
    }

    private void hover(int px, int py) {
        if (px < 0) {
            frame.setReadout("");
            return;
        }
        double x = frame.xAxis().getDataCoordinate(px);
        int nb = edges.length - 1;
        int b = (int) Math.floor((x - edges[0]) / (edges[nb] - edges[0]) * nb);
        if (b < 0 || b >= nb) {
            frame.setReadout(XYPlot.name(quantity, "value") + " = " + frame.xFormat().readout(x));
            return;
        }
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s %s … %s:", XYPlot.name(quantity, "value"),
                frame.xFormat().readout(edges[b]), frame.xFormat().readout(edges[b + 1])));
        for (int g = 0; g < groups.size(); g++) {
            s.append(g == 0 ? " " : ", ").append(groups.get(g).name()).append(' ').append(counts[g][b]);
        }
        frame.setReadout(s.toString());
    }

    /** Each group as a stacked outline (bin by bin, the top of its segment), so the figure shows the same bars. */
    @Override
    public Figure toFigure() {
        checkWidget();
        XYFigure f = new XYFigure().title(getTitle()).axes(quantity, COUNT).xRange(xRange()).yRange(yRange());
        List<Integer> colours = colours();
        int nb = edges.length - 1;
        int[] below = new int[nb];
        for (int g = 0; g < groups.size(); g++) {
            double[] x = new double[2 * nb + 2];
            double[] y = new double[2 * nb + 2];
            x[0] = edges[0];
            y[0] = 0;
            for (int b = 0; b < nb; b++) {
                below[b] += counts[g][b];
                x[2 * b + 1] = edges[b];
                y[2 * b + 1] = below[b];
                x[2 * b + 2] = edges[b + 1];
                y[2 * b + 2] = below[b];
            }
            x[2 * nb + 1] = edges[nb];
            y[2 * nb + 1] = 0;
            f.add(new Series(groups.get(g).name(), x, y, colours.get(g), false));
        }
        return f;
    }

    @Override
    public String toCsv() {
        checkWidget();
        String unit = quantity.unit().isEmpty() ? "" : " (" + quantity.unit() + ")";
        String q = XYPlot.name(quantity, "value");
        StringBuilder b = new StringBuilder();
        b.append(csvCell(q + " bin low" + unit)).append(',').append(csvCell(q + " bin high" + unit));
        for (HistogramGroup g : groups) {
            b.append(',').append(csvCell(g.name() + " (count)"));
        }
        b.append('\n');
        for (int k = 0; k < edges.length - 1; k++) {
            b.append(XYPlot.num(edges[k])).append(',').append(XYPlot.num(edges[k + 1]));
            for (int[] c : counts) {
                b.append(',').append(c[k]);
            }
            b.append('\n');
        }
        return b.toString();
    }
}
