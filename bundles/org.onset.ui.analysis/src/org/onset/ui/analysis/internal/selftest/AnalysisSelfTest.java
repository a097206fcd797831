package org.onset.ui.analysis.internal.selftest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.eclipse.swt.widgets.Display;
import org.onset.analysis.report.AnalysisStore;
import org.onset.spectra.RamanBands;
import org.onset.ui.analysis.internal.AnalysedMap;
import org.onset.ui.analysis.internal.ImageLayer;
import org.onset.ui.analysis.internal.RamanLayer;
import org.onset.ui.analysis.internal.parts.MapAnalysisPart;
import org.onset.ui.analysis.internal.parts.OverlayPart;
import org.onset.ui.maps.files.OpenMapFiles;
import org.onset.ui.plot.ChartPlot;
import org.onset.ui.plot.ExportablePlot;
import org.onset.ui.selftest.SelfTestRobot;

/**
 * Drives the analysis views of the real workbench for releng/ui-analysis-test.sh: the map files
 * named on the command line ({@code onset.ui.analysis.selftest.files}, comma-separated, the same
 * files) are open; selecting each in the Map files list makes the Map analysis part analyse it (in
 * a Job); the numbers it shows are written to {@code DIR/report.txt} ("shown FILE key=value") for
 * the script to compare with {@code onset analyze --json}; every tab and the correlative overlay
 * (two opacities, before and after) are pictured; the plots are exported as PNG and SVG. Lines "ok …"
 * and "FAIL …"; then the workbench closes. Added to the model only by {@link SelfTestProcessor}.
 */
public class AnalysisSelfTest {

