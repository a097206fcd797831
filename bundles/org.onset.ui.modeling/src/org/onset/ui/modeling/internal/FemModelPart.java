package org.onset.ui.modeling.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.onset.fem.FemModel;
import org.onset.fem.FemModelException;
import org.onset.fem.FemModelJson;
import org.onset.fem.FemSolution;
import org.onset.fem.FemSolver;
import org.onset.fem.FieldProbe;
import org.onset.fem.SweepHdf5;
import org.onset.plot.Axis;
import org.onset.plot.Series;
import org.onset.ui.plot.MapPlot;
import org.onset.ui.plot.XYPlot;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The Modeling perspective's FEM part: the model's parameters (checked as they are typed), its
 * cross-section drawn to scale, a solve at the model's dx or a dx sweep run by gmsh and getdp in a
 * Job (progress, Cancel kills the programs), |E| against dx at the probe depths and the potential on
 * the xz plane, and the results exported as PNG, SVG, CSV and HDF5.
 */
public class FemModelPart {

    /** The Fig. 6 example shipped in this bundle (the same file as releng/fem/fig6-model.json). */
    static final String FIG6_RESOURCE = "models/fig6-model.json";

    private ServiceTracker<FemSolver, FemSolver> solvers;
    private Display display;
    private ModelForm form;
    private GeometrySketch sketch;
    private XYPlot sweepPlot;
    private MapPlot potentialPlot;
    private Combo potentialChooser;
    private Text dxText;
    private Spinner parallel;
    private Button solveButton;
    private Button sweepButton;
    private Button cancelButton;
    private Button exportButton;
    private ProgressBar progress;
    private Label status;
    private Label fileLabel;
    private Path modelFile;
    private Job job;
    private List<FemSolution> solutions = List.of();
    private final AtomicInteger runs = new AtomicInteger();
    /** Whether the current run's Job has begun (a Job cancelled before that never runs, nor reports). */
    private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();

    @Inject
    public FemModelPart() {
    }

    @PostConstruct
    public void create(Composite parent) {
        display = parent.getDisplay();
        solvers = new ServiceTracker<>(FrameworkUtil.getBundle(FemModelPart.class).getBundleContext(), FemSolver.class,
                null);
        solvers.open();
        parent.setLayout(new FillLayout());
        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);

