/**
 * Interactive plots in SWT on Eclipse SWTChart: {@link org.onset.ui.plot.XYPlot XY plots} (several
 * traces, markers, log axes), {@link org.onset.ui.plot.HistogramPlot histograms} (groups stacked) and
 * {@link org.onset.ui.plot.MapPlot intensity maps} (the map drawn between physical x/y axes, colour bar,
 * hover read-out, pixel selection). Every axis carries a quantity and a base SI unit
 * ({@link org.onset.plot.Axis}); tick labels and prefixes come from {@link org.onset.plot.Ticks}, colours
 * from {@link org.onset.plot.ColorMap}. Box zoom (left drag), wheel zoom, pan (middle drag or
 * Shift + left drag), reset (double-click or the context menu), and the context menu's exports: PNG and
 * SVG through {@code org.onset.plot} with the same data, colours and limits, the picture to the
 * clipboard, the data as CSV with units in the header. All methods must be called on the SWT UI thread.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.onset.ui.plot;