    static final String PROPERTY = "onset.ui.analysis.selftest";

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
        this.robot = new SelfTestRobot(display, dir, "analysis");
        robot.start(workbench, r -> run());
    }

    private void run() throws Exception {
        List<Path> expected = new ArrayList<>();
        for (String f : System.getProperty(PROPERTY + ".files", "").split(",")) {
            if (!f.isBlank()) {
                expected.add(Path.of(f).toAbsolutePath().normalize());
            }
        }
        analyses(expected);
        masks(expected.get(0));
        for (int k = 1; k < expected.size(); k++) {
            // volumes beside the other sparse array (the next file, the last one beside the one before)
            particleViews(expected.get(k), expected.get(k + 1 < expected.size() ? k + 1 : Math.max(1, k - 1)));
        }
        if (expected.size() > 1) {
            tipRadius(expected.get(1));
        }
        String blocked = System.getProperty(PROPERTY + ".blocked");
        if (blocked != null) {
            sidecarBlocked(Path.of(blocked).toAbsolutePath().normalize());
        }
        if (expected.size() > 1) {
            OpenMapFiles files = robot.ui(() -> app.getContext().get(OpenMapFiles.class));
            robot.ui(() -> {
                files.select(expected.get(0)); // the overlay follows the selection: back to the first file
                return null;
            });
        }
        overlay(expected.get(0));
    }

    private void analyses(List<Path> expected) throws Exception {
        OpenMapFiles files = robot.ui(() -> app.getContext().get(OpenMapFiles.class));
        if (files == null) {
            robot.report("FAIL open-files no OpenMapFiles in the application context");
            return;
        }
        if (!SelfTestRobot.waitFor(Duration.ofSeconds(60), () -> robot.ui(() -> files.open().containsAll(expected)))) {
            robot.report("FAIL open-files " + robot.ui(files::open) + " do not hold " + expected);
            return;
        }
        robot.report("ok open-files " + expected.size());
        MapAnalysisPart part = show("org.onset.ui.analysis.part.analysis", MapAnalysisPart.class);
        // the last file opened is selected; pick the others in the Map files list as a user would, the first last
        for (int k = expected.size() - 1; k >= 0; k--) {
            Path f = expected.get(k);
            robot.ui(() -> {
                files.select(f);
                return null;
            });
            boolean done = SelfTestRobot.waitFor(Duration.ofSeconds(120), () -> robot.ui(() -> part.shown() != null
                    && part.shown().file().equals(f)));
            if (!done) {
                robot.report("FAIL analysis " + f + " not shown within 120 s: " + robot.ui(part::statusText));
                continue;
            }
            AnalysedMap r = robot.ui(part::shown);
            String uiThread = robot.ui(() -> Thread.currentThread().getName());
            robot.report(String.format(Locale.ROOT, "%s follows-selection %s analysed in %.2f s on thread '%s'%s",
                    r.thread().equals(uiThread) ? "FAIL" : "ok", f.getFileName(), r.seconds(), r.thread(),
                    r.thread().equals(uiThread) ? " (the UI thread!)" : ""));
            Map<String, String> numbers = robot.ui(part::numbers);
            StringBuilder line = new StringBuilder("shown " + f);
            numbers.forEach((key, v) -> line.append(' ').append(key).append('=').append(v));
            robot.report(line.toString());
            robot.report("note " + f.getFileName() + " onset: " + robot.ui(part::onsetNote));
            robot.report("note " + f.getFileName() + " transference: " + robot.ui(part::transferenceNote));
            // stored beside the map file as onset analyze stores it (the script compares the file's numbers)
            Path expectedSidecar = AnalysisStore.sidecar(f);
            boolean stored = r.stored() != null && r.stored().equals(expectedSidecar) && Files.isRegularFile(r.stored())
                    && Files.size(r.stored()) > 0;
            boolean said = robot.ui(part::statusText).contains(expectedSidecar.toString());
            robot.report((stored && said ? "ok" : "FAIL") + " sidecar " + f + " stored=" + r.stored()
                    + (r.notStored() == null ? "" : " problem=" + r.notStored()) + (said ? "" : " (the path is not shown)"));
        }
        // the first file's views, each tab pictured, every plot exported
        int tabs = robot.ui(() -> part.tabs().getItemCount());
        for (int t = 0; t < tabs; t++) {
            int k = t;
            String name = robot.ui(() -> {
                part.tabs().setSelection(k);
                return part.tabs().getItem(k).getText().toLowerCase(Locale.ROOT).replace(' ', '-');
            });
            robot.settle(600);
            robot.screenshot("analysis-" + name);
        }
        robot.ui(() -> {
            part.tabs().setSelection(0);
            return null;
        });
        Path export = dir.resolve("export");
        Files.createDirectories(export);
        int written = 0;
        for (Map.Entry<String, ChartPlot> e : robot.ui(part::plots).entrySet()) {
            ExportablePlot p = e.getValue();
            robot.ui(() -> {
                p.exportPng(export.resolve(e.getKey() + ".png"));
                p.exportSvg(export.resolve(e.getKey() + ".svg"));
                return null;
            });
            written += 2;
        }
        robot.report("ok export-analysis " + written + " files in " + export);
    }

    /**
     * The AlPO4 mask of the Map analysis part, as the mask chooser's file dialog hands it over: a mask
     * of the wrong size is refused naming both sizes; the left half of the map as AlPO4 is analysed with
     * exactly those pixels as AlPO4; "No mask" brings back the phases from the data.
     */
    private void masks(Path file) throws Exception {
        MapAnalysisPart part = show("org.onset.ui.analysis.part.analysis", MapAnalysisPart.class);
        AnalysedMap before = robot.ui(part::shown);
        if (before == null || !before.file().equals(file)) {
            robot.report("FAIL mask the first file is not shown: " + robot.ui(part::statusText));
            return;
        }
        int nx = before.analysis().grid().nx();
        int ny = before.analysis().grid().ny();
        String dataSource = before.analysis().phaseSource();
        Path wrong = dir.resolve("mask-wrong.csv");
        Files.writeString(wrong, row(nx + 1, 0).repeat(ny), StandardCharsets.UTF_8);
        String refused = robot.ui(() -> part.applyMask(wrong));
        String expectedText = "is " + (nx + 1) + " x " + ny + " pixels but the map is " + nx + " x " + ny;
        robot.report((refused != null && refused.contains(expectedText) && robot.ui(part::maskInfo).contains(expectedText)
                ? "ok" : "FAIL") + " mask-refused " + refused);
        robot.screenshot("mask-refused");

        Path half = dir.resolve("mask-left-half.csv");
        StringBuilder text = new StringBuilder("# AlPO4: the left half of the map\n");
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                text.append(i < nx / 2 ? '1' : '0').append(i < nx - 1 ? ',' : '\n');
            }
        }
        Files.writeString(half, text, StandardCharsets.UTF_8);
        String taken = robot.ui(() -> part.applyMask(half));
        boolean applied = taken == null && SelfTestRobot.waitFor(Duration.ofSeconds(120), () -> robot.ui(() -> part.shown() != null
                && part.shown() != before && part.shown().analysis().phaseSource() != null
                && part.shown().analysis().phaseSource().startsWith("mask ")));
        String alpo4 = robot.ui(() -> part.numbers().get("pixels_alpo4"));
        int expectedAlpo4 = (nx / 2) * ny;
        robot.report((applied && String.valueOf(expectedAlpo4).equals(alpo4) ? "ok" : "FAIL") + " mask-applied "
                + half.getFileName() + " pixels_alpo4=" + alpo4 + " expected " + expectedAlpo4 + "; " + robot.ui(part::maskInfo)
                + (taken == null ? "" : "; refused: " + taken));
        robot.ui(() -> {
            part.tabs().setSelection(2); // onset vs distance, with the mask's AlPO4
            return null;
        });
        robot.settle(600);
        robot.screenshot("mask-applied-onset-vs-distance");

        AnalysedMap masked = robot.ui(part::shown);
        robot.ui(() -> {
            part.clearMask();
            return null;
        });
        boolean cleared = SelfTestRobot.waitFor(Duration.ofSeconds(120), () -> robot.ui(() -> part.shown() != masked
                && dataSource != null && dataSource.equals(part.shown().analysis().phaseSource())));
        robot.report((cleared ? "ok" : "FAIL") + " mask-cleared phases from " + robot.ui(() -> part.shown().analysis().phaseSource())
                + " pixels_alpo4=" + robot.ui(() -> part.numbers().get("pixels_alpo4")) + " (before the mask "
                + before.analysis().byRegion().get("alpo4").pixels() + ")");
        robot.ui(() -> {
            part.tabs().setSelection(0);
            return null;
        });
    }

    /**
     * The tip radius field: 0 switches the correction off, and the slope shown is then the uncorrected
     * one that was shown beside the corrected slope; a text that is no length is refused; empty brings
     * back the file's radius (30 nm for a simulated file) and the corrected slope.
     */
    private void tipRadius(Path file) throws Exception {
        OpenMapFiles files = robot.ui(() -> app.getContext().get(OpenMapFiles.class));
        MapAnalysisPart part = show("org.onset.ui.analysis.part.analysis", MapAnalysisPart.class);
        robot.ui(() -> {
            files.select(file);
            return null;
        });
        if (!SelfTestRobot.waitFor(Duration.ofSeconds(120), () -> robot.ui(() -> part.shown() != null && part.shown().file().equals(file)
                && !part.busy()))) {
            robot.report("FAIL tip-radius " + file + " not shown within 120 s: " + robot.ui(part::statusText));
            return;
        }
        Map<String, String> corrected = robot.ui(part::numbers);
        AnalysedMap first = robot.ui(part::shown);
        String refused = robot.ui(() -> part.setTipRadius("thirty"));
        robot.ui(() -> part.setTipRadius("0"));
        boolean off = SelfTestRobot.waitFor(Duration.ofSeconds(120), () -> robot.ui(() -> part.shown() != first && part.shown() != null
                && part.shown().file().equals(file) && !part.shown().analysis().tip().applied() && !part.busy()));
        Map<String, String> uncorrected = robot.ui(part::numbers);
        robot.settle(600);
        robot.screenshot("tip-radius-0-numbers");
        AnalysedMap second = robot.ui(part::shown);
        robot.ui(() -> part.setTipRadius(""));
        boolean back = SelfTestRobot.waitFor(Duration.ofSeconds(120), () -> robot.ui(() -> part.shown() != second && part.shown() != null
                && part.shown().file().equals(file) && part.shown().analysis().tip().applied() && !part.busy()));
        Map<String, String> again = robot.ui(part::numbers);
        boolean ok = refused != null && refused.contains("refused") && off && back
                && corrected.get("slope_uncorrected") != null
                && corrected.get("slope_uncorrected").equals(uncorrected.get("slope"))
                && "0.0".equals(uncorrected.get("tip_radius_nm")) && !uncorrected.containsKey("slope_uncorrected")
                && corrected.get("slope").equals(again.get("slope")) && "30.0".equals(again.get("tip_radius_nm"));
        robot.report((ok ? "ok" : "FAIL") + " tip-radius " + file.getFileName() + ": slope " + corrected.get("slope")
                + " tip-corrected (" + corrected.get("tip_radius_nm") + " nm), " + corrected.get("slope_uncorrected")
                + " uncorrected beside it; with 0 nm: slope " + uncorrected.get("slope") + "; back to the file's tip: "
                + again.get("slope") + " (" + again.get("tip_radius_nm") + " nm); 'thirty': " + refused);
    }

    /**
     * A map file whose sidecar cannot be written (a directory of that name is in the way): the analysis
     * is shown all the same, and the status line says that and why the results were not stored.
     */
    private void sidecarBlocked(Path file) throws Exception {
        MapAnalysisPart part = show("org.onset.ui.analysis.part.analysis", MapAnalysisPart.class);
        robot.ui(() -> {
            part.fileChoice().choose(file);
            return null;
        });
        if (!SelfTestRobot.waitFor(Duration.ofSeconds(120), () -> robot.ui(() -> part.shown() != null && part.shown().file().equals(file)))) {
            robot.report("FAIL sidecar-blocked " + file + " not shown within 120 s: " + robot.ui(part::statusText));
            return;
        }
        AnalysedMap r = robot.ui(part::shown);
        String status = robot.ui(part::statusText);
        String sidecar = AnalysisStore.sidecar(file).toString();
        boolean said = r.stored() == null && r.notStored() != null && r.notStored().contains(sidecar)
                && r.notStored().contains("directory of that name is in the way") && status.contains(r.notStored())
                && r.analysis().fit() != null;
        robot.ui(() -> {
            part.tabs().setSelection(part.tabs().getItemCount() - 1); // Numbers: the message is there too
            return null;
        });
        robot.settle(600);
        robot.screenshot("sidecar-blocked");
        robot.report((said ? "ok" : "FAIL") + " sidecar-blocked " + file.getFileName() + ": " + r.notStored()
                + (said ? "" : "; status: " + status));
        robot.ui(() -> {
            part.tabs().setSelection(0);
            return null;
        });
    }

    private static String row(int n, int value) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(value).append(i < n - 1 ? " " : "\n");
        }
        return b.toString();
    }

    /**
     * The particle tabs (particles, volumes beside the second map, transference) of another file:
     * the sparse arrays of sweeps are where particles and the transference plot have data.
     */
    private void particleViews(Path file, Path beside) throws Exception {
        OpenMapFiles files = robot.ui(() -> app.getContext().get(OpenMapFiles.class));
        MapAnalysisPart part = show("org.onset.ui.analysis.part.analysis", MapAnalysisPart.class);
        robot.ui(() -> {
            files.select(file);
            return null;
        });
        if (!SelfTestRobot.waitFor(Duration.ofSeconds(120), () -> robot.ui(() -> part.shown() != null && part.shown().file().equals(file)))) {
            robot.report("FAIL particle-views " + file + " not shown within 120 s: " + robot.ui(part::statusText));
            return;
        }
        if (!beside.equals(file)) {
            robot.ui(() -> {
                part.compareChoice().choose(beside);
                return null;
            });
            // the second map is analysed in its own Job; its histogram's title names it when done
            String name = beside.getFileName().toString();
            SelfTestRobot.waitFor(Duration.ofSeconds(120), () -> robot.ui(() -> {
                String title = part.plots().get("volumes_beside").getTitle();
                return title != null && title.contains(name) && !title.startsWith("analysing");
            }));
        }
        String stem = file.getFileName().toString().replace(".h5", "");
        int tabs = robot.ui(() -> part.tabs().getItemCount());
        int pictured = 0;
        for (int t = 0; t < tabs; t++) {
            int k = t;
            String name = robot.ui(() -> part.tabs().getItem(k).getText().toLowerCase(Locale.ROOT).replace(' ', '-'));
            if (!name.startsWith("particle") && !name.startsWith("transference")) {
                continue;
            }
            robot.ui(() -> {
                part.tabs().setSelection(k);
                return null;
            });
            robot.settle(600);
            robot.screenshot(stem + "-" + name);
            pictured++;
        }
        robot.ui(() -> {
            part.tabs().setSelection(0);
            return null;
        });
        robot.report("ok particle-views " + file.getFileName() + " " + pictured + " tabs pictured; transference: "
                + robot.ui(part::transferenceNote).replace('\n', ' '));
        // a simulated map is tip-corrected (30 nm): its histogram shows the corrected volumes, and says so
        String volumesTitle = robot.ui(() -> part.plots().get("volumes").getTitle());
        boolean applied = robot.ui(() -> part.shown().analysis().tip().applied());
        robot.report((!applied || volumesTitle.contains("tip-corrected, 30 nm tip") ? "ok" : "FAIL")
                + " volumes-tip-corrected " + volumesTitle);
    }

    private void overlay(Path file) throws Exception {
        OverlayPart part = show("org.onset.ui.analysis.part.overlay", OverlayPart.class);
        boolean loaded = SelfTestRobot.waitFor(Duration.ofSeconds(60), () -> robot.ui(() -> part.loaded() != null
                && part.loaded().file().equals(file)));
        if (!loaded) {
            robot.report("FAIL overlay " + file + " not shown within 60 s: " + robot.ui(part::infoText));
            return;
        }
        OverlayPart.Loaded l = robot.ui(part::loaded);
        robot.report(String.format(Locale.ROOT, "ok overlay %s thread '%s' drift_x_nm=%s drift_y_nm=%s layers=%d",
                file.getFileName(), l.thread(), l.drift() == null ? "-" : String.format(Locale.ROOT, "%.1f", l.drift().xMetres() * 1e9),
                l.drift() == null ? "-" : String.format(Locale.ROOT, "%.1f", l.drift().yMetres() * 1e9),
                robot.ui(() -> part.plot().overlays().size())));
        Path export = dir.resolve("export");
        Files.createDirectories(export);
        int[][] settings = { { 30, 0 }, { 85, 1 } };
        for (int[] s : settings) {
            robot.ui(() -> {
                part.set(s[0], s[1] == 1);
                return null;
            });
            robot.settle(600);
            String name = "overlay-" + (s[1] == 1 ? "after" : "before") + "-" + s[0];
            robot.screenshot(name);
            double opacity = robot.ui(() -> part.plot().overlays().get(0).opacity());
            robot.report(String.format(Locale.ROOT, "%s overlay-opacity %s %.2f", Math.abs(opacity - s[0] / 100.0) < 1e-9
                    ? "ok" : "FAIL", name, opacity));
            robot.ui(() -> {
                part.export(export.resolve(name + ".png"));
                part.export(export.resolve(name + ".svg"));
                return null;
            });
        }
        robot.report("ok overlay-info " + robot.ui(part::infoText));
        String raman = System.getProperty(PROPERTY + ".raman", "");
        if (!raman.isBlank()) {
            ramanLayer(part, Path.of(raman), export);
        }
        String image = System.getProperty(PROPERTY + ".image", "");
        if (!image.isBlank()) {
            imageLayer(part, Path.of(image), export);
        }
    }

    /**
     * An image file (the |E| map onset fem-map wrote as field-map.gsf) laid over the onset map in the
     * place of the Raman layer; its grid, extent and values go to the report ("image-layer …") for the
     * script to check against field-map.json, and the overlay is pictured and exported.
     */
    private void imageLayer(OverlayPart part, Path file, Path export) throws Exception {
        robot.ui(() -> {
            part.set(40, false);
            part.loadRaman(file);
            return null;
        });
        boolean shown = SelfTestRobot.waitFor(Duration.ofSeconds(60), () -> robot.ui(() -> part.picture() != null
                && part.raman() == null && part.plot().overlays().size() == 2));
        if (!shown) {
            robot.report("FAIL overlay-image " + file + " not shown within 60 s: " + robot.ui(part::ramanInfoText));
            return;
        }
        robot.settle(600);
        robot.screenshot("overlay-field-map");
        ImageLayer l = robot.ui(part::picture);
        var layers = robot.ui(() -> part.plot().overlays());
        var top = layers.get(1);
        boolean ok = layers.get(0).name().equals("onset bias") && top.name().equals(l.name()) && top.x0() == l.x0()
                && top.y1() == l.y1() && top.quantity().unit().equals("V/m");
        robot.report(String.format(Locale.ROOT, "%s overlay-image layers=%d '%s' colour bar '%s' [%s]; %s", ok ? "ok" : "FAIL",
                layers.size(), top.name(), top.quantity().quantity(), top.quantity().unit(), robot.ui(part::ramanInfoText)));
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "image-layer nx=%d ny=%d x0=%.6e x1=%.6e y0=%.6e y1=%.6e values=", l.nx(), l.ny(), l.x0(), l.x1(), l.y0(),
                l.y1()));
        double[] v = l.values();
        for (int k = 0; k < v.length; k++) {
            line.append(k == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6e", v[k]));
        }
        robot.report(line.toString());
        robot.ui(() -> {
            part.export(export.resolve("overlay-field-map.png"));
            part.export(export.resolve("overlay-field-map.svg"));
            return null;
        });
    }

    /**
     * A Raman map laid over the onset map and the topography before: the default band, then another
     * band and opacity as a user would type them; each time the layer's grid, extent and values go to
     * the report ("raman-layer …") for the script to check against its own band integration of the
     * file it generated, and the overlay is pictured and exported.
     */
    private void ramanLayer(OverlayPart part, Path file, Path export) throws Exception {
        String single = System.getProperty(PROPERTY + ".raman.spectrum", "");
        if (!single.isBlank()) {
            // a single spectrum is no map: the part says so and draws no Raman layer
            robot.ui(() -> {
                part.loadRaman(Path.of(single));
                return null;
            });
            boolean said = SelfTestRobot.waitFor(Duration.ofSeconds(60), () -> robot.ui(() -> part.ramanInfoText().startsWith("Cannot")));
            String text = robot.ui(part::ramanInfoText);
            robot.report((said && text.contains("not a map of spectra") && robot.ui(() -> part.raman()) == null ? "ok" : "FAIL")
                    + " overlay-raman-refused " + text);
        }
        robot.ui(() -> {
            part.set(50, false);
            part.loadRaman(file);
            return null;
        });
        double[][] bands = { { RamanBands.DEFAULT_LOW, RamanBands.DEFAULT_HIGH, 60 }, { 2800, 2900, 80 } };
        for (double[] band : bands) {
            if (band[0] != RamanBands.DEFAULT_LOW) {
                robot.ui(() -> {
                    part.setRaman(band[0], band[1], (int) band[2]);
                    return null;
                });
            }
            boolean shown = SelfTestRobot.waitFor(Duration.ofSeconds(60), () -> robot.ui(() -> part.raman() != null
                    && part.raman().lo() == band[0] && part.raman().hi() == band[1]
                    && part.plot().overlays().size() == 2));
            if (!shown) {
                robot.report("FAIL overlay-raman " + file + " band " + band[0] + "–" + band[1] + " not shown within 60 s: "
                        + robot.ui(part::ramanInfoText));
                return;
            }
            robot.settle(600);
            String name = String.format(Locale.ROOT, "overlay-raman-%.0f-%.0f", band[0], band[1]);
            robot.screenshot(name);
            RamanLayer l = robot.ui(part::raman);
            var layers = robot.ui(() -> part.plot().overlays());
            var top = layers.get(1);
            boolean ok = layers.get(0).name().equals("onset bias") && top.name().startsWith("Raman band")
                    && Math.abs(top.opacity() - band[2] / 100.0) < 1e-9 && top.x0() == l.x0() && top.y1() == l.y1();
            robot.report(String.format(Locale.ROOT, "%s overlay-raman %s layers=%d '%s' opacity %.2f colour bar '%s'; %s",
                    ok ? "ok" : "FAIL", name, layers.size(), top.name(), top.opacity(), top.quantity().quantity(),
                    robot.ui(part::ramanInfoText)));
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "raman-layer lo=%s hi=%s nx=%d ny=%d x0=%.6e x1=%.6e y0=%.6e y1=%.6e values=", band[0], band[1],
                    l.nx(), l.ny(), l.x0(), l.x1(), l.y0(), l.y1()));
            double[] v = l.values();
            for (int k = 0; k < v.length; k++) {
                line.append(k == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6e", v[k]));
            }
            robot.report(line.toString());
            robot.ui(() -> {
                part.export(export.resolve(name + ".png"));
                part.export(export.resolve(name + ".svg"));
                return null;
            });
        }
    }

    private <T> T show(String id, Class<T> type) throws Exception {
        return robot.ui(() -> {
            MPart p = (MPart) models.find(id, app);
            parts.showPart(p, PartState.ACTIVATE);
            return type.cast(p.getObject());
        });
    }
}
