package org.onset.ui.maps.internal.view;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.MessageBox;
import org.onset.instrument.api.TopographyImage;
import org.onset.map.api.Grid;
import org.onset.map.api.PixelRecord;
import org.onset.plot.Axis;
import org.onset.plot.Series;
import org.onset.plot.XYFigure;
import org.onset.ui.maps.internal.live.MapSnapshot;
import org.onset.ui.plot.ExportablePlot;
import org.onset.ui.plot.HistogramGroup;
import org.onset.ui.plot.HistogramPlot;
import org.onset.ui.plot.MapPlot;
import org.onset.ui.plot.Marker;
import org.onset.ui.plot.Pixel;
import org.onset.ui.plot.XYPlot;

/**
 * A map's views, the same for a running map and a map file: onset bias, current at end and ΔZ as
 * {@code org.onset.ui.plot} intensity maps (axes in nm, colour bar with unit, hover read-out with the
 * rule that fired, zoom, colour map and limits, PNG/SVG/CSV export), the rule that fired as a
 * categorical map, topography before/after when present, the onset histogram, and the pixel
 * inspector: I–V, ΔZ–V, I–t and ΔZ–t of the selected pixel and the pinned ones, with the cutoff
 * sample marked and named by its rule. Click a pixel to inspect it; arrow keys move to its
 * neighbours; Pin keeps it for overlay. Curves are read through the {@link PixelSource} in a Job; the
 * UI thread only draws.
 */
public final class MapView {

    private static final Axis X = Axis.of("x", "m", -9);
    private static final Axis Y = Axis.of("y", "m", -9);
    private static final int CUTOFF_RGB = 0xD55E00;

    private final PixelSource source;
    private final Composite maps;
    private final Map<String, MapPlot> plots = new LinkedHashMap<>();
    private final MapCanvas rules;
    private final HistogramPlot histogram;
    private final Label pixelInfo;
    private final List<XYPlot> curves = new ArrayList<>();
    private final Set<Integer> pinned = new LinkedHashSet<>();
    private final Map<Integer, PixelRecord> records = new LinkedHashMap<>();
    private MapSnapshot snapshot;
    private int selected = -1;
    private volatile PixelRecord shownRecord;
    private long loads;
    private static final long HISTOGRAM_INTERVAL_NANOS = 250_000_000L;
    private boolean histogramStale;
    private String[] phases;
    private long histogramNanos;

