package org.onset.ui.plot;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.eclipse.swt.SWT;
import org.eclipse.swt.events.PaintEvent;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swtchart.ICustomPaintListener;
import org.onset.plot.Axis;
import org.onset.plot.Category;
import org.onset.plot.ColorLimits;
import org.onset.plot.ColorMap;
import org.onset.plot.Figure;
import org.onset.plot.MapFigure;
import org.onset.plot.MapOverlay;
import org.onset.plot.Range;
import org.onset.plot.Ticks;
import org.onset.ui.plot.internal.ColorBar;

/**
 * An intensity map: values on an nx × ny grid drawn as an image with an {@code org.onset.plot}
 * {@link ColorMap} between SWTChart axes in physical x and y (nm, µm), with a colour bar in the values'
 * unit. Cells without a value (NaN, infinite: not measured, or nothing to show) get the colour map's
 * {@link ColorMap#noValueRgb() no-value colour}. Hovering reads out i, j, x, y, the value with its unit
 * and a caller-supplied label (the rule that fired); clicking selects a pixel, arrow keys move the
 * selection, {@link PixelListener}s are told. Colour limits are automatic (2nd–98th percentile) or typed
 * in; the colour map is chosen in the bar above the map.
 *
 * <p>Live maps: {@link #setPixel} and {@link #setValues} only mark what changed; one repaint per UI
 * event-loop turn takes everything that arrived in between (only the changed cells are recoloured while
 * the colour limits stay the same), so dozens of updates per second cost little.
 * Values are x fastest with row 0 at the bottom (y0), as {@link MapFigure} takes them.
 */
public final class MapPlot extends ChartPlot {

    /** The default automatic colour limits: 2nd to 98th percentile. */
    public static final ColorLimits AUTO_LIMITS = ColorLimits.percentiles2to98();
    private static final PaletteData RGB = new PaletteData(0xFF0000, 0xFF00, 0xFF);

    private int nx = 1;
    private int ny = 1;
    private double[] values = { Double.NaN };
    private double x0 = 0;
    private double x1 = 1e-6;
    private double y0 = 0;
    private double y1 = 1e-6;
    private Axis xQuantity;
    private Axis yQuantity;
    private Axis valueAxis = Axis.of("value", "");
    private ColorMap colorMap = ColorMap.VIRIDIS;
    private ColorLimits limits = AUTO_LIMITS;
    private Range range = new Range(0, 1);
    private int noValueRgb = -1;
    private List<Category> categories;
    private String labelHeader = "label";
    private PixelLabels labels;
    private Pixel selection;
    private final List<PixelListener> listeners = new ArrayList<>();
    private int homing;

    private ImageData imageData;
    private Image image;
    private boolean fullDirty = true;
    private int[] changed = new int[64];
    private int changedCount;
    private boolean refreshPending;
    private org.onset.plot.Range homeX;
    private org.onset.plot.Range homeY;

    private final Combo mapChooser;
    private final Button autoLimits;
    private final Text loText;
    private final Text hiText;
    private final Label limitUnit;
    private final ColorBar colorBar;
    private final ColorBar overlayBar;
    /** The second continuous layer's colour bar (e.g. a Raman band over the onset over a topography). */
    private final ColorBar secondOverlayBar;
    private List<MapOverlay> overlays = List.of();
    private final List<Image> overlayImages = new ArrayList<>();

    public MapPlot(Composite parent, int style) {
        this(parent, style, Axis.of("x", "m"), Axis.of("y", "m"));
    }

