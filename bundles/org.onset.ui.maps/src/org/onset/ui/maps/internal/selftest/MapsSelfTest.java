package org.onset.ui.maps.internal.selftest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
import org.onset.ui.selftest.SelfTestRobot;

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
    private Path dir;
    private SelfTestRobot robot;

    @Inject
    @Optional
    public void startupComplete(@UIEventTopic(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE) Object event,
            MApplication app, EModelService models, EPartService parts, IWorkbench workbench, Display display) {
        this.app = app;
        this.models = models;
        this.parts = parts;
        this.display = display;
        this.dir = Path.of(System.getProperty(PROPERTY));
        this.robot = new SelfTestRobot(display, dir, "maps");
        robot.start(workbench, r -> run());
    }

    private void run() throws Exception {
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
            return; // the workbench closes itself once the question is answered (the report is written)
        }
        String benchRecipe = System.getProperty("onset.ui.maps.bench.recipe");
        if (benchRecipe != null) {
            bench(Path.of(benchRecipe), Path.of(System.getProperty("onset.ui.maps.bench.dir")),
                    System.getProperty("onset.ui.maps.bench.file"));
        }
    }

    // ---- map files from the command line

    private void commandLineFiles() throws Exception {
        List<MPart> fileParts = robot.ui(() -> models.findElements(app, null, MPart.class, List.of(MapFiles.PART_DESCRIPTOR)));
        if (fileParts.isEmpty()) {
            return;
        }
        for (MPart p : fileParts) {
            String file = p.getPersistedState().get(MapFiles.FILE_KEY);
            boolean shown = SelfTestRobot.waitFor(Duration.ofSeconds(60), () -> robot.ui(() -> p.getObject() instanceof MapFilePart f
                    && f.view().snapshot() != null && f.openMillis() >= 0));
            if (!shown) {
                robot.fail("cmdline-open", file + " not shown within 60 s");
                continue;
            }
            MapFilePart part = robot.ui(() -> (MapFilePart) p.getObject());
            MapSnapshot s = robot.ui(() -> part.view().snapshot());
            robot.report(String.format(Locale.ROOT, "ok cmdline-open %s measured=%d of %d open_ms=%.0f", file,
                    s.measured(), s.grid().pixelCount(), robot.ui(part::openMillis)));
            robot.screenshot("mapfile");
            Path export = dir.resolve("export-file");
            Files.createDirectories(export);
            List<Path> written = robot.ui(() -> part.view().exportAll(export, "file"));
            robot.report("ok export-file " + written.size() + " files in " + export);
        }
        String[] listed = robot.ui(() -> {
            MPart list = (MPart) models.find("org.onset.ui.maps.part.openmaps", app);
            return list != null && list.getObject() instanceof org.onset.ui.maps.internal.parts.OpenMapsPart o
                    ? o.openItems() : new String[0];
        });
        robot.report((listed.length == fileParts.size() ? "ok" : "FAIL") + " analysis-list " + listed.length
                + " open files listed");
    }

    // ---- a live map

    private void liveMap(Path recipe, Path output) throws Exception {
        robot.ui(() -> {
            MUIElement p = models.find("org.onset.ui.perspective.acquisition", app);
            parts.switchPerspective((MPerspective) p);
            return null;
        });
        Thread.sleep(500);
        RunControlPart control = robot.ui(() -> (RunControlPart) ((MPart) models.find("org.onset.ui.maps.part.runcontrol", app)).getObject());
        LiveMapsPart live = robot.ui(() -> (LiveMapsPart) ((MPart) models.find("org.onset.ui.maps.part.livemaps", app)).getObject());
        InstrumentTrim trim = robot.ui(() -> (InstrumentTrim) ((MToolControl) models.find("org.onset.ui.maps.toolcontrol.instrument", app)).getObject());
        // as a user does: the Recipe part, the current-control preset, 8 x 8 on the paced test
        // simulator (the recipe file names it), then the Recipe part's Start; the run control runs it
        MapRecipe wanted = robot.service(RecipeCodec.class).read(recipe);
        String preset = startFromEditor(wanted, output);
        if (preset == null) {
            return;
        }        if (!SelfTestRobot.waitFor(Duration.ofSeconds(60), () -> robot.ui(() -> control.run()) != null)) {
            robot.fail("start", "no run after Start: " + robot.ui(control::statusText));
            return;
        }
        SweepRun run = robot.ui(control::run);
        // typed in nm, so positions compare to a picometre rather than bit for bit
        boolean same = run.recipe().grid().nx() == wanted.grid().nx() && run.recipe().grid().ny() == wanted.grid().ny()
                && Math.abs(run.recipe().grid().x0() - wanted.grid().x0()) < 1e-12
                && Math.abs(run.recipe().grid().dx() - wanted.grid().dx()) < 1e-12
                && run.recipe().cutoff().equals(wanted.cutoff())
                && run.recipe().instrumentId().equals(wanted.instrumentId()) && run.output().equals(output);
        if (!same) {
            robot.report("FAIL start: wanted " + wanted + ", got " + run.recipe());
        }
        robot.report((same ? "ok" : "FAIL") + " start from the Recipe part's Start, preset '" + preset + "' → "
                + run.output() + " " + run.recipe().grid().nx() + "x" + run.recipe().grid().ny() + " on "
                + run.recipe().instrumentId() + ", rule " + run.recipe().cutoff());
        long repaints0 = robot.ui(live::repaints);
        if (!SelfTestRobot.waitFor(Duration.ofSeconds(60), () -> robot.ui(() -> live.view().snapshot() != null
                && live.view().snapshot().measured() >= 6))) {
            robot.fail("live-fill", "the live maps did not show 6 pixels within 60 s");
            return;
        }
        robot.report("ok live-fill " + robot.ui(() -> live.view().snapshot().measured()) + " pixels shown, repaints "
                + (robot.ui(live::repaints) - repaints0));
        robot.screenshot("live");

        // click the most recent measured pixel on the onset map, as a mouse click would (press and release)
        MapPlot onset = robot.ui(() -> live.view().mapPlots().get("onset"));
        int index = robot.ui(() -> {
            MapSnapshot s = live.view().snapshot();
            return s.done().previousSetBit(s.grid().pixelCount() - 1);
        });
        int nx = run.recipe().grid().nx();
        robot.ui(() -> {
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
        if (!SelfTestRobot.waitFor(Duration.ofSeconds(20), () -> robot.ui(() -> live.view().shownRecord() != null
                && live.view().shownRecord().index() == index))) {
            robot.fail("inspector", "pixel " + index + " not shown in the inspector within 20 s (selected "
                    + robot.ui(() -> live.view().selected()) + ")");
        }
        Series shownIv = robot.ui(() -> {
            List<Series> t = live.view().curvePlots().get(0).traces();
            return t.isEmpty() ? null : t.get(t.size() - 1);
        });
        Marker shownCutoff = robot.ui(() -> {
            List<Marker> m = live.view().curvePlots().get(0).markers();
            return m.isEmpty() ? null : m.get(m.size() - 1);
        });
        robot.screenshot("inspector");

        // arrow key on the map: the neighbour to the left or right
        int before = robot.ui(() -> live.view().selected());
        robot.ui(() -> {
            Event e = new Event();
            e.keyCode = before % nx == 0 ? SWT.ARROW_RIGHT : SWT.ARROW_LEFT;
            onset.plotControl().notifyListeners(SWT.KeyDown, e);
            return null;
        });
        int after = robot.ui(() -> live.view().selected());
        robot.report((Math.abs(after - before) == 1 ? "ok" : "FAIL") + " arrow-key selected " + before + " -> " + after);

        // pause after the pixel in flight
        robot.ui(() -> {
            control.pauseButton().notifyListeners(SWT.Selection, new Event());
            return null;
        });
        if (!SelfTestRobot.waitFor(Duration.ofSeconds(30), () -> run.state() == SweepState.PAUSED)) {
            robot.fail("pause", "state " + run.state() + " 30 s after Pause");
            return;
        }
        int pausedAt = run.progress().done();
        Thread.sleep(1500);
        int stillAt = run.progress().done();
        robot.report((stillAt == pausedAt ? "ok" : "FAIL") + " pause done=" + pausedAt + " after 1.5 s " + stillAt);
        robot.screenshot("paused");

        robot.ui(() -> {
            control.resumeButton().notifyListeners(SWT.Selection, new Event());
            return null;
        });
        boolean resumed = SelfTestRobot.waitFor(Duration.ofSeconds(30), () -> run.progress().done() > stillAt);
        robot.report((resumed ? "ok" : "FAIL") + " resume state=" + run.state() + " done=" + run.progress().done());

        // abort from the window trim: bias 0 V at once
        robot.ui(() -> {
            trim.abortButton().notifyListeners(SWT.Selection, new Event());
            return null;
        });
        boolean aborted = SelfTestRobot.waitFor(Duration.ofSeconds(20), () -> run.state().isFinal());
        double bias = biasOf(run.recipe().instrumentId());
        robot.report((aborted && run.state() == SweepState.ABORTED && bias == 0.0 ? "ok" : "FAIL") + " abort state="
                + run.state() + " bias=" + bias + " V done=" + run.progress().done());
        Thread.sleep(800); // the trim polls the bias four times a second
        robot.screenshot("aborted");
        robot.report("ok trim " + robot.ui(trim::text).trim());

        // the inspector's curve and the live maps against the file
        SelfTestRobot.waitFor(Duration.ofSeconds(10), () -> robot.ui(() -> live.view().snapshot().measured()) >= run.progress().done());
        MapReaderService reader = robot.service(MapReaderService.class);
        try (MapFile f = reader.open(output)) {
            PixelRecord r = f.pixel(index);
            if (shownIv == null) {
                robot.fail("inspector-vs-file", "no I-V trace shown");
            } else {
                double maxDiff = 0;
                boolean sameLength = shownIv.x().length == r.sampleCount();
                for (int k = 0; sameLength && k < r.sampleCount(); k++) {
                    maxDiff = Math.max(maxDiff, Math.abs(shownIv.x()[k] - r.bias()[k]));
                    maxDiff = Math.max(maxDiff, Math.abs(shownIv.y()[k] - r.current()[k]));
                }
                robot.report((sameLength && maxDiff == 0 ? "ok" : "FAIL") + String.format(Locale.ROOT,
                        " inspector-vs-file pixel %d (%d, %d): %d samples shown, %d in the file, max |difference| %g,"
                                + " cutoff sample %d (%s), onset %s V",
                        index, r.i(), r.j(), shownIv.x().length, r.sampleCount(), maxDiff, r.cutoffSampleIndex(),
                        r.rule(), r.onsetBias()));
                int c = r.cutoffSampleIndex();
                boolean marked = c < 0 ? shownCutoff == null
                        : shownCutoff != null && shownCutoff.x() == r.bias()[c] && shownCutoff.y() == r.current()[c]
                                && shownCutoff.label().contains(r.rule());
                robot.report((marked ? "ok" : "FAIL") + " inspector-cutoff marked "
                        + (shownCutoff == null ? "nothing" : "'" + shownCutoff.label() + "' at " + shownCutoff.x() + " V, "
                                + shownCutoff.y() + " A") + " (file: sample " + c + ")");
            }
            double[] fileOnset = f.onsetBias();
            MapSnapshot s = robot.ui(() -> live.view().snapshot());
            int differ = 0;
            for (int k = f.completedPixels().nextSetBit(0); k >= 0; k = f.completedPixels().nextSetBit(k + 1)) {
                if (Double.compare(fileOnset[k], s.onsetBias()[k]) != 0) {
                    differ++;
                }
            }
            robot.report((differ == 0 && s.measured() == f.completedPixels().cardinality() ? "ok" : "FAIL")
                    + " live-vs-file " + s.measured() + " pixels shown, " + f.completedPixels().cardinality()
                    + " in the file, " + differ + " onset values differ");
        }
        // the aborted file is an interrupted map: resume it from the run control, then abort again
        int abortedAt = run.progress().done();
        robot.ui(() -> {
            control.resumeFile(output);
            return null;
        });
        boolean resumedFile = SelfTestRobot.waitFor(Duration.ofSeconds(60), () -> {
            SweepRun r2 = robot.ui(control::run);
            return r2 != null && r2 != run && r2.progress().done() > abortedAt;
        });
        SweepRun second = robot.ui(control::run);
        robot.report((resumedFile ? "ok" : "FAIL") + " resume-file " + output.getFileName() + " from " + abortedAt
                + " pixels: " + (second == run ? "no new run" : second.state() + ", " + second.progress().done()
                        + " done, " + second.progress().resumedFrom() + " from the file"));
        robot.ui(() -> {
            control.abortButton().notifyListeners(SWT.Selection, new Event());
            return null;
        });
        if (second != run) {
            SelfTestRobot.waitFor(Duration.ofSeconds(20), () -> second.state().isFinal());
        }
        robot.screenshot("resumed-file");

        Path export = dir.resolve("export-live");
        Files.createDirectories(export);
        List<Path> written = robot.ui(() -> live.view().exportAll(export, "live"));
        robot.report("ok export-live " + written.size() + " files in " + export);
    }

    // ---- benchmark (releng/ui-maps-bench.sh): figures, no pass/fail on times

    private void bench(Path recipePath, Path out, String bigFile) throws Exception {
        SweepService sweeps = robot.service(SweepService.class);
        MapRecipe recipe = robot.service(RecipeCodec.class).read(recipePath);
        LiveMapsPart live = robot.ui(() -> (LiveMapsPart) ((MPart) models.find("org.onset.ui.maps.part.livemaps", app)).getObject());
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
        Thread.sleep(500);
        long r0 = robot.ui(live::repaints);
        double withUi = timed(sweeps, recipe, out.resolve("live.h5"));
        long repaints = robot.ui(live::repaints) - r0;
        // how far the live map lags behind the file at the end: pixel events still on their way
        long tEnd = System.nanoTime();
        LiveMaps maps = robot.ui(() -> app.getContext().get(LiveMaps.class));
        int atEnd = maps.latest().map(m -> m.file() != null && m.file().endsWith("live.h5") ? m.snapshot().measured() : -1)
                .orElse(-1);
        SelfTestRobot.waitFor(Duration.ofSeconds(120), () -> maps.latest().map(m -> m.file() != null && m.file().endsWith("live.h5")
                && m.snapshot().measured() == recipe.pixelCount()).orElse(false));
        robot.report(String.format(Locale.ROOT, "bench live map at the end of the run: %d of %d pixels (the rest"
                + " arrived %.2f s later)", atEnd, recipe.pixelCount(), (System.nanoTime() - tEnd) / 1e9));
        Thread.sleep(300);
        robot.screenshot("bench-live");
        perspective("org.onset.ui.perspective.modeling");
        double headless2 = timed(sweeps, recipe, out.resolve("headless-2.h5"));
        double headless = (headless1 + headless2) / 2;
        robot.report(String.format(Locale.ROOT, "bench map %d x %d virtual time: headless %.2f s and %.2f s (mean %.2f s),"
                + " with the live maps shown %.2f s: %+.1f %% (goal within 5 %%)", recipe.grid().nx(), recipe.grid().ny(),
                headless1, headless2, headless, withUi, 100 * (withUi / headless - 1)));
        robot.report(String.format(Locale.ROOT, "bench live map updates: %d repaints in %.2f s = %.1f updates/s (goal >= 20)",
                repaints, withUi, repaints / withUi));
        for (String f : List.of("warmup.h5", "headless-1.h5", "live.h5", "headless-2.h5")) {
            Files.deleteIfExists(out.resolve(f));
        }
        if (bigFile != null && !bigFile.isBlank()) {
            Path file = Path.of(bigFile);
            MapFiles files = robot.ui(() -> app.getContext().get(MapFiles.class));
            long t0 = System.nanoTime();
            MPart p = robot.ui(() -> files.open(file));
            boolean shown = SelfTestRobot.waitFor(Duration.ofSeconds(60), () -> robot.ui(() -> p.getObject() instanceof MapFilePart f
                    && f.openMillis() >= 0));
            double wall = (System.nanoTime() - t0) / 1e6;
            double partMs = robot.ui(() -> ((MapFilePart) p.getObject()).openMillis());
            robot.report(String.format(Locale.ROOT, "bench open %s (%.0f MB): %s in %.0f ms from File > Open to the maps"
                    + " shown (part %.0f ms; goal <= 2000 ms)", file.getFileName(), Files.size(file) / 1e6,
                    shown ? "shown" : "NOT shown", wall, partMs));
            Thread.sleep(500);
            robot.screenshot("bench-demo-file");
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
        robot.ui(() -> {
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
        MPart recipePart = robot.ui(() -> (MPart) models.find("org.onset.ui.acquisition.part.recipe", app));
        if (recipePart == null) {
            robot.fail("start", "no Recipe part in the model");
            return null;
        }
        robot.ui(() -> parts.showPart(recipePart, EPartService.PartState.VISIBLE));
        if (!SelfTestRobot.waitFor(Duration.ofSeconds(20), () -> robot.ui(() -> recipePart.getWidget() instanceof Control c
                && field(c, "start") != null))) {
            robot.fail("start", "the Recipe part did not show");
            return null;
        }
        Control root = robot.ui(() -> (Control) recipePart.getWidget());
        String preset = robot.ui(() -> {
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
            robot.fail("start", "no current-control preset in the Recipe part");
            return null;
        }
        robot.ui(() -> {
            type(root, "name", wanted.name());
            type(root, "grid.nx", Integer.toString(wanted.grid().nx()));
            type(root, "grid.ny", Integer.toString(wanted.grid().ny()));
            type(root, "grid.x0_nm", plain(wanted.grid().x0() * 1e9));
            type(root, "grid.y0_nm", plain(wanted.grid().y0() * 1e9));
            type(root, "instrument_id", wanted.instrumentId());
            return null;
        });
        RunControlPart control = robot.ui(() -> (RunControlPart) ((MPart) models.find("org.onset.ui.maps.part.runcontrol", app)).getObject());
        robot.ui(() -> {
            control.recipeField().setText("");
            control.outputField().setText(output.toString());
            return null;
        });
        Thread.sleep(300);
        robot.screenshot("recipe-preset");
        boolean enabled = SelfTestRobot.waitFor(Duration.ofSeconds(10), () -> robot.ui(() -> field(root, "start").isEnabled()));
        if (!enabled) {
            robot.fail("start", "the Recipe part's Start stays disabled");
            return null;
        }
        robot.ui(() -> {
            field(root, "start").notifyListeners(SWT.Selection, new Event());
            return null;
        });
        robot.ui(() -> {
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
        return SelfTestRobot.find(c, Control.class, f -> name.equals(f.getData("onset.field")));
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
        robot.ui(() -> {
            parts.switchPerspective((MPerspective) models.find("org.onset.ui.perspective.analysis", app));
            return null;
        });
        Thread.sleep(500);
        int before = robot.ui(() -> models.findElements(app, null, MPart.class, List.of(MapFiles.PART_DESCRIPTOR)).size());
        int listeners = robot.ui(() -> {
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
        boolean opened = SelfTestRobot.waitFor(Duration.ofSeconds(60), () -> robot.ui(() -> {
            List<MPart> ps = models.findElements(app, null, MPart.class, List.of(MapFiles.PART_DESCRIPTOR));
            return ps.size() == before + 1 && ps.stream().allMatch(p -> p.getObject() instanceof MapFilePart f
                    && f.view().snapshot() != null);
        }));
        robot.report((opened && listeners > 0 ? "ok" : "FAIL") + " drop " + file.getFileName() + " on the open-files list ("
                + listeners + " drop listener(s)): " + (before + (opened ? 1 : 0)) + " map files open");
        Thread.sleep(800);
        String layout = robot.ui(() -> {
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
        robot.report(layout);
        robot.screenshot("side-by-side");
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
        robot.ui(() -> {
            parts.switchPerspective((MPerspective) models.find("org.onset.ui.perspective.acquisition", app));
            return null;
        });
        RunControlPart control = robot.ui(() -> (RunControlPart) ((MPart) models.find("org.onset.ui.maps.part.runcontrol", app)).getObject());
        robot.ui(() -> {
            control.recipeField().setText(recipe.toString());
            control.outputField().setText(output.toString());
            control.startButton().notifyListeners(SWT.Selection, new Event());
            return null;
        });
        if (!SelfTestRobot.waitFor(Duration.ofSeconds(60), () -> robot.ui(control::run) != null && robot.ui(control::run).output().equals(output)
                && robot.ui(control::run).progress().done() >= 2)) {
            robot.fail("close-dialog", "the map to close did not start");
            return false;
        }
        SweepRun run = robot.ui(control::run);
        Shell main = robot.ui(() -> (Shell) app.getChildren().get(0).getWidget());
        display.asyncExec(main::close);
        AtomicReference<Shell> dialog = new AtomicReference<>();
        boolean asked = SelfTestRobot.waitFor(Duration.ofSeconds(20), () -> robot.ui(() -> {
            for (Shell s : display.getShells()) {
                if (s != main && s.isVisible() && org.onset.ui.maps.internal.MapsAddon.CLOSE_DIALOG_TITLE.equals(s.getText())) {
                    dialog.set(s);
                    return true;
                }
            }
            return false;
        }));
        if (!asked) {
            robot.fail("close-dialog", "closing the window while a map runs did not ask");
            return false;
        }
        robot.screenshot(dialog.get(), "close-dialog");
        String message = robot.ui(() -> SelfTestRobot.labels(dialog.get()));
        boolean stillRunning = !run.state().isFinal() && run.state() != SweepState.PAUSED;
        robot.report((stillRunning && message.contains(output.getFileName().toString()) ? "ok" : "FAIL")
                + " close-dialog asked while " + run.state() + " at " + run.progress().done() + " pixels: "
                + message.replace('\n', ' ').trim());
        robot.report("ok close-dialog answer '" + org.onset.ui.maps.internal.MapsAddon.PAUSE_AND_QUIT + "' for " + output);
        robot.workbenchClosesItself();
        robot.ui(() -> {
            for (Control c : ((Composite) dialog.get()).getChildren()) {
                Button b = SelfTestRobot.button(c, org.onset.ui.maps.internal.MapsAddon.PAUSE_AND_QUIT);
                if (b != null) {
                    b.notifyListeners(SWT.Selection, new Event());
                    return null;
                }
            }
            throw new IllegalStateException("no '" + org.onset.ui.maps.internal.MapsAddon.PAUSE_AND_QUIT + "' button");
        });
        return true;
    }

    private double biasOf(String instrumentId) throws InterruptedException {
        InstrumentRegistry registry = robot.service(InstrumentRegistry.class);
        return registry.instrument(instrumentId).map(i -> i.driver().bias()).orElse(Double.NaN);
    }
}
