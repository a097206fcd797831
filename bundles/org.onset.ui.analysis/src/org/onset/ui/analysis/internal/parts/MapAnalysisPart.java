package org.onset.ui.analysis.internal.parts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Text;
import org.onset.analysis.PhaseMap;
import org.onset.analysis.PhaseMapService;
import org.onset.analysis.UserMasks;
import org.onset.analysis.particles.DetectedParticle;
import org.onset.analysis.particles.ParticleDetection;
import org.onset.analysis.particles.Transference;
import org.onset.analysis.phases.OnsetByDistance;
import org.onset.analysis.report.AnalysisStore;
import org.onset.analysis.report.MapAnalysis;
import org.onset.analysis.report.MapAnalyzer;
import org.onset.analysis.topography.Levelling;
import org.onset.analysis.topography.Registration;
import org.onset.instrument.api.TopographyImage;
import org.onset.map.api.MapFile;
import org.onset.map.api.MapReaderService;
import org.onset.plot.Axis;
import org.onset.plot.Category;
import org.onset.plot.ColorMap;
import org.onset.plot.MapOverlay;
import org.onset.plot.Range;
import org.onset.plot.Series;
import org.onset.ui.analysis.internal.AnalysedMap;
import org.onset.ui.analysis.internal.AnalysisJob;
import org.onset.ui.analysis.internal.FileChoice;
import org.onset.ui.maps.files.OpenMapFiles;
import org.onset.ui.plot.ChartPlot;
import org.onset.ui.plot.HistogramGroup;
import org.onset.ui.plot.HistogramPlot;
import org.onset.ui.plot.MapPlot;
import org.onset.ui.plot.XYPlot;

/**
 * The analysis of the current map file (the one selected in the Analysis perspective's <i>Map
 * files</i> list, or another chosen here), run by the headless {@code MapAnalyzer} in a Job — the
 * same numbers as {@code onset analyze}: particles over the topography (difference after − before
 * or the after image, outlines and centroids), particle volumes on log bins beside a second map's
 * (Fig. 1d–e), onset against distance to AlPO4 with the Mann–Whitney test (Fig. 5), Li atoms against
 * electrons with the fitted slope (Fig. 1b), and the numbers.
 */
public class MapAnalysisPart {

    /** Particle outlines and centroids over the height image. */
    static final List<Category> MARKS = List.of(new Category("particle outline", 0xFFFFFF),
            new Category("centroid", 0xE8162B));
    private static final double LOG_BIN = 0.1;

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    private MapReaderService reader;
    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    private PhaseMapService phaseMaps;
    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    private OpenMapFiles files;
    /** Binds a user's AlPO4 mask to a map file; the mask provider then outranks the phases from the data. */
    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    private UserMasks masks;
    /** Stores each analysis beside its map file (NAME.analysis.h5), as onset analyze does. */
    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    private AnalysisStore store;

    private Display display;
    private FileChoice fileChoice;
    private FileChoice compareChoice;
    private Label status;
    private Label maskInfo;
    private Text tipRadiusField;
    /** The tip radius to take out of the particle volumes, m; NaN: the one the file states; 0: none. */
    private double tipRadius = Double.NaN;
    private ProgressBar busy;
    private CTabFolder tabs;
    private Button showDifference;
    private MapPlot particlesPlot;
    private HistogramPlot volumes;
    private HistogramPlot compareVolumes;
    private Label volumesNote;
    /** Histograms of the tip-corrected volumes (where a map has them) instead of the volumes as recorded. */
    private Button tipCorrectedVolumes;
    private XYPlot onsetPlot;
    private Label onsetNote;
    private XYPlot transferencePlot;
    private Label transferenceNote;
    private Text summary;
    private final Map<Path, AnalysedMap> results = new HashMap<>();
    private final Map<Path, Job> running = new HashMap<>();
    private AnalysedMap shown;
    private final Map<String, String> numbers = new LinkedHashMap<>();