        // left: file buttons, the form, run controls
        Composite left = new Composite(sash, SWT.NONE);
        GridLayout ll = new GridLayout(1, false);
        ll.marginWidth = 0;
        left.setLayout(ll);
        Composite files = new Composite(left, SWT.NONE);
        files.setLayout(new GridLayout(3, false));
        files.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        button(files, "Open…", "Open a model file (JSON)", this::openDialog);
        button(files, "Save…", "Save the model as JSON (what onset fem reads)", this::saveDialog);
        button(files, "Fig. 6 example", "The paper's Fig. 6 model: tip over a hemispherical AlPO4 inclusion in LICGC",
                this::loadFig6);
        fileLabel = new Label(left, SWT.NONE);
        fileLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        ScrolledComposite scroll = new ScrolledComposite(left, SWT.V_SCROLL | SWT.H_SCROLL);
        scroll.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);
        form = new ModelForm(scroll, this::modelChanged);
        scroll.setContent(form.control());
        form.control().addListener(SWT.Resize, e -> scroll.setMinSize(form.control().computeSize(SWT.DEFAULT, SWT.DEFAULT)));

        Composite run = new Composite(left, SWT.NONE);
        run.setLayout(new GridLayout(4, false));
        run.setLayoutData(new GridData(SWT.FILL, SWT.BOTTOM, true, false));
        new Label(run, SWT.NONE).setText("sweep dx (nm)");
        dxText = new Text(run, SWT.BORDER);
        dxText.setText("0, 40, 80, 120, 160, 200, 300, 400");
        dxText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        dxText.setToolTipText("lateral offsets of the inclusions for the sweep, nm, comma-separated");
        new Label(run, SWT.NONE).setText("cases at once");
        parallel = new Spinner(run, SWT.BORDER);
        parallel.setValues(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())), 1, 16, 0, 1, 1);
        parallel.setToolTipText("cases solved side by side (each gmsh/getdp pair needs ≈ 400 MiB at the default mesh)");
        new Label(run, SWT.NONE);
        new Label(run, SWT.NONE);
        Composite buttons = new Composite(run, SWT.NONE);
        buttons.setLayout(new GridLayout(4, false));
        buttons.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 4, 1));
        solveButton = button(buttons, "Solve at dx", "Mesh and solve the model at its dx with gmsh and getdp", this::solve);
        sweepButton = button(buttons, "Run dx sweep", "Solve at each dx of the list (Fig. 6b)", this::sweep);
        cancelButton = button(buttons, "Cancel", "Stop the run: the gmsh and getdp processes are killed", this::cancel);
        cancelButton.setEnabled(false);
        exportButton = button(buttons, "Export…", "Plots as PNG, SVG and CSV, the sweep as HDF5, the model as JSON",
                this::exportDialog);
        progress = new ProgressBar(run, SWT.SMOOTH);
        progress.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 4, 1));
        status = new Label(run, SWT.WRAP);
        GridData sd = new GridData(SWT.FILL, SWT.TOP, true, false, 4, 1);
        sd.widthHint = 360;
        sd.heightHint = 48;
        status.setLayoutData(sd);

        // right: the sketch above the two plots
        SashForm right = new SashForm(sash, SWT.VERTICAL);
        sketch = new GeometrySketch(right);
        SashForm plots = new SashForm(right, SWT.HORIZONTAL);
        sweepPlot = new XYPlot(plots, SWT.NONE, Axis.of("dx", "nm", 0), Axis.of("|E| on the tip axis", "V/nm", 0));
        sweepPlot.setTitle("|E| against the inclusion's offset dx");
        Composite potentialBox = new Composite(plots, SWT.NONE);
        GridLayout pl = new GridLayout(2, false);
        pl.marginWidth = 0;
        pl.marginHeight = 0;
        potentialBox.setLayout(pl);
        new Label(potentialBox, SWT.NONE).setText("potential of the case");
        potentialChooser = new Combo(potentialBox, SWT.READ_ONLY | SWT.DROP_DOWN);
        potentialChooser.addListener(SWT.Selection, e -> showPotential(potentialChooser.getSelectionIndex()));
        potentialPlot = new MapPlot(potentialBox, SWT.NONE, Axis.of("x", "nm", 0), Axis.of("z", "nm", 0));
        potentialPlot.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        potentialPlot.setValueAxis(Axis.of("potential", "V"));
        potentialPlot.setTitle("Potential on the xz plane (y = 0)");
        potentialPlot.setMap(1, 1, new double[] { Double.NaN }, -650, 650, -600, 1000); // nothing solved yet
        right.setWeights(40, 60);
        sash.setWeights(34, 66);

        loadFig6();
    }

    @Focus
    public void focus() {
        form.control().setFocus();
    }

    @PreDestroy
    public void dispose() {
        if (job != null) {
            job.cancel();
        }
        solvers.close();
    }

    // ---- model files

    private void modelChanged(FemModel m) {
        sketch.show(m);
        boolean idle = job == null;
        solveButton.setEnabled(idle && m != null);
        sweepButton.setEnabled(idle && m != null);
        if (m == null) {
            status.setText(form.problems().size() + " problem(s) in the model: see the fields marked");
        } else if (idle) {
            status.setText("model valid");
        }
    }

    void loadFig6() {
        try (InputStream in = FemModelPart.class.getClassLoader().getResourceAsStream(FIG6_RESOURCE)) {
            if (in == null) {
                throw new IOException(FIG6_RESOURCE + " missing from the bundle");
            }
            FemModel m = FemModelJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            form.show(m);
            modelFile = null;
            fileLabel.setText("Fig. 6 example (not saved)");
        } catch (IOException | FemModelException e) {
            status.setText("cannot load the Fig. 6 example: " + e.getMessage());
        }
    }

    /** Opens a model file; its problems are shown in the form, field by field. */
    void open(Path file) throws IOException {
        String json = Files.readString(file, StandardCharsets.UTF_8);
        try {
            form.show(FemModelJson.parse(json));
        } catch (FemModelException e) {
            status.setText(file.getFileName() + " cannot be read as a model:\n" + String.join("\n", e.problems()));
            return;
        }
        modelFile = file;
        fileLabel.setText(file.toString());
    }

    void save(Path file) throws IOException {
        FemModel m = form.model();
        if (m == null) {
            throw new IOException("the model has problems; fix them before saving");
        }
        Files.writeString(file, FemModelJson.toJson(m) + "\n", StandardCharsets.UTF_8);
        modelFile = file;
        fileLabel.setText(file.toString());
    }

    private void openDialog() {
        FileDialog d = new FileDialog(form.control().getShell(), SWT.OPEN);
        d.setFilterExtensions(new String[] { "*.json", "*" });
        String f = d.open();
        if (f != null) {
            try {
                open(Path.of(f));
            } catch (IOException e) {
                status.setText("cannot open " + f + ": " + e.getMessage());
            }
        }
    }

    private void saveDialog() {
        FileDialog d = new FileDialog(form.control().getShell(), SWT.SAVE);
        d.setFilterExtensions(new String[] { "*.json" });
        d.setOverwrite(true);
        if (modelFile != null) {
            d.setFileName(modelFile.getFileName().toString());
        }
        String f = d.open();
        if (f != null) {
            try {
                save(Path.of(f));
            } catch (IOException e) {
                status.setText("cannot save " + f + ": " + e.getMessage());
            }
        }
    }

    // ---- runs

    /** The dx values typed for the sweep, nm. */
    double[] sweepDx() {
        String[] parts = dxText.getText().split(",");
        double[] dx = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                dx[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("sweep dx: '" + parts[i].trim() + "' is not a number (nm)");
            }
        }
        return dx;
    }

    void solve() {
        FemModel m = form.model();
        if (m != null) {
            start(m, null);
        }
    }

    void sweep() {
        FemModel m = form.model();
        if (m == null) {
            return;
        }
        double[] dx;
        try {
            dx = sweepDx();
        } catch (IllegalArgumentException e) {
            status.setText(e.getMessage());
            return;
        }
        start(m, dx);
    }

    void cancel() {
        Job j = job;
        if (j != null) {
            status.setText("cancelling: killing gmsh and getdp…");
            if (j.cancel() && !started.get()) {
                // not started yet: it never will, so nothing else reports its end
                finished(null, j.getName() + ": cancelled before it started");
            }
        }
    }

    /** Runs a solve (dx == null) or a sweep in a Job; the results come back to the UI thread. */
    private void start(FemModel model, double[] dx) {
        FemSolver solver = solvers.getService();
        if (solver == null) {
            status.setText("no FEM solver service (bundle org.onset.fem not started)");
            return;
        }
        int cases = dx == null ? 1 : dx.length;
        int atOnce = parallel.getSelection();
        Path dir;
        try {
            dir = workDir();
        } catch (IOException e) {
            status.setText("cannot create a directory for the run: " + e.getMessage());
            return;
        }
        String title = dx == null ? String.format(Locale.ROOT, "FEM solve at dx = %s nm", GeometrySketch.plain(model.dxNm()))
                : String.format(Locale.ROOT, "FEM dx sweep, %d cases", cases);
        long t0 = System.nanoTime();
        Job j = new Job(title) {
            private volatile Thread worker;

            @Override
            protected IStatus run(IProgressMonitor monitor) {
                started.set(true);
                worker = Thread.currentThread();
                // two steps per case: meshed, solved
                monitor.beginTask(title, 2 * cases);
                AtomicInteger steps = new AtomicInteger();
                FemSolver.Progress p = message -> {
                    if (message.contains(": solving") || message.contains(": done")) {
                        monitor.worked(1);
                        int s = steps.incrementAndGet();
                        ui(() -> progress.setSelection(s));
                    }
                    monitor.subTask(message);
                    ui(() -> status.setText(message));
                };
                try {
                    List<FemSolution> result = dx == null ? List.of(solver.solve(model, dir.resolve("dx_"
                            + GeometrySketch.plain(model.dxNm())), p)) : solver.sweep(model, dx, atOnce, dir, p);
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    ui(() -> finished(result, String.format(Locale.ROOT, "%s: %d case(s) in %.1f s; files in %s", title,
                            result.size(), seconds, dir)));
                    return Status.OK_STATUS;
                } catch (InterruptedException e) {
                    ui(() -> finished(null, title + ": cancelled (gmsh and getdp stopped)"));
                    return Status.CANCEL_STATUS;
                } catch (Exception e) {
                    boolean cancelled = monitor.isCanceled();
                    ui(() -> finished(null, cancelled ? title + ": cancelled (gmsh and getdp stopped)"
                            : title + " failed: " + e.getMessage()));
                    return cancelled ? Status.CANCEL_STATUS : Status.OK_STATUS; // the part shows the error
                } finally {
                    Thread.interrupted(); // a cancel's interrupt must not leak into the next job on this worker
                    worker = null;
                    monitor.done();
                }
            }

            @Override
            protected void canceling() {
                Thread t = worker;
                if (t != null) {
                    t.interrupt();
                }
            }
        };
        j.setUser(false);
        started.set(false);
        job = j;
        solveButton.setEnabled(false);
        sweepButton.setEnabled(false);
        cancelButton.setEnabled(true);
        progress.setMaximum(2 * cases);
        progress.setSelection(0);
        status.setText(title + ": starting");
        runs.incrementAndGet();
        j.schedule();
    }

    private void finished(List<FemSolution> result, String message) {
        job = null;
        cancelButton.setEnabled(false);
        boolean valid = form.model() != null;
        solveButton.setEnabled(valid);
        sweepButton.setEnabled(valid);
        status.setText(message);
        if (result != null) {
            progress.setSelection(progress.getMaximum());
            showResults(result);
        } else {
            progress.setSelection(0);
        }
    }

    private Path workDir() throws IOException {
        String dir = System.getProperty("onset.ui.modeling.workdir");
        String home = System.getProperty("onset.home");
        Path base = dir != null ? Path.of(dir) : home != null ? Path.of(home, "fem-runs") : null;
        if (base == null) {
            return Files.createTempDirectory("onset-fem-");
        }
        Files.createDirectories(base);
        return Files.createTempDirectory(base, "run-");
    }

    // ---- results

    private void showResults(List<FemSolution> result) {
        solutions = List.copyOf(result);
        List<Series> traces = new ArrayList<>();
        List<Double> depths = result.get(0).model().probeDepthsNm();
        boolean single = result.size() == 1;
        for (double depth : depths) {
            double[] x = new double[result.size()];
            double[] y = new double[result.size()];
            for (int k = 0; k < result.size(); k++) {
                FieldProbe p = result.get(k).probe(depth);
                x[k] = p.dxNm();
                y[k] = p.eVPerNm();
            }
            traces.add(new Series(String.format(Locale.ROOT, "%s nm deep", GeometrySketch.plain(depth)), x, y,
                    Series.AUTO_COLOUR, true));
        }
        sweepPlot.setLogY(false);
        sweepPlot.setTraces(traces);
        if (!single) {
            sweepPlot.setLogY(true); // the depths differ by an order of magnitude: a log axis shows each trace's change
        }
        String[] items = new String[result.size()];
        for (int k = 0; k < items.length; k++) {
            FemSolution.SolveStats s = result.get(k).stats();
            items[k] = String.format(Locale.ROOT, "dx = %s nm (%d nodes)", GeometrySketch.plain(result.get(k).model().dxNm()),
                    s.nodes());
        }
        potentialChooser.setItems(items);
        potentialChooser.getParent().layout(true);
        showPotential(0);
    }

    private void showPotential(int index) {
        if (index < 0 || index >= solutions.size()) {
            return;
        }
        potentialChooser.select(index);
        FemSolution.PlaneField f = solutions.get(index).plane();
        int nx = f.xNm().length;
        int nz = f.zNm().length;
        double[] values = new double[nx * nz];
        for (int j = 0; j < nz; j++) {
            System.arraycopy(f.potentialV()[j], 0, values, j * nx, nx);
        }
        // grid nodes are cell centres: the map's edges lie half a step outside them
        double hx = (f.xNm()[nx - 1] - f.xNm()[0]) / (nx - 1) / 2;
        double hz = (f.zNm()[nz - 1] - f.zNm()[0]) / (nz - 1) / 2;
        potentialPlot.setMap(nx, nz, values, f.xNm()[0] - hx, f.xNm()[nx - 1] + hx, f.zNm()[0] - hz, f.zNm()[nz - 1] + hz);
        potentialPlot.setTitle(String.format(Locale.ROOT, "Potential on the xz plane (y = 0), dx = %s nm",
                GeometrySketch.plain(solutions.get(index).model().dxNm())));
    }

    /** Writes both plots as PNG, SVG and CSV, the sweep as HDF5 and the model as JSON into {@code dir}. */
    List<Path> exportResults(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        if (solutions.isEmpty()) {
            throw new IOException("nothing to export yet: solve or run a sweep first");
        }
        for (String ext : List.of("png", "svg", "csv")) {
            Path s = dir.resolve("sweep." + ext);
            Path p = dir.resolve("potential." + ext);
            switch (ext) {
                case "png" -> {
                    sweepPlot.exportPng(s);
                    potentialPlot.exportPng(p);
                }
                case "svg" -> {
                    sweepPlot.exportSvg(s);
                    potentialPlot.exportSvg(p);
                }
                default -> {
                    sweepPlot.exportCsv(s);
                    potentialPlot.exportCsv(p);
                }
            }
            written.add(s);
            written.add(p);
        }
        Path h5 = dir.resolve("sweep.h5");
        SweepHdf5.write(solutions, h5);
        written.add(h5);
        Path json = dir.resolve("model.json");
        Files.writeString(json, FemModelJson.toJson(solutions.get(0).model()) + "\n", StandardCharsets.UTF_8);
        written.add(json);
        return written;
    }

    private void exportDialog() {
        DirectoryDialog d = new DirectoryDialog(form.control().getShell());
        d.setMessage("Folder for sweep.png/svg/csv, potential.png/svg/csv, sweep.h5 and model.json");
        String f = d.open();
        if (f != null) {
            try {
                List<Path> w = exportResults(Path.of(f));
                status.setText(w.size() + " files written to " + f);
            } catch (IOException | RuntimeException e) {
                status.setText("export failed: " + e.getMessage());
            }
        }
    }

    // ---- for the self-test (releng/ui-modeling-test.sh) and the tests

    ModelForm form() {
        return form;
    }

    GeometrySketch sketch() {
        return sketch;
    }

    XYPlot sweepPlot() {
        return sweepPlot;
    }

    MapPlot potentialPlot() {
        return potentialPlot;
    }

    Text dxText() {
        return dxText;
    }

    Button solveButton() {
        return solveButton;
    }

    Button sweepButton() {
        return sweepButton;
    }

    Button cancelButton() {
        return cancelButton;
    }

    String statusText() {
        return status.getText();
    }

    boolean running() {
        return job != null;
    }

    /** How many runs were started (a run is over when {@link #running()} is false again). */
    int runsStarted() {
        return runs.get();
    }

    List<FemSolution> solutions() {
        return solutions;
    }

    // ---- helpers

    private Button button(Composite parent, String text, String tip, Runnable action) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.setToolTipText(tip);
        b.addListener(SWT.Selection, e -> action.run());
        return b;
    }

    private void ui(Runnable r) {
        if (!display.isDisposed()) {
            display.asyncExec(() -> {
                if (!status.isDisposed()) {
                    r.run();
                }
            });
        }
    }
}
