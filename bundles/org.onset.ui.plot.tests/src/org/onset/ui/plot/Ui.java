package org.onset.ui.plot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;

/** The real SWT display for the tests (Xvfb under ./onset test): shells, the event loop, screenshots, mouse events. */
final class Ui {

    private Ui() {
    }

    static Display display() {
        if (System.getenv("DISPLAY") == null || System.getenv("DISPLAY").isEmpty()) {
            throw new IllegalStateException("no DISPLAY: the SWT plot tests need one (./onset test starts Xvfb)");
        }
        return Display.getDefault();
    }

    static Shell shell(int w, int h) {
        Shell shell = new Shell(display());
        shell.setLayout(new FillLayout());
        shell.setSize(w, h);
        shell.setLocation(0, 0);
        return shell;
    }

    /** Runs the event loop until nothing is left to do (and at least {@code ms} milliseconds). */
    static void settle(int ms) {
        Display d = display();
        long end = System.nanoTime() + ms * 1_000_000L;
        do {
            while (d.readAndDispatch()) {
                // drain
            }
            if (System.nanoTime() < end) {
                sleep(5);
            }
        } while (System.nanoTime() < end);
        while (d.readAndDispatch()) {
            // drain
        }
    }

    static void waitFor(BooleanSupplier condition, int timeoutMs) {
        long end = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            settle(10);
        }
    }

    private static void sleep(int ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What is on the screen over a control (GC copyArea: the pixels the X server shows). */
    static ImageData screenshot(Control c) {
        c.update();
        Point size = c.getSize();
        Image image = new Image(c.getDisplay(), size.x, size.y);
        GC gc = new GC(c);
        try {
            gc.copyArea(image, 0, 0);
        } finally {
            gc.dispose();
        }
        ImageData data = image.getImageData();
        image.dispose();
        return data;
    }

    /** 0xRRGGBB of one pixel of a screenshot. */
    static int rgb(ImageData data, int x, int y) {
        org.eclipse.swt.graphics.RGB rgb = data.palette.getRGB(data.getPixel(x, y));
        return rgb.red << 16 | rgb.green << 8 | rgb.blue;
    }

    /** Saves a screenshot under target/screenshots (kept for people to look at). */
    static Path save(ImageData data, String name) throws IOException {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Path f = dir.resolve(name + ".png");
        ImageLoader l = new ImageLoader();
        l.data = new ImageData[] { data };
        l.save(f.toString(), SWT.IMAGE_PNG);
        return f;
    }

    static void mouse(Control c, int type, int x, int y, int button, int stateMask) {
        Event e = new Event();
        e.type = type;
        e.x = x;
        e.y = y;
        e.button = button;
        e.stateMask = stateMask;
        e.count = type == SWT.MouseWheel ? 1 : 0;
        c.notifyListeners(type, e);
    }

    static void wheel(Control c, int x, int y, int count) {
        Event e = new Event();
        e.x = x;
        e.y = y;
        e.count = count;
        c.notifyListeners(SWT.MouseWheel, e);
    }

    static void key(Control c, int keyCode) {
        Event e = new Event();
        e.keyCode = keyCode;
        c.notifyListeners(SWT.KeyDown, e);
    }

    static int maxChannelDiff(int a, int b) {
        int d = 0;
        for (int s = 0; s <= 16; s += 8) {
            d = Math.max(d, Math.abs((a >> s & 0xFF) - (b >> s & 0xFF)));
        }
        return d;
    }
}
