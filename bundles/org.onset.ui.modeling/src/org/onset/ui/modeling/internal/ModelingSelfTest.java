package org.onset.ui.modeling.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspective;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.onset.fem.FieldProbe;
import org.onset.fem.SweepHdf5;
import org.onset.plot.Series;
import org.onset.ui.selftest.SelfTestRobot;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Drives the Modeling perspective for releng/ui-modeling-test.sh the way a user would: the Fig. 6
 * example loads; typed mistakes show their messages next to their fields; a (coarse) model file
 * opens; a short dx sweep runs from the Sweep button and its plotted |E| values are compared with
 * the headless {@code onset fem sweep --json} of the same model; the potential image is shown; the
 * results are exported (PNG, SVG, CSV, HDF5 read back); a second sweep is cancelled while gmsh or
 * getdp runs, and no solver process of the workbench may be left. Writes {@code DIR/report.txt}
 * ("ok …" / "FAIL …") and screenshots, then closes the workbench. In the model only through
 * {@link org.onset.ui.modeling.internal.selftest.SelfTestProcessor} when the property is set.
 */
public class ModelingSelfTest {

    public static final String PROPERTY = "onset.ui.modeling.selftest";

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
        this.robot = new SelfTestRobot(display, dir, "modeling");
        robot.start(workbench, r -> run());
    }

    private void run() throws Exception {
        robot.ui(() -> {
            parts.switchPerspective((MPerspective) models.find("org.onset.ui.perspective.modeling", app));
            return null;
        });
        Thread.sleep(800);
        FemModelPart part = robot.ui(() -> (FemModelPart) ((MPart) models.find("org.onset.ui.modeling.part.fem", app))
                .getObject());
        if (part == null) {
            robot.fail("part", "the FEM model part is not shown in the Modeling perspective");
        } else {
            steps(part);
        }
    }

    private void steps(FemModelPart part) throws Exception {
        // the Fig. 6 example, as loaded when the part opens
        robot.ui(() -> {
            part.loadFig6();
            return null;
        });
        boolean fig6 = robot.ui(() -> part.form().model() != null && part.form().model().inclusions().size() == 1
                && part.form().model().slab().permittivity() == 35);
        robot.report((fig6 ? "ok" : "FAIL") + " fig6-example " + robot.ui(() -> part.form().model() == null ? "invalid: "
                + part.form().problems() : part.form().model().name()));
        // the sketch at dx = 160 nm: the inclusion is drawn where its centre is, 50 nm deep
        robot.ui(() -> {
            part.form().type("dx_nm", "160");
            return null;
        });
        Thread.sleep(300);
        RGB atInclusion = robot.ui(() -> robot.pixel(part.sketch().control(), part.sketch().toCanvas(160, -50)));
        RGB atSlab = robot.ui(() -> robot.pixel(part.sketch().control(), part.sketch().toCanvas(-450, -300)));
        boolean drawn = atInclusion.equals(new RGB(0xF2, 0xC1, 0x7E)) && atSlab.equals(new RGB(0xC9, 0xDD, 0xF0));
        robot.report((drawn ? "ok" : "FAIL") + " sketch inclusion colour at (160, -50) nm " + atInclusion + ", slab at (-450, -300) nm "
                + atSlab);
        robot.screenshot("fig6-dx160");

        // validation as one types: each message beside its field
        robot.ui(() -> {
            part.form().type("slab.width_nm", "12o0");
            part.form().type("inclusions.radius_nm", "900");
            part.form().type("mesh.apex_nm", "70");
            return null;
        });
        String widthError = robot.ui(() -> part.form().errorOf("slab.width_nm"));
        boolean disabled = robot.ui(() -> !part.sweepButton().isEnabled() && !part.solveButton().isEnabled());
        robot.report((widthError.contains("slab.width_nm must be a number") && disabled ? "ok" : "FAIL")
                + " validation-type width='" + oneLine(widthError) + "' buttons disabled=" + disabled);
        robot.ui(() -> {
            part.form().type("slab.width_nm", "1300");
            return null;
        });
        String radiusError = robot.ui(() -> part.form().errorOf("inclusions.x_nm"));
        String apexError = robot.ui(() -> part.form().errorOf("mesh.apex_nm"));
        String widthAfter = robot.ui(() -> part.form().errorOf("slab.width_nm"));
        robot.report((radiusError.contains("not inside the slab") && apexError.contains("larger than the apex radius")
                && widthAfter.isEmpty() ? "ok" : "FAIL") + " validation-geometry inclusion='" + oneLine(radiusError)
                + "' apex='" + oneLine(apexError) + "' width='" + widthAfter + "'");
        robot.screenshot("validation");

        // the coarse model of the test, from its file
        Path model = Path.of(System.getProperty(PROPERTY + ".model"));
        robot.ui(() -> {
            part.open(model);
            return null;
        });
        boolean opened = robot.ui(() -> part.form().model() != null && part.form().problems().isEmpty());
        robot.report((opened ? "ok" : "FAIL") + " open " + model.getFileName() + " " + robot.ui(() -> part.form().problems()));

        // a short sweep from the button
        String dx = System.getProperty(PROPERTY + ".dx", "0,160,400");
        int before = robot.ui(part::runsStarted);
        long t0 = System.nanoTime();
        robot.ui(() -> {
            part.dxText().setText(dx);
            part.sweepButton().notifyListeners(SWT.Selection, new Event());
            return null;
        });
        boolean started = SelfTestRobot.waitFor(Duration.ofSeconds(10), () -> robot.ui(part::runsStarted) > before);
        Thread.sleep(1500);
        robot.screenshot("sweep-running");
        boolean done = started && SelfTestRobot.waitFor(Duration.ofSeconds(240), () -> !robot.ui(part::running));
        double seconds = (System.nanoTime() - t0) / 1e9;
        String status = robot.ui(part::statusText);
        int cases = robot.ui(() -> part.solutions().size());
        robot.report((done && cases == dx.split(",").length ? "ok" : "FAIL") + String.format(Locale.ROOT,
                " sweep %d cases in %.1f s: %s", cases, seconds, oneLine(status)));
        if (cases == 0) {
            return;
        }
        Thread.sleep(500);
        robot.screenshot("sweep-done");

        // the plotted values against the headless command's
        List<Series> traces = robot.ui(() -> part.sweepPlot().traces());
        Map<String, Double> headless = headless(Path.of(System.getProperty(PROPERTY + ".headless")));
        int compared = 0;
        double maxRel = 0;
        List<String> missing = new ArrayList<>();
        for (Series s : traces) {
            double depth = Double.parseDouble(s.name().replace(" nm deep", ""));
            for (int k = 0; k < s.x().length; k++) {
                Double ref = headless.get(key(s.x()[k], depth));
                if (ref == null) {
                    missing.add(key(s.x()[k], depth));
                    continue;
                }
                compared++;
                maxRel = Math.max(maxRel, Math.abs(s.y()[k] - ref) / Math.abs(ref));
            }
        }
        robot.report((compared == headless.size() && missing.isEmpty() && maxRel <= 1e-9 ? "ok" : "FAIL")
                + String.format(Locale.ROOT, " plot-vs-headless %d points compared (headless %d), max relative difference %.3g%s",
                        compared, headless.size(), maxRel, missing.isEmpty() ? "" : ", not in the headless output: " + missing));
        StringBuilder values = new StringBuilder("ok plotted");
        for (Series s : traces) {
            values.append(" [").append(s.name()).append(':');
            for (int k = 0; k < s.x().length; k++) {
                values.append(String.format(Locale.ROOT, " dx %.0f %.5f", s.x()[k], s.y()[k]));
            }
            values.append(']');
        }
        robot.report(values.toString());

        // the potential image
        int[] grid = robot.ui(() -> new int[] { part.potentialPlot().nx(), part.potentialPlot().ny() });
        double[] range = robot.ui(() -> {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            int finite = 0;
            for (int j = 0; j < part.potentialPlot().ny(); j++) {
                for (int i = 0; i < part.potentialPlot().nx(); i++) {
                    double v = part.potentialPlot().value(i, j);
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                        finite++;
                    }
                }
            }
            return new double[] { lo, hi, finite };
        });
        String unit = robot.ui(() -> part.potentialPlot().valueAxis().unit());
        // inside the tip (x = 0, z = 400 nm) there is no potential of its own: no value, not 0 V
        double inTip = robot.ui(() -> {
            MapPlotCell c = new MapPlotCell(part.potentialPlot().nx(), part.potentialPlot().ny());
            return part.potentialPlot().value(c.i(0, part), c.j(400, part));
        });
        boolean potential = Double.isNaN(inTip) && grid[0] > 50 && grid[1] > 50 && range[2] > 0.8 * grid[0] * grid[1] && range[0] > -0.01
                && range[1] <= 1.001 && range[1] > 0.9 && unit.equals("V");
        robot.report((potential ? "ok" : "FAIL") + String.format(Locale.ROOT,
                 " potential-image %d x %d, %.0f values from %.4f to %.4f %s, inside the tip %s", grid[0], grid[1], range[2], range[0],
                range[1], unit, inTip));

        // exports through the plots' own export, and the sweep as HDF5 read back
        Path export = dir.resolve("export");
        List<Path> written = robot.ui(() -> part.exportResults(export));
        List<FieldProbe> fromH5 = SweepHdf5.read(export.resolve("sweep.h5"));
        double maxH5 = 0;
        for (FieldProbe p : fromH5) {
            Double ref = headless.get(key(p.dxNm(), p.depthNm()));
            maxH5 = ref == null ? Double.POSITIVE_INFINITY : Math.max(maxH5, Math.abs(p.eVPerNm() - ref) / Math.abs(ref));
        }
        robot.report((written.size() == 8 && fromH5.size() == headless.size() && maxH5 <= 1e-9 ? "ok" : "FAIL")
                + String.format(Locale.ROOT, " export %d files in %s; sweep.h5 %d points, max relative difference to headless %.3g",
                        written.size(), export, fromH5.size(), maxH5));

        // cancel a run while the solvers work: nothing of gmsh or getdp may be left
        robot.ui(() -> {
            part.dxText().setText("0,40,80,120,160,200");
            part.sweepButton().notifyListeners(SWT.Selection, new Event());
            return null;
        });
        boolean solving = SelfTestRobot.waitFor(Duration.ofSeconds(60), () -> !solverProcesses().isEmpty());
        List<String> whileRunning = solverProcesses();
        robot.screenshot("cancel-running");
        long c0 = System.nanoTime();
        robot.ui(() -> {
            part.cancelButton().notifyListeners(SWT.Selection, new Event());
            return null;
        });
        boolean stopped = SelfTestRobot.waitFor(Duration.ofSeconds(30), () -> !robot.ui(part::running));
        double stopSeconds = (System.nanoTime() - c0) / 1e9;
        Thread.sleep(300);
        List<String> left = solverProcesses();
        String cancelStatus = robot.ui(part::statusText);
        robot.report((solving && stopped && left.isEmpty() && cancelStatus.contains("cancelled") ? "ok" : "FAIL")
                + String.format(Locale.ROOT, " cancel while running %s: stopped in %.2f s, left %s, status '%s'", whileRunning,
                        stopSeconds, left, oneLine(cancelStatus)));
        int casesAfterCancel = robot.ui(() -> part.solutions().size());
        robot.report((casesAfterCancel == cases ? "ok" : "FAIL") + " cancel-keeps-results " + casesAfterCancel + " cases shown");
        robot.screenshot("cancelled");
    }

    /** The cell of the potential image holding a point (x, z in nm) of the shown case's plane grid. */
    private record MapPlotCell(int nx, int nz) {
        int i(double xNm, FemModelPart part) {
            double[] xs = part.solutions().get(0).plane().xNm();
            return (int) Math.round((xNm - xs[0]) / (xs[xs.length - 1] - xs[0]) * (nx - 1));
        }

        int j(double zNm, FemModelPart part) {
            double[] zs = part.solutions().get(0).plane().zNm();
            return (int) Math.round((zNm - zs[0]) / (zs[zs.length - 1] - zs[0]) * (nz - 1));
        }
    }

    /** The workbench's own gmsh and getdp processes (other programs on the machine do not count). */
    private static List<String> solverProcesses() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + ":" + p.info().command().orElse("?"))
                .filter(s -> s.endsWith("gmsh") || s.endsWith("getdp")).toList();
    }

    private static Map<String, Double> headless(Path json) throws IOException {
        JsonObject root = JsonParser.parseString(Files.readString(json, StandardCharsets.UTF_8)).getAsJsonObject();
        Map<String, Double> out = new HashMap<>();
        for (JsonElement e : root.getAsJsonArray("points")) {
            JsonObject o = e.getAsJsonObject();
            out.put(key(o.get("dx_nm").getAsDouble(), o.get("depth_nm").getAsDouble()), o.get("E_V_per_nm").getAsDouble());
        }
        return out;
    }

    private static String key(double dx, double depth) {
        return String.format(Locale.ROOT, "dx %.3f depth %.3f", dx, depth);
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ');
    }
}