    public MapPlot(Composite parent, int style, Axis x, Axis y) {
        super(parent, style, x, y);
        this.xQuantity = x;
        this.yQuantity = y;
        frame.chart().getLegend().setVisible(false);
        frame.xAxis().getGrid().setStyle(org.eclipse.swtchart.LineStyle.NONE);
        frame.yAxis().getGrid().setStyle(org.eclipse.swtchart.LineStyle.NONE);
        frame.setCrosshair(false);
        frame.setHome(this::home);
        frame.onHover(this::hover);
        frame.onClick(this::click);
        frame.onKey(this::key);

        Composite bar = frame.topBar();
        GridLayout bl = new GridLayout(8, false);
        bl.marginHeight = 2;
        bar.setLayout(bl);
        new Label(bar, SWT.NONE).setText("Colour map");
        mapChooser = new Combo(bar, SWT.READ_ONLY | SWT.DROP_DOWN);
        mapChooser.setItems(ColorMap.names().toArray(String[]::new));
        mapChooser.select(ColorMap.all().indexOf(colorMap));
        mapChooser.addListener(SWT.Selection, e -> setColorMap(ColorMap.all().get(mapChooser.getSelectionIndex())));
        autoLimits = new Button(bar, SWT.CHECK);
        autoLimits.setText("auto 2–98 %");
        autoLimits.setSelection(true);
        autoLimits.addListener(SWT.Selection, e -> {
            if (autoLimits.getSelection()) {
                setAutoLimits();
            } else {
                typedLimits();
            }
        });
        new Label(bar, SWT.NONE).setText("from");
        loText = new Text(bar, SWT.BORDER | SWT.RIGHT);
        new Label(bar, SWT.NONE).setText("to");
        hiText = new Text(bar, SWT.BORDER | SWT.RIGHT);
        for (Text t : new Text[] { loText, hiText }) {
            GridData gd = new GridData(SWT.LEFT, SWT.CENTER, false, false);
            gd.widthHint = 70;
            t.setLayoutData(gd);
            t.addListener(SWT.DefaultSelection, e -> typedLimits());
        }
        limitUnit = new Label(bar, SWT.NONE);
        limitUnit.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        ((GridLayout) frame.middle().getLayout()).numColumns = 4;
        colorBar = new ColorBar(frame.middle(), frame.chart());
        GridData cd = new GridData(SWT.FILL, SWT.FILL, false, true);
        cd.widthHint = ColorBar.WIDTH;
        colorBar.setLayoutData(cd);
        frame.setSide(colorBar);
        // the colour bar or legend of the overlays, shown only while there are some
        overlayBar = new ColorBar(frame.middle(), frame.chart());
        GridData od = new GridData(SWT.FILL, SWT.FILL, false, true);
        od.widthHint = ColorBar.WIDTH;
        od.exclude = true;
        overlayBar.setLayoutData(od);
        overlayBar.setVisible(false);
        secondOverlayBar = new ColorBar(frame.middle(), frame.chart());
        GridData sd = new GridData(SWT.FILL, SWT.FILL, false, true);
        sd.widthHint = ColorBar.WIDTH;
        sd.exclude = true;
        secondOverlayBar.setLayoutData(sd);
        secondOverlayBar.setVisible(false);

        frame.chart().getPlotArea().addCustomPaintListener(new ICustomPaintListener() {
            @Override
            public void paintControl(PaintEvent e) {
                paintMap(e.gc);
            }

            @Override
            public boolean drawBehindSeries() {
                return true;
            }
        });
        frame.chart().getPlotArea().addCustomPaintListener(new ICustomPaintListener() {
            @Override
            public void paintControl(PaintEvent e) {
                paintSelection(e.gc);
            }

            @Override
            public boolean drawBehindSeries() {
                return false;
            }
        });
        // the map keeps its true aspect ratio while the user has not zoomed
        frame.plotControl().addListener(SWT.Resize, e -> {
            // home() changes the axis ranges, whose new tick labels can resize the plot area again, which
            // calls home() again: usually once, but some sizes oscillate for ever (a StackOverflowError
            // seen in org.onset.ui.maps); a few levels settle every case seen
            if (homing >= 3) {
                return;
            }
            if (homeX == null || (homeX.equals(xRange()) && homeY.equals(yRange()))) {
                homing++;
                try {
                    home();
                } finally {
                    homing--;
                }
            }
        });
        frame.addStandardMenu(this, "map");
        addDisposeListener(e -> {
            if (image != null) {
                image.dispose();
            }
            overlayImages.forEach(Image::dispose);
        });
        setMap(1, 1, new double[] { Double.NaN }, 0, 1e-6, 0, 1e-6);
    }

    // ---- data ----

