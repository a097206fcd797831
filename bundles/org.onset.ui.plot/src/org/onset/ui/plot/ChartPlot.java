package org.onset.ui.plot;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.onset.plot.Axis;
import org.onset.plot.Range;
import org.onset.ui.plot.internal.ChartFrame;

/**
 * What the plots share: an SWTChart chart with axes in physical units, mouse navigation (box zoom with
 * the left button, wheel zoom about the pointer, pan with the middle button or Shift + left drag,
 * double-click resets), a read-out line under the chart and a context menu with the exports. Axis
 * ranges are in the base units of the axes (m, V, A).
 */
public abstract sealed class ChartPlot extends Composite implements ExportablePlot permits XYPlot, HistogramPlot, MapPlot {

    final ChartFrame frame;
    private String title = "";

    ChartPlot(Composite parent, int style, Axis x, Axis y) {
        super(parent, style);
        frame = new ChartFrame(this, x, y);
    }

    /** The title of exported figures (the widget itself leaves titles to the part around it). */
    public void setTitle(String title) {
        checkWidget();
        this.title = title == null ? "" : title;
    }

    public String getTitle() {
        return title;
    }

    /** The visible x range, in the base unit of the x axis. */
    public Range xRange() {
        checkWidget();
        return frame.xRange();
    }

    /** The visible y range, in the base unit of the y axis. */
    public Range yRange() {
        checkWidget();
        return frame.yRange();
    }

    /** Shows these ranges (null leaves an axis as it is). */
    public void setRanges(Range x, Range y) {
        checkWidget();
        frame.setRanges(x, y);
    }

    /** Zooms by {@code factor} (&lt; 1 zooms in) about the middle of the plot area, as the wheel does about the pointer. */
    public void zoom(double factor) {
        checkWidget();
        if (!(factor > 0) || !Double.isFinite(factor)) {
            throw new IllegalArgumentException("zoom factor must be positive, got " + factor);
        }
        Point size = frame.plotControl().getSize();
        frame.zoomAbout(factor, size.x / 2, size.y / 2);
    }

    /** Back to the whole data. */
    public void resetZoom() {
        checkWidget();
        frame.resetView();
    }

    /** The read-out line under the chart ("" when the pointer is outside the plot area). */
    public String readout() {
        checkWidget();
        return frame.readout();
    }

    /** The control that draws the data and takes mouse and key events. */
    public Control plotControl() {
        checkWidget();
        return frame.plotControl();
    }

    /** Where a data point (base units) is drawn, in pixels of {@link #plotControl()}. */
    public Point pixelOf(double x, double y) {
        checkWidget();
        return frame.pixelOf(x, y);
    }

    /** The title of the x axis as shown ("x (nm)"). */
    public String xAxisTitle() {
        checkWidget();
        return frame.xFormat().title();
    }

    /** The title of the y axis as shown. */
    public String yAxisTitle() {
        checkWidget();
        return frame.yFormat().title();
    }

    /** The tick labels of the x axis for the visible range, as drawn. */
    public String[] xTickLabels() {
        checkWidget();
        double[] v = frame.xAxis().getTick().getTickLabelValues();
        String[] s = new String[v.length];
        for (int k = 0; k < v.length; k++) {
            s[k] = frame.xFormat().label(v[k]);
        }
        return s;
    }

    @Override
    public ImageData snapshot() {
        checkWidget();
        return frame.snapshot();
    }

    @Override
    public void copyToClipboard() {
        checkWidget();
        frame.copyToClipboard(snapshot());
    }

    static String csvCell(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** "onset bias (V)": a column header in the base unit. */
    static String header(Axis a) {
        String q = a.quantity().isEmpty() ? "value" : a.quantity();
        return csvCell(a.unit().isEmpty() ? q : q + " (" + a.unit() + ")");
    }
}
