package org.onset.ui.spectroscopy.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.DropTargetAdapter;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.FileTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowData;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.onset.io.api.Data;
import org.onset.io.api.Image;
import org.onset.io.api.ImportMonitor;
import org.onset.io.api.ImportSettings;
import org.onset.io.api.Imported;
import org.onset.io.api.ImporterRegistry;
import org.onset.io.api.Metadata;
import org.onset.io.api.Spectrum;
import org.onset.io.api.SpectrumMap;
import org.onset.io.api.SpectrumSet;
import org.onset.plot.Axis;
import org.onset.plot.Series;
import org.onset.spectra.RamanBands;
import org.onset.ui.plot.MapPlot;
import org.onset.ui.plot.Pixel;
import org.onset.ui.plot.XYPlot;
import org.onset.ui.spectroscopy.internal.XUnits.Family;

/**
 * EPR, Raman and SPM files of the Spectroscopy perspective: opened by File &gt; Open Spectroscopy
 * File…, the Open button or drag and drop, each read through the importer registry in a Job with
 * progress (never on the UI thread). EPR spectra overlay on a magnetic-field axis (mT) or, when the
 * file gives the microwave frequency, a g-factor axis; Raman and optical spectra on a Raman-shift
 * (cm⁻¹) or wavelength axis. The latest Raman map is shown as the image of its band integral (default
 * 2700–3000 cm⁻¹ with a linear baseline, range editable); clicking a pixel adds its spectrum to the
 * optical plot. SPM images show their first channel in the same map plot. Every plot exports PNG, SVG
 * and CSV from its context menu; "Export all…" writes them all at once.
 */
public class SpectroscopyPart {

    public static final String ID = "org.onset.ui.spectroscopy.part.spectra";
    static final String PIXEL_TRACE_PREFIX = "pixel ";

    @Inject
    @Optional
    private ImporterRegistry registry;

    private Display display;
    private Composite root;
    private Label message;
    private Table fileTable;
    private Combo eprAxis;
    private Combo opticalAxis;
    private Button normalise;
    private Text bandLo;
    private Text bandHi;
    private Label bandUnit;
    private XYPlot eprPlot;
    private XYPlot opticalPlot;
    private MapPlot mapPlot;
    private Label mapTitle;

    /** Open files by absolute path, in the order they were opened. */
    private final Map<Path, Imported> files = new LinkedHashMap<>();
    private final Map<Path, String> notes = new LinkedHashMap<>();
    /** The file whose map or image is shown. */
    private Imported mapFile;
    private BandGrid grid;
    /** The map's x axis in Raman shift (cm⁻¹), or null for an image. */
    private double[] mapShift;
    private double lo = RamanBands.DEFAULT_LOW;
    private double hi = RamanBands.DEFAULT_HIGH;
    private Series pixelTrace;
    private int running;
    private volatile long requestNanos;
    private volatile long mapShownNanos;