    /**
     * A new grid and its values (copied): nx·ny values, x fastest, row 0 at y0. Repaints at once and
     * shows the whole map; the selection is cleared when it falls outside.
     *
     * @param x0 left edge of column 0, x1 right edge of the last column (x0 &lt; x1), in the x axis' base unit
     * @param y0 bottom edge of row 0, y1 top edge of the last row (y0 &lt; y1)
     */
    public void setMap(int nx, int ny, double[] values, double x0, double x1, double y0, double y1) {
        checkWidget();
        if (nx < 1 || ny < 1 || values == null || values.length != (long) nx * ny) {
            throw new IllegalArgumentException("a map of " + nx + " x " + ny + " needs " + (long) nx * ny
                    + " values, got " + (values == null ? "none" : values.length));
        }
        if (!(x1 > x0) || !(y1 > y0) || !Double.isFinite(x1 - x0) || !Double.isFinite(y1 - y0)) {
            throw new IllegalArgumentException("a map needs x0 < x1 and y0 < y1, got x " + x0 + " .. " + x1 + ", y "
                    + y0 + " .. " + y1);
        }
        this.nx = nx;
        this.ny = ny;
        this.values = values.clone();
        this.x0 = x0;
        this.x1 = x1;
        this.y0 = y0;
        this.y1 = y1;
        imageData = new ImageData(nx, ny, 24, RGB);
        if (selection != null && (selection.i() >= nx || selection.j() >= ny)) {
            selection = null;
        }
        fullDirty = true;
        refresh();
        home();
    }

    /**
     * Layers drawn over the map, each with its own grid, extent (in the map's x/y units), colours and
     * opacity; cells without a value are transparent. The first two continuous layers' colour bars (or
     * the categorical layers' legend) are shown beside the map's; exports carry the layers and a
     * colour bar for each continuous one. An empty
     * list removes them.
     */
    public void setOverlays(List<MapOverlay> layers) {
        checkWidget();
        overlays = List.copyOf(layers);
        overlayImages.forEach(Image::dispose);
        overlayImages.clear();
        for (MapOverlay o : overlays) {
            ImageData d = new ImageData(o.nx(), o.ny(), 24, RGB);
            byte[] alpha = new byte[o.nx() * o.ny()];
            byte a = (byte) Math.round(o.opacity() * 255);
            for (int j = 0; j < o.ny(); j++) {
                for (int i = 0; i < o.nx(); i++) {
                    int c = o.rgb(j * o.nx() + i);
                    int row = o.ny() - 1 - j;
                    d.setPixel(i, row, c < 0 ? 0 : c);
                    alpha[row * o.nx() + i] = c < 0 ? 0 : a;
                }
            }
            d.alphaData = alpha;
            overlayImages.add(new Image(getDisplay(), d));
        }
        List<MapOverlay> continuous = overlays.stream().filter(o -> o.categories() == null).toList();
        if (!continuous.isEmpty()) {
            MapOverlay key = continuous.get(0);
            overlayBar.show(key.quantity(), key.colorMap(), key.range(), noValueRgb());
        } else if (!overlays.isEmpty()) {
            List<Category> all = new ArrayList<>();
            overlays.forEach(o -> all.addAll(o.categories()));
            overlayBar.showCategories(Axis.of("", ""), all, noValueRgb());
        }
        boolean show = !overlays.isEmpty();
        ((GridData) overlayBar.getLayoutData()).exclude = !show;
        overlayBar.setVisible(show);
        boolean second = continuous.size() > 1;
        if (second) {
            MapOverlay key = continuous.get(1);
            secondOverlayBar.show(key.quantity(), key.colorMap(), key.range(), noValueRgb());
        }
        ((GridData) secondOverlayBar.getLayoutData()).exclude = !second;
        secondOverlayBar.setVisible(second);
        frame.middle().layout(true);
        frame.plotControl().redraw();
    }

    /** The layers drawn over the map. */
    public List<MapOverlay> overlays() {
        return overlays;
    }

    /** All values at once (copied; same grid). The repaint is coalesced with other updates. */
    public void setValues(double[] newValues) {
        checkWidget();
        if (newValues.length != values.length) {
            throw new IllegalArgumentException("this map has " + values.length + " cells, got " + newValues.length
                    + " values (use setMap for a new grid)");
        }
        System.arraycopy(newValues, 0, values, 0, values.length);
        fullDirty = true;
        scheduleRefresh();
    }

