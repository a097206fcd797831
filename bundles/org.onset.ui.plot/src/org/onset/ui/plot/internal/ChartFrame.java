package org.onset.ui.plot.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.ImageTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.events.PaintEvent;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.MessageBox;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.ICustomPaintListener;
import org.eclipse.swtchart.LineStyle;
import org.onset.plot.Axis;
import org.onset.plot.Range;
import org.onset.ui.plot.ExportablePlot;

/**
 * The part every plot shares: an SWTChart {@link Chart} whose tick labels and axis titles come from
 * {@code org.onset.plot}'s ticks, mouse navigation (box zoom with the left button, pan with the middle
 * button or Shift + left, wheel zoom about the pointer, double-click to reset), a crosshair, a read-out
 * line under the chart, and the context menu with the exports.
 */
public final class ChartFrame {

    /** Zoom factor of one wheel notch. */
    static final double WHEEL_ZOOM = 0.8;
    /** Below this many pixels of movement a press-release is a click, not a box. */
    static final int CLICK_SLOP_PX = 4;
    private static final Color BOX = new Color(0x20, 0x20, 0x20);
    private static final Color CROSSHAIR = new Color(0x80, 0x80, 0x80);

    private final Composite top;
    private final Composite middle;
    private final Chart chart;
    private final Label readout;
    private final SiTickFormat xFormat;
    private final SiTickFormat yFormat;
    private final Menu menu;
    private Runnable home = () -> { };
    private BiConsumer<Integer, Integer> hover;
    private BiConsumer<Integer, Integer> click;
    private Consumer<Integer> keys;
    private boolean crosshair = true;
    private Point pointer;
    private Point pressed;
    private int pressedButton;
    private boolean panning;
    private org.eclipse.swtchart.Range panX;
    private org.eclipse.swtchart.Range panY;
    private Rectangle box;
    private Clipboard clipboard;
    private Control side;
    private Runnable beforeRedraw = () -> { };