    @PostConstruct
    public void create(Composite parent) {
        display = parent.getDisplay();
        root = parent;
        parent.setLayout(new GridLayout(1, false));

        Composite bar = new Composite(parent, SWT.NONE);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        RowLayout bl = new RowLayout(SWT.HORIZONTAL);
        bl.wrap = true;
        bl.center = true;
        bl.marginTop = 0;
        bl.marginBottom = 0;
        bar.setLayout(bl);
        Button open = new Button(bar, SWT.PUSH);
        open.setText("Open\u2026");
        open.setToolTipText("Open EPR, Raman or SPM files (or drop them on this part)");
        open.addListener(SWT.Selection, e -> chooseAndOpen(parent.getShell()));
        Button close = new Button(bar, SWT.PUSH);
        close.setText("Close selected");
        close.addListener(SWT.Selection, e -> closeSelected());
        new Label(bar, SWT.NONE).setText("  EPR axis");
        eprAxis = new Combo(bar, SWT.READ_ONLY);
        eprAxis.setItems("magnetic field (mT)", "g-factor");
        eprAxis.select(0);
        eprAxis.addListener(SWT.Selection, e -> replot());
        new Label(bar, SWT.NONE).setText("  Raman axis");
        opticalAxis = new Combo(bar, SWT.READ_ONLY);
        opticalAxis.setItems("Raman shift (cm\u207b\u00b9)", "wavelength (nm)");
        opticalAxis.select(0);
        opticalAxis.addListener(SWT.Selection, e -> replot());
        normalise = new Button(bar, SWT.CHECK);
        normalise.setText("normalise (max |y| = 1)");
        normalise.setToolTipText("Scale every spectrum so that its largest |y| is 1, to compare shapes of spectra from several files");
        normalise.addListener(SWT.Selection, e -> replot());
        new Label(bar, SWT.NONE).setText("  Band");
        bandLo = new Text(bar, SWT.BORDER | SWT.RIGHT);
        new Label(bar, SWT.NONE).setText("to");
        bandHi = new Text(bar, SWT.BORDER | SWT.RIGHT);
        for (Text t : new Text[] { bandLo, bandHi }) {
            t.setLayoutData(new RowData(60, SWT.DEFAULT));
            t.addListener(SWT.DefaultSelection, e -> applyBandFromFields());
        }
        bandLo.setText(plain(lo));
        bandHi.setText(plain(hi));
        bandUnit = new Label(bar, SWT.NONE);
        bandUnit.setText("cm\u207b\u00b9");
        Button apply = new Button(bar, SWT.PUSH);
        apply.setText("Apply");
        apply.setToolTipText("Integrate the band over this Raman-shift range (linear baseline under the band)");
        apply.addListener(SWT.Selection, e -> applyBandFromFields());
        Button exportAll = new Button(bar, SWT.PUSH);
        exportAll.setText("Export all\u2026");
        exportAll.setToolTipText("Every plot as PNG, SVG and CSV into a folder");
        exportAll.addListener(SWT.Selection, e -> {
            DirectoryDialog d = new DirectoryDialog(parent.getShell());
            d.setText("Export the spectroscopy plots");
            String dir = d.open();
            if (dir != null) {
                try {
                    List<Path> written = exportAll(Path.of(dir));
                    info("Exported " + written.size() + " files to " + dir);
                } catch (IOException | RuntimeException ex) {
                    error("Export to " + dir + " failed: " + ex.getMessage());
                }
            }
        });

        message = new Label(parent, SWT.WRAP);
        message.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        message.setText("Open EPR (Bruker BES3T, ESP/WinEPR, Magnettech XML), Raman (Renishaw WDF, Galactic SPC, JCAMP-DX, "
                + "LabSpec XML, WITec/LabSpec text) or SPM files with Open\u2026, File > Open Spectroscopy File\u2026, or drop them here.");

        SashForm rows = new SashForm(parent, SWT.VERTICAL);
        rows.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        fileTable = new Table(rows, SWT.BORDER | SWT.CHECK | SWT.FULL_SELECTION | SWT.MULTI);
        fileTable.setHeaderVisible(true);
        for (String[] c : new String[][] { { "File", "220" }, { "Format (matched by)", "300" }, { "Data", "190" },
                { "Notes", "400" } }) {
            TableColumn col = new TableColumn(fileTable, SWT.LEFT);
            col.setText(c[0]);
            col.setWidth(Integer.parseInt(c[1]));
        }
        fileTable.addListener(SWT.Selection, e -> {
            if (e.detail == SWT.CHECK) {
                replot();
            } else if (e.item instanceof TableItem it && it.getData() instanceof Path p) {
                Imported im = files.get(p);
                if (im != null && (im.data() instanceof SpectrumMap || im.data() instanceof Image) && im != mapFile) {
                    showMap(im);
                }
            }
        });
        SashForm columns = new SashForm(rows, SWT.HORIZONTAL);
        rows.setWeights(17, 83);
        eprPlot = new XYPlot(columns, SWT.NONE, Axis.of("magnetic field", "T", -3), Axis.of("EPR signal", ""));
        eprPlot.setTitle("EPR spectra");

        SashForm right = new SashForm(columns, SWT.VERTICAL);
        opticalPlot = new XYPlot(right, SWT.NONE, Axis.of("Raman shift", "cm\u207b\u00b9", 0), Axis.of("intensity", ""));
        opticalPlot.setTitle("Raman spectra");
        Composite mapBox = new Composite(right, SWT.NONE);
        GridLayout ml = new GridLayout(1, false);
        ml.marginHeight = 0;
        ml.marginWidth = 0;
        mapBox.setLayout(ml);
        mapTitle = new Label(mapBox, SWT.NONE);
        mapTitle.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        mapTitle.setText("Raman map: none open (click a pixel of a band map to see its spectrum above)");
        mapPlot = new MapPlot(mapBox, SWT.NONE);
        mapPlot.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        mapPlot.addPixelListener(this::pixelClicked);
        right.setWeights(45, 55);
        columns.setWeights(44, 56);

        DropTarget drop = new DropTarget(parent, DND.DROP_COPY | DND.DROP_DEFAULT | DND.DROP_MOVE | DND.DROP_LINK);
        drop.setTransfer(new Transfer[] { FileTransfer.getInstance() });
        drop.addDropListener(new DropTargetAdapter() {
            @Override
            public void dragEnter(DropTargetEvent event) {
                if (event.detail == DND.DROP_DEFAULT || event.detail == DND.DROP_MOVE) {
                    event.detail = DND.DROP_COPY; // the files stay where they are; we only read them
                }
            }

            @Override
            public void drop(DropTargetEvent event) {
                if (event.data instanceof String[] names) {
                    dropped(names);
                }
            }
        });
    }