    /** One cell's value. The repaint is coalesced with other updates. */
    public void setPixel(int i, int j, double value) {
        checkWidget();
        int k = index(i, j);
        values[k] = value;
        if (!fullDirty) {
            if (changedCount == changed.length) {
                changed = Arrays.copyOf(changed, changed.length * 2);
            }
            changed[changedCount++] = k;
        }
        scheduleRefresh();
    }

    /** The value of cell (i, j) (NaN: no value). */
    public double value(int i, int j) {
        checkWidget();
        return values[index(i, j)];
    }

    public int nx() {
        return nx;
    }

    public int ny() {
        return ny;
    }

    /** What the axes show (quantity and base unit, e.g. {@code Axis.of("x", "m")}). */
    public void setAxes(Axis x, Axis y) {
        checkWidget();
        this.xQuantity = Objects.requireNonNull(x);
        this.yQuantity = Objects.requireNonNull(y);
        frame.setQuantities(x, y);
    }

    /** What the values are: the colour bar's quantity and unit, and the read-out's. */
    public void setValueAxis(Axis quantity) {
        checkWidget();
        this.valueAxis = Objects.requireNonNull(quantity);
        afterRangeChange();
    }

    public Axis valueAxis() {
        return valueAxis;
    }

    /** A text per pixel for the read-out and a CSV column with this header (null labels: none). */
    public void setPixelLabels(String header, PixelLabels labels) {
        checkWidget();
        this.labelHeader = header == null || header.isBlank() ? "label" : header;
        this.labels = labels;
    }

    // ---- colours ----

    /**
     * Draws the values as categories instead of on a colour map (e.g. the rule that fired): value k is
     * {@code categories.get(k)}, in its colour; the colour bar becomes a legend and the colour-map and
     * limit controls are disabled. Values that are not 0 … n − 1 have no value. null: back to the colour map.
     */
    public void setCategories(List<Category> list) {
        checkWidget();
        this.categories = list == null ? null : List.copyOf(list);
        boolean continuous = categories == null;
        for (org.eclipse.swt.widgets.Control c : new org.eclipse.swt.widgets.Control[] { mapChooser, autoLimits, loText,
                hiText }) {
            c.setEnabled(continuous);
        }
        fullDirty = true;
        refresh();
    }

    /** The categories (null for a continuous map). */
    public List<Category> categories() {
        return categories;
    }

    public void setColorMap(ColorMap map) {
        checkWidget();
        this.colorMap = Objects.requireNonNull(map);
        mapChooser.select(ColorMap.all().indexOf(map));
        fullDirty = true;
        refresh();
    }

    public ColorMap colorMap() {
        return colorMap;
    }

    /** How the colour limits follow the data (e.g. {@link ColorLimits#fixed}); repaints at once. */
    public void setColorLimits(ColorLimits policy) {
        checkWidget();
        this.limits = Objects.requireNonNull(policy);
        autoLimits.setSelection(policy == AUTO_LIMITS);
        fullDirty = true;
        refresh();
    }

    /** Colour limits at the 2nd and 98th percentile of the values, following the data. */
    public void setAutoLimits() {
        setColorLimits(AUTO_LIMITS);
    }

    /** These colour limits (base unit), whatever the data. */
    public void setFixedLimits(double lo, double hi) {
        setColorLimits(ColorLimits.fixed(lo, hi));
    }

    /** The values at the ends of the colour bar now. */
    public Range colorRange() {
        checkWidget();
        return range;
    }

    /** Colour of cells without a value (default: the colour map's no-value colour). */
    public void setNoValueColor(int rgb) {
        checkWidget();
        this.noValueRgb = rgb & 0xFFFFFF;
        fullDirty = true;
        refresh();
    }

    public int noValueRgb() {
        return noValueRgb >= 0 ? noValueRgb : categories != null ? MapFigure.DEFAULT_NO_VALUE : colorMap.noValueRgb();
    }

    /** The colour cell (i, j) is drawn in (0xRRGGBB). */
    public int cellRgb(int i, int j) {
        checkWidget();
        return rgb(values[index(i, j)]);
    }

    private int rgb(double v) {
        if (categories != null) {
            Category c = category(v);
            return c == null ? noValueRgb() : c.rgb();
        }
        return Double.isFinite(v) ? colorMap.rgb(v, range) : noValueRgb();
    }