    public MapView(Composite parent, PixelSource source) {
        this.source = source;
        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        maps = new Composite(sash, SWT.NONE);
        maps.setLayout(new GridLayout(2, true));
        plot("onset", "Onset bias", Axis.of("onset bias", "V"));
        plot("current", "Current at end", Axis.of("current at end", "A"));
        plot("height", "\u0394Z at end", Axis.of("\u0394Z", "m"));
        rules = new MapCanvas(maps);
        rules.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        rules.onSelect(this::select);
        rules.addListener(SWT.KeyDown, this::ruleKey);
        rules.addListener(SWT.MouseDown, e -> rules.setFocus());
        ruleMenu();
        histogram = new HistogramPlot(maps, SWT.NONE, Axis.of("onset bias", "V"));
        histogram.setTitle("Onset bias histogram");
        GridData hd = new GridData(SWT.FILL, SWT.FILL, true, false, 2, 1);
        hd.heightHint = 150; // the maps above get the height: they are what a user watches
        histogram.setLayoutData(hd);

        Composite right = new Composite(sash, SWT.NONE);
        right.setLayout(new GridLayout(3, false));
        pixelInfo = new Label(right, SWT.WRAP);
        pixelInfo.setText("Pixel inspector: click a measured pixel (arrow keys: neighbours)");
        pixelInfo.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        Button pin = new Button(right, SWT.PUSH);
        pin.setText("Pin");
        pin.setToolTipText("Keep this pixel's curves to overlay them with the next ones");
        pin.addListener(SWT.Selection, e -> togglePin());
        Button clear = new Button(right, SWT.PUSH);
        clear.setText("Unpin all");
        clear.addListener(SWT.Selection, e -> {
            pinned.clear();
            records.keySet().retainAll(Set.of(selected));
            rules.pinned(pinned);
            drawCurves();
        });
        // two plots on screen (I–V above ΔZ–V), their time versions one tab away: each keeps a usable size
        Composite grid = new Composite(right, SWT.NONE);
        grid.setLayout(new GridLayout(1, true));
        grid.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1));
        CTabFolder currentTabs = tabs(grid);
        CTabFolder heightTabs = tabs(grid);
        curves.add(curve(currentTabs, "I\u2013V", Axis.of("bias", "V"), Axis.of("current", "A")));
        curves.add(curve(heightTabs, "\u0394Z\u2013V", Axis.of("bias", "V"), Axis.of("\u0394Z", "m")));
        curves.add(curve(currentTabs, "I\u2013t", Axis.of("time", "s"), Axis.of("current", "A")));
        curves.add(curve(heightTabs, "\u0394Z\u2013t", Axis.of("time", "s"), Axis.of("\u0394Z", "m")));
        currentTabs.setSelection(0);
        heightTabs.setSelection(0);
        sash.setWeights(60, 40);
    }

    private MapPlot plot(String key, String title, Axis quantity) {
        MapPlot p = new MapPlot(maps, SWT.NONE, X, Y);
        p.setTitle(title);
        p.setValueAxis(quantity);
        GridData gd = new GridData(SWT.FILL, SWT.FILL, true, true);
        gd.minimumWidth = 200;
        gd.minimumHeight = 180;
        p.setLayoutData(gd);
        p.setPixelLabels("rule fired", (i, j) -> {
            MapSnapshot s = snapshot;
            if (s == null || i >= s.grid().nx() || j >= s.grid().ny() || !p.getData("grid").equals(s.grid())) {
                return "";
            }
            String r = s.rules()[s.grid().index(i, j)];
            return r == null ? "not measured" : r;
        });
        p.addPixelListener(px -> {
            MapSnapshot s = snapshot;
            if (s != null && p.getData("grid") != null && p.getData("grid").equals(s.grid())) {
                select(s.grid().index(px.i(), px.j()));
            }
        });
        plots.put(key, p);
        return p;
    }

    private static CTabFolder tabs(Composite parent) {
        CTabFolder f = new CTabFolder(parent, SWT.BORDER | SWT.BOTTOM);
        f.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        return f;
    }

    private static XYPlot curve(CTabFolder tabs, String title, Axis x, Axis y) {
        XYPlot c = new XYPlot(tabs, SWT.NONE, x, y);
        c.setTitle(title);
        CTabItem item = new CTabItem(tabs, SWT.NONE);
        item.setText(title);
        item.setControl(c);
        return c;
    }

    private void ruleMenu() {
        Menu menu = new Menu(rules);
        for (String ext : List.of("png", "svg")) {
            MenuItem item = new MenuItem(menu, SWT.PUSH);
            item.setText("Export " + ext.toUpperCase() + "\u2026");
            item.addListener(SWT.Selection, e -> exportDialog(ext));
        }
        rules.setMenu(menu);
    }

    public Control control() {
        return maps.getParent();
    }

    /** The intensity maps by name: onset, current, height, topography_before/after when present. */
    public Map<String, MapPlot> mapPlots() {
        return plots;
    }

    public MapCanvas ruleMap() {
        return rules;
    }

    public HistogramPlot histogram() {
        return histogram;
    }

    /** I–V, ΔZ–V, I–t, ΔZ–t. */
    public List<XYPlot> curvePlots() {
        return curves;
    }

    public MapSnapshot snapshot() {
        return snapshot;
    }

    public int selected() {
        return selected;
    }

    /** The record whose curves the inspector shows now (null before the first). */
    public PixelRecord shownRecord() {
        return shownRecord;
    }

    public Set<Integer> pinnedPixels() {
        return Set.copyOf(pinned);
    }

    /** Shows a new state of the map (on the UI thread; throttled by the caller). */
    public void show(MapSnapshot s) {
        boolean first = snapshot == null;
        snapshot = s;
        values(plots.get("onset"), s.grid(), s.onsetBias());
        values(plots.get("current"), s.grid(), s.currentAtEnd());
        values(plots.get("height"), s.grid(), s.heightChange());
        rules.show(Raster.rule(s));
        for (Map.Entry<String, TopographyImage> t : s.topography().entrySet()) {
            String key = "topography_" + t.getKey();
            MapPlot p = plots.get(key);
            if (p == null) {
                p = plot(key, "Topography " + t.getKey(), Axis.of("height", "m"));
                p.moveAbove(histogram);
                maps.layout(true, true);
            }
            Raster r = Raster.topography(t.getKey(), t.getValue());
            values(p, r.grid(), r.values());
        }
        histogramStale = true;
        if (first || System.nanoTime() - histogramNanos > HISTOGRAM_INTERVAL_NANOS) {
            updateHistogram();
        }
        if (first) {
            maps.layout(true, true);
        }
    }

    /**
     * The histogram rebins and redraws every bar: during a fast run it follows the maps four times a
     * second, not at every map repaint (measured: the live maps' cost on the acquisition's wall time).
     * Call this when nothing new came, so the last state is shown.
     */
    public void flush() {
        if (histogramStale && System.nanoTime() - histogramNanos > HISTOGRAM_INTERVAL_NANOS) {
            updateHistogram();
        }
    }

    /**
     * The phase of each pixel (per storage index, null where not classified), from a phase map: the
     * histogram then stacks the onsets by phase (AlPO4, boundary, matrix).
     */
    public void phases(String[] regions) {
        if (snapshot != null && regions != null && regions.length == snapshot.grid().pixelCount()) {
            phases = regions.clone();
            histogramStale = true;
            histogramNanos = 0;
            flush();
        }
    }

    private void updateHistogram() {
        if (phases == null) {
            histogram.setGroups(List.of(HistogramGroup.of("onset bias", snapshot.onsetBias())));
        } else {
            Map<String, List<Double>> byPhase = new LinkedHashMap<>();
            for (String r : org.onset.analysis.PhaseMap.STANDARD_REGIONS) {
                byPhase.put(r, new ArrayList<>());
            }
            double[] onset = snapshot.onsetBias();
            for (int k = 0; k < onset.length; k++) {
                if (Double.isFinite(onset[k]) && phases[k] != null) {
                    byPhase.computeIfAbsent(phases[k], x -> new ArrayList<>()).add(onset[k]);
                }
            }
            List<HistogramGroup> groups = new ArrayList<>();
            for (Map.Entry<String, List<Double>> e : byPhase.entrySet()) {
                groups.add(HistogramGroup.of(e.getKey(), e.getValue().stream().mapToDouble(Double::doubleValue).toArray()));
            }
            histogram.setGroups(groups);
        }
        histogramStale = false;
        histogramNanos = System.nanoTime();
    }

    /** A new grid goes in with setMap (zoom reset); the same grid's new values with setValues (coalesced). */
    private static void values(MapPlot p, Grid g, double[] values) {
        if (!g.equals(p.getData("grid"))) {
            double left = g.xMin() - Math.abs(g.dx()) / 2, bottom = g.yMin() - Math.abs(g.dy()) / 2;
            p.setMap(g.nx(), g.ny(), values, left, left + Math.abs(g.dx()) * g.nx(), bottom,
                    bottom + Math.abs(g.dy()) * g.ny());
            p.setData("grid", g);
        } else {
            p.setValues(values);
        }
    }

    /** Inspects a pixel: marks it and reads its curve in a Job (only stored pixels have one). */
    public void select(int index) {
        if (snapshot == null || index < 0 || index >= snapshot.grid().pixelCount()) {
            return;
        }
        selected = index;
        Grid g = snapshot.grid();
        Pixel px = new Pixel(g.i(index), g.j(index));
        for (Map.Entry<String, MapPlot> e : plots.entrySet()) {
            if (g.equals(e.getValue().getData("grid"))) {
                e.getValue().select(px);
            }
        }
        rules.select(index);
        String where = "pixel (" + g.i(index) + ", " + g.j(index) + ") at x " + Units.format(g.x(g.i(index)), "m")
                + ", y " + Units.format(g.y(g.j(index)), "m");
        if (!snapshot.done().get(index)) {
            pixelInfo.setText(where + ": not measured yet");
            records.keySet().retainAll(pinned);
            drawCurves();
            return;
        }
        pixelInfo.setText(where + ": reading\u2026");
        long ticket = ++loads;
        var display = maps.getDisplay();
        Job job = Job.create("Reading pixel " + index, monitor -> {
            try {
                PixelRecord r = source.read(index);
                display.asyncExec(() -> shown(ticket, r, where, null));
            } catch (IOException | RuntimeException e) {
                display.asyncExec(() -> shown(ticket, null, where, e));
            }
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }

    private void shown(long ticket, PixelRecord r, String where, Exception error) {
        if (maps.isDisposed() || ticket != loads) {
            return; // a newer selection won
        }
        if (error != null) {
            pixelInfo.setText(where + ": cannot read its curve: " + error.getMessage());
            return;
        }
        shownRecord = r;
        records.keySet().retainAll(pinned);
        records.put(r.index(), r);
        pixelInfo.setText(where + ": onset " + Units.format(r.onsetBias(), "V") + ", current at end "
                + Units.format(r.currentAtEnd(), "A") + ", \u0394Z " + Units.format(r.heightChangeAtEnd(), "m")
                + ", rule " + r.rule() + ", " + r.termination() + ", " + r.sampleCount() + " samples"
                + (pinned.isEmpty() ? "" : "; pinned " + pinned.size()));
        pixelInfo.getParent().layout(true);
        drawCurves();
    }

    /** One trace per pixel (pinned ones first, the selected one last), the cutoff sample marked in each. */
    private void drawCurves() {
        List<List<Series>> traces = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<List<Marker>> marks = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        int colour = 0;
        for (PixelRecord r : records.values()) {
            int rgb = XYFigure.PALETTE.get(colour++ % XYFigure.PALETTE.size());
            int n = r.sampleCount();
            String name = "(" + r.i() + ", " + r.j() + ")";
            double[] bias = java.util.Arrays.copyOf(r.bias(), n);
            double[] time = java.util.Arrays.copyOf(r.time(), n);
            double[] current = java.util.Arrays.copyOf(r.current(), n);
            double[] dz = null;
            if (r.height() != null && n > 0) {
                dz = new double[n];
                for (int k = 0; k < n; k++) {
                    dz[k] = r.height()[k] - r.height()[0]; // ΔZ relative to the ramp's first sample, as in the file
                }
            }
            traces.get(0).add(new Series(name, bias, current, rgb, false));
            traces.get(2).add(new Series(name, time, current, rgb, false));
            if (dz != null) {
                traces.get(1).add(new Series(name, bias, dz, rgb, false));
                traces.get(3).add(new Series(name, time, dz, rgb, false));
            }
            int c = r.cutoffSampleIndex();
            if (c >= 0 && c < n) {
                String label = "cutoff " + name + ": " + r.rule();
                marks.get(0).add(new Marker(label, bias[c], current[c], CUTOFF_RGB));
                marks.get(2).add(new Marker(label, time[c], current[c], CUTOFF_RGB));
                if (dz != null) {
                    marks.get(1).add(new Marker(label, bias[c], dz[c], CUTOFF_RGB));
                    marks.get(3).add(new Marker(label, time[c], dz[c], CUTOFF_RGB));
                }
            }
        }
        for (int k = 0; k < 4; k++) {
            curves.get(k).setTraces(traces.get(k));
            curves.get(k).setMarkers(marks.get(k));
        }
    }

    private void togglePin() {
        if (selected < 0) {
            return;
        }
        if (!pinned.remove(selected)) {
            pinned.add(selected);
        }
        rules.pinned(pinned);
    }

    /** Arrow keys on the rule map: the neighbouring pixel (up = larger y), as on the intensity maps. */
    private void ruleKey(Event e) {
        if (snapshot == null) {
            return;
        }
        Grid g = snapshot.grid();
        int k = selected < 0 ? 0 : selected;
        int i = g.i(k), j = g.j(k);
        switch (e.keyCode) {
        case SWT.ARROW_LEFT -> i = Math.max(0, i - 1);
        case SWT.ARROW_RIGHT -> i = Math.min(g.nx() - 1, i + 1);
        case SWT.ARROW_UP -> j = Math.min(g.ny() - 1, j + 1);
        case SWT.ARROW_DOWN -> j = Math.max(0, j - 1);
        default -> {
            return;
        }
        }
        select(g.index(i, j));
    }

    private void exportDialog(String ext) {
        if (rules.raster() == null) {
            return;
        }
        FileDialog d = new FileDialog(maps.getShell(), SWT.SAVE);
        d.setFilterExtensions(new String[] { "*." + ext });
        d.setFileName("rule_fired." + ext);
        d.setOverwrite(true);
        String f = d.open();
        if (f == null) {
            return;
        }
        try {
            if (ext.equals("png")) {
                rules.exportPng(Path.of(f));
            } else {
                rules.exportSvg(Path.of(f));
            }
        } catch (IOException | RuntimeException ex) {
            MessageBox m = new MessageBox(maps.getShell(), SWT.ICON_ERROR | SWT.OK);
            m.setMessage("Cannot export to " + f + ": " + ex.getMessage());
            m.open();
        }
    }

    /**
     * Writes every map, the histogram and the inspector's plots as PNG and SVG into {@code dir}
     * ({@code prefix_NAME.png/.svg}); returns the files.
     */
    public List<Path> exportAll(Path dir, String prefix) throws IOException {
        Map<String, ExportablePlot> all = new LinkedHashMap<>(plots);
        all.put("histogram", histogram);
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, ExportablePlot> e : all.entrySet()) {
            Path png = dir.resolve(prefix + "_" + e.getKey() + ".png");
            Path svg = dir.resolve(prefix + "_" + e.getKey() + ".svg");
            e.getValue().exportPng(png);
            e.getValue().exportSvg(svg);
            written.add(png);
            written.add(svg);
        }
        if (rules.raster() != null) {
            Path png = dir.resolve(prefix + "_rule.png");
            Path svg = dir.resolve(prefix + "_rule.svg");
            rules.exportPng(png);
            rules.exportSvg(svg);
            written.add(png);
            written.add(svg);
        }
        return written;
    }
}