    // ---- opening

    /** A file dialog, then {@link #open} of the chosen files. */
    public void chooseAndOpen(Shell shell) {
        FileDialog d = new FileDialog(shell, SWT.OPEN | SWT.MULTI);
        d.setText("Open EPR, Raman or SPM files");
        List<String> names = new ArrayList<>();
        List<String> patterns = new ArrayList<>();
        names.add("Spectroscopy files");
        patterns.add("*.DSC;*.dsc;*.par;*.spc;*.SPC;*.xml;*.wdf;*.jdx;*.dx;*.DX;*.txt;*.gwy;*.gsf;*.sxm;*.ibw");
        names.add("All files (the content decides the format)");
        patterns.add("*");
        d.setFilterNames(names.toArray(String[]::new));
        d.setFilterExtensions(patterns.toArray(String[]::new));
        if (d.open() == null) {
            return;
        }
        List<Path> chosen = new ArrayList<>();
        for (String n : d.getFileNames()) {
            chosen.add(Path.of(d.getFilterPath(), n));
        }
        open(chosen);
    }

    /** What the drop target does with dropped files. */
    public void dropped(String[] names) {
        List<Path> paths = new ArrayList<>();
        for (String n : names) {
            paths.add(Path.of(n));
        }
        open(paths);
    }

