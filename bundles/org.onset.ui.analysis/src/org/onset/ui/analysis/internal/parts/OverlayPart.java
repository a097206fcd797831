package org.onset.ui.analysis.internal.parts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowData;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.Text;
import org.onset.analysis.topography.Levelling;
import org.onset.analysis.topography.Registration;
import org.onset.analysis.topography.Shift;
import org.onset.instrument.api.RampOutcome.Termination;
import org.onset.instrument.api.TopographyImage;
import org.onset.io.api.Image;
import org.onset.io.api.Imported;
import org.onset.io.api.ImporterRegistry;
import org.onset.io.api.SpectrumMap;
import org.onset.map.api.Grid;
import org.onset.map.api.MapFile;
import org.onset.map.api.MapReaderService;
import org.onset.plot.Axis;
import org.onset.plot.ColorLimits;
import org.onset.plot.ColorMap;
import org.onset.plot.MapOverlay;
import org.onset.plot.Range;
import org.onset.spectra.RamanBands;
import org.onset.ui.analysis.internal.FileChoice;
import org.onset.ui.analysis.internal.ImageLayer;
import org.onset.ui.analysis.internal.RamanLayer;
import org.onset.ui.maps.files.OpenMapFiles;
import org.onset.ui.plot.MapPlot;

/**
 * The correlative overlay: the onset map drawn over the topography scanned before or after it, with
 * an opacity control. Placed by stage coordinates (the map's grid and the images' origins are in the
 * same positioner frame, m); over the after image it is moved by the drift found by registering
 * after on before (cross-correlation with sub-pixel refinement), since the onset was measured in
 * the before image's frame. A Raman map file (any spectrum map the importers read) can be laid over
 * both as a third layer: its band integral (default 2700–3000 cm⁻¹, linear baseline under the band),
 * placed by the stage positions of its spectra, with its own opacity and colour bar. An image file
 * (an SPM image, or the |E| map of {@code onset fem-map}, {@code field-map.gsf}) takes the same
 * place: its first channel, placed by the image's offsets and size. Files are read
 * and bands integrated in Jobs; exports (PNG, SVG) carry every layer with its colour bar.
 */
public class OverlayPart {

    /** Default opacity of the onset layer, %. */
    static final int DEFAULT_OPACITY = 60;

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    private MapReaderService reader;
    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    private OpenMapFiles files;
    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    private ImporterRegistry importers;

    private Display display;
    private FileChoice fileChoice;
    private Button before;
    private Button after;
    private Scale opacity;
    private Label opacityLabel;
    private Label info;
    private MapPlot plot;
    private volatile Loaded loaded;
    private Path loading;
    private Text bandLo;
    private Text bandHi;
    private Scale ramanOpacity;
    private Label ramanOpacityLabel;
    private Label ramanInfo;
    /** The Raman map as read (kept to integrate another band without reading the file again). */
    private SpectrumMap ramanMap;
    private Path ramanFile;
    private volatile RamanLayer raman;
    /** An image file's first channel as the third layer (e.g. onset fem-map's |E| map), or null. */
    private volatile ImageLayer picture;
    /** Counts Raman requests, so that a slow Job's result does not replace a newer one's. */
    private int ramanRequest;

    /** What the overlay is drawn from. */
    public record Loaded(Path file, Grid grid, double[] onset, TopographyImage before, TopographyImage after,
            Shift drift, String thread) {
    }

