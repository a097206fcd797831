package org.onset.ui.drivers.internal.selftest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.onset.ui.drivers.internal.ManageDriversHandler;
import org.onset.ui.drivers.internal.ManageDriversDialog;

import jakarta.inject.Inject;

/**
 * Self-test of Instruments › Manage Drivers… in the real workbench: the dialog opens on the running
 * installer; a bad bundle ({@code DIR.bad}) is refused with its reason and the table is unchanged; a
 * driver ({@code DIR.good}, a jar or a p2 repository zip) is installed and listed; it is removed and
 * the table is as at the start. Writes {@code DIR/report.txt} ("ok …" / "FAIL …") and screenshots of
 * the dialog, then closes the workbench. Added to the model only by {@link DriversSelfTestProcessor}.
 */
public class DriversSelfTest {

    static final String PROPERTY = "onset.ui.drivers.selftest";

    private Display display;
    private IWorkbench workbench;
    private MApplication app;
    private Path dir;
    private final List<String> report = new ArrayList<>();
    private int shots;

    @Inject
    @Optional
    public void startupComplete(@UIEventTopic(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE) Object event,
            MApplication app, IWorkbench workbench, Display display) {
        this.app = app;
        this.workbench = workbench;
        this.display = display;
        this.dir = Path.of(System.getProperty(PROPERTY));
        Thread robot = new Thread(this::run, "onset drivers self-test");
        robot.setDaemon(true);
        robot.start();
    }

    private void run() {
        try {
            Files.createDirectories(dir);
            Thread.sleep(1500);
            ManageDriversDialog dialog = ui(() -> {
                Shell main = (Shell) app.getChildren().get(0).getWidget();
                ManageDriversDialog d = ManageDriversHandler.create(main);
                d.setBlockOnOpen(false);
                d.open();
                d.getShell().setSize(1000, 480);
                return d;
            });
            List<List<String>> start = ui(dialog::rows);
            check("open", !start.isEmpty(), start.size() + " driver bundles listed: "
                    + start.stream().map(r -> r.get(0)).toList());
            screenshot(dialog, "manage-drivers");

            Path bad = Path.of(System.getProperty(PROPERTY + ".bad"));
            String refused = ui(() -> dialog.install(bad)).get(60, TimeUnit.SECONDS);
            List<List<String>> afterBad = ui(dialog::rows);
            check("refused-bad", refused.startsWith("Refused") && afterBad.equals(start), refused.replace('\n', ' '));
            screenshot(dialog, "refused");

            Path good = Path.of(System.getProperty(PROPERTY + ".good"));
            String installed = ui(() -> dialog.install(good)).get(60, TimeUnit.SECONDS);
            List<List<String>> afterGood = ui(dialog::rows);
            String bsn = System.getProperty(PROPERTY + ".bsn", "org.example.acme.driver");
            boolean listed = afterGood.stream().anyMatch(r -> r.get(0).equals(bsn) && r.get(3).equals("installed")
                    && (r.get(2).equals("ACTIVE") || r.get(2).equals("STARTING")));
            check("installed", installed.startsWith("Installed") && listed && afterGood.size() == start.size() + 1,
                    installed.replace('\n', ' '));
            ui(() -> {
                dialog.select(bsn);
                return null;
            });
            screenshot(dialog, "installed");

            String removed = ui(() -> dialog.remove(bsn)).get(60, TimeUnit.SECONDS);
            List<List<String>> afterRemove = ui(dialog::rows);
            check("removed", removed.startsWith("Removed") && afterRemove.equals(start), removed);
            screenshot(dialog, "removed");
            ui(dialog::close); // on the UI thread, like every widget call
        } catch (Throwable t) {
            report.add("FAIL selftest stopped by " + t);
            t.printStackTrace();
        }
        try {
            Files.write(dir.resolve("report.txt"), report, StandardCharsets.UTF_8);
        } catch (Exception e) {
            System.err.println("drivers self-test: cannot write the report: " + e);
        }
        display.asyncExec(workbench::close);
    }

    private void check(String step, boolean ok, String detail) {
        report.add((ok ? "ok " : "FAIL ") + step + " " + detail);
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

    /** The dialog as it is on the screen. */
    private void screenshot(ManageDriversDialog dialog, String name) throws Exception {
        Thread.sleep(300); // let the last repaint land
        Path png = dir.resolve(String.format("%02d-%s.png", ++shots, name));
        ui(() -> {
            Rectangle r = dialog.getShell().getBounds();
            Image image = new Image(display, r.width, r.height);
            GC gc = new GC(display);
            try {
                gc.copyArea(image, r.x, r.y);
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
}
