package org.onset.ui.selftest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Drives a running workbench from its own thread, the way a user would, for one self-test: every
 * widget call goes through {@link #ui} onto the UI thread, conditions are polled with
 * {@link #waitFor}, and each step adds an "ok …" or "FAIL …" line to a report that is written to
 * {@code DIR/report.txt} (with the screenshots beside it) before the workbench is closed.
 */
public final class SelfTestRobot {

    /** Steps of a self-test, run on the robot thread. */
    public interface Steps {
        void run(SelfTestRobot robot) throws Exception;
    }

    /** A condition polled by {@link SelfTestRobot#waitFor}. */
    public interface Check {
        boolean ok() throws Exception;
    }

    private final Display display;
    private final Path dir;
    private final String name;
    private final List<String> report = new ArrayList<>();
    private int shots;
    private volatile boolean closesItself;

    /**
     * @param name the self-test's name, for its thread and its messages on stderr
     */
    public SelfTestRobot(Display display, Path dir, String name) {
        this.display = Objects.requireNonNull(display, "display");
        this.dir = Objects.requireNonNull(dir, "dir");
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Runs {@code steps} on a new daemon thread once the workbench has settled (1.5 s after startup,
     * its main window then made to fill the screen), then writes the report and closes the
     * workbench. A step that throws ends the test with a FAIL line naming the exception; the report
     * is written anyway.
     */
    public void start(IWorkbench workbench, Steps steps) {
        Thread robot = new Thread(() -> {
            try {
                Files.createDirectories(dir);
                Thread.sleep(1500);
                ui(() -> {
                    for (Shell s : display.getShells()) {
                        if (s.getParent() == null && s.isVisible()) {
                            s.setBounds(display.getPrimaryMonitor().getClientArea());
                            break;
                        }
                    }
                    return null;
                });
                steps.run(this);
            } catch (Throwable t) {
                fail("selftest", "stopped by " + t);
                t.printStackTrace();
            }
            if (!closesItself) { // else the steps wrote it: the JVM may be ending now
                writeReport();
                display.asyncExec(workbench::close);
            }
        }, "onset " + name + " self-test");
        robot.setDaemon(true);
        robot.start();
    }

    /** The folder the report and the screenshots go to. */
    public Path dir() {
        return dir;
    }

    public Display display() {
        return display;
    }

    /** Runs {@code action} on the UI thread and returns its result; its exception is rethrown here. */
    public <T> T ui(Callable<T> action) throws Exception {
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

    /** Polls {@code check} every 50 ms until it holds or {@code timeout} has passed; the last answer counts. */
    public static boolean waitFor(Duration timeout, Check check) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (check.ok()) {
                return true;
            }
            Thread.sleep(50);
        }
        return check.ok();
    }

    /** Waits {@code ms}, then until the UI thread has handled (and painted) what was queued before. */
    public void settle(long ms) throws Exception {
        Thread.sleep(ms);
        ui(() -> null);
    }

    /** The OSGi service of {@code type}, waiting up to 30 s for it to appear; null if it does not. */
    public <T> T service(Class<T> type) throws InterruptedException {
        // this bundle is activated lazily, by the first load of this class: it has a context by now
        BundleContext context = FrameworkUtil.getBundle(SelfTestRobot.class).getBundleContext();
        if (context == null) {
            throw new IllegalStateException("org.onset.ui.selftest is not active: no services to look up");
        }
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        return tracker.waitForService(30_000);
    }

    /** Adds "ok STEP DETAIL" or "FAIL STEP DETAIL" to the report. */
    public void check(String step, boolean ok, String detail) {
        report.add((ok ? "ok " : "FAIL ") + step + " " + detail);
    }

    public void fail(String step, String why) {
        check(step, false, why);
    }

    /** Adds a line as it is (the caller wrote "ok" or "FAIL" itself). */
    public void report(String line) {
        report.add(line);
    }

    /** Saves the workbench's main window (the first visible top-level shell) as {@code NN-NAME.png}. */
    public Path screenshot(String shotName) throws Exception {
        Shell main = ui(() -> {
            for (Shell s : display.getShells()) {
                if (s.isVisible() && s.getParent() == null) {
                    return s;
                }
            }
            return display.getShells()[0];
        });
        return screenshot(main, shotName);
    }

    /** Saves what {@code shell} draws (its client area and children) as {@code NN-NAME.png}. */
    public Path screenshot(Shell shell, String shotName) throws Exception {
        return capture(shell, false, shotName);
    }

    /**
     * Saves the part of the screen that {@code shell} covers, frame and all, as {@code NN-NAME.png}:
     * for dialogs, whose own drawing a copy of the shell misses under some window managers.
     */
    public Path screenshotOfScreen(Shell shell, String shotName) throws Exception {
        Thread.sleep(300); // let the last repaint land
        return capture(shell, true, shotName);
    }

    private Path capture(Shell shell, boolean fromScreen, String shotName) throws Exception {
        Path png = dir.resolve(String.format("%02d-%s.png", ++shots, shotName));
        ui(() -> {
            Point size = shell.getSize();
            Rectangle area = fromScreen ? shell.getBounds() : new Rectangle(0, 0, size.x, size.y);
            Image image = new Image(display, area.width, area.height);
            GC gc = fromScreen ? new GC(display) : new GC(shell);
            try {
                gc.copyArea(image, area.x, area.y);
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
        return png;
    }

    /** The colour {@code control} shows at {@code p} (control coordinates); call on the UI thread. */
    public RGB pixel(Control control, Point p) {
        Point size = control.getSize();
        Image image = new Image(display, size.x, size.y);
        GC gc = new GC(control);
        try {
            gc.copyArea(image, 0, 0);
            ImageData d = image.getImageData();
            return d.palette.getRGB(d.getPixel(p.x, p.y));
        } finally {
            gc.dispose();
            image.dispose();
        }
    }

    /** The first control of {@code type} under {@code root} (itself included) that passes {@code test}; null if none. */
    public static <T extends Control> T find(Control root, Class<T> type, Predicate<T> test) {
        if (type.isInstance(root) && test.test(type.cast(root))) {
            return type.cast(root);
        }
        if (root instanceof Composite parent) {
            for (Control child : parent.getChildren()) {
                T found = find(child, type, test);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The first button under {@code c} whose text, without mnemonics, is {@code text}; null if none. */
    public static Button button(Control c, String text) {
        return find(c, Button.class, b -> text.equals(b.getText().replace("&", "")));
    }

    /** The texts of all labels under {@code c}, each followed by a space. */
    public static String labels(Control c) {
        StringBuilder b = new StringBuilder();
        if (c instanceof Label l) {
            b.append(l.getText()).append(' ');
        }
        if (c instanceof Composite parent) {
            for (Control child : parent.getChildren()) {
                b.append(labels(child));
            }
        }
        return b.toString();
    }

    /**
     * Says that the steps are about to make the workbench close by itself (a dialog they answer):
     * the report is written now, and the robot neither writes it again nor closes the workbench.
     */
    public void workbenchClosesItself() {
        writeReport();
        closesItself = true;
    }

    /**
     * Writes the report as it is now; done anyway when the steps end, earlier by steps after which
     * the workbench may be gone.
     */
    public void writeReport() {
        try {
            Files.write(dir.resolve("report.txt"), report, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println(name + " self-test: cannot write the report: " + e);
        }
    }
}
