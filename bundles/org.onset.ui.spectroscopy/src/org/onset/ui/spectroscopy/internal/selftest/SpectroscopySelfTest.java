package org.onset.ui.spectroscopy.internal.selftest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.onset.io.api.ImporterRegistry;
import org.onset.io.api.SpectrumMap;
import org.onset.plot.Series;
import org.onset.spectra.RamanBands;
import org.onset.ui.plot.MapPlot;
import org.onset.ui.spectroscopy.internal.OpenSpectroscopyFileHandler;
import org.onset.ui.spectroscopy.internal.SpectroscopyPart;
import org.onset.ui.selftest.SelfTestRobot;

/**
 * Drives the real workbench for releng/ui-spectroscopy-test.sh: EPR files dropped on the Spectroscopy
 * part (field axis, then the g axis; the BDPA line's zero crossing at g ≈ 2.0019), Raman files opened,
 * a generated 100 × 100 × 1015 WDF map opened with the time from the request to the band image shown,
 * a click on a map pixel whose shown spectrum is compared with the file's spectrum there (read again
 * through the registry), a new band range, the wavelength axis, a damaged file (a clear message), and
 * every plot exported as PNG, SVG and CSV. Files come from system properties
 * {@code onset.ui.spectroscopy.selftest.epr} (comma-separated), {@code .raman}, {@code .map},
 * {@code .bad}. Writes {@code DIR/report.txt} ("ok …" / "FAIL …" lines) and screenshots, then closes
 * the workbench. Added to the model only by {@link SelfTestProcessor} when the property is set.
 */
public class SpectroscopySelfTest {

