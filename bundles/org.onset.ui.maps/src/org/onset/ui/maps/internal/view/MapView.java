package org.onset.ui.maps.internal.view;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
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
import org.onset.ui.maps.internal.live.MapSnapshot;

/**
 * A map's views, the same for a running map and a map file: onset bias, current at end, ΔZ and rule
 * fired (and topography before/after when the file has them), the onset histogram, and the pixel
 * inspector (I–V, ΔZ–V, I–t, ΔZ–t of the selected pixel and the pinned ones, cutoff marked). Click a
 * pixel to inspect it; arrow keys move to its neighbours; P pins it. Curves are read through the
 * {@link PixelSource} in a Job; the UI thread only draws.
 */
public final class MapView {

    private final PixelSource source;
    private final Composite maps;
    private final Map<String, MapCanvas> canvases = new LinkedHashMap<>();
    private final HistogramCanvas histogram;
    private final Label pixelInfo;
    private final List<CurveCanvas> curves = new ArrayList<>();
    private final Set<Integer> pinned = new LinkedHashSet<>();
    private final Map<Integer, PixelRecord> records = new LinkedHashMap<>();
    private MapSnapshot snapshot;
    private int selected = -1;
    private volatile PixelRecord shownRecord;
    private long loads;

    public MapView(Composite parent, PixelSource source) {
        this.source = source;
        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        Composite left = new Composite(sash, SWT.NONE);
        left.setLayout(new GridLayout(1, false));
        maps = new Composite(left, SWT.NONE);
        maps.setLayout(new GridLayout(2, true));
        maps.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        for (String name : List.of("onset", "current", "height", "rule")) {
            addCanvas(name);
        }
        histogram = new HistogramCanvas(maps);
        GridData hd = new GridData(SWT.FILL, SWT.FILL, true, false, 2, 1);
        hd.heightHint = 150;
        histogram.setLayoutData(hd);

        Composite right = new Composite(sash, SWT.NONE);
        right.setLayout(new GridLayout(3, false));
        pixelInfo = new Label(right, SWT.WRAP);
        pixelInfo.setText("Pixel inspector: click a measured pixel (arrow keys: neighbours, P: pin)");
        pixelInfo.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        Button pin = new Button(right, SWT.PUSH);
        pin.setText("Pin");
        pin.setToolTipText("Keep this pixel's curves to overlay them with the next ones (P)");
        pin.addListener(SWT.Selection, e -> togglePin());
        Button clear = new Button(right, SWT.PUSH);
        clear.setText("Unpin all");
        clear.addListener(SWT.Selection, e -> {
            pinned.clear();
            records.keySet().retainAll(Set.of(selected));
            refreshMarks();
            drawCurves();
        });
        Composite grid = new Composite(right, SWT.NONE);
        grid.setLayout(new GridLayout(2, true));
        grid.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1));
        curves.add(curve(grid, "bias", "V", "current", "A"));
        curves.add(curve(grid, "bias", "V", "\u0394Z", "m"));
        curves.add(curve(grid, "time", "s", "current", "A"));
        curves.add(curve(grid, "time", "s", "\u0394Z", "m"));
        sash.setWeights(55, 45);
    }

    private static CurveCanvas curve(Composite parent, String xq, String xu, String yq, String yu) {
        CurveCanvas c = new CurveCanvas(parent, xq, xu, yq, yu);
        c.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        return c;
    }

    private MapCanvas addCanvas(String name) {
        MapCanvas c = new MapCanvas(maps);
        GridData gd = new GridData(SWT.FILL, SWT.FILL, true, true);
        gd.minimumWidth = 160;
        gd.minimumHeight = 140;
        c.setLayoutData(gd);
        c.onSelect(this::select);
        c.addListener(SWT.KeyDown, this::key);
        c.addListener(SWT.MouseDown, e -> c.setFocus());
        c.addListener(SWT.Traverse, e -> {
            if (e.detail == SWT.TRAVERSE_ARROW_NEXT || e.detail == SWT.TRAVERSE_ARROW_PREVIOUS) {
                e.doit = false; // arrows move the selected pixel, not the focus
            }
        });
        Menu menu = new Menu(c);
        MenuItem png = new MenuItem(menu, SWT.PUSH);
        png.setText("Export PNG\u2026");
        png.addListener(SWT.Selection, e -> exportDialog(c, "png"));
        MenuItem svg = new MenuItem(menu, SWT.PUSH);
        svg.setText("Export SVG\u2026");
        svg.addListener(SWT.Selection, e -> exportDialog(c, "svg"));
        c.setMenu(menu);
        canvases.put(name, c);
        return c;
    }

    public Control control() {
        return maps.getParent().getParent();
    }

    /** The map canvases by name: onset, current, height, rule, topography_before/after when present. */
    public Map<String, MapCanvas> canvases() {
        return canvases;
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
        canvases.get("onset").show(Raster.onset(s));
        canvases.get("current").show(Raster.current(s));
        canvases.get("height").show(Raster.height(s));
        canvases.get("rule").show(Raster.rule(s));
        for (Map.Entry<String, TopographyImage> t : s.topography().entrySet()) {
            String key = "topography_" + t.getKey();
            MapCanvas c = canvases.get(key);
            if (c == null) {
                c = addCanvas(key);
                c.moveAbove(histogram);
                maps.layout(true, true);
            }
            c.show(Raster.topography(t.getKey(), t.getValue()));
        }
        histogram.show(s.onsetBias());
        if (first) {
            maps.layout(true, true);
        }
    }

    /** Inspects a pixel: marks it and reads its curve in a Job (only stored pixels have one). */
    public void select(int index) {
        if (snapshot == null || index < 0 || index >= snapshot.grid().pixelCount()) {
            return;
        }
        selected = index;
        canvases.values().forEach(c -> c.select(index));
        Grid g = snapshot.grid();
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

    private void drawCurves() {
        List<List<CurveCanvas.Trace>> t = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>());
        for (PixelRecord r : records.values()) {
            int n = r.sampleCount();
            String name = "(" + r.i() + ", " + r.j() + ")";
            double[] dz = null;
            if (r.height() != null && n > 0) {
                dz = new double[n];
                for (int k = 0; k < n; k++) {
                    dz[k] = r.height()[k] - r.height()[0]; // ΔZ relative to the ramp's first sample, as in the file
                }
            }
            t.get(0).add(new CurveCanvas.Trace(name, r.bias(), r.current(), n, r.cutoffSampleIndex(), r.rule()));
            t.get(2).add(new CurveCanvas.Trace(name, r.time(), r.current(), n, r.cutoffSampleIndex(), r.rule()));
            if (dz != null) {
                t.get(1).add(new CurveCanvas.Trace(name, r.bias(), dz, n, r.cutoffSampleIndex(), r.rule()));
                t.get(3).add(new CurveCanvas.Trace(name, r.time(), dz, n, r.cutoffSampleIndex(), r.rule()));
            }
        }
        for (int k = 0; k < 4; k++) {
            curves.get(k).show(t.get(k));
        }
    }

    public List<CurveCanvas> curveCanvases() {
        return curves;
    }

    private void togglePin() {
        if (selected < 0) {
            return;
        }
        if (!pinned.remove(selected)) {
            pinned.add(selected);
        }
        refreshMarks();
    }

    private void refreshMarks() {
        canvases.values().forEach(c -> c.pinned(pinned));
    }

    /** Arrow keys: the neighbouring pixel (up = larger y); P: pin. */
    private void key(Event e) {
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
            if (e.character == 'p' || e.character == 'P') {
                togglePin();
            }
            return;
        }
        }
        select(g.index(i, j));
    }

    private void exportDialog(MapCanvas c, String ext) {
        if (c.raster() == null) {
            return;
        }
        FileDialog d = new FileDialog(maps.getShell(), SWT.SAVE);
        d.setFilterExtensions(new String[] { "*." + ext });
        d.setFileName(c.raster().title().replaceAll("[^A-Za-z0-9]+", "_").toLowerCase() + "." + ext);
        d.setOverwrite(true);
        String f = d.open();
        if (f == null) {
            return;
        }
        try {
            if (ext.equals("png")) {
                c.exportPng(Path.of(f));
            } else {
                c.exportSvg(Path.of(f));
            }
        } catch (IOException | RuntimeException ex) {
            MessageBox m = new MessageBox(maps.getShell(), SWT.ICON_ERROR | SWT.OK);
            m.setMessage("Cannot export to " + f + ": " + ex.getMessage());
            m.open();
        }
    }

    /** Writes every map as PNG and SVG into {@code dir} ({@code prefix_NAME.png/.svg}); returns the files. */
    public List<Path> exportAll(Path dir, String prefix) throws IOException {
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, MapCanvas> e : canvases.entrySet()) {
            if (e.getValue().raster() == null) {
                continue;
            }
            Path png = dir.resolve(prefix + "_" + e.getKey() + ".png");
            Path svg = dir.resolve(prefix + "_" + e.getKey() + ".svg");
            e.getValue().exportPng(png);
            e.getValue().exportSvg(svg);
            written.add(png);
            written.add(svg);
        }
        return written;
    }

    static IStatus ok() {
        return Status.OK_STATUS;
    }
}