    private Category category(double v) {
        int k = (int) v;
        return k == v && k >= 0 && k < categories.size() ? categories.get(k) : null;
    }

    // ---- selection and read-out ----

    public void addPixelListener(PixelListener l) {
        checkWidget();
        listeners.add(Objects.requireNonNull(l));
    }

    public void removePixelListener(PixelListener l) {
        checkWidget();
        listeners.remove(l);
    }

    /** Selects a pixel (null: none) without telling the listeners. */
    public void select(Pixel p) {
        checkWidget();
        if (p != null) {
            index(p.i(), p.j());
        }
        selection = p;
        frame.plotControl().redraw();
    }

    public Pixel selection() {
        return selection;
    }

    /** The centre of cell (i, j) in pixels of {@link #plotControl()}. */
    public Point pixelCentre(int i, int j) {
        checkWidget();
        index(i, j);
        return pixelOf(x0 + (i + 0.5) * (x1 - x0) / nx, y0 + (j + 0.5) * (y1 - y0) / ny);
    }

    /** The cell under a pixel of {@link #plotControl()}, or null outside the map. */
    public Pixel pixelAt(int px, int py) {
        checkWidget();
        double x = frame.xAxis().getDataCoordinate(px);
        double y = frame.yAxis().getDataCoordinate(py);
        int i = (int) Math.floor((x - x0) / (x1 - x0) * nx);
        int j = (int) Math.floor((y - y0) / (y1 - y0) * ny);
        return i >= 0 && i < nx && j >= 0 && j < ny ? new Pixel(i, j) : null;
    }

    /** What hovering over cell (i, j) reads out: i, j, x, y of its centre, the value with its unit, the label. */
    public String readout(int i, int j) {
        checkWidget();
        double v = values[index(i, j)];
        double x = x0 + (i + 0.5) * (x1 - x0) / nx;
        double y = y0 + (j + 0.5) * (y1 - y0) / ny;
        String q = valueAxis.quantity().isEmpty() ? "value" : valueAxis.quantity();
        String value;
        if (categories != null) {
            Category c = category(v);
            value = c == null ? "no value" : c.label();
        } else if (Double.isFinite(v)) {
            Ticks t = valueAxis.ticks(range.lo(), range.hi(), 5);
            value = t.label(v) + (t.unitLabel().isEmpty() ? "" : " " + t.unitLabel());
        } else {
            value = "no value";
        }
        String label = labels == null ? null : labels.label(i, j);
        return String.format(Locale.ROOT, "i %d, j %d   %s = %s, %s = %s   %s = %s%s", i, j,
                XYPlot.name(xQuantity, "x"), frame.xFormat().readout(x), XYPlot.name(yQuantity, "y"),
                frame.yFormat().readout(y), q, value, label == null || label.isEmpty() ? "" : "   " + label);
    }

    // ---- exports ----

    @Override
    public Figure toFigure() {
        checkWidget();
        MapFigure f = new MapFigure(nx, ny, values.clone(), x0, x1, y0, y1).title(getTitle()).axes(xQuantity, yQuantity)
                .values(valueAxis).colorMap(colorMap).limits(ColorLimits.fixed(range.lo(), range.hi()));
        if (categories != null) {
            f.categories(categories);
        }
        if (noValueRgb >= 0) {
            f.noValue(noValueRgb, "no value");
        }
        overlays.forEach(f::overlay);
        return f;
    }

