package org.onset.ui.maps.internal.selftest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspective;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.menu.MToolControl;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.onset.instrument.registry.InstrumentRegistry;
import org.onset.map.api.MapFile;
import org.onset.map.api.MapReaderService;
import org.onset.map.api.PixelRecord;
import org.onset.sweep.api.MapRecipe;
import org.onset.sweep.api.RecipeCodec;
import org.onset.sweep.api.SweepRun;
import org.onset.sweep.api.SweepService;
import org.onset.sweep.api.SweepState;
import org.onset.ui.maps.internal.MapFiles;
import org.onset.ui.maps.internal.live.LiveMaps;
import org.onset.ui.maps.internal.live.MapSnapshot;
import org.onset.ui.maps.internal.parts.InstrumentTrim;
import org.onset.ui.maps.internal.parts.LiveMapsPart;
import org.onset.ui.maps.internal.parts.MapFilePart;
import org.onset.ui.maps.internal.parts.RunControlPart;
import org.onset.plot.Series;
import org.onset.ui.plot.MapPlot;
import org.onset.ui.plot.Marker;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Drives the real workbench the way a user would, for releng/ui-maps-test.sh: the map files named
 * on the command line open; a map starts from the Recipe part (the current-control preset with the grid
 * and instrument of {@code onset.ui.maps.selftest.recipe}, its Start, into {@code .output}); the live maps fill; a click on a measured
 * pixel shows its curve in the inspector; Pause, Resume and the trim's Abort; the inspector's curve
 * and the live maps are compared with the file; maps are exported as PNG and SVG; a file dropped on the
 * open-files list opens beside the others ({@code .drop}); closing the window while a map runs asks, and
 * "Pause and quit" leaves {@code .closing} paused and resumable. Writes
 * {@code DIR/report.txt} (lines "ok …" / "FAIL …") and screenshots, then closes the workbench.
 * Added to the model only by {@link SelfTestProcessor} when the property is set.
 *
 * <p>A robot thread waits and checks; every widget action runs on the UI thread (syncExec), the
 * way events from the user would.
 */
public class MapsSelfTest {

    static final String PROPERTY = "onset.ui.maps.selftest";

    private Display display;
    private MApplication app;
    private EModelService models;
    private EPartService parts;
    private IWorkbench workbench;
    private Path dir;
    private final List<String> report = new ArrayList<>();
    private int shots;

    @Inject
    @Optional
    public void startupComplete(@UIEventTopic(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE) Object event,
            MApplication app, EModelService models, EPartService parts, IWorkbench workbench, Display display) {
        this.app = app;
        this.models = models;
        this.parts = parts;
        this.workbench = workbench;
        this.display = display;
        this.dir = Path.of(System.getProperty(PROPERTY));
        Thread robot = new Thread(this::run, "onset maps self-test");
        robot.setDaemon(true);
        robot.start();
    }