    public ChartFrame(Composite owner, Axis x, Axis y) {
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        layout.verticalSpacing = 2;
        owner.setLayout(layout);
        top = new Composite(owner, SWT.NONE);
        GridData topData = new GridData(SWT.FILL, SWT.CENTER, true, false);
        topData.exclude = true;
        top.setLayoutData(topData);
        top.setVisible(false);
        middle = new Composite(owner, SWT.NONE);
        middle.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        GridLayout ml = new GridLayout(1, false);
        ml.marginWidth = 0;
        ml.marginHeight = 0;
        ml.horizontalSpacing = 0;
        middle.setLayout(ml);
        chart = new Chart(middle, SWT.NONE);
        chart.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        chart.getTitle().setVisible(false);
        chart.setBackground(owner.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        chart.setBackgroundInPlotArea(owner.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        readout = new Label(owner, SWT.NONE);
        GridData rd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        rd.horizontalIndent = 6;
        readout.setLayoutData(rd);
        readout.setText(" ");

        IAxis xa = chart.getAxisSet().getXAxis(0);
        IAxis ya = chart.getAxisSet().getYAxis(0);
        Control plot = plotControl();
        xFormat = new SiTickFormat(xa, x, () -> plot.getSize().x);
        yFormat = new SiTickFormat(ya, y, () -> plot.getSize().y);
        for (IAxis a : new IAxis[] { xa, ya }) {
            a.getTick().setFormat(a == xa ? xFormat : yFormat);
            a.getTick().setForeground(owner.getDisplay().getSystemColor(SWT.COLOR_BLACK));
            a.getTitle().setForeground(owner.getDisplay().getSystemColor(SWT.COLOR_BLACK));
            a.getGrid().setStyle(LineStyle.DOT);
        }

        Listener mouse = this::mouse;
        for (int type : new int[] { SWT.MouseDown, SWT.MouseUp, SWT.MouseMove, SWT.MouseWheel, SWT.MouseDoubleClick,
                SWT.MouseExit, SWT.KeyDown, SWT.Traverse }) {
            plot.addListener(type, mouse);
        }
        chart.getPlotArea().addCustomPaintListener(new ICustomPaintListener() {
            @Override
            public void paintControl(PaintEvent e) {
                paintOverlay(e.gc);
            }

            @Override
            public boolean drawBehindSeries() {
                return false;
            }
        });
        menu = new Menu(plot);
        plot.setMenu(menu);
        owner.addDisposeListener(e -> {
            if (clipboard != null) {
                clipboard.dispose();
            }
        });
        titlesChanged();
    }

    public Chart chart() {
        return chart;
    }

    /** The control showing the data: mouse and keys go here. */
    public Control plotControl() {
        return chart.getPlotArea().getControl();
    }

    /** A bar above the chart for a plot's own controls (shown once something is put into it). */
    public Composite topBar() {
        ((GridData) top.getLayoutData()).exclude = false;
        top.setVisible(true);
        return top;
    }

    /** The row holding the chart; a plot may add a control to its right (the colour bar) and raise the column count. */
    public Composite middle() {
        return middle;
    }

    public Menu menu() {
        return menu;
    }

    public IAxis xAxis() {
        return chart.getAxisSet().getXAxis(0);
    }

    public IAxis yAxis() {
        return chart.getAxisSet().getYAxis(0);
    }

    public SiTickFormat xFormat() {
        return xFormat;
    }

    public SiTickFormat yFormat() {
        return yFormat;
    }

    public void setQuantities(Axis x, Axis y) {
        xFormat.setQuantity(Objects.requireNonNull(x));
        yFormat.setQuantity(Objects.requireNonNull(y));
        viewChanged();
    }

    /** What "reset zoom" does (set the home ranges and call {@link #viewChanged()}). */
    public void setHome(Runnable home) {
        this.home = Objects.requireNonNull(home);
    }

    /** Called with the pointer's plot-area pixel on every move, (−1, −1) when it leaves. */
    public void onHover(BiConsumer<Integer, Integer> hover) {
        this.hover = hover;
    }

    /** Called with the plot-area pixel of a left click that did not drag. */
    public void onClick(BiConsumer<Integer, Integer> click) {
        this.click = click;
    }

    /** Called with the key code of key presses in the plot (arrow keys included). */
    public void onKey(Consumer<Integer> keys) {
        this.keys = keys;
    }

    public void setCrosshair(boolean on) {
        this.crosshair = on;
    }

    public void setReadout(String text) {
        String t = text == null || text.isEmpty() ? " " : text;
        if (!t.equals(readout.getText())) {
            readout.setText(t);
        }
    }

    public String readout() {
        String t = readout.getText();
        return t.isBlank() ? "" : t;
    }

    public void resetView() {
        home.run();
    }

    public Range xRange() {
        return toRange(xAxis().getRange());
    }

    public Range yRange() {
        return toRange(yAxis().getRange());
    }

    public void setRanges(Range x, Range y) {
        if (x != null) {
            xAxis().setRange(new org.eclipse.swtchart.Range(x.lo(), x.hi()));
        }
        if (y != null) {
            yAxis().setRange(new org.eclipse.swtchart.Range(y.lo(), y.hi()));
        }
        viewChanged();
    }

    /** Zooms both axes by {@code factor} (&lt; 1 zooms in) about the plot-area pixel (px, py). */
    public void zoomAbout(double factor, int px, int py) {
        zoomAxis(xAxis(), factor, xAxis().getDataCoordinate(px));
        zoomAxis(yAxis(), factor, yAxis().getDataCoordinate(py));
        viewChanged();
    }

    /** After ranges changed: axis titles follow the new SI prefix, the plot's view hook runs, everything repaints. */
    public void viewChanged() {
        titlesChanged();
        beforeRedraw.run();
        chart.redraw();
    }

    /** Runs whenever the visible ranges changed, before the repaint (an XY plot re-decimates its long traces). */
    public void onViewChanged(Runnable hook) {
        this.beforeRedraw = Objects.requireNonNull(hook);
    }

    private void titlesChanged() {
        setTitle(xAxis(), xFormat.title());
        setTitle(yAxis(), yFormat.title());
    }

    private static void setTitle(IAxis axis, String text) {
        if (!text.equals(axis.getTitle().getText())) {
            axis.getTitle().setText(text);
        }
    }

    /** Data → plot-area pixel. */
    public Point pixelOf(double x, double y) {
        return new Point(xAxis().getPixelCoordinate(x), yAxis().getPixelCoordinate(y));
    }

    /** A control drawn right of the chart in snapshots (a map's colour bar). */
    public void setSide(Control side) {
        this.side = side;
    }

    /**
     * The chart with its axes and legend (and the side control) rendered off-screen. Only these
     * self-drawn controls are printed: Control.print of a composite holding native GTK widgets (combo,
     * text fields) blanks the window on screen under GTK 3.
     */
    public ImageData snapshot() {
        Point cs = chart.getSize();
        Point ss = side == null ? new Point(0, 0) : side.getSize();
        Image image = new Image(chart.getDisplay(), Math.max(1, cs.x + ss.x), Math.max(1, Math.max(cs.y, ss.y)));
        GC gc = new GC(image);
        try {
            gc.setBackground(chart.getDisplay().getSystemColor(SWT.COLOR_WHITE));
            gc.fillRectangle(image.getBounds());
            printInto(chart, gc, 0);
            if (side != null) {
                printInto(side, gc, cs.x);
            }
        } finally {
            gc.dispose();
        }
        ImageData data = image.getImageData();
        image.dispose();
        return data;
    }

    private static void printInto(Control c, GC target, int x) {
        Point size = c.getSize();
        if (size.x < 1 || size.y < 1) {
            return;
        }
        Image part = new Image(c.getDisplay(), size.x, size.y);
        GC gc = new GC(part);
        try {
            c.print(gc);
        } finally {
            gc.dispose();
        }
        target.drawImage(part, x, 0);
        part.dispose();
    }

    public void copyToClipboard(ImageData image) {
        if (clipboard == null) {
            clipboard = new Clipboard(chart.getDisplay());
        }
        clipboard.setContents(new Object[] { image }, new Transfer[] { ImageTransfer.getInstance() });
    }

    /** Adds the menu entries every plot has: reset zoom, copy image, PNG, SVG and CSV exports. */
    public void addStandardMenu(ExportablePlot plot, String baseName) {
        if (menu.getItemCount() > 0) {
            new MenuItem(menu, SWT.SEPARATOR);
        }
        item("Reset zoom", e -> resetView());
        new MenuItem(menu, SWT.SEPARATOR);
        item("Copy image", e -> plot.copyToClipboard());
        item("Export PNG…", e -> save(plot, baseName, "png"));
        item("Export SVG…", e -> save(plot, baseName, "svg"));
        item("Save data as CSV…", e -> save(plot, baseName, "csv"));
    }

    public MenuItem item(String text, Listener action) {
        MenuItem it = new MenuItem(menu, SWT.PUSH);
        it.setText(text);
        it.addListener(SWT.Selection, action);
        return it;
    }

    private void save(ExportablePlot plot, String baseName, String ext) {
        Shell shell = chart.getShell();
        FileDialog d = new FileDialog(shell, SWT.SAVE);
        d.setOverwrite(true);
        d.setFilterExtensions(new String[] { "*." + ext });
        d.setFileName(baseName + "." + ext);
        String f = d.open();
        if (f == null) {
            return;
        }
        try {
            Path p = Path.of(f);
            switch (ext) {
            case "png" -> plot.exportPng(p);
            case "svg" -> plot.exportSvg(p);
            default -> plot.exportCsv(p);
            }
        } catch (IOException | RuntimeException ex) {
            MessageBox m = new MessageBox(shell, SWT.ICON_ERROR | SWT.OK);
            m.setText("Export failed");
            m.setMessage("Could not write " + f + ":\n" + ex.getMessage());
            m.open();
        }
    }

    private void mouse(Event e) {
        Control plot = plotControl();
        switch (e.type) {
        case SWT.MouseDown -> {
            plot.setFocus();
            if (e.button == 1 || e.button == 2) {
                pressed = new Point(e.x, e.y);
                pressedButton = e.button;
                panning = e.button == 2 || (e.stateMask & SWT.SHIFT) != 0;
                panX = new org.eclipse.swtchart.Range(xAxis().getRange());
                panY = new org.eclipse.swtchart.Range(yAxis().getRange());
            }
        }
        case SWT.MouseMove -> {
            pointer = new Point(e.x, e.y);
            if (pressed != null && panning) {
                pan(e.x - pressed.x, e.y - pressed.y);
            } else if (pressed != null && pressedButton == 1) {
                box = new Rectangle(Math.min(pressed.x, e.x), Math.min(pressed.y, e.y), Math.abs(e.x - pressed.x),
                        Math.abs(e.y - pressed.y));
            }
            if (hover != null) {
                hover.accept(e.x, e.y);
            }
            plot.redraw();
        }
        case SWT.MouseUp -> {
            if (pressed == null) {
                return;
            }
            boolean moved = Math.abs(e.x - pressed.x) > CLICK_SLOP_PX || Math.abs(e.y - pressed.y) > CLICK_SLOP_PX;
            if (!panning && pressedButton == 1 && moved) {
                int x0 = Math.min(pressed.x, e.x);
                int x1 = Math.max(pressed.x, e.x);
                int y0 = Math.min(pressed.y, e.y);
                int y1 = Math.max(pressed.y, e.y);
                xAxis().setRange(ordered(xAxis().getDataCoordinate(x0), xAxis().getDataCoordinate(x1)));
                yAxis().setRange(ordered(yAxis().getDataCoordinate(y1), yAxis().getDataCoordinate(y0)));
            } else if (!moved && pressedButton == 1 && click != null) {
                click.accept(e.x, e.y);
            }
            pressed = null;
            panning = false;
            box = null;
            viewChanged();
        }
        case SWT.MouseWheel -> {
            if (e.count != 0) {
                zoomAbout(e.count > 0 ? WHEEL_ZOOM : 1 / WHEEL_ZOOM, e.x, e.y);
            }
        }
        case SWT.MouseDoubleClick -> {
            if (e.button == 1) {
                resetView();
            }
        }
        case SWT.MouseExit -> {
            pointer = null;
            if (hover != null) {
                hover.accept(-1, -1);
            }
            plot.redraw();
        }
        case SWT.Traverse -> {
            // arrow keys move a map's selection instead of the focus
            if (e.detail == SWT.TRAVERSE_ARROW_NEXT || e.detail == SWT.TRAVERSE_ARROW_PREVIOUS) {
                e.doit = false;
            }
        }
        case SWT.KeyDown -> {
            if (keys != null) {
                keys.accept(e.keyCode);
            }
        }
        default -> {
        }
        }
    }

    private void pan(int dx, int dy) {
        Point size = plotControl().getSize();
        xAxis().setRange(shifted(xAxis(), panX, -(double) dx / Math.max(1, size.x)));
        yAxis().setRange(shifted(yAxis(), panY, (double) dy / Math.max(1, size.y)));
        viewChanged();
    }

    private static org.eclipse.swtchart.Range shifted(IAxis axis, org.eclipse.swtchart.Range r, double fraction) {
        if (axis.isLogScaleEnabled()) {
            double a = Math.log10(r.lower);
            double b = Math.log10(r.upper);
            double d = (b - a) * fraction;
            return new org.eclipse.swtchart.Range(Math.pow(10, a + d), Math.pow(10, b + d));
        }
        double d = (r.upper - r.lower) * fraction;
        return new org.eclipse.swtchart.Range(r.lower + d, r.upper + d);
    }

    private static void zoomAxis(IAxis axis, double factor, double centre) {
        org.eclipse.swtchart.Range r = axis.getRange();
        if (axis.isLogScaleEnabled()) {
            double c = Math.log10(centre);
            double a = c - (c - Math.log10(r.lower)) * factor;
            double b = c + (Math.log10(r.upper) - c) * factor;
            axis.setRange(new org.eclipse.swtchart.Range(Math.pow(10, a), Math.pow(10, b)));
        } else {
            axis.setRange(ordered(centre - (centre - r.lower) * factor, centre + (r.upper - centre) * factor));
        }
    }

    private static org.eclipse.swtchart.Range ordered(double a, double b) {
        return new org.eclipse.swtchart.Range(Math.min(a, b), Math.max(a, b));
    }

    private static Range toRange(org.eclipse.swtchart.Range r) {
        return Range.around(r.lower, r.upper);
    }

    private void paintOverlay(GC gc) {
        if (box != null) {
            gc.setForeground(BOX);
            gc.setLineStyle(SWT.LINE_DASH);
            gc.drawRectangle(box);
            gc.setLineStyle(SWT.LINE_SOLID);
        }
        if (crosshair && pointer != null && pressed == null) {
            Point size = plotControl().getSize();
            gc.setForeground(CROSSHAIR);
            gc.setLineStyle(SWT.LINE_DOT);
            gc.drawLine(pointer.x, 0, pointer.x, size.y);
            gc.drawLine(0, pointer.y, size.x, pointer.y);
            gc.setLineStyle(SWT.LINE_SOLID);
        }
    }
}