    @PostConstruct
    public void create(Composite parent) {
        display = parent.getDisplay();
        parent.setLayout(new GridLayout(1, false));
        Composite head = new Composite(parent, SWT.NONE);
        head.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        GridLayout hl = new GridLayout(4, false);
        hl.marginHeight = 0;
        head.setLayout(hl);
        fileChoice = new FileChoice(head, "Map file", files, true, this::load);
        Button png = new Button(head, SWT.PUSH);
        png.setText("Export\u2026");
        png.setToolTipText("Write the overlay as PNG or SVG (both layers, colour bars with units)");
        png.addListener(SWT.Selection, e -> exportDialog());
        Composite controls = new Composite(parent, SWT.NONE);
        controls.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        GridLayout cl = new GridLayout(6, false);
        cl.marginHeight = 0;
        controls.setLayout(cl);
        new Label(controls, SWT.NONE).setText("Over the topography");
        before = new Button(controls, SWT.RADIO);
        before.setText("before");
        before.setSelection(true);
        after = new Button(controls, SWT.RADIO);
        after.setText("after");
        before.addListener(SWT.Selection, e -> redraw());
        after.addListener(SWT.Selection, e -> redraw());
        new Label(controls, SWT.NONE).setText("  onset opacity");
        opacity = new Scale(controls, SWT.HORIZONTAL);
        opacity.setMinimum(0);
        opacity.setMaximum(100);
        opacity.setPageIncrement(10);
        opacity.setSelection(DEFAULT_OPACITY);
        GridData od = new GridData(SWT.LEFT, SWT.CENTER, false, false);
        od.widthHint = 110;
        opacity.setLayoutData(od);
        opacityLabel = new Label(controls, SWT.NONE);
        opacityLabel.setText(DEFAULT_OPACITY + " %  ");
        opacityLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        opacity.addListener(SWT.Selection, e -> {
            opacityLabel.setText(opacity.getSelection() + " %");
            redraw();
        });
        ramanControls(parent);
        info = new Label(parent, SWT.WRAP);
        info.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        info.setText("Choose a map file with topography.");
        plot = new MapPlot(parent, SWT.NONE, Axis.of("x", "m"), Axis.of("y", "m"));
        plot.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        fileChoice.start();
    }

    private void load(Path file) {
        if (file == null || file.equals(loading)) {
            return;
        }
        loading = file;
        info.setText("Reading " + file + " \u2026");
        Job job = Job.create("Reading onset map and topography of " + file.getFileName(), monitor -> {
            monitor.beginTask("Reading " + file.getFileName(), 2);
            try {
                if (reader == null) {
                    throw new IOException("no map reader service is running");
                }
                try (MapFile map = reader.open(file)) {
                    Grid grid = map.grid();
                    double[] onset = map.onsetBias();
                    Termination[] t = map.terminations();
                    var stored = map.completedPixels();
                    for (int k = 0; k < onset.length; k++) {
                        if (!stored.get(k) || t[k] == null) {
                            onset[k] = Double.NaN;
                        }
                    }
                    TopographyImage b = map.topography("before").orElse(null);
                    TopographyImage a = map.topography("after").orElse(null);
                    monitor.worked(1);
                    Shift drift = null;
                    if (b != null && a != null) {
                        // the same search as the analysis: ±5 map pixels, at most ±100 nm for fine images
                        int maxShift = Math.max(0, Math.min(Registration.searchPoints(5, grid.dx(), b),
                                (Math.min(b.nx(), b.ny()) - 4) / 2));
                        drift = Registration.register(b, a, maxShift);
                    }
                    monitor.worked(1);
                    Loaded l = new Loaded(file, grid, onset, b, a, drift, Thread.currentThread().getName());
                    display.asyncExec(() -> shown(l));
                }
            } catch (IOException | RuntimeException e) {
                String why = e.getMessage() == null ? e.toString() : e.getMessage();
                display.asyncExec(() -> {
                    if (!info.isDisposed() && file.equals(loading)) {
                        info.setText("Cannot read " + file + ": " + why);
                    }
                });
            } finally {
                monitor.done();
            }
            return Status.OK_STATUS;
        });
        job.schedule();
    }

    private void shown(Loaded l) {
        if (info.isDisposed() || !l.file().equals(loading)) {
            return;
        }
        loaded = l;
        redraw();
    }