    @Override
    public String toCsv() {
        checkWidget();
        StringBuilder b = new StringBuilder();
        b.append("i,j,").append(header(xQuantity)).append(',').append(header(yQuantity)).append(',')
                .append(header(valueAxis));
        if (labels != null) {
            b.append(',').append(csvCell(labelHeader));
        }
        b.append('\n');
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                b.append(i).append(',').append(j).append(',').append(XYPlot.num(x0 + (i + 0.5) * (x1 - x0) / nx))
                        .append(',').append(XYPlot.num(y0 + (j + 0.5) * (y1 - y0) / ny)).append(',')
                        .append(XYPlot.num(values[j * nx + i]));
                if (labels != null) {
                    String l = labels.label(i, j);
                    b.append(',').append(l == null ? "" : csvCell(l));
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    // ---- internals ----

    private int index(int i, int j) {
        if (i < 0 || i >= nx || j < 0 || j >= ny) {
            throw new IllegalArgumentException("pixel (" + i + ", " + j + ") is outside the " + nx + " x " + ny + " map");
        }
        return j * nx + i;
    }

    private void scheduleRefresh() {
        if (refreshPending) {
            return;
        }
        refreshPending = true;
        getDisplay().asyncExec(() -> {
            refreshPending = false;
            if (!isDisposed()) {
                refresh();
            }
        });
    }

    /** Colour limits from the policy, recolour what changed, repaint. */
    private void refresh() {
        Range r = categories != null ? range : limits.of(values);
        boolean rangeChanged = !r.equals(range);
        range = r;
        if (rangeChanged || fullDirty || changedCount > values.length / 8) {
            int[] row = new int[nx];
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    row[i] = rgb(values[j * nx + i]);
                }
                imageData.setPixels(0, ny - 1 - j, nx, row, 0);
            }
        } else {
            for (int c = 0; c < changedCount; c++) {
                int k = changed[c];
                imageData.setPixel(k % nx, ny - 1 - k / nx, rgb(values[k]));
            }
        }
        fullDirty = false;
        changedCount = 0;
        if (image != null) {
            image.dispose();
        }
        image = new Image(getDisplay(), imageData);
        frame.plotControl().redraw();
        if (rangeChanged) {
            afterRangeChange();
        } else {
            showColorBar();
        }
    }

    private void showColorBar() {
        if (categories != null) {
            colorBar.showCategories(valueAxis, categories, noValueRgb());
        } else {
            colorBar.show(valueAxis, colorMap, range, noValueRgb());
        }
    }

    private void afterRangeChange() {
        showColorBar();
        Ticks t = valueAxis.ticks(range.lo(), range.hi(), 5);
        if (autoLimits.getSelection() || !loText.isFocusControl() && !hiText.isFocusControl()) {
            loText.setText(plain(range.lo(), t.exponent()));
            hiText.setText(plain(range.hi(), t.exponent()));
            limitUnit.setText(t.unitLabel());
            loText.setForeground(null);
            hiText.setForeground(null);
        }
        limitUnit.getParent().layout();
    }

    private static String plain(double v, int exponent) {
        return new BigDecimal(v).scaleByPowerOfTen(-exponent).round(new java.math.MathContext(4)).stripTrailingZeros()
                .toPlainString();
    }

    /** The limits typed into the two fields, in the unit shown next to them. */
    private void typedLimits() {
        int p = valueAxis.ticks(range.lo(), range.hi(), 5).exponent();
        Double lo = parse(loText, p);
        Double hi = parse(hiText, p);
        if (lo == null || hi == null) {
            return;
        }
        if (!(hi > lo)) {
            for (Text t : new Text[] { loText, hiText }) {
                t.setForeground(getDisplay().getSystemColor(SWT.COLOR_RED));
                t.setToolTipText("the upper limit must be above the lower one");
            }
            return;
        }
        autoLimits.setSelection(false);
        limits = ColorLimits.fixed(lo, hi);
        fullDirty = true;
        refresh();
    }

    private Double parse(Text t, int exponent) {
        try {
            double v = new BigDecimal(t.getText().trim().replace('−', '-')).scaleByPowerOfTen(exponent).doubleValue();
            t.setForeground(null);
            t.setToolTipText(null);
            return v;
        } catch (NumberFormatException e) {
            t.setForeground(getDisplay().getSystemColor(SWT.COLOR_RED));
            t.setToolTipText("'" + t.getText() + "' is not a number");
            return null;
        }
    }

    /** The whole map with the same scale on x and y, centred in the plot area. */
    private void home() {
        Point size = frame.plotControl().getSize();
        double w = x1 - x0;
        double h = y1 - y0;
        if (size.x > 10 && size.y > 10) {
            double scale = Math.max(w / size.x, h / size.y);
            double cx = (x0 + x1) / 2;
            double cy = (y0 + y1) / 2;
            homeX = new Range(cx - scale * size.x / 2, cx + scale * size.x / 2);
            homeY = new Range(cy - scale * size.y / 2, cy + scale * size.y / 2);
        } else {
            homeX = new Range(x0, x1);
            homeY = new Range(y0, y1);
        }
        frame.setRanges(homeX, homeY);
        homeX = xRange();
        homeY = yRange();
    }