    @PostConstruct
    public void create(Composite parent) {
        display = parent.getDisplay();
        parent.setLayout(new GridLayout(1, false));
        // two rows (file, second file for the volumes) so that the choices stay readable in a narrow stack
        Composite head = new Composite(parent, SWT.NONE);
        head.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        GridLayout hl = new GridLayout(5, false);
        hl.marginHeight = 0;
        head.setLayout(hl);
        fileChoice = new FileChoice(head, "Map file", files, true, this::fileChosen);
        Button again = new Button(head, SWT.PUSH);
        again.setText("Analyse again");
        again.setToolTipText("Read the file again and rerun the analysis (after the file changed)");
        again.addListener(SWT.Selection, e -> {
            if (fileChoice.current() != null) {
                results.remove(fileChoice.current());
                analyse(fileChoice.current());
            }
        });
        busy = new ProgressBar(head, SWT.INDETERMINATE);
        GridData bd = new GridData(SWT.LEFT, SWT.CENTER, false, false);
        bd.widthHint = 60;
        busy.setLayoutData(bd);
        busy.setVisible(false);
        compareChoice = new FileChoice(head, "Volumes beside", files, false, f -> compareChosen());
        new Label(head, SWT.NONE);
        new Label(head, SWT.NONE);
        Composite maskRow = new Composite(parent, SWT.NONE);
        maskRow.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        GridLayout ml = new GridLayout(5, false);
        ml.marginHeight = 0;
        maskRow.setLayout(ml);
        Button chooseMask = new Button(maskRow, SWT.PUSH);
        chooseMask.setText("AlPO4 mask\u2026");
        chooseMask.setToolTipText("Take AlPO4 from a mask of the map's size instead of the data: an image (bright = "
                + "AlPO4), a Gwyddion .gsf or a text file of ny rows of nx numbers (non-zero = AlPO4)");
        chooseMask.addListener(SWT.Selection, e -> chooseMask());
        Button noMask = new Button(maskRow, SWT.PUSH);
        noMask.setText("No mask");
        noMask.setToolTipText("Forget the mask chosen for this map file: AlPO4 from the data again");
        noMask.addListener(SWT.Selection, e -> clearMask());
        Label tipLabel = new Label(maskRow, SWT.NONE);
        tipLabel.setText("Tip radius (nm):");
        tipRadiusField = new Text(maskRow, SWT.BORDER | SWT.SINGLE);
        GridData td = new GridData(SWT.LEFT, SWT.CENTER, false, false);
        td.widthHint = 70;
        tipRadiusField.setLayoutData(td);
        tipRadiusField.setMessage("from file");
        tipRadiusField.setToolTipText("Radius of the AFM tip's spherical apex, nm, taken out of the particle volumes "
                + "(both images eroded by that sphere before the volumes are measured); 0: no correction; empty: the "
                + "radius the file states (30 nm for a file the simulator made, else none). Enter to analyse again.");
        tipRadiusField.addListener(SWT.DefaultSelection, e -> setTipRadius(tipRadiusField.getText()));
        tipRadiusField.addListener(SWT.FocusOut, e -> setTipRadius(tipRadiusField.getText()));
        maskInfo = new Label(maskRow, SWT.NONE);
        maskInfo.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        maskInfo.setText("AlPO4: from the data (clusters of never-nucleating pixels) unless a mask is chosen");
        status = new Label(parent, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        status.setText("Choose a map file (open one with File > Open Map File\u2026, or Other file\u2026).");

        tabs = new CTabFolder(parent, SWT.BORDER | SWT.TOP);
        tabs.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));