    private void run() {
        try {
            Files.createDirectories(dir);
            sleep(1500);
            ui(() -> {
                // the whole (virtual) screen, as a user would (no window manager under Xvfb to maximize)
                if (app.getChildren().get(0).getWidget() instanceof Shell main) {
                    main.setBounds(display.getPrimaryMonitor().getClientArea());
                }
                return null;
            });
            commandLineFiles();
            String recipe = System.getProperty(PROPERTY + ".recipe");
            String output = System.getProperty(PROPERTY + ".output");
            if (recipe != null && output != null) {
                liveMap(Path.of(recipe), Path.of(output));
            }
            String drop = System.getProperty(PROPERTY + ".drop");
            if (drop != null) {
                dropAndSideBySide(Path.of(drop));
            }
            String closing = System.getProperty(PROPERTY + ".closing");
            if (recipe != null && closing != null && closeWhileRunning(Path.of(recipe), Path.of(closing))) {
                return; // the workbench closes itself once the question is answered
            }
            String benchRecipe = System.getProperty("onset.ui.maps.bench.recipe");
            if (benchRecipe != null) {
                bench(Path.of(benchRecipe), Path.of(System.getProperty("onset.ui.maps.bench.dir")),
                        System.getProperty("onset.ui.maps.bench.file"));
            }
        } catch (Throwable t) {
            fail("selftest", "stopped by " + t);
            t.printStackTrace();
        }
        try {
            Files.write(dir.resolve("report.txt"), report, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("maps self-test: cannot write the report: " + e);
        }
        display.asyncExec(workbench::close);
    }

    // ---- map files from the command line

    private void commandLineFiles() throws Exception {
        List<MPart> fileParts = ui(() -> models.findElements(app, null, MPart.class, List.of(MapFiles.PART_DESCRIPTOR)));
        if (fileParts.isEmpty()) {
            return;
        }
        for (MPart p : fileParts) {
            String file = p.getPersistedState().get(MapFiles.FILE_KEY);
            boolean shown = waitFor(Duration.ofSeconds(60), () -> ui(() -> p.getObject() instanceof MapFilePart f
                    && f.view().snapshot() != null && f.openMillis() >= 0));
            if (!shown) {
                fail("cmdline-open", file + " not shown within 60 s");
                continue;
            }
            MapFilePart part = ui(() -> (MapFilePart) p.getObject());
            MapSnapshot s = ui(() -> part.view().snapshot());
            report.add(String.format(Locale.ROOT, "ok cmdline-open %s measured=%d of %d open_ms=%.0f", file,
                    s.measured(), s.grid().pixelCount(), ui(part::openMillis)));
            screenshot("mapfile");
            Path export = dir.resolve("export-file");
            Files.createDirectories(export);
            List<Path> written = ui(() -> part.view().exportAll(export, "file"));
            report.add("ok export-file " + written.size() + " files in " + export);
        }
        String[] listed = ui(() -> {
            MPart list = (MPart) models.find("org.onset.ui.maps.part.openmaps", app);
            return list != null && list.getObject() instanceof org.onset.ui.maps.internal.parts.OpenMapsPart o
                    ? o.openItems() : new String[0];
        });
        report.add((listed.length == fileParts.size() ? "ok" : "FAIL") + " analysis-list " + listed.length
                + " open files listed");
    }

    // ---- a live map

    private void liveMap(Path recipe, Path output) throws Exception {
        ui(() -> {
            MUIElement p = models.find("org.onset.ui.perspective.acquisition", app);
            parts.switchPerspective((MPerspective) p);
            return null;
        });
        sleep(500);
        RunControlPart control = ui(() -> (RunControlPart) ((MPart) models.find("org.onset.ui.maps.part.runcontrol", app)).getObject());
        LiveMapsPart live = ui(() -> (LiveMapsPart) ((MPart) models.find("org.onset.ui.maps.part.livemaps", app)).getObject());
        InstrumentTrim trim = ui(() -> (InstrumentTrim) ((MToolControl) models.find("org.onset.ui.maps.toolcontrol.instrument", app)).getObject());
        // as a user does: the Recipe part, the current-control preset, 8 x 8 on the paced test
        // simulator (the recipe file names it), then the Recipe part's Start; the run control runs it
        MapRecipe wanted = service(RecipeCodec.class).read(recipe);
        String preset = startFromEditor(wanted, output);
        if (preset == null) {
            return;
        }        if (!waitFor(Duration.ofSeconds(60), () -> ui(() -> control.run()) != null)) {
            fail("start", "no run after Start: " + ui(control::statusText));
            return;
        }
        SweepRun run = ui(control::run);
        // typed in nm, so positions compare to a picometre rather than bit for bit
        boolean same = run.recipe().grid().nx() == wanted.grid().nx() && run.recipe().grid().ny() == wanted.grid().ny()
                && Math.abs(run.recipe().grid().x0() - wanted.grid().x0()) < 1e-12
                && Math.abs(run.recipe().grid().dx() - wanted.grid().dx()) < 1e-12
                && run.recipe().cutoff().equals(wanted.cutoff())
                && run.recipe().instrumentId().equals(wanted.instrumentId()) && run.output().equals(output);
        if (!same) {
            report.add("FAIL start: wanted " + wanted + ", got " + run.recipe());
        }
        report.add((same ? "ok" : "FAIL") + " start from the Recipe part's Start, preset '" + preset + "' → "
                + run.output() + " " + run.recipe().grid().nx() + "x" + run.recipe().grid().ny() + " on "
                + run.recipe().instrumentId() + ", rule " + run.recipe().cutoff());
        long repaints0 = ui(live::repaints);
        if (!waitFor(Duration.ofSeconds(60), () -> ui(() -> live.view().snapshot() != null
                && live.view().snapshot().measured() >= 6))) {
            fail("live-fill", "the live maps did not show 6 pixels within 60 s");
            return;
        }
        report.add("ok live-fill " + ui(() -> live.view().snapshot().measured()) + " pixels shown, repaints "
                + (ui(live::repaints) - repaints0));
        screenshot("live");

        // click the most recent measured pixel on the onset map, as a mouse click would (press and release)
        MapPlot onset = ui(() -> live.view().mapPlots().get("onset"));
        int index = ui(() -> {
            MapSnapshot s = live.view().snapshot();
            return s.done().previousSetBit(s.grid().pixelCount() - 1);
        });
        int nx = run.recipe().grid().nx();
        ui(() -> {
            Point c = onset.pixelCentre(index % nx, index / nx);
            for (int type : new int[] { SWT.MouseDown, SWT.MouseUp }) {
                Event e = new Event();
                e.x = c.x;
                e.y = c.y;
                e.button = 1;
                onset.plotControl().notifyListeners(type, e);
            }
            return null;
        });
        if (!waitFor(Duration.ofSeconds(20), () -> ui(() -> live.view().shownRecord() != null
                && live.view().shownRecord().index() == index))) {
            fail("inspector", "pixel " + index + " not shown in the inspector within 20 s (selected "
                    + ui(() -> live.view().selected()) + ")");
        }
        Series shownIv = ui(() -> {
            List<Series> t = live.view().curvePlots().get(0).traces();
            return t.isEmpty() ? null : t.get(t.size() - 1);
        });
        Marker shownCutoff = ui(() -> {
            List<Marker> m = live.view().curvePlots().get(0).markers();
            return m.isEmpty() ? null : m.get(m.size() - 1);
        });
        screenshot("inspector");

        // arrow key on the map: the neighbour to the left or right
        int before = ui(() -> live.view().selected());
        ui(() -> {
            Event e = new Event();
            e.keyCode = before % nx == 0 ? SWT.ARROW_RIGHT : SWT.ARROW_LEFT;
            onset.plotControl().notifyListeners(SWT.KeyDown, e);
            return null;
        });
        int after = ui(() -> live.view().selected());
        report.add((Math.abs(after - before) == 1 ? "ok" : "FAIL") + " arrow-key selected " + before + " -> " + after);

        // pause after the pixel in flight
        ui(() -> {
            control.pauseButton().notifyListeners(SWT.Selection, new Event());
            return null;
        });
        if (!waitFor(Duration.ofSeconds(30), () -> run.state() == SweepState.PAUSED)) {
            fail("pause", "state " + run.state() + " 30 s after Pause");
            return;
        }
        int pausedAt = run.progress().done();
        sleep(1500);
        int stillAt = run.progress().done();
        report.add((stillAt == pausedAt ? "ok" : "FAIL") + " pause done=" + pausedAt + " after 1.5 s " + stillAt);
        screenshot("paused");

        ui(() -> {
            control.resumeButton().notifyListeners(SWT.Selection, new Event());
            return null;
        });
        boolean resumed = waitFor(Duration.ofSeconds(30), () -> run.progress().done() > stillAt);
        report.add((resumed ? "ok" : "FAIL") + " resume state=" + run.state() + " done=" + run.progress().done());

        // abort from the window trim: bias 0 V at once
        ui(() -> {
            trim.abortButton().notifyListeners(SWT.Selection, new Event());
            return null;
        });
        boolean aborted = waitFor(Duration.ofSeconds(20), () -> run.state().isFinal());
        double bias = biasOf(run.recipe().instrumentId());
        report.add((aborted && run.state() == SweepState.ABORTED && bias == 0.0 ? "ok" : "FAIL") + " abort state="
                + run.state() + " bias=" + bias + " V done=" + run.progress().done());
        sleep(800); // the trim polls the bias four times a second
        screenshot("aborted");
        report.add("ok trim " + ui(trim::text).trim());

        // the inspector's curve and the live maps against the file
        waitFor(Duration.ofSeconds(10), () -> ui(() -> live.view().snapshot().measured()) >= run.progress().done());
        MapReaderService reader = service(MapReaderService.class);
        try (MapFile f = reader.open(output)) {
            PixelRecord r = f.pixel(index);
            if (shownIv == null) {
                fail("inspector-vs-file", "no I-V trace shown");
            } else {
                double maxDiff = 0;
                boolean sameLength = shownIv.x().length == r.sampleCount();
                for (int k = 0; sameLength && k < r.sampleCount(); k++) {
                    maxDiff = Math.max(maxDiff, Math.abs(shownIv.x()[k] - r.bias()[k]));
                    maxDiff = Math.max(maxDiff, Math.abs(shownIv.y()[k] - r.current()[k]));
                }
                report.add((sameLength && maxDiff == 0 ? "ok" : "FAIL") + String.format(Locale.ROOT,
                        " inspector-vs-file pixel %d (%d, %d): %d samples shown, %d in the file, max |difference| %g,"
                                + " cutoff sample %d (%s), onset %s V",
                        index, r.i(), r.j(), shownIv.x().length, r.sampleCount(), maxDiff, r.cutoffSampleIndex(),
                        r.rule(), r.onsetBias()));
                int c = r.cutoffSampleIndex();
                boolean marked = c < 0 ? shownCutoff == null
                        : shownCutoff != null && shownCutoff.x() == r.bias()[c] && shownCutoff.y() == r.current()[c]
                                && shownCutoff.label().contains(r.rule());
                report.add((marked ? "ok" : "FAIL") + " inspector-cutoff marked "
                        + (shownCutoff == null ? "nothing" : "'" + shownCutoff.label() + "' at " + shownCutoff.x() + " V, "
                                + shownCutoff.y() + " A") + " (file: sample " + c + ")");
            }
            double[] fileOnset = f.onsetBias();
            MapSnapshot s = ui(() -> live.view().snapshot());
            int differ = 0;
            for (int k = f.completedPixels().nextSetBit(0); k >= 0; k = f.completedPixels().nextSetBit(k + 1)) {
                if (Double.compare(fileOnset[k], s.onsetBias()[k]) != 0) {
                    differ++;
                }
            }
            report.add((differ == 0 && s.measured() == f.completedPixels().cardinality() ? "ok" : "FAIL")
                    + " live-vs-file " + s.measured() + " pixels shown, " + f.completedPixels().cardinality()
                    + " in the file, " + differ + " onset values differ");
        }
        // the aborted file is an interrupted map: resume it from the run control, then abort again
        int abortedAt = run.progress().done();
        ui(() -> {
            control.resumeFile(output);
            return null;
        });
        boolean resumedFile = waitFor(Duration.ofSeconds(60), () -> {
            SweepRun r2 = ui(control::run);
            return r2 != null && r2 != run && r2.progress().done() > abortedAt;
        });
        SweepRun second = ui(control::run);
        report.add((resumedFile ? "ok" : "FAIL") + " resume-file " + output.getFileName() + " from " + abortedAt
                + " pixels: " + (second == run ? "no new run" : second.state() + ", " + second.progress().done()
                        + " done, " + second.progress().resumedFrom() + " from the file"));
        ui(() -> {
            control.abortButton().notifyListeners(SWT.Selection, new Event());
            return null;
        });
        if (second != run) {
            waitFor(Duration.ofSeconds(20), () -> second.state().isFinal());
        }
        screenshot("resumed-file");

        Path export = dir.resolve("export-live");
        Files.createDirectories(export);
        List<Path> written = ui(() -> live.view().exportAll(export, "live"));
        report.add("ok export-live " + written.size() + " files in " + export);
    }

    // ---- benchmark (releng/ui-maps-bench.sh): figures, no pass/fail on times

    private void bench(Path recipePath, Path out, String bigFile) throws Exception {
        SweepService sweeps = service(SweepService.class);
        MapRecipe recipe = service(RecipeCodec.class).read(recipePath);
        LiveMapsPart live = ui(() -> (LiveMapsPart) ((MPart) models.find("org.onset.ui.maps.part.livemaps", app)).getObject());
        // warm-up (JIT, HDF5, simulator) on a small map, not measured
        MapRecipe small = new MapRecipe(recipe.name(), recipe.instrumentId(),
                new org.onset.map.api.Grid(10, 10, recipe.grid().x0(), recipe.grid().y0(), recipe.grid().dx(),
                        recipe.grid().dy()),
                recipe.order(), recipe.orderSeed(), recipe.ramp(), recipe.cutoff(), recipe.settleSeconds(),
                recipe.sampleRateHz(), recipe.limits(), recipe.topography());
        perspective("org.onset.ui.perspective.modeling");
        timed(sweeps, small, out.resolve("warmup.h5"));
        double headless1 = timed(sweeps, recipe, out.resolve("headless-1.h5"));
        perspective("org.onset.ui.perspective.acquisition");
        sleep(500);
        long r0 = ui(live::repaints);
        double withUi = timed(sweeps, recipe, out.resolve("live.h5"));
        long repaints = ui(live::repaints) - r0;
        // how far the live map lags behind the file at the end: pixel events still on their way
        long tEnd = System.nanoTime();
        LiveMaps maps = ui(() -> app.getContext().get(LiveMaps.class));
        int atEnd = maps.latest().map(m -> m.file() != null && m.file().endsWith("live.h5") ? m.snapshot().measured() : -1)
                .orElse(-1);
        waitFor(Duration.ofSeconds(120), () -> maps.latest().map(m -> m.file() != null && m.file().endsWith("live.h5")
                && m.snapshot().measured() == recipe.pixelCount()).orElse(false));
        report.add(String.format(Locale.ROOT, "bench live map at the end of the run: %d of %d pixels (the rest"
                + " arrived %.2f s later)", atEnd, recipe.pixelCount(), (System.nanoTime() - tEnd) / 1e9));
        sleep(300);
        screenshot("bench-live");
        perspective("org.onset.ui.perspective.modeling");
        double headless2 = timed(sweeps, recipe, out.resolve("headless-2.h5"));
        double headless = (headless1 + headless2) / 2;
        report.add(String.format(Locale.ROOT, "bench map %d x %d virtual time: headless %.2f s and %.2f s (mean %.2f s),"
                + " with the live maps shown %.2f s: %+.1f %% (goal within 5 %%)", recipe.grid().nx(), recipe.grid().ny(),
                headless1, headless2, headless, withUi, 100 * (withUi / headless - 1)));
        report.add(String.format(Locale.ROOT, "bench live map updates: %d repaints in %.2f s = %.1f updates/s (goal >= 20)",
                repaints, withUi, repaints / withUi));
        for (String f : List.of("warmup.h5", "headless-1.h5", "live.h5", "headless-2.h5")) {
            Files.deleteIfExists(out.resolve(f));
        }
        if (bigFile != null && !bigFile.isBlank()) {
            Path file = Path.of(bigFile);
            MapFiles files = ui(() -> app.getContext().get(MapFiles.class));
            long t0 = System.nanoTime();
            MPart p = ui(() -> files.open(file));
            boolean shown = waitFor(Duration.ofSeconds(60), () -> ui(() -> p.getObject() instanceof MapFilePart f
                    && f.openMillis() >= 0));
            double wall = (System.nanoTime() - t0) / 1e6;
            double partMs = ui(() -> ((MapFilePart) p.getObject()).openMillis());
            report.add(String.format(Locale.ROOT, "bench open %s (%.0f MB): %s in %.0f ms from File > Open to the maps"
                    + " shown (part %.0f ms; goal <= 2000 ms)", file.getFileName(), Files.size(file) / 1e6,
                    shown ? "shown" : "NOT shown", wall, partMs));
            sleep(500);
            screenshot("bench-demo-file");
        }
    }

    private double timed(SweepService sweeps, MapRecipe recipe, Path file) throws Exception {
        Files.deleteIfExists(file);
        long t0 = System.nanoTime();
        SweepRun run = sweeps.start(recipe, file, false);
        if (!run.awaitFinished(Duration.ofMinutes(10)) || run.state() != SweepState.COMPLETED) {
            throw new IllegalStateException("benchmark map " + file + " ended " + run.state() + " "
                    + run.progress().reason());
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private void perspective(String id) throws Exception {
        ui(() -> {
            parts.switchPerspective((MPerspective) models.find(id, app));
            return null;
        });
    }

    // ---- starting from the recipe editor

    /**
     * Picks the current-control preset in the Recipe part, types the grid, position and instrument of
     * {@code wanted}, names the map file in the run control and presses the Recipe part's Start.
     * Returns the preset's label, or null after a FAIL line.
     */
    private String startFromEditor(MapRecipe wanted, Path output) throws Exception {
        MPart recipePart = ui(() -> (MPart) models.find("org.onset.ui.acquisition.part.recipe", app));
        if (recipePart == null) {
            fail("start", "no Recipe part in the model");
            return null;
        }
        ui(() -> parts.showPart(recipePart, EPartService.PartState.VISIBLE));
        if (!waitFor(Duration.ofSeconds(20), () -> ui(() -> recipePart.getWidget() instanceof Control c
                && field(c, "start") != null))) {
            fail("start", "the Recipe part did not show");
            return null;
        }
        Control root = ui(() -> (Control) recipePart.getWidget());
        String preset = ui(() -> {
            org.eclipse.swt.widgets.Combo presets = (org.eclipse.swt.widgets.Combo) field(root, "preset");
            for (int k = 0; k < presets.getItemCount(); k++) {
                if (presets.getItem(k).toLowerCase(Locale.ROOT).startsWith("current control")) {
                    presets.select(k);
                    presets.notifyListeners(SWT.Selection, new Event());
                    return presets.getItem(k);
                }
            }
            return null;
        });
        if (preset == null) {
            fail("start", "no current-control preset in the Recipe part");
            return null;
        }
        ui(() -> {
            type(root, "name", wanted.name());
            type(root, "grid.nx", Integer.toString(wanted.grid().nx()));
            type(root, "grid.ny", Integer.toString(wanted.grid().ny()));
            type(root, "grid.x0_nm", plain(wanted.grid().x0() * 1e9));
            type(root, "grid.y0_nm", plain(wanted.grid().y0() * 1e9));
            type(root, "instrument_id", wanted.instrumentId());
            return null;
        });
        RunControlPart control = ui(() -> (RunControlPart) ((MPart) models.find("org.onset.ui.maps.part.runcontrol", app)).getObject());
        ui(() -> {
            control.recipeField().setText("");
            control.outputField().setText(output.toString());
            return null;
        });
        sleep(300);
        screenshot("recipe-preset");
        boolean enabled = waitFor(Duration.ofSeconds(10), () -> ui(() -> field(root, "start").isEnabled()));
        if (!enabled) {
            fail("start", "the Recipe part's Start stays disabled");
            return null;
        }
        ui(() -> {
            field(root, "start").notifyListeners(SWT.Selection, new Event());
            return null;
        });
        ui(() -> {
            MUIElement p = models.find("org.onset.ui.maps.part.runcontrol", app);
            parts.showPart((MPart) p, EPartService.PartState.VISIBLE);
            return null;
        });
        return preset;
    }

    private static String plain(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(9)).stripTrailingZeros().toPlainString();
    }

    /** The control tagged {@code onset.field = name} under {@code c}, as the recipe editor tags its inputs. */
    private static Control field(Control c, String name) {
        if (name.equals(c.getData("onset.field"))) {
            return c;
        }
        if (c instanceof Composite parent) {
            for (Control child : parent.getChildren()) {
                Control f = field(child, name);
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }

    /** Types into a field: the text changes and its Modify listeners run, as with the keyboard. */
    private static void type(Control root, String name, String text) {
        Control f = field(root, name);
        if (f instanceof org.eclipse.swt.widgets.Text t) {
            t.setText(text);
        } else if (f instanceof org.eclipse.swt.widgets.Combo c) {
            c.setText(text);
        } else {
            throw new IllegalStateException("no field " + name + " in the Recipe part");
        }
    }

    // ---- drag and drop, several files side by side

    /**
     * Drops {@code file} on the Analysis perspective's open-files list through its real drop listener
     * (an SWT drop event with the file list, as the platform delivers it after a drag from a file
     * manager), then checks that every open map file is shown at once, side by side, none covering another.
     */
    private void dropAndSideBySide(Path file) throws Exception {
        ui(() -> {
            parts.switchPerspective((MPerspective) models.find("org.onset.ui.perspective.analysis", app));
            return null;
        });
        sleep(500);
        int before = ui(() -> models.findElements(app, null, MPart.class, List.of(MapFiles.PART_DESCRIPTOR)).size());
        int listeners = ui(() -> {
            MPart list = (MPart) models.find("org.onset.ui.maps.part.openmaps", app);
            int n = 0;
            for (org.eclipse.swt.dnd.DropTarget t : dropTargets((Control) list.getWidget())) {
                for (org.eclipse.swt.dnd.DropTargetListener l : t.getDropListeners()) {
                    l.drop(dropEvent(t, new String[] { file.toString() }));
                    n++;
                }
            }
            return n;
        });
        boolean opened = waitFor(Duration.ofSeconds(60), () -> ui(() -> {
            List<MPart> ps = models.findElements(app, null, MPart.class, List.of(MapFiles.PART_DESCRIPTOR));
            return ps.size() == before + 1 && ps.stream().allMatch(p -> p.getObject() instanceof MapFilePart f
                    && f.view().snapshot() != null);
        }));
        report.add((opened && listeners > 0 ? "ok" : "FAIL") + " drop " + file.getFileName() + " on the open-files list ("
                + listeners + " drop listener(s)): " + (before + (opened ? 1 : 0)) + " map files open");
        sleep(800);
        String layout = ui(() -> {
            List<MPart> ps = models.findElements(app, null, MPart.class, List.of(MapFiles.PART_DESCRIPTOR));
            List<org.eclipse.swt.graphics.Rectangle> boxes = new ArrayList<>();
            StringBuilder b = new StringBuilder();
            boolean ok = ps.size() >= 3;
            for (MPart p : ps) {
                Control c = (Control) p.getWidget();
                if (c == null || !c.isVisible()) {
                    ok = false;
                    b.append(" hidden:").append(p.getLabel());
                    continue;
                }
                org.eclipse.swt.graphics.Rectangle r = display.map(c.getParent(), null, c.getBounds());
                for (org.eclipse.swt.graphics.Rectangle o : boxes) {
                    ok &= !o.intersects(r);
                }
                boxes.add(r);
                b.append(' ').append(p.getLabel()).append('@').append(r.x).append(',').append(r.y).append(' ')
                        .append(r.width).append('x').append(r.height);
            }
            return (ok ? "ok" : "FAIL") + " side-by-side " + ps.size() + " map files shown at once:" + b;
        });
        report.add(layout);
        screenshot("side-by-side");
    }

    private static List<org.eclipse.swt.dnd.DropTarget> dropTargets(Control c) {
        List<org.eclipse.swt.dnd.DropTarget> out = new ArrayList<>();
        if (c.getData(org.eclipse.swt.dnd.DND.DROP_TARGET_KEY) instanceof org.eclipse.swt.dnd.DropTarget t) {
            out.add(t);
        }
        if (c instanceof Composite parent) {
            for (Control child : parent.getChildren()) {
                out.addAll(dropTargets(child));
            }
        }
        // one drop target is enough: every target of the part opens the same way
        return out.size() > 1 ? out.subList(0, 1) : out;
    }

    /**
     * A drop event as SWT makes it for a file drop. Its event class is package-private in SWT, so it is
     * made reflectively; the listener that receives it is the part's real one.
     */
    private static org.eclipse.swt.dnd.DropTargetEvent dropEvent(org.eclipse.swt.dnd.DropTarget target, String[] files)
            throws Exception {
        Class<?> type = Class.forName("org.eclipse.swt.dnd.DNDEvent", true, org.eclipse.swt.dnd.DND.class.getClassLoader());
        var ctor = type.getDeclaredConstructor();
        ctor.setAccessible(true);
        Event e = (Event) ctor.newInstance();
        e.widget = target;
        e.display = target.getDisplay();
        e.detail = org.eclipse.swt.dnd.DND.DROP_COPY;
        e.data = files;
        var dataType = type.getDeclaredField("dataType");
        dataType.setAccessible(true);
        dataType.set(e, org.eclipse.swt.dnd.FileTransfer.getInstance().getSupportedTypes()[0]);
        var ctorEvent = org.eclipse.swt.dnd.DropTargetEvent.class.getDeclaredConstructor(type);
        ctorEvent.setAccessible(true);
        return ctorEvent.newInstance(e);
    }

    // ---- closing the window while a map runs

    /**
     * Starts a map, closes the main window as its close box does, expects the question, answers "Pause
     * and quit" and lets the workbench close; releng/ui-maps-test.sh then checks that the file was left
     * paused, closed and resumable. The report is written before the answer, since the workbench ends.
     */
    private boolean closeWhileRunning(Path recipe, Path output) throws Exception {
        ui(() -> {
            parts.switchPerspective((MPerspective) models.find("org.onset.ui.perspective.acquisition", app));
            return null;
        });
        RunControlPart control = ui(() -> (RunControlPart) ((MPart) models.find("org.onset.ui.maps.part.runcontrol", app)).getObject());
        ui(() -> {
            control.recipeField().setText(recipe.toString());
            control.outputField().setText(output.toString());
            control.startButton().notifyListeners(SWT.Selection, new Event());
            return null;
        });
        if (!waitFor(Duration.ofSeconds(60), () -> ui(control::run) != null && ui(control::run).output().equals(output)
                && ui(control::run).progress().done() >= 2)) {
            fail("close-dialog", "the map to close did not start");
            return false;
        }
        SweepRun run = ui(control::run);
        Shell main = ui(() -> (Shell) app.getChildren().get(0).getWidget());
        display.asyncExec(main::close);
        AtomicReference<Shell> dialog = new AtomicReference<>();
        boolean asked = waitFor(Duration.ofSeconds(20), () -> ui(() -> {
            for (Shell s : display.getShells()) {
                if (s != main && s.isVisible() && org.onset.ui.maps.internal.MapsAddon.CLOSE_DIALOG_TITLE.equals(s.getText())) {
                    dialog.set(s);
                    return true;
                }
            }
            return false;
        }));
        if (!asked) {
            fail("close-dialog", "closing the window while a map runs did not ask");
            return false;
        }
        screenshotOf(dialog.get(), "close-dialog");
        String message = ui(() -> labels(dialog.get()));
        boolean stillRunning = !run.state().isFinal() && run.state() != SweepState.PAUSED;
        report.add((stillRunning && message.contains(output.getFileName().toString()) ? "ok" : "FAIL")
                + " close-dialog asked while " + run.state() + " at " + run.progress().done() + " pixels: "
                + message.replace('\n', ' ').trim());
        report.add("ok close-dialog answer '" + org.onset.ui.maps.internal.MapsAddon.PAUSE_AND_QUIT + "' for " + output);
        writeReport();
        ui(() -> {
            for (Control c : ((Composite) dialog.get()).getChildren()) {
                Button b = button(c, org.onset.ui.maps.internal.MapsAddon.PAUSE_AND_QUIT);
                if (b != null) {
                    b.notifyListeners(SWT.Selection, new Event());
                    return null;
                }
            }
            throw new IllegalStateException("no '" + org.onset.ui.maps.internal.MapsAddon.PAUSE_AND_QUIT + "' button");
        });
        return true;
    }

    private static Button button(Control c, String text) {
        if (c instanceof Button b && text.equals(b.getText().replace("&", ""))) {
            return b;
        }
        if (c instanceof Composite parent) {
            for (Control child : parent.getChildren()) {
                Button f = button(child, text);
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }

    private static String labels(Control c) {
        StringBuilder b = new StringBuilder();
        if (c instanceof org.eclipse.swt.widgets.Label l) {
            b.append(l.getText()).append(' ');
        }
        if (c instanceof Composite parent) {
            for (Control child : parent.getChildren()) {
                b.append(labels(child));
            }
        }
        return b.toString();
    }

    private void writeReport() {
        try {
            Files.write(dir.resolve("report.txt"), report, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("maps self-test: cannot write the report: " + e);
        }
    }

    private double biasOf(String instrumentId) throws InterruptedException {
        InstrumentRegistry registry = service(InstrumentRegistry.class);
        return registry.instrument(instrumentId).map(i -> i.driver().bias()).orElse(Double.NaN);
    }

    // ---- helpers

    private <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> t = new ServiceTracker<>(FrameworkUtil.getBundle(MapsSelfTest.class).getBundleContext(),
                type, null);
        t.open();
        return t.waitForService(30_000);
    }

    private void fail(String what, String why) {
        report.add("FAIL " + what + " " + why);
    }

    private <T> T ui(Callable<T> action) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> error = new AtomicReference<>();
        display.syncExec(() -> {
            try {
                result.set(action.call());
            } catch (Exception e) {
                error.set(e);
            }
        });
        if (error.get() != null) {
            throw error.get();
        }
        return result.get();
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static boolean waitFor(Duration timeout, Check check) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (check.ok()) {
                return true;
            }
            Thread.sleep(50);
        }
        return check.ok();
    }

    private static void sleep(long ms) throws InterruptedException {
        Thread.sleep(ms);
    }

    private void screenshotOf(Shell shell, String name) throws Exception {
        Path png = dir.resolve(String.format("%02d-%s.png", ++shots, name));
        ui(() -> {
            var size = shell.getSize();
            Image image = new Image(display, size.x, size.y);
            GC gc = new GC(shell);
            try {
                gc.copyArea(image, 0, 0);
                ImageLoader loader = new ImageLoader();
                loader.data = new ImageData[] { image.getImageData() };
                loader.save(png.toString(), SWT.IMAGE_PNG);
            } finally {
                gc.dispose();
                image.dispose();
            }
            return null;
        });
        report.add("ok screenshot " + png.getFileName());
    }

    private void screenshot(String name) throws Exception {
        Shell main = ui(() -> {
            for (Shell s : display.getShells()) {
                if (s.isVisible() && s.getParent() == null) {
                    return s;
                }
            }
            return display.getShells()[0];
        });
        screenshotOf(main, name);
    }
}