    private void paintMap(GC gc) {
        if (image == null) {
            return;
        }
        double cw = (x1 - x0) / nx;
        double ch = (y1 - y0) / ny;
        Range xr = xRange();
        Range yr = yRange();
        int i0 = clamp((int) Math.floor((xr.lo() - x0) / cw), nx);
        int i1 = clamp((int) Math.ceil((xr.hi() - x0) / cw), nx);
        int j0 = clamp((int) Math.floor((yr.lo() - y0) / ch), ny);
        int j1 = clamp((int) Math.ceil((yr.hi() - y0) / ch), ny);
        if (i1 <= i0 || j1 <= j0) {
            return;
        }
        int px0 = frame.xAxis().getPixelCoordinate(x0 + i0 * cw);
        int px1 = frame.xAxis().getPixelCoordinate(x0 + i1 * cw);
        int pyTop = frame.yAxis().getPixelCoordinate(y0 + j1 * ch);
        int pyBottom = frame.yAxis().getPixelCoordinate(y0 + j0 * ch);
        gc.setInterpolation(SWT.NONE);
        gc.setAntialias(SWT.OFF);
        gc.drawImage(image, i0, ny - j1, i1 - i0, j1 - j0, px0, pyTop, Math.max(1, px1 - px0),
                Math.max(1, pyBottom - pyTop));
        for (int k = 0; k < overlays.size(); k++) {
            MapOverlay o = overlays.get(k);
            int qx0 = frame.xAxis().getPixelCoordinate(o.x0());
            int qx1 = frame.xAxis().getPixelCoordinate(o.x1());
            int qTop = frame.yAxis().getPixelCoordinate(o.y1());
            int qBottom = frame.yAxis().getPixelCoordinate(o.y0());
            gc.drawImage(overlayImages.get(k), 0, 0, o.nx(), o.ny(), qx0, qTop, Math.max(1, qx1 - qx0),
                    Math.max(1, qBottom - qTop));
        }
    }

    private static int clamp(int v, int n) {
        return Math.max(0, Math.min(n, v));
    }

    private void paintSelection(GC gc) {
        if (selection == null) {
            return;
        }
        double cw = (x1 - x0) / nx;
        double ch = (y1 - y0) / ny;
        int pa = frame.xAxis().getPixelCoordinate(x0 + selection.i() * cw);
        int pb = frame.xAxis().getPixelCoordinate(x0 + (selection.i() + 1) * cw);
        int qa = frame.yAxis().getPixelCoordinate(y0 + (selection.j() + 1) * ch);
        int qb = frame.yAxis().getPixelCoordinate(y0 + selection.j() * ch);
        gc.setLineWidth(1);
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_BLACK));
        gc.drawRectangle(pa - 2, qa - 2, Math.max(1, pb - pa) + 3, Math.max(1, qb - qa) + 3);
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
        gc.drawRectangle(pa - 1, qa - 1, Math.max(1, pb - pa) + 1, Math.max(1, qb - qa) + 1);
    }

    private void hover(int px, int py) {
        Pixel p = px < 0 ? null : pixelAt(px, py);
        frame.setReadout(p == null ? "" : readout(p.i(), p.j()));
    }

    private void click(int px, int py) {
        Pixel p = pixelAt(px, py);
        if (p != null) {
            userSelects(p);
        }
    }

    private void key(int keyCode) {
        if (selection == null) {
            return;
        }
        int i = selection.i();
        int j = selection.j();
        switch (keyCode) {
        case SWT.ARROW_LEFT -> i--;
        case SWT.ARROW_RIGHT -> i++;
        case SWT.ARROW_UP -> j++;
        case SWT.ARROW_DOWN -> j--;
        default -> {
            return;
        }
        }
        if (i >= 0 && i < nx && j >= 0 && j < ny) {
            userSelects(new Pixel(i, j));
            frame.setReadout(readout(i, j));
        }
    }

    private void userSelects(Pixel p) {
        select(p);
        for (PixelListener l : List.copyOf(listeners)) {
            l.pixelSelected(p);
        }
    }

    static Color color(int rgb) {
        return XYPlot.color(rgb);
    }
}