    static final String PROPERTY = "onset.ui.spectroscopy.selftest";
    /** The zero crossing of BDPA's first row (20 mW) according to SOURCES.md. */
    private static final double BDPA_G = 2.0019;

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
        this.robot = new SelfTestRobot(display, dir, "spectroscopy");
        robot.start(workbench, r -> run());
    }

    private void run() throws Exception {
        // File > Open Spectroscopy File… is in the File menu (the dialog itself is native: not driven here)
        String menu = robot.ui(() -> {
            var found = models.findElements(app, "org.onset.ui.spectroscopy.menuitem.open",
                    org.eclipse.e4.ui.model.application.ui.menu.MMenuItem.class, null,
                    EModelService.ANYWHERE | EModelService.IN_MAIN_MENU);
            var item = found.isEmpty() ? null : found.get(0);
            return item == null ? null
                    : ((org.eclipse.e4.ui.model.application.ui.MUIElement) item.getParent()).getElementId() + " > "
                            + ((org.eclipse.e4.ui.model.application.ui.menu.MMenuItem) item).getLabel();
        });
        robot.report((menu != null && menu.startsWith("org.onset.ui.menu.file") ? "ok" : "FAIL") + " file-menu " + menu);
        SpectroscopyPart part = robot.ui(() -> OpenSpectroscopyFileHandler.show(app, models, parts));
        if (part == null) {
            robot.fail("part", "the Spectroscopy files part is not in the model");
        } else {
            robot.report("ok part shown in the Spectroscopy perspective");
            steps(part);
        }
    }

    private void steps(SpectroscopyPart part) throws Exception {
        ImporterRegistry registry = robot.service(ImporterRegistry.class);
        SelfTestRobot.waitFor(Duration.ofSeconds(20), () -> registry.importers().size() >= 12);

        // EPR: dropped on the part, as the drop target hands them over
        String[] epr = prop("epr").split(",");
        robot.ui(() -> {
            part.dropped(epr);
            return null;
        });
        if (!settled(part, epr.length)) {
            robot.fail("epr-open", "EPR files not open within 60 s: " + robot.ui(part::messageText));
            return;
        }
        int eprTraces = robot.ui(() -> part.eprPlot().traces().size());
        String fieldTitle = robot.ui(() -> part.eprPlot().xAxisTitle());
        robot.report((eprTraces >= 2 && fieldTitle.contains("mT") ? "ok" : "FAIL") + " epr-field " + eprTraces
                + " traces, x axis '" + fieldTitle + "'");
        robot.screenshot("epr-field");
        select(part.eprAxisChooser(), 1);
        String gTitle = robot.ui(() -> part.eprPlot().xAxisTitle());
        List<Series> gTraces = robot.ui(() -> part.eprPlot().traces());
        Series bdpa = gTraces.stream().filter(s -> s.name().startsWith("BDPA")).findFirst().orElse(null);
        if (bdpa == null) {
            robot.fail("epr-g", "no BDPA trace on the g axis (" + gTraces.size() + " traces)");
        } else {
            double g = zeroCrossing(bdpa);
            robot.report((gTitle.startsWith("g-factor") && Math.abs(g - BDPA_G) < 5e-4 ? "ok" : "FAIL")
                    + String.format(Locale.ROOT, " epr-g x axis '%s', %d traces, '%s' crosses zero at g = %.5f (SOURCES.md %.4f)",
                            gTitle, gTraces.size(), bdpa.name(), g, BDPA_G));
        }
        robot.screenshot("epr-g");

        // Raman spectra and a small map from real files, overlaid
        String[] raman = prop("raman").split(",");
        robot.ui(() -> {
            part.open(Arrays.stream(raman).map(Path::of).toList());
            return null;
        });
        if (!settled(part, epr.length + raman.length)) {
            robot.fail("raman-open", "Raman files not open within 60 s: " + robot.ui(part::messageText));
        }
        robot.report("ok raman-open " + robot.ui(part::statusLine) + "; " + robot.ui(part::messageText));

        // the generated 100 x 100 x 1015 WDF map: time from the request to the band image on screen
        Path map = Path.of(prop("map"));
        long t0 = System.nanoTime();
        robot.ui(() -> {
            part.open(List.of(map));
            return null;
        });
        boolean shown = SelfTestRobot.waitFor(Duration.ofSeconds(60), () -> robot.ui(() -> part.openToMapMillis() >= 0
                && part.mapFile() != null && part.mapFile().file().getFileName().equals(map.getFileName())));
        double wall = (System.nanoTime() - t0) / 1e6;
        double partMs = robot.ui(part::openToMapMillis);
        robot.report(String.format(Locale.ROOT, "%s map-open %s (%.1f MB): band image %s %.0f ms after the open request"
                + " (robot's wall clock %.0f ms); goal <= 2000 ms: %s", shown ? "ok" : "FAIL", map.getFileName(),
                Files.size(map) / 1e6, shown ? "shown" : "NOT shown", partMs, wall, partMs <= 2000 ? "met" : "MISSED"));
        if (!shown) {
            return;
        }
        settled(part, epr.length + raman.length + 1);

        // the band image against the headless computation from the file read again
        SpectrumMap file = (SpectrumMap) registry.open(map).data();
        double[] band = RamanBands.map(file, RamanBands.DEFAULT_LOW, RamanBands.DEFAULT_HIGH).channels().get(0).z();
        MapPlot plot = robot.ui(part::mapPlot);
        int nx = file.nx();
        int differ = robot.ui(() -> {
            int d = 0;
            for (int j = 0; j < plot.ny(); j++) {
                for (int i = 0; i < plot.nx(); i++) {
                    if (Double.compare(plot.value(i, j), band[j * nx + i]) != 0) {
                        d++;
                    }
                }
            }
            return d;
        });
        robot.report((differ == 0 && robot.ui(plot::nx) == nx ? "ok" : "FAIL") + " band-image " + robot.ui(plot::nx) + " x "
                + robot.ui(plot::ny) + " pixels, " + differ + " differ from RamanBands.map of the file; colour bar '"
                + robot.ui(() -> plot.valueAxis().quantity()) + "', x axis '" + robot.ui(plot::xAxisTitle) + "'");

        // click a pixel: its spectrum is the file's spectrum there (the generator writes x fastest, 2 µm steps)
        int ai = 37;
        int aj = 62;
        robot.ui(() -> {
            Point c = plot.pixelCentre(ai, aj);
            for (int type : new int[] { SWT.MouseDown, SWT.MouseUp }) {
                Event e = new Event();
                e.x = c.x;
                e.y = c.y;
                e.button = 1;
                plot.plotControl().notifyListeners(type, e);
            }
            return null;
        });
        if (!SelfTestRobot.waitFor(Duration.ofSeconds(10), () -> robot.ui(part::pixelTrace) != null)) {
            robot.fail("click", "no spectrum shown after a click on pixel (" + ai + ", " + aj + ")");
            return;
        }
        // cells are 2-3 screen pixels wide here: the cell under the click is the one the plot selected
        org.onset.ui.plot.Pixel picked = robot.ui(plot::selection);
        int ci = picked.i();
        int cj = picked.j();
        boolean near = Math.abs(ci - ai) <= 1 && Math.abs(cj - aj) <= 1;
        {
            // what the Raman plot draws for the pixel, not only what the part remembers
            String traceName = robot.ui(part::pixelTrace).name();
            Series shownSpectrum = robot.ui(() -> part.opticalPlot().traces().stream().filter(t -> t.name().equals(traceName))
                    .findFirst().orElse(null));
            if (shownSpectrum == null) {
                robot.fail("click", "the Raman plot has no trace '" + traceName + "'");
                return;
            }
            int index = cj * nx + ci;
            double[] fx = file.x().values();
            double[] fy = file.spectrum(index).y().values();
            boolean same = shownSpectrum.x().length == fx.length;
            double maxDiff = 0;
            for (int k = 0; same && k < fx.length; k++) {
                maxDiff = Math.max(maxDiff, Math.abs(shownSpectrum.x()[k] - fx[k]));
                maxDiff = Math.max(maxDiff, Math.abs(shownSpectrum.y()[k] - fy[k]));
            }
            boolean located = Math.abs(file.positionX()[index] - ci * 2e-6) < 1e-9
                    && Math.abs(file.positionY()[index] - cj * 2e-6) < 1e-9;
            robot.report((same && maxDiff == 0 && located && near ? "ok" : "FAIL") + String.format(Locale.ROOT,
                    " click at the centre of (%d, %d) selected pixel (%d, %d) = spectrum %d at (%.1f, %.1f) µm: %d points shown, %d in the file,"
                            + " max |difference| %g; trace '%s'",
                    ai, aj, ci, cj, index, file.positionX()[index] * 1e6, file.positionY()[index] * 1e6, shownSpectrum.x().length,
                    fx.length, maxDiff, shownSpectrum.name()));
        }
        robot.screenshot("map-click");
        // overlays of spectra from several files: normalised, the pixel's spectrum beside Spectrum_532nm's
        robot.ui(() -> {
            part.normaliseChooser().setSelection(true);
            part.normaliseChooser().notifyListeners(SWT.Selection, new Event());
            return null;
        });
        List<Series> overlay = robot.ui(() -> part.opticalPlot().traces());
        double maxAbs = overlay.stream().flatMapToDouble(t -> Arrays.stream(t.y())).filter(Double::isFinite)
                .map(Math::abs).max().orElse(0);
        robot.report((overlay.size() >= 2 && Math.abs(maxAbs - 1) < 1e-12 ? "ok" : "FAIL") + " overlay-normalised "
                + overlay.size() + " traces " + overlay.stream().map(Series::name).toList() + ", largest |y| " + maxAbs
                + ", y axis '" + robot.ui(() -> part.opticalPlot().yAxisTitle()) + "'");
        robot.screenshot("map-click-normalised");

        // another band: the Si line at 520 cm^-1
        robot.ui(() -> {
            part.setBand(500, 540);
            return null;
        });
        double[] si = RamanBands.map(file, 500, 540).channels().get(0).z();
        boolean siSame = robot.ui(() -> Double.compare(plot.value(ci, cj), si[cj * nx + ci]) == 0
                && Double.compare(plot.value(0, 0), si[0]) == 0);
        robot.report((siSame ? "ok" : "FAIL") + " band-range 500-540 cm^-1: pixel value "
                + robot.ui(() -> plot.value(ci, cj)) + ", spectrum still shown: " + (robot.ui(part::pixelTrace) != null));
        robot.screenshot("band-si");
        robot.ui(() -> {
            part.setBand(RamanBands.DEFAULT_LOW, RamanBands.DEFAULT_HIGH);
            return null;
        });

        // the wavelength axis (the generated map's laser is 532 nm)
        select(part.opticalAxisChooser(), 1);
        String wl = robot.ui(() -> part.opticalPlot().xAxisTitle());
        Series pixelInWl = robot.ui(part::pixelTrace);
        double firstNm = pixelInWl == null ? Double.NaN : pixelInWl.x()[0] * 1e9;
        double expectNm = 1e7 / (1e7 / 532.0 - file.x().values()[0]);
        robot.report((wl.startsWith("wavelength") && wl.contains("nm") && Math.abs(firstNm - expectNm) < 0.01 ? "ok" : "FAIL")
                + String.format(Locale.ROOT, " raman-wavelength x axis '%s', first point %.3f nm (expected %.3f nm)", wl,
                        firstNm, expectNm));
        robot.screenshot("raman-wavelength");
        select(part.opticalAxisChooser(), 0);

        // a damaged file: a clear message naming it
        String bad = System.getProperty(PROPERTY + ".bad");
        if (bad != null) {
            int before = robot.ui(part::openFiles);
            robot.ui(() -> {
                part.open(List.of(Path.of(bad)));
                return null;
            });
            SelfTestRobot.waitFor(Duration.ofSeconds(30), () -> !robot.ui(part::busy));
            String msg = robot.ui(part::messageText);
            robot.report((msg.startsWith("Cannot open") && msg.contains(Path.of(bad).getFileName().toString())
                    && robot.ui(part::openFiles) == before ? "ok" : "FAIL") + " bad-file message: " + msg);
            robot.screenshot("bad-file");
        }

        Path export = dir.resolve("export");
        List<Path> written = robot.ui(() -> part.exportAll(export));
        robot.report("ok export " + written.size() + " files in " + export);
        select(part.eprAxisChooser(), 1);
        robot.screenshot("final");
    }

    /** Waits until the part has {@code files} files open and no job running. */
    private boolean settled(SpectroscopyPart part, int files) throws Exception {
        return SelfTestRobot.waitFor(Duration.ofSeconds(60), () -> robot.ui(() -> !part.busy() && part.openFiles() >= files));
    }

    /** x where the trace changes sign between its maximum and its minimum (linear interpolation). */
    private static double zeroCrossing(Series s) {
        double[] x = s.x();
        double[] y = s.y();
        int max = 0;
        int min = 0;
        for (int k = 1; k < y.length; k++) {
            if (y[k] > y[max]) {
                max = k;
            }
            if (y[k] < y[min]) {
                min = k;
            }
        }
        for (int k = Math.min(max, min); k < Math.max(max, min); k++) {
            if (Math.signum(y[k]) != Math.signum(y[k + 1])) {
                return x[k] + (x[k + 1] - x[k]) * y[k] / (y[k] - y[k + 1]);
            }
        }
        return Double.NaN;
    }

    private void select(Combo combo, int index) throws Exception {
        robot.ui(() -> {
            combo.select(index);
            combo.notifyListeners(SWT.Selection, new Event());
            return null;
        });
    }

    private static String prop(String name) {
        String v = System.getProperty(PROPERTY + "." + name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("-D" + PROPERTY + "." + name + " is not set");
        }
        return v;
    }
}