    private void redraw() {
        Loaded l = loaded;
        if (l == null) {
            return;
        }
        boolean overAfter = after.getSelection();
        TopographyImage topo = overAfter ? l.after() : l.before();
        if (topo == null) {
            topo = overAfter ? l.before() : l.after();
            overAfter = !overAfter && topo != null;
        }
        Grid g = l.grid();
        double ox0 = g.x0() - g.dx() / 2;
        double oy0 = g.y0() - g.dy() / 2;
        double dxDrift = 0;
        double dyDrift = 0;
        if (overAfter && l.drift() != null) {
            // the after image's point (i + dx, j + dy) shows what the before image shows at (i, j)
            dxDrift = l.drift().xMetres();
            dyDrift = l.drift().yMetres();
        }
        Range onsetRange = ColorLimits.percentiles2to98().of(l.onset());
        MapOverlay layer = MapOverlay.continuous("onset bias", g.nx(), g.ny(), l.onset(), ox0 + dxDrift,
                ox0 + g.nx() * g.dx() + dxDrift, oy0 + dyDrift, oy0 + g.ny() * g.dy() + dyDrift, Axis.of("onset bias", "V"),
                ColorMap.VIRIDIS, onsetRange, opacity.getSelection() / 100.0);
        RamanLayer r = raman;
        ImageLayer pic = picture;
        MapOverlay ramanLayer = r != null ? r.overlay(ramanOpacity.getSelection() / 100.0)
                : pic != null ? pic.overlay(ramanOpacity.getSelection() / 100.0) : null;
        String thirdName = r != null ? r.bandName() : pic != null ? pic.name() : "";
        if (topo == null) {
            // no topography: the onset map alone, as the base (the Raman band over it when there is one)
            plot.setOverlays(ramanLayer == null ? List.of() : List.of(ramanLayer));
            plot.setValueAxis(Axis.of("onset bias", "V"));
            plot.setColorMap(ColorMap.VIRIDIS);
            plot.setMap(g.nx(), g.ny(), l.onset(), ox0, ox0 + g.nx() * g.dx(), oy0, oy0 + g.ny() * g.dy());
            plot.setTitle("onset bias (the file has no topography)");
            info.setText(l.file() + ": no topography before or after the map; the onset map alone");
            return;
        }
        TopographyImage levelled = Levelling.plane(topo);
        double tx0 = topo.x0() - topo.dx() / 2;
        double ty0 = topo.y0() - topo.dy() / 2;
        plot.setValueAxis(Axis.of("height (plane-levelled)", "m"));
        plot.setColorMap(ColorMap.GREY);
        plot.setMap(topo.nx(), topo.ny(), levelled.height(), tx0, tx0 + topo.nx() * topo.dx(), ty0,
                ty0 + topo.ny() * topo.dy());
        List<MapOverlay> layers = new ArrayList<>(List.of(layer));
        if (ramanLayer != null) {
            layers.add(ramanLayer);
        }
        plot.setOverlays(layers);
        String which = overAfter ? "after" : "before";
        plot.setTitle(String.format(Locale.ROOT, "onset bias over the topography %s (opacity %d %%)%s", which,
                opacity.getSelection(), ramanLayer == null ? "" : String.format(Locale.ROOT, ", %s (%d %%)",
                        thirdName, ramanOpacity.getSelection())));
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "%s: onset map %d \u00d7 %d at %.0f nm placed by stage coordinates", l.file().getFileName(), g.nx(),
                g.ny(), g.dx() * 1e9));
        if (l.drift() != null) {
            s.append(String.format(Locale.ROOT, "; drift of the after image on the before image by cross-correlation: "
                    + "(%.1f, %.1f) nm, correlation %.3f%s", l.drift().xMetres() * 1e9, l.drift().yMetres() * 1e9,
                    l.drift().correlation(), overAfter ? " \u2014 the onset layer is moved by it" : ""));
        } else {
            s.append("; only one topography image, no drift correction");
        }
        s.append(String.format(Locale.ROOT, "; onset colours %.3f \u2026 %.3f V (2\u201398 %%)", onsetRange.lo(),
                onsetRange.hi()));
        info.setText(s.toString());
        info.getParent().layout();
    }

    private void exportDialog() {
        if (loaded == null) {
            return;
        }
        FileDialog d = new FileDialog(plot.getShell(), SWT.SAVE);
        d.setFilterExtensions(new String[] { "*.png", "*.svg" });
        d.setFileName("overlay.png");
        d.setOverwrite(true);
        String f = d.open();
        if (f == null) {
            return;
        }
        try {
            export(Path.of(f));
        } catch (IOException | RuntimeException e) {
            info.setText("Cannot write " + f + ": " + e.getMessage());
        }
    }

    /** Writes the overlay as SVG (name ends in .svg) or PNG. */
    public void export(Path file) throws IOException {
        if (file.toString().toLowerCase(Locale.ROOT).endsWith(".svg")) {
            plot.exportSvg(file);
        } else {
            plot.exportPng(file);
        }
    }

    // ---- the Raman band layer

    private void ramanControls(Composite parent) {
        // a wrapping row: the part is often narrow, and a cut-off opacity slider cannot be used
        Composite row = new Composite(parent, SWT.NONE);
        row.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        RowLayout rl = new RowLayout(SWT.HORIZONTAL);
        rl.wrap = true;
        rl.center = true;
        rl.marginTop = 0;
        rl.marginBottom = 0;
        row.setLayout(rl);
        Button open = new Button(row, SWT.PUSH);
        open.setText("Raman map or image\u2026");
        open.setToolTipText("Lay the band integral of a Raman map file over the onset map, placed by the stage "
                + "positions of its spectra; or the first channel of an image file (an SPM image, the |E| map "
                + "field-map.gsf of onset fem-map), placed by its offsets");
        open.addListener(SWT.Selection, e -> {
            FileDialog d = new FileDialog(row.getShell(), SWT.OPEN);
            d.setText("Raman map or image to lay over the onset map");
            String f = d.open();
            if (f != null) {
                loadRaman(Path.of(f));
            }
        });
        new Label(row, SWT.NONE).setText("band");
        bandLo = new Text(row, SWT.BORDER | SWT.RIGHT);
        bandLo.setText(format(RamanBands.DEFAULT_LOW));
        new Label(row, SWT.NONE).setText("\u2013");
        bandHi = new Text(row, SWT.BORDER | SWT.RIGHT);
        bandHi.setText(format(RamanBands.DEFAULT_HIGH));
        for (Text t : new Text[] { bandLo, bandHi }) {
            t.setLayoutData(new RowData(55, SWT.DEFAULT));
            t.setToolTipText("Band to integrate (the map's x unit, cm\u207b\u00b9 for Raman shift); Enter applies");
            t.addListener(SWT.DefaultSelection, e -> integrate());
        }
        new Label(row, SWT.NONE).setText("cm\u207b\u00b9 (linear baseline)   layer opacity");
        ramanOpacity = new Scale(row, SWT.HORIZONTAL);
        ramanOpacity.setMinimum(0);
        ramanOpacity.setMaximum(100);
        ramanOpacity.setPageIncrement(10);
        ramanOpacity.setSelection(DEFAULT_OPACITY);
        ramanOpacity.setLayoutData(new RowData(110, SWT.DEFAULT));
        ramanOpacityLabel = new Label(row, SWT.NONE);
        ramanOpacityLabel.setText(DEFAULT_OPACITY + " %  ");
        ramanOpacity.addListener(SWT.Selection, e -> {
            ramanOpacityLabel.setText(ramanOpacity.getSelection() + " %");
            redraw();
        });
        Button remove = new Button(row, SWT.PUSH);
        remove.setText("Remove");
        remove.setToolTipText("Take the Raman layer away");
        remove.addListener(SWT.Selection, e -> removeRaman());
        ramanInfo = new Label(parent, SWT.WRAP);
        ramanInfo.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Reads a Raman map file through the importers (in a Job) and lays its band integral over the map. */
    public void loadRaman(Path file) {
        ramanFile = file;
        ramanMap = null;
        integrate();
    }

    /** Integrates the band in the fields over the Raman map (reading the file first if needed), in a Job. */
    private void integrate() {
        Path file = ramanFile;
        if (file == null) {
            return;
        }
        double lo;
        double hi;
        try {
            lo = Double.parseDouble(bandLo.getText().strip().replace(',', '.'));
            hi = Double.parseDouble(bandHi.getText().strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            ramanInfo.setText("The band needs two numbers, e.g. 2700 and 3000");
            return;
        }
        SpectrumMap known = ramanMap;
        ImporterRegistry registry = importers;
        int request = ++ramanRequest;
        ramanInfo.setText((known == null ? "Reading " + file.getFileName() : "Integrating") + " \u2026");
        Job job = Job.create("Raman band map of " + file.getFileName(), monitor -> {
            try {
                SpectrumMap map = known;
                if (map == null) {
                    if (registry == null) {
                        throw new IOException("no importer registry is running");
                    }
                    Imported im = registry.open(file);
                    if (im.data() instanceof Image image) {
                        ImageLayer layer = ImageLayer.of(file, image, 0);
                        display.asyncExec(() -> shownImage(request, layer));
                        return Status.OK_STATUS;
                    }
                    if (!(im.data() instanceof SpectrumMap m)) {
                        throw new IOException("it is a " + im.data().kind() + " (" + im.format()
                                + "), not a map of spectra nor an image");
                    }
                    map = m;
                }
                RamanLayer layer = RamanLayer.of(file, map, Math.min(lo, hi), Math.max(lo, hi));
                SpectrumMap read = map;
                display.asyncExec(() -> {
                    if (request == ramanRequest && !plot.isDisposed()) {
                        ramanMap = read;
                        raman = layer;
                        picture = null;
                        ramanInfo.setText(String.format(Locale.ROOT,
                                "Raman layer: %s, %d \u00d7 %d spectra over x %.3f \u2026 %.3f \u00b5m, y %.3f \u2026 "
                                        + "%.3f \u00b5m (stage positions); %s integrated, colours %.4g \u2026 %.4g "
                                        + "(2\u201398 %%)", file.getFileName(), layer.nx(), layer.ny(),
                                layer.x0() * 1e6, layer.x1() * 1e6, layer.y0() * 1e6, layer.y1() * 1e6,
                                layer.bandName(), layer.colourRange().lo(), layer.colourRange().hi()));
                        ramanInfo.getParent().layout();
                        redraw();
                    }
                });
            } catch (IOException | RuntimeException e) { // ImportException is an IOException
                String why = e.getMessage() == null ? e.toString() : e.getMessage();
                display.asyncExec(() -> {
                    if (request == ramanRequest && !ramanInfo.isDisposed()) {
                        ramanInfo.setText("Cannot lay " + file.getFileName() + " over the map: " + why);
                        ramanInfo.getParent().layout();
                    }
                });
            }
            return Status.OK_STATUS;
        });
        job.schedule();
    }

    /** Shows an image file's channel as the third layer (UI thread). */
    private void shownImage(int request, ImageLayer layer) {
        if (request != ramanRequest || plot.isDisposed()) {
            return;
        }
        picture = layer;
        raman = null;
        ramanMap = null;
        Range range = layer.colourRange();
        ramanInfo.setText(String.format(Locale.ROOT,
                "Image layer: %s, '%s' (%s), %d \u00d7 %d pixels over x %.3f \u2026 %.3f \u00b5m, y %.3f \u2026 %.3f \u00b5m "
                        + "(its offsets); colours %.4g \u2026 %.4g (2\u201398 %%)", layer.file().getFileName(), layer.name(),
                layer.unit(), layer.nx(), layer.ny(), layer.x0() * 1e6, layer.x1() * 1e6, layer.y0() * 1e6,
                layer.y1() * 1e6, range.lo(), range.hi()));
        ramanInfo.getParent().layout();
        redraw();
    }

    private void removeRaman() {
        ramanRequest++;
        ramanFile = null;
        ramanMap = null;
        raman = null;
        picture = null;
        ramanInfo.setText("");
        redraw();
    }

    // ---- for the self-test

    public Loaded loaded() {
        return loaded;
    }

    public MapPlot plot() {
        return plot;
    }

    public FileChoice fileChoice() {
        return fileChoice;
    }

    /** Sets the opacity (%) and the base image as a user would. */
    public void set(int opacityPercent, boolean overAfter) {
        opacity.setSelection(opacityPercent);
        opacityLabel.setText(opacityPercent + " %");
        after.setSelection(overAfter);
        before.setSelection(!overAfter);
        redraw();
    }

    public String infoText() {
        return info.getText();
    }

    /** The Raman layer shown, or null. */
    public RamanLayer raman() {
        return raman;
    }

    /** The image layer shown, or null. */
    public ImageLayer picture() {
        return picture;
    }

    public String ramanInfoText() {
        return ramanInfo.getText();
    }

    /** Sets the band and the Raman opacity as a user would, and integrates again. */
    public void setRaman(double lo, double hi, int opacityPercent) {
        bandLo.setText(format(lo));
        bandHi.setText(format(hi));
        ramanOpacity.setSelection(opacityPercent);
        ramanOpacityLabel.setText(opacityPercent + " %");
        integrate();
    }
}