        Composite particles = tab("Particles", "Particles found in the registered difference after \u2212 before");
        particles.setLayout(new GridLayout(2, false));
        showDifference = new Button(particles, SWT.RADIO);
        showDifference.setText("after \u2212 before (registered)");
        showDifference.setSelection(true);
        Button showAfter = new Button(particles, SWT.RADIO);
        showAfter.setText("after (registered, plane-levelled)");
        showDifference.addListener(SWT.Selection, e -> showParticles());
        showAfter.addListener(SWT.Selection, e -> showParticles());
        particlesPlot = new MapPlot(particles, SWT.NONE, Axis.of("x", "m"), Axis.of("y", "m"));
        particlesPlot.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));

        Composite vol = tab("Particle volumes", "Particle volumes on log bins, this map beside a second one (Fig. 1d\u2013e)");
        vol.setLayout(new GridLayout(1, false));
        tipCorrectedVolumes = new Button(vol, SWT.CHECK);
        tipCorrectedVolumes.setText("Tip-corrected volumes (where the map has them)");
        tipCorrectedVolumes.setToolTipText("The AFM tip widens every particle in the image; the corrected volumes are"
                + " measured again in the difference of the eroded images. Off: the volumes as recorded.");
        tipCorrectedVolumes.setSelection(true);
        tipCorrectedVolumes.addListener(SWT.Selection, e -> {
            if (shown != null) {
                showVolumes();
            }
        });
        volumesNote = new Label(vol, SWT.WRAP);
        volumesNote.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        SashForm side = new SashForm(vol, SWT.HORIZONTAL);
        side.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        Axis logVolume = Axis.of("particle volume log\u2081\u2080(V / nm\u00b3)", "");
        volumes = new HistogramPlot(side, SWT.NONE, logVolume);
        compareVolumes = new HistogramPlot(side, SWT.NONE, logVolume);

        Composite onset = tab("Onset vs distance", "Onset bias against distance to the AlPO4 boundary (Fig. 5)");
        onset.setLayout(new GridLayout(1, false));
        onsetNote = new Label(onset, SWT.WRAP);
        onsetNote.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        onsetPlot = new XYPlot(onset, SWT.NONE, Axis.of("distance to AlPO4", "m"), Axis.of("onset bias", "V"));
        onsetPlot.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));

        Composite tr = tab("Transference", "Li atoms in each particle against the electrons of its ramp (Fig. 1b)");
        tr.setLayout(new GridLayout(1, false));
        transferenceNote = new Label(tr, SWT.WRAP);
        transferenceNote.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        transferencePlot = new XYPlot(tr, SWT.NONE, Axis.of("electrons", ""), Axis.of("Li atoms", ""));
        transferencePlot.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));

        Composite sum = tab("Numbers", "Every number of the analysis, as onset analyze prints them");
        sum.setLayout(new FillLayout());
        summary = new Text(sum, SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL);

        tabs.setSelection(0);
        fileChoice.start();
    }

    private Composite tab(String title, String tooltip) {
        CTabItem item = new CTabItem(tabs, SWT.NONE);
        item.setText(title);
        item.setToolTipText(tooltip);
        Composite c = new Composite(tabs, SWT.NONE);
        item.setControl(c);
        return c;
    }

    private void fileChosen(Path file) {
        if (file == null) {
            return;
        }
        if (compareChoice.current() == null || compareChoice.current().equals(file)) {
            Path other = compareChoice.another(file);
            if (other != null) {
                compareChoice.choose(other); // analyses it too (compareChosen)
            }
        }
        AnalysedMap done = results.get(file);
        if (done != null) {
            show(done);
        } else {
            analyse(file);
        }
    }

    private void compareChosen() {
        Path f = compareChoice.current();
        if (f != null && !results.containsKey(f)) {
            analyse(f);
        } else {
            showVolumes();
        }
    }

    private void analyse(Path file) {
        if (running.containsKey(file)) {
            return;
        }
        busy.setVisible(true);
        if (file.equals(fileChoice.current())) {
            status.setText("Analysing " + file + " \u2026 (particles, transference, phases; in the background)");
        }
        double usedTip = tipRadius;
        running.put(file, AnalysisJob.schedule(file, reader, phaseMaps,
                MapAnalyzer.Options.defaults().withTipRadius(usedTip), store, display, result -> {
            running.remove(file);
            busy.setVisible(!running.isEmpty());
            if (status.isDisposed()) {
                return;
            }
            if (Double.compare(usedTip, tipRadius) != 0) {
                analyse(file); // the tip radius changed while this ran: its result is not what is asked for now
                return;
            }
            results.put(file, result);
            if (file.equals(fileChoice.current())) {
                show(result);
            } else if (file.equals(compareChoice.current())) {
                showVolumes();
            }
        }, message -> {
            running.remove(file);
            if (!status.isDisposed()) {
                busy.setVisible(!running.isEmpty());
                status.setText(message);
            }
        }));
    }

    // ---- showing a result

    private void show(AnalysedMap r) {
        shown = r;
        MapAnalysis a = r.analysis();
        numbers.clear();
        StringBuilder s = new StringBuilder();
        String head = String.format(Locale.ROOT, "%s: %d \u00d7 %d pixels, %d stored%s; analysed in %.1f s", r.file(),
                a.grid().nx(), a.grid().ny(), a.storedPixels(), a.complete() ? "" : " (incomplete)", r.seconds());
        s.append(head).append('\n');
        a.notes().forEach(n -> s.append("note: ").append(n).append('\n'));
        if (a.difference() != null) {
            put(s, "shift_x_nm", "after shifted on before, x", a.difference().shift().xMetres() * 1e9, "%.1f", "nm");
            put(s, "shift_y_nm", "after shifted on before, y", a.difference().shift().yMetres() * 1e9, "%.1f", "nm");
            put(s, "correlation", "registration correlation", a.difference().shift().correlation(), "%.3f", "");
            put(s, "swelling_median_nm", "median swelling (after \u2212 before)", a.swellingMedian() * 1e9, "%.2f", "nm");
        }
        if (a.particles() != null) {
            ParticleDetection p = a.particles();
            put(s, "particle_count", "particles", p.particles().size(), "%.0f", "");
            put(s, "threshold_nm", "threshold above background", (p.threshold() - p.background()) * 1e9, "%.2f", "nm");
            double[] v = p.particles().stream().mapToDouble(DetectedParticle::volume).sorted().toArray();
            put(s, "volume_median_nm3", "median particle volume (as recorded)",
                    v.length == 0 ? Double.NaN : v[v.length / 2] * 1e27, "%.4g", "nm\u00b3");
            if (a.tip().applied()) {
                double[] c = Arrays.stream(a.tip().volumes()).sorted().toArray();
                put(s, "volume_median_tip_corrected_nm3", "median particle volume (tip-corrected)",
                        c.length == 0 ? Double.NaN : c[c.length / 2] * 1e27, "%.4g", "nm\u00b3");
            }
        }
        put(s, "tip_radius_nm", "tip radius taken out of the volumes", a.tip().radius() * 1e9, "%.1f", "nm");
        s.append("tip correction: ").append(a.tip().applied() ? "applied, radius from " : "").append(a.tip().source())
                .append('\n');
        if (a.fit() != null) {
            put(s, "slope", "transference slope", a.fit().slope(), "%.4f", "Li atoms per electron");
            put(s, "slope_low", "95 % interval, low", a.fit().low(), "%.4f", "");
            put(s, "slope_high", "95 % interval, high", a.fit().high(), "%.4f", "");
            put(s, "slope_particles", "particles in the fit", a.fit().points(), "%.0f", "");
            s.append("  the slope uses the ").append(a.tip().applied() ? "tip-corrected volumes" : "volumes as recorded")
                    .append('\n');
            if (a.tip().uncorrectedFit() != null) {
                put(s, "slope_uncorrected", "transference slope without the tip correction", a.tip().uncorrectedFit().slope(),
                        "%.4f", "Li atoms per electron");
                put(s, "slope_uncorrected_low", "  95 % interval, low", a.tip().uncorrectedFit().low(), "%.4f", "");
                put(s, "slope_uncorrected_high", "  95 % interval, high", a.tip().uncorrectedFit().high(), "%.4f", "");
            }
        }
        if (a.phases() != null) {
            s.append("phases from ").append(a.phaseSource()).append('\n');
            for (Map.Entry<String, MapAnalysis.Region> e : a.byRegion().entrySet()) {
                put(s, "pixels_" + e.getKey(), "  " + e.getKey() + " pixels", e.getValue().pixels(), "%.0f", "");
                put(s, "nucleated_" + e.getKey(), "  " + e.getKey() + " nucleated", e.getValue().nucleatedFraction() * 100,
                        "%.1f", "%");
                put(s, "median_onset_" + e.getKey(), "  " + e.getKey() + " median onset", e.getValue().medianOnset(),
                        "%.3f", "V");
            }
            if (a.boundaryVsMatrix() != null) {
                put(s, "mann_whitney_u", "boundary band vs matrix: Mann\u2013Whitney U", a.boundaryVsMatrix().u(), "%.1f", "");
                put(s, "mann_whitney_p", "  two-sided p", a.boundaryVsMatrix().p(), "%.3g", "");
            }
            if (Double.isFinite(a.groundTruthAgreement())) {
                put(s, "agreement", "AlPO4 agrees with " + a.groundTruthSource(), a.groundTruthAgreement() * 100, "%.1f", "%");
            }
        }
        s.append(r.stored() != null ? "stored in " + r.stored() + " (HDF5, as onset analyze stores it)" : r.notStored())
                .append('\n');
        summary.setText(s.toString());
        maskInfo.setText(a.phaseSource() == null ? "AlPO4: none found (" + (masks == null ? "no mask service"
                : "choose a mask to give it") + ")" : "AlPO4 from " + a.phaseSource());
        maskInfo.getParent().layout();
        status.setText(head + (a.notes().isEmpty() ? "" : " \u2014 " + a.notes().size() + " note(s) under Numbers")
                + " \u2014 " + (r.stored() != null ? "stored in " + r.stored() : r.notStored()));
        status.setToolTipText(status.getText()); // the whole line, when the part is too narrow for it
        showParticles();
        showVolumes();
        showOnset();
        showTransference();
    }

    private void put(StringBuilder s, String key, String label, double value, String format, String unit) {
        String v = Double.isFinite(value) ? String.format(Locale.ROOT, format, value) : "\u2013";
        numbers.put(key, v);
        s.append(label).append(": ").append(v).append(unit.isEmpty() ? "" : " " + unit).append('\n');
    }

    private void showParticles() {
        AnalysedMap r = shown;
        if (r == null) {
            return;
        }
        MapAnalysis a = r.analysis();
        if (a.difference() == null) {
            particlesPlot.setTitle("no particles: " + (r.before() == null || r.after() == null
                    ? "the file has no topography before and after the map" : "the topography could not be registered"));
            particlesPlot.setOverlays(List.of());
            particlesPlot.setMap(1, 1, new double[] { Double.NaN }, 0, 1e-6, 0, 1e-6);
            return;
        }
        TopographyImage base;
        String what;
        if (showDifference.getSelection()) {
            base = a.difference().image();
            what = "after \u2212 before";
            particlesPlot.setValueAxis(Axis.of("height change", "m"));
        } else {
            base = Levelling.plane(Registration.align(r.after(), a.difference().shift()));
            what = "after";
            particlesPlot.setValueAxis(Axis.of("height", "m"));
        }
        double left = base.x0() - base.dx() / 2;
        double bottom = base.y0() - base.dy() / 2;
        double right = left + base.nx() * base.dx();
        double top = bottom + base.ny() * base.dy();
        particlesPlot.setColorMap(ColorMap.VIRIDIS);
        particlesPlot.setMap(base.nx(), base.ny(), base.height(), left, right, bottom, top);
        ParticleDetection p = a.particles();
        particlesPlot.setTitle(String.format(Locale.ROOT, "%s: %d particles (threshold %.2f nm above background)", what,
                p.particles().size(), (p.threshold() - p.background()) * 1e9));
        particlesPlot.setOverlays(List.of(MapOverlay.categorical("particles", base.nx(), base.ny(), marks(p), left, right,
                bottom, top, MARKS, 1.0)));
    }

    /** Per image point: 0 on a particle's outline, 1 at its centroid, NaN elsewhere (transparent). */
    static double[] marks(ParticleDetection p) {
        TopographyImage img = p.image();
        int nx = img.nx();
        int ny = img.ny();
        int[] labels = p.labels();
        double[] m = new double[labels.length];
        Arrays.fill(m, Double.NaN);
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                int l = labels[j * nx + i];
                if (l == 0) {
                    continue;
                }
                boolean edge = i == 0 || j == 0 || i == nx - 1 || j == ny - 1 || labels[j * nx + i - 1] != l
                        || labels[j * nx + i + 1] != l || labels[(j - 1) * nx + i] != l || labels[(j + 1) * nx + i] != l;
                if (edge) {
                    m[j * nx + i] = 0;
                }
            }
        }
        for (DetectedParticle d : p.particles()) {
            long i = Math.round((d.x() - img.x0()) / img.dx());
            long j = Math.round((d.y() - img.y0()) / img.dy());
            if (i >= 0 && j >= 0 && i < nx && j < ny) {
                m[(int) j * nx + (int) i] = 1;
            }
        }
        return m;
    }

    private void showVolumes() {
        AnalysedMap r = shown;
        AnalysedMap c = compareChoice.current() == null ? null : results.get(compareChoice.current());
        boolean corrected = tipCorrectedVolumes.getSelection();
        double[] a = logVolumes(r, corrected);
        double[] b = logVolumes(c, corrected);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : concat(a, b)) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (lo <= hi) {
            // the same 0.1-decade bins on both sides, so the two histograms compare bin by bin
            double from = Math.floor(lo / LOG_BIN) * LOG_BIN;
            double to = Math.max(from + LOG_BIN, Math.ceil(hi / LOG_BIN) * LOG_BIN + (hi == lo ? LOG_BIN : 0));
            for (HistogramPlot h : new HistogramPlot[] { volumes, compareVolumes }) {
                h.setBinRange(new Range(from, to));
                h.setBins((int) Math.round((to - from) / LOG_BIN));
            }
        }
        volumes.setGroups(a.length == 0 ? List.of() : List.of(new HistogramGroup(name(r), a, 0x0072B2)));
        volumes.setTitle(title(r, a, corrected));
        compareVolumes.setGroups(b.length == 0 ? List.of() : List.of(new HistogramGroup(name(c), b, 0xD55E00)));
        compareVolumes.setTitle(c == null ? (compareChoice.current() == null ? "no second map chosen"
                : "analysing " + compareChoice.current().getFileName() + " \u2026") : title(c, b, corrected));
        volumesNote.setText(String.format(Locale.ROOT, "Median particle volume: %s %s nm\u00b3%s, %s %s nm\u00b3%s (0.1-decade bins)",
                name(r), median(a), kind(r, corrected), name(c), median(b), kind(c, corrected)));
        volumesNote.getParent().layout();
    }

    private static String name(AnalysedMap m) {
        return m == null ? "\u2013" : m.file().getFileName().toString();
    }

    private static String title(AnalysedMap m, double[] logs, boolean corrected) {
        if (m == null) {
            return "";
        }
        return m.analysis().particles() == null ? name(m) + ": no particles (no registered topography)"
                : name(m) + ": " + logs.length + " particles" + kind(m, corrected);
    }

    /** Which volumes a map's histogram shows. */
    private static String kind(AnalysedMap m, boolean corrected) {
        if (m == null || m.analysis().particles() == null) {
            return "";
        }
        double nm = m.analysis().tip().radius() * 1e9;
        return corrected && m.analysis().tip().applied() ? String.format(Locale.ROOT,
                Math.abs(nm - Math.rint(nm)) < 1e-6 ? " (tip-corrected, %.0f nm tip)" : " (tip-corrected, %.3g nm tip)", nm) : " (as recorded)";
    }

    private static String median(double[] logs) {
        if (logs.length == 0) {
            return "\u2013";
        }
        double[] s = logs.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "%.3g", Math.pow(10, s[s.length / 2]));
    }

    /** log10 of the particle volumes in nm³: tip-corrected when asked and the map has them, else as recorded. */
    private static double[] logVolumes(AnalysedMap m, boolean corrected) {
        if (m == null || m.analysis().particles() == null) {
            return new double[0];
        }
        var tip = m.analysis().tip();
        boolean useCorrected = corrected && tip.applied();
        return m.analysis().particles().particles().stream()
                .mapToDouble(p -> Math.log10((useCorrected ? tip.volume(p.label()) : p.volume()) * 1e27))
                .filter(Double::isFinite).toArray();
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private void showOnset() {
        MapAnalysis a = shown.analysis();
        List<Double> xs = new ArrayList<>();
        List<Double> med = new ArrayList<>();
        List<Double> lo = new ArrayList<>();
        List<Double> hi = new ArrayList<>();
        for (OnsetByDistance.Bin bin : a.bins()) {
            if (bin.pixels() > 0 && Double.isFinite(bin.median())) {
                double width = a.bins().get(0).to() - a.bins().get(0).from();
                xs.add(bin.from() + width / 2);
                med.add(bin.median());
                lo.add(bin.low());
                hi.add(bin.high());
            }
        }
        if (xs.isEmpty()) {
            onsetPlot.setTraces(List.of());
            onsetPlot.setTitle("onset against distance to AlPO4: " + (a.phases() == null ? "no phases" : "no AlPO4 found"));
        } else {
            double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
            onsetPlot.setTraces(List.of(new Series("median", x, arr(med), 0x0072B2, true),
                    Series.line("2.5 % (bootstrap)", x, arr(lo)), Series.line("97.5 % (bootstrap)", x, arr(hi))));
            onsetPlot.setTitle("onset bias against distance to AlPO4: median per 20 nm bin, bootstrap 95 % interval");
        }
        String test;
        if (a.boundaryVsMatrix() != null) {
            test = String.format(Locale.ROOT, "Boundary band (\u2264 25 nm from AlPO4, %d pixels) vs matrix (%d pixels): "
                    + "median onset %s V vs %s V, Mann\u2013Whitney U = %.0f, two-sided p = %.3g",
                    a.boundaryVsMatrix().na(), a.boundaryVsMatrix().nb(), median(a, PhaseMap.BOUNDARY),
                    median(a, PhaseMap.MATRIX), a.boundaryVsMatrix().u(), a.boundaryVsMatrix().p());
        } else {
            test = "No Mann\u2013Whitney test: " + a.notes().stream().filter(n -> n.contains("boundary test") || n.contains("AlPO4")
                    || n.contains("phases")).findFirst().orElse("too few pixels in the boundary band or the matrix");
        }
        onsetNote.setText(test);
        onsetNote.getParent().layout();
    }

    private static String median(MapAnalysis a, String region) {
        MapAnalysis.Region r = a.byRegion().get(region);
        return r == null || !Double.isFinite(r.medianOnset()) ? "\u2013" : String.format(Locale.ROOT, "%.3f", r.medianOnset());
    }

    private static double[] arr(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private void showTransference() {
        MapAnalysis a = shown.analysis();
        List<Transference.Point> pts = a.transference();
        if (pts.isEmpty()) {
            transferencePlot.setTraces(List.of());
            transferencePlot.setTitle("Li atoms against electrons: no particle holds exactly one ramp");
        } else {
            double[] x = pts.stream().mapToDouble(Transference.Point::electrons).toArray();
            double[] y = pts.stream().mapToDouble(Transference.Point::atoms).toArray();
            List<Series> series = new ArrayList<>();
            series.add(new Series("particles", x, y, 0x0072B2, true));
            if (a.fit() != null) {
                double max = Arrays.stream(x).max().orElse(1);
                double[] ends = { 0, max };
                series.add(Series.line(String.format(Locale.ROOT, "slope %.3f", a.fit().slope()), ends,
                        new double[] { 0, a.fit().slope() * max }));
                series.add(Series.line("95 % low", ends, new double[] { 0, a.fit().low() * max }));
                series.add(Series.line("95 % high", ends, new double[] { 0, a.fit().high() * max }));
            }
            transferencePlot.setTraces(series);
            transferencePlot.setTitle("Li atoms (from particle volume) against electrons (from the ramp's charge)");
        }
        transferenceNote.setText(a.fit() == null
                ? "No slope: " + a.notes().stream().filter(n -> n.contains("transference") || n.contains("topography"))
                        .findFirst().orElse("fewer than 2 particles hold exactly one ramp")
                : String.format(Locale.ROOT, "Transference: %.4f Li atoms per electron, 95 %% interval [%.4f, %.4f], "
                        + "%d particles (1 fC \u2194 135 nm\u00b3 of Li); %s", a.fit().slope(), a.fit().low(), a.fit().high(),
                        a.fit().points(), a.tip().uncorrectedFit() == null ? "volumes as recorded (no tip correction)"
                                : String.format(Locale.ROOT, "volumes tip-corrected (%.3g nm tip; without: %.4f [%.4f, %.4f])",
                                        a.tip().radius() * 1e9, a.tip().uncorrectedFit().slope(),
                                        a.tip().uncorrectedFit().low(), a.tip().uncorrectedFit().high())));
        transferenceNote.getParent().layout();
    }

    // ---- the user's AlPO4 mask

    private void chooseMask() {
        if (fileChoice.current() == null) {
            status.setText("Choose a map file first, then its AlPO4 mask.");
            return;
        }
        FileDialog dialog = new FileDialog(status.getShell(), SWT.OPEN);
        dialog.setText("AlPO4 mask for " + fileChoice.current().getFileName());
        dialog.setFilterExtensions(new String[] { "*.png;*.gif;*.bmp;*.gsf;*.txt;*.csv", "*.*" });
        dialog.setFilterNames(new String[] { "Masks (PNG, GIF, BMP, Gwyddion GSF, text)", "All files" });
        dialog.setFilterPath(fileChoice.current().toAbsolutePath().getParent().toString());
        String chosen = dialog.open();
        if (chosen != null) {
            applyMask(Path.of(chosen));
        }
    }

    /**
     * Binds the mask to the map file shown and analyses it again with the mask's AlPO4. A mask that
     * does not fit the map is refused with a message naming both sizes (shown, and returned).
     *
     * @return null when the mask was taken, else why not
     */
    public String applyMask(Path mask) {
        Path file = fileChoice.current();
        String refused = null;
        if (file == null) {
            refused = "Choose a map file first, then its AlPO4 mask.";
        } else if (masks == null || reader == null) {
            refused = "Masks cannot be used: the analysis services are not running.";
        } else {
            try (MapFile map = reader.open(file)) {
                masks.bind(map, mask); // reads the mask: refuses one of the wrong size, naming both sizes
            } catch (IOException | IllegalArgumentException e) {
                refused = "Mask refused: " + (e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
        if (refused != null) {
            status.setText(refused);
            maskInfo.setText(refused);
            maskInfo.getParent().layout();
            return refused;
        }
        maskInfo.setText("AlPO4 from mask " + mask + " (analysing again)");
        maskInfo.getParent().layout();
        results.remove(file);
        analyse(file);
        return null;
    }

    /** Forgets the mask of the map file shown and analyses it again (AlPO4 from the data). */
    public void clearMask() {
        Path file = fileChoice.current();
        if (file == null || masks == null) {
            return;
        }
        masks.unbind(file);
        results.remove(file);
        analyse(file);
    }

    public String maskInfo() {
        return maskInfo.getText();
    }

    // ---- the tip radius

    /**
     * Sets the tip radius from the field's text (nm; empty: from the file; 0: none) and analyses the
     * shown file (and the one beside it) again when it changed. A text that is no length is refused.
     *
     * @return null when taken, else why not (also shown)
     */
    public String setTipRadius(String text) {
        String t = text == null ? "" : text.trim();
        double r;
        if (t.isEmpty()) {
            r = Double.NaN;
        } else {
            try {
                r = Double.parseDouble(t) * 1e-9;
            } catch (NumberFormatException e) {
                r = -1;
            }
            if (!MapAnalyzer.isTipRadius(r)) {
                String refused = "Tip radius '" + t + "' refused: give a length from 0 to 10000 nm (0: no tip "
                        + "correction), or leave the field empty for the radius the file states";
                status.setText(refused);
                return refused;
            }
        }
        if (!tipRadiusField.getText().equals(t)) {
            tipRadiusField.setText(t);
        }
        if (Double.compare(r, tipRadius) == 0) {
            return null;
        }
        tipRadius = r;
        results.clear();
        if (fileChoice.current() != null) {
            analyse(fileChoice.current());
        }
        if (compareChoice.current() != null && !compareChoice.current().equals(fileChoice.current())) {
            analyse(compareChoice.current());
        }
        return null;
    }

    // ---- for the self-test and other parts

    /** The analysis on screen; null until one finished. */
    public AnalysedMap shown() {
        return shown;
    }

    /** The numbers on screen (under Numbers), by key, as shown ("–": none). */
    public Map<String, String> numbers() {
        return new LinkedHashMap<>(numbers);
    }

    public FileChoice fileChoice() {
        return fileChoice;
    }

    public FileChoice compareChoice() {
        return compareChoice;
    }

    /** The result of a file analysed here; null when not (yet). */
    public AnalysedMap result(Path file) {
        return results.get(file.toAbsolutePath().normalize());
    }

    public CTabFolder tabs() {
        return tabs;
    }

    /** The plots, by file base name, for exports. */
    public Map<String, ChartPlot> plots() {
        Map<String, ChartPlot> m = new LinkedHashMap<>();
        m.put("particles", particlesPlot);
        m.put("volumes", volumes);
        m.put("volumes_beside", compareVolumes);
        m.put("onset_vs_distance", onsetPlot);
        m.put("transference", transferencePlot);
        return m;
    }

    /** True while an analysis Job of this part runs. */
    public boolean busy() {
        return !running.isEmpty();
    }

    public String statusText() {
        return status.getText();
    }

    public String onsetNote() {
        return onsetNote.getText();
    }

    public String transferenceNote() {
        return transferenceNote.getText();
    }
}
