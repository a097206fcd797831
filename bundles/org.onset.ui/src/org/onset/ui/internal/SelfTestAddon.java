package org.onset.ui.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspective;
import org.eclipse.e4.ui.model.application.ui.advanced.MPlaceholder;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Widget;

/**
 * Self-test for the UI smoke test: when started with {@code -Donset.ui.selftest=DIR}, it visits
 * every perspective once the workbench is up, saves a picture of the window for each
 * ({@code DIR/perspective-N.png}), writes which parts are rendered ({@code DIR/selftest.txt}) and
 * closes the workbench. Without the property it does nothing.
 */
public class SelfTestAddon {

    private static final String PROPERTY = "onset.ui.selftest";

    @Inject
    @Optional
    public void startupComplete(@UIEventTopic(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE) Object event,
            MApplication app, EModelService models, EPartService parts, IWorkbench workbench, Display display) {
        String dir = System.getProperty(PROPERTY);
        if (dir == null || dir.isBlank()) {
            return;
        }
        display.timerExec(1500, () -> run(Path.of(dir), app, models, parts, workbench, display));
    }

    private void run(Path dir, MApplication app, EModelService models, EPartService parts, IWorkbench workbench,
            Display display) {
        List<String> report = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            List<MPerspective> perspectives = models.findElements(app, null, MPerspective.class);
            int n = 0;
            byte[] previous = null;
            for (MPerspective p : perspectives) {
                parts.switchPerspective(p);
                settle(display);
                Shell shell = display.getActiveShell() != null ? display.getActiveShell() : display.getShells()[0];
                Path png = dir.resolve("perspective-" + (++n) + ".png");
                // on a loaded machine the X server may still show the previous perspective: wait for the
                // new one to be painted (up to 10 s) rather than take a picture of the old one
                byte[] shown = capture(shell, png);
                for (int tries = 0; tries < 20 && java.util.Arrays.equals(shown, previous); tries++) {
                    shell.update();
                    settle(display, 500);
                    shown = capture(shell, png);
                }
                previous = shown;
                java.util.Set<String> visible = new java.util.LinkedHashSet<>();
                for (MPart part : models.findElements(p, null, MPart.class)) {
                    if (part.isToBeRendered() && part.getWidget() instanceof Widget w && !w.isDisposed()) {
                        visible.add(part.getLabel());
                    }
                }
                // the shared System part sits in the window's shared elements, reached through a placeholder
                for (MPlaceholder ph : models.findElements(p, null, MPlaceholder.class)) {
                    if (ph.isToBeRendered() && ph.getRef() instanceof MPart shared
                            && shared.getWidget() instanceof Widget w && !w.isDisposed()
                            && parts.isPartVisible(shared)) {
                        visible.add(shared.getLabel());
                    }
                }
                report.add("perspective " + p.getLabel() + " (" + p.getElementId() + "): " + png.getFileName()
                        + " parts=" + String.join(",", visible));
            }
            report.add("perspectives=" + perspectives.size());
        } catch (RuntimeException | IOException e) {
            report.add("error: " + e);
        }
        try {
            Files.write(dir.resolve("selftest.txt"), report, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("self-test: cannot write report: " + e);
        }
        workbench.close();
    }

    private static void settle(Display display) {
        settle(display, 700);
    }

    private static void settle(Display display, long millis) {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (!display.readAndDispatch()) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Writes the shell as it is on the screen to {@code png} and returns its pixels. */
    private static byte[] capture(Shell shell, Path png) {
        var size = shell.getSize();
        Image image = new Image(shell.getDisplay(), size.x, size.y);
        GC gc = new GC(shell);
        try {
            gc.copyArea(image, 0, 0);
            ImageLoader loader = new ImageLoader();
            org.eclipse.swt.graphics.ImageData data = image.getImageData();
            loader.data = new org.eclipse.swt.graphics.ImageData[] { data };
            loader.save(png.toString(), SWT.IMAGE_PNG);
            return data.data;
        } finally {
            gc.dispose();
            image.dispose();
        }
    }
}