    /**
     * Reads the files in a Job (one after the other, with progress and cancel) and shows each as it
     * arrives; a file that cannot be read is named with the reason in the part's message line.
     */
    public void open(List<Path> paths) {
        if (paths.isEmpty()) {
            return;
        }
        requestNanos = System.nanoTime();
        mapShownNanos = 0;
        running++;
        info("Opening " + (paths.size() == 1 ? paths.get(0).getFileName() : paths.size() + " files") + " \u2026");
        ImporterRegistry importers = registry;
        Job job = Job.create("Opening " + (paths.size() == 1 ? paths.get(0).getFileName() : paths.size() + " spectroscopy files"),
                monitor -> {
                    monitor.beginTask("Reading", 1000 * paths.size());
                    List<String> errors = new ArrayList<>();
                    try {
                        for (Path raw : paths) {
                            if (monitor.isCanceled()) {
                                errors.add("cancelled before " + raw.getFileName());
                                break;
                            }
                            Path p = raw.toAbsolutePath().normalize();
                            monitor.subTask(p.getFileName().toString());
                            try {
                                if (importers == null) {
                                    throw new IOException("no importer registry service is running");
                                }
                                if (!Files.isRegularFile(p)) {
                                    throw new IOException("no such file");
                                }
                                Imported im = importers.open(p, ImportSettings.DEFAULTS, monitorOf(monitor));
                                // the band image is computed here too, not on the UI thread
                                Prepared prep = prepare(im);
                                display.asyncExec(() -> {
                                    if (!root.isDisposed()) {
                                        add(p, im, prep);
                                    }
                                });
                            } catch (IOException | RuntimeException e) {
                                String why = reason(e);
                                // importers name the file themselves; say it once
                                errors.add(why.startsWith(p.getFileName() + ":") || why.startsWith(p.toString())
                                        ? why : p.getFileName() + ": " + why);
                            }
                        }
                    } finally {
                        monitor.done();
                        display.asyncExec(() -> {
                            running--;
                            if (root.isDisposed()) {
                                return;
                            }
                            if (!errors.isEmpty()) {
                                error("Cannot open " + String.join("; ", errors));
                            } else if (running == 0) {
                                info(summary());
                            }
                        });
                    }
                });
        job.setUser(true);
        job.schedule();
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static ImportMonitor monitorOf(IProgressMonitor monitor) {
        return new ImportMonitor() {
            private int reported;

            @Override
            public void progress(double fraction) {
                int now = (int) Math.round(Math.max(0, Math.min(1, fraction)) * 1000);
                if (now > reported) {
                    monitor.worked(now - reported);
                    reported = now;
                }
            }

            @Override
            public boolean isCanceled() {
                return monitor.isCanceled();
            }
        };
    }

    /** What is computed off the UI thread for a map: its Raman-shift axis and band image. */
    private record Prepared(double[] shift, double[] band, String note) {
    }

    private Prepared prepare(Imported im) {
        if (im.data() instanceof SpectrumMap m) {
            double[] shift = XUnits.ramanShift(m.x(), laser(im));
            if (shift == null) {
                return new Prepared(null, null, "x in " + XUnits.pretty(m.x().unit())
                        + " and no laser wavelength: no band image in Raman shift");
            }
            return new Prepared(shift, band(m, shift, lo, hi), null);
        }
        return new Prepared(null, null, null);
    }

    private static double[] band(SpectrumMap m, double[] shift, double lo, double hi) {
        SpectrumMap inShift = new SpectrumMap(new org.onset.io.api.Axis("Raman shift", "cm^-1", shift), m.yQuantity(),
                m.yUnit(), m.nx(), m.ny(), m.intensities(), m.positionX(), m.positionY());
        return RamanBands.map(inShift, lo, hi).channels().get(0).z();
    }

    private void add(Path p, Imported im, Prepared prep) {
        files.put(p, im);
        notes.put(p, note(im, prep));
        TableItem item = null;
        for (TableItem it : fileTable.getItems()) {
            if (p.equals(it.getData())) {
                item = it;
            }
        }
        if (item == null) {
            item = new TableItem(fileTable, SWT.NONE);
            item.setData(p);
            item.setChecked(true);
        }
        item.setText(new String[] { p.getFileName().toString(), im.format() + " (" + im.matchedBy() + ")", describe(im.data()),
                notes.get(p) });
        if (im.data() instanceof SpectrumMap && prep.shift() != null || im.data() instanceof Image) {
            showMap(im, prep.shift(), prep.band());
        }
        replot();
    }

    private static String note(Imported im, Prepared prep) {
        List<String> n = new ArrayList<>();
        im.metadata().number(Metadata.MICROWAVE_FREQUENCY_GHZ)
                .ifPresent(v -> n.add(String.format(Locale.ROOT, "\u03bd = %.6f GHz", v)));
        im.metadata().number(Metadata.LASER_WAVELENGTH_NM)
                .ifPresent(v -> n.add(String.format(Locale.ROOT, "laser %.2f nm", v)));
        if (prep.note() != null) {
            n.add(prep.note());
        }
        return String.join(", ", n);
    }

    private static String describe(Data d) {
        if (d instanceof Spectrum s) {
            return "spectrum, " + s.x().size() + " points";
        }
        if (d instanceof SpectrumSet s) {
            return s.spectra().size() + " spectra \u00d7 " + s.spectra().get(0).x().size() + " points";
        }
        if (d instanceof SpectrumMap m) {
            return "map " + m.nx() + " \u00d7 " + m.ny() + " \u00d7 " + m.points() + " points";
        }
        Image i = (Image) d;
        return "image " + i.nx() + " \u00d7 " + i.ny() + ", " + i.channels().size() + " channels";
    }

    private void closeSelected() {
        for (TableItem it : fileTable.getSelection()) {
            Path p = (Path) it.getData();
            Imported im = files.remove(p);
            notes.remove(p);
            it.dispose();
            if (im == mapFile) {
                mapFile = null;
                grid = null;
                mapShift = null;
                pixelTrace = null;
                mapPlot.setMap(1, 1, new double[] { Double.NaN }, 0, 1e-6, 0, 1e-6);
                mapTitle.setText("Raman map: none open");
            }
        }
        replot();
        info(summary());
    }

    // ---- the map

    private void showMap(Imported im) {
        if (im.data() instanceof SpectrumMap m) {
            double[] shift = XUnits.ramanShift(m.x(), laser(im));
            if (shift == null) {
                error(im.file().getFileName() + ": x in " + XUnits.pretty(m.x().unit())
                        + " without a laser wavelength cannot be integrated over a Raman-shift band");
                return;
            }
            showMap(im, shift, band(m, shift, lo, hi));
        } else {
            showMap(im, null, null);
        }
    }

    private void showMap(Imported im, double[] shift, double[] bandBySpectrum) {
        mapFile = im;
        mapShift = shift;
        pixelTrace = null;
        String name = im.file().getFileName().toString();
        if (im.data() instanceof SpectrumMap m) {
            grid = BandGrid.of(m.nx(), m.ny(), m.positionX(), m.positionY());
            mapPlot.setAxes(grid.positioned() ? Axis.of("x", "m") : Axis.of("column", ""),
                    grid.positioned() ? Axis.of("y", "m") : Axis.of("row", ""));
            mapPlot.setValueAxis(Axis.of("band integral (" + XUnits.pretty(m.yUnit()) + "\u00b7cm\u207b\u00b9)", ""));
            mapPlot.setMap(m.nx(), m.ny(), grid.toPlot(bandBySpectrum), grid.x0(), grid.x1(), grid.y0(), grid.y1());
            String range = String.format(Locale.ROOT, "%s\u2013%s cm\u207b\u00b9", plain(lo), plain(hi));
            mapPlot.setTitle("Band integral " + range + ": " + name);
            mapTitle.setText("Raman map " + name + ": " + m.nx() + " \u00d7 " + m.ny() + ", band integral " + range
                    + " (linear baseline); click a pixel for its spectrum");
        } else if (im.data() instanceof Image img) {
            grid = null;
            org.onset.io.api.Channel c = img.channels().get(0);
            int nx = img.nx();
            int ny = img.ny();
            double[] v = new double[nx * ny];
            for (int j = 0; j < ny; j++) {
                System.arraycopy(c.z(), (ny - 1 - j) * nx, v, j * nx, nx); // the file's row 0 is the top
            }
            mapPlot.setAxes(Axis.of("x", "m"), Axis.of("y", "m"));
            mapPlot.setValueAxis(Axis.of(c.quantity().isEmpty() ? c.name() : c.quantity(), c.unit()));
            mapPlot.setMap(nx, ny, v, 0, img.widthM(), 0, img.heightM());
            mapPlot.setTitle(c.name() + ": " + name);
            mapTitle.setText("Image " + name + ": channel '" + c.name() + "' (1 of " + img.channels().size() + "), "
                    + nx + " \u00d7 " + ny);
        }
        mapPlot.select(null);
        removePixelTrace();
        mapPlot.redraw();
        mapPlot.update();
        mapShownNanos = System.nanoTime();
    }

    private void applyBandFromFields() {
        double a;
        double b;
        try {
            a = Double.parseDouble(bandLo.getText().trim());
            b = Double.parseDouble(bandHi.getText().trim());
        } catch (NumberFormatException e) {
            error("The band needs two numbers in cm\u207b\u00b9, got '" + bandLo.getText() + "' and '" + bandHi.getText() + "'");
            return;
        }
        setBand(a, b);
    }

    /** Integrates the band over [a, b] cm⁻¹ (either order) and shows the new image. */
    public void setBand(double a, double b) {
        if (!Double.isFinite(a) || !Double.isFinite(b) || a == b) {
            error("The band needs two different finite Raman shifts, got " + a + " and " + b + " cm\u207b\u00b9");
            return;
        }
        lo = Math.min(a, b);
        hi = Math.max(a, b);
        bandLo.setText(plain(lo));
        bandHi.setText(plain(hi));
        if (mapFile != null && mapFile.data() instanceof SpectrumMap m && mapShift != null) {
            Pixel keep = mapPlot.selection();
            showMap(mapFile, mapShift, band(m, mapShift, lo, hi));
            if (keep != null) {
                mapPlot.select(keep);
                pixelClicked(keep);
            }
            info(String.format(Locale.ROOT, "Band %s\u2013%s cm\u207b\u00b9 integrated over %d spectra", plain(lo), plain(hi),
                    m.nx() * m.ny()));
        }
    }

    private void pixelClicked(Pixel p) {
        if (grid == null || !(mapFile.data() instanceof SpectrumMap m)) {
            return;
        }
        int index = grid.spectrumIndex(p.i(), p.j());
        Spectrum s = m.spectrum(index);
        double[] x = opticalX(s, laser(mapFile));
        removePixelTrace();
        if (x == null) {
            error("The map's spectra cannot be shown on the " + opticalAxis.getText() + " axis (no laser wavelength)");
            return;
        }
        String where = grid.positioned()
                ? String.format(Locale.ROOT, " at %.4g, %.4g \u00b5m", m.positionX()[index] * 1e6,
                        m.positionY()[index] * 1e6)
                : "";
        pixelTrace = new Series(PIXEL_TRACE_PREFIX + "(" + p.i() + ", " + p.j() + ")" + where, x, s.y().values(), 0xD62728,
                false);
        opticalPlot.addTrace(shown(pixelTrace));
        opticalPlot.resetZoom();
    }

    private void removePixelTrace() {
        for (Series t : opticalPlot.traces()) {
            if (t.name().startsWith(PIXEL_TRACE_PREFIX)) {
                opticalPlot.removeTrace(t.name());
            }
        }
    }

    // ---- the spectra plots

    /** Redraws both spectra plots from the checked files and the axis choices. */
    private void replot() {
        boolean g = eprAxis.getSelectionIndex() == 1;
        boolean wavelength = opticalAxis.getSelectionIndex() == 1;
        List<Series> epr = new ArrayList<>();
        List<Series> optical = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        String eprY = null;
        String opticalY = null;
        for (TableItem it : fileTable.getItems()) {
            Path p = (Path) it.getData();
            Imported im = files.get(p);
            if (im == null || !it.getChecked()) {
                continue;
            }
            String name = p.getFileName().toString();
            List<Spectrum> spectra = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            if (im.data() instanceof Spectrum s) {
                spectra.add(s);
                labels.add(name);
            } else if (im.data() instanceof SpectrumSet set) {
                String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
                for (int k = 0; k < set.spectra().size(); k++) {
                    spectra.add(set.spectra().get(k));
                    labels.add(stem + " " + (set.index() == null ? "#" + (k + 1)
                            : short3(set.index().values()[k]) + " " + XUnits.pretty(set.index().unit())).trim());
                }
            } else {
                continue; // maps and images are in the map plot
            }
            for (int k = 0; k < spectra.size(); k++) {
                Spectrum s = spectra.get(k);
                Family f = XUnits.family(s.x());
                if (f == Family.FIELD) {
                    double[] x;
                    if (g) {
                        java.util.Optional<Double> nu = im.metadata().number(Metadata.MICROWAVE_FREQUENCY_GHZ);
                        if (nu.isEmpty()) {
                            skipped.add(name + " (no microwave frequency: no g axis)");
                            break;
                        }
                        x = XUnits.gFactor(s.x(), nu.get());
                    } else {
                        x = XUnits.fieldTesla(s.x());
                    }
                    epr.add(Series.line(unique(epr, labels.get(k)), x, shownY(s.y().values())));
                    eprY = eprY == null ? yTitle(s) : eprY;
                } else if (f != Family.OTHER) {
                    double[] x = opticalX(s, laser(im));
                    if (x == null) {
                        skipped.add(name + " (no laser wavelength: not on the " + (wavelength ? "wavelength" : "Raman-shift")
                                + " axis)");
                        break;
                    }
                    optical.add(Series.line(unique(optical, labels.get(k)), x, shownY(s.y().values())));
                    opticalY = opticalY == null ? yTitle(s) : opticalY;
                } else {
                    skipped.add(name + " (x is " + s.x().quantity() + " in " + XUnits.pretty(s.x().unit())
                            + ": neither a field nor an optical axis)");
                    break;
                }
            }
        }
        eprPlot.setAxes(g ? Axis.of("g-factor", "") : Axis.of("magnetic field", "T", -3),
                Axis.of(eprY == null ? "EPR signal" : eprY, ""));
        eprPlot.setTraces(epr);
        Series keep = pixelTrace;
        if (keep != null && mapFile != null) {
            // the clicked pixel follows the axis choice
            Spectrum s = ((SpectrumMap) mapFile.data()).spectrum(grid.spectrumIndex(mapPlot.selection().i(),
                    mapPlot.selection().j()));
            double[] x = opticalX(s, laser(mapFile));
            keep = x == null ? null : new Series(keep.name(), x, keep.y(), keep.rgb(), false);
            pixelTrace = keep;
            if (keep != null) {
                optical.add(shown(keep));
            }
        }
        opticalPlot.setAxes(wavelength ? Axis.of("wavelength", "m", -9) : Axis.of("Raman shift", "cm\u207b\u00b9", 0),
                Axis.of(opticalY == null ? "intensity" : opticalY, ""));
        opticalPlot.setTraces(optical);
        if (!skipped.isEmpty()) {
            info("Not plotted: " + String.join("; ", skipped));
        }
    }

    private double[] opticalX(Spectrum s, double laserNm) {
        return opticalAxis.getSelectionIndex() == 1 ? XUnits.wavelengthMetres(s.x(), laserNm)
                : XUnits.ramanShift(s.x(), laserNm);
    }

    private static double laser(Imported im) {
        return im.metadata().number(Metadata.LASER_WAVELENGTH_NM).orElse(Double.NaN);
    }

    /** The trace as plotted: normalised to max |y| = 1 when asked. */
    private Series shown(Series raw) {
        return new Series(raw.name(), raw.x(), shownY(raw.y()), raw.rgb(), raw.markers());
    }

    private double[] shownY(double[] y) {
        if (!normalise.getSelection()) {
            return y;
        }
        double max = 0;
        for (double v : y) {
            if (Double.isFinite(v)) {
                max = Math.max(max, Math.abs(v));
            }
        }
        if (!(max > 0)) {
            return y;
        }
        double[] out = new double[y.length];
        for (int k = 0; k < y.length; k++) {
            out[k] = y[k] / max;
        }
        return out;
    }

    private static String short3(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private String yTitle(Spectrum s) {
        if (normalise.getSelection()) {
            return (s.y().quantity().isEmpty() ? "signal" : s.y().quantity()) + " / max |y|";
        }
        String u = s.y().unit();
        String q = s.y().quantity().isEmpty() ? "signal" : s.y().quantity();
        return u.isEmpty() ? q : q + " (" + XUnits.pretty(u) + ")";
    }

    private static String unique(List<Series> existing, String name) {
        String n = name;
        int k = 2;
        while (true) {
            String candidate = n;
            if (existing.stream().noneMatch(s -> s.name().equals(candidate))) {
                return n;
            }
            n = name + " (" + k++ + ")";
        }
    }

    // ---- messages and export

    private void info(String text) {
        message.setForeground(null);
        message.setText(text);
        root.layout(true, true);
    }

    private void error(String text) {
        message.setForeground(display.getSystemColor(SWT.COLOR_RED));
        message.setText(text);
        root.layout(true, true);
    }

    private String summary() {
        return files.isEmpty() ? "No files open." : files.size() + " file" + (files.size() == 1 ? "" : "s") + " open.";
    }

    /** Every plot as PNG, SVG and CSV (the plots' own exports). */
    public List<Path> exportAll(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        Map<String, org.onset.ui.plot.ExportablePlot> plots = new LinkedHashMap<>();
        plots.put("epr", eprPlot);
        plots.put("raman", opticalPlot);
        plots.put("band-map", mapPlot);
        for (var e : plots.entrySet()) {
            for (String ext : new String[] { "png", "svg", "csv" }) {
                Path f = dir.resolve(e.getKey() + "." + ext);
                switch (ext) {
                case "png" -> e.getValue().exportPng(f);
                case "svg" -> e.getValue().exportSvg(f);
                default -> e.getValue().exportCsv(f);
                }
                written.add(f);
            }
        }
        return written;
    }

    private static String plain(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(8)).stripTrailingZeros().toPlainString();
    }

    // ---- for the self-test (releng/ui-spectroscopy-test.sh)

    public XYPlot eprPlot() {
        return eprPlot;
    }

    public XYPlot opticalPlot() {
        return opticalPlot;
    }

    public MapPlot mapPlot() {
        return mapPlot;
    }

    public Combo eprAxisChooser() {
        return eprAxis;
    }

    public Button normaliseChooser() {
        return normalise;
    }

    public Combo opticalAxisChooser() {
        return opticalAxis;
    }

    public String messageText() {
        return message.getText();
    }

    public boolean busy() {
        return running > 0;
    }

    public Imported mapFile() {
        return mapFile;
    }

    public int openFiles() {
        return files.size();
    }

    /** The shown map pixel's spectrum (null: none clicked). */
    public Series pixelTrace() {
        return pixelTrace;
    }

    /** From the latest open request to the map shown on screen, ms; -1 when no map was shown since. */
    public double openToMapMillis() {
        long shown = mapShownNanos;
        return shown == 0 ? -1 : (shown - requestNanos) / 1e6;
    }

    /** Helper for the self-test's status lines: how the map plot maps cell (i, j) to the map's spectra. */
    public int spectrumIndexOf(int i, int j) {
        return grid == null ? -1 : grid.spectrumIndex(i, j);
    }

    /** Status for a screenshot-less report line. */
    public String statusLine() {
        return String.format(Locale.ROOT, "files=%d map=%s epr-traces=%d raman-traces=%d", files.size(),
                mapFile == null ? "none" : mapFile.file().getFileName(), eprPlot.traces().size(),
                opticalPlot.traces().size());
    }
}
