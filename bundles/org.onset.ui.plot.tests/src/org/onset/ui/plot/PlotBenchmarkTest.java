package org.onset.ui.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onset.plot.Axis;
import org.onset.plot.Series;

/**
 * The plot benchmarks of issue 8, on the real display: repaint of a 512 × 512 map (goal ≤ 10 ms) and redraw
 * of a 100 000-point trace (goal ≤ 20 ms), each the median of N synchronous paints (redraw() then update(),
 * which paints before it returns; a paint counter checks that every iteration painted). The figures are
 * printed with their goals and kept in target/benchmarks/ui-plot.txt. A figure beyond three times its goal
 * fails the test: something broke, not just a busy machine.
 */
class PlotBenchmarkTest {

    static final int N = 60;
    static final int WARMUP = 15;
    static final Path REPORT = Path.of("target", "benchmarks", "ui-plot.txt");

    static Shell shell;

    @BeforeAll
    static void open() throws IOException {
        shell = Ui.shell(1000, 800);
        shell.open();
        Ui.settle(100);
        Files.createDirectories(REPORT.getParent());
        Files.deleteIfExists(REPORT);
    }

    @AfterAll
    static void close() {
        shell.dispose();
        Ui.settle(0);
    }

    @Test
    void map512Repaint() throws IOException {
        MapPlot map = new MapPlot(shell, SWT.NONE, Axis.of("x", "m"), Axis.of("y", "m"));
        map.setValueAxis(Axis.of("onset bias", "V"));
        int n = 512;
        double[] a = field(n, 1);
        double[] b = field(n, 2);
        map.setMap(n, n, a, 0, n * 20e-9, 0, n * 20e-9);
        shell.layout(true, true);
        Ui.settle(200);
        Control plot = map.plotControl();
        double[] repaint = time(plot, () -> {
            plot.redraw();
            plot.update();
        });
        report("map 512 x 512 repaint (plot area)", repaint, 10);
        double[] whole = time(plot, () -> {
            map.redraw(0, 0, map.getSize().x, map.getSize().y, true);
            map.getDisplay().update();
        });
        report("map 512 x 512 repaint (axes, colour bar too)", whole, 10);

        // live maps: a whole new array, recoloured and shown (fixed limits; automatic ones sort the values first)
        map.setFixedLimits(-4, 0);
        double[][] next = { a, b };
        int[] k = { 0 };
        double[] update = time(plot, () -> {
            map.setValues(next[k[0]++ % 2]);
            while (map.getDisplay().readAndDispatch()) {
                // the coalesced refresh
            }
            plot.update();
        });
        report("map 512 x 512 new values + recolour + repaint, fixed limits", update, Double.NaN);
        map.setAutoLimits();
        double[] updateAuto = time(plot, () -> {
            map.setValues(next[k[0]++ % 2]);
            while (map.getDisplay().readAndDispatch()) {
                // the coalesced refresh
            }
            plot.update();
        });
        report("map 512 x 512 new values + recolour + repaint, 2-98 % limits", updateAuto, Double.NaN);
        Ui.save(Ui.screenshot(map), "bench-map-512");
        map.dispose();
        assertTrue(median(repaint) <= 3 * 10, "map repaint far beyond its goal: " + median(repaint) + " ms");
    }

    @Test
    void trace100kRedraw() throws IOException {
        XYPlot xy = new XYPlot(shell, SWT.NONE, Axis.of("time", "s"), Axis.of("current", "A"));
        int n = 100_000;
        double[] t = new double[n];
        double[] i = new double[n];
        Random r = new Random(1);
        for (int k = 0; k < n; k++) {
            t[k] = k * 1e-5;
            i[k] = -1e-11 * Math.sin(k * 1e-3) - 2e-12 * r.nextGaussian();
        }
        xy.setTraces(List.of(Series.line("I(t)", t, i)));
        shell.layout(true, true);
        Ui.settle(200);
        Control plot = xy.plotControl();
        double[] redraw = time(plot, () -> {
            plot.redraw();
            plot.update();
        });
        report("trace of 100 000 points redraw (plot area)", redraw, 20);
        double[] zoomed = time(plot, () -> {
            xy.zoom(0.999);
            plot.update();
        });
        report("trace of 100 000 points zoom step + redraw (axes too)", zoomed, 20);
        Ui.save(Ui.screenshot(xy), "bench-trace-100k");
        xy.dispose();
        assertTrue(median(redraw) <= 3 * 20, "trace redraw far beyond its goal: " + median(redraw) + " ms");
    }

    /** Milliseconds of each of N paints after a warm-up; fails unless every iteration painted the plot area. */
    private static double[] time(Control plot, Runnable paint) {
        int[] paints = { 0 };
        org.eclipse.swt.events.PaintListener counter = e -> paints[0]++;
        plot.addPaintListener(counter);
        for (int k = 0; k < WARMUP; k++) {
            paint.run();
        }
        paints[0] = 0;
        double[] ms = new double[N];
        for (int k = 0; k < N; k++) {
            long t0 = System.nanoTime();
            paint.run();
            ms[k] = (System.nanoTime() - t0) / 1e6;
        }
        plot.removePaintListener(counter);
        assertEquals(N, paints[0], "every redraw painted synchronously");
        return ms;
    }

    private static double median(double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        return (s[(s.length - 1) / 2] + s[s.length / 2]) / 2;
    }

    private static void report(String what, double[] ms, double goalMs) throws IOException {
        double[] s = ms.clone();
        Arrays.sort(s);
        double med = median(ms);
        String goal = Double.isNaN(goalMs) ? "(no goal)"
                : String.format(Locale.ROOT, "goal <= %.0f ms: %s", goalMs, med <= goalMs ? "met" : "MISSED");
        String line = String.format(Locale.ROOT, "ui-plot benchmark  %-62s median %6.2f ms  p90 %6.2f ms  min %6.2f ms  (N=%d)  %s",
                what, med, s[(int) Math.floor(0.9 * (s.length - 1))], s[0], ms.length, goal);
        System.out.println(line);
        Files.writeString(REPORT, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** A smooth field with noise, volts around −3 V. */
    private static double[] field(int n, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                v[j * n + i] = -3 + 0.5 * Math.sin(i * 0.03 + seed) * Math.cos(j * 0.02) + 0.05 * r.nextGaussian();
            }
        }
        for (int k = 0; k < v.length; k += 97) {
            v[k] = Double.NaN;
        }
        return v;
    }
}
