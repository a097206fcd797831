package org.onset.ui.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.plot.Axis;
import org.onset.plot.Range;

/** The histogram on a real display: bins, counts by group, stacked bars in the group colours, read-out, exports. */
class HistogramPlotTest {

    static final int ALPO4 = 0xE69F00;
    Shell shell;
    HistogramPlot hist;

    @BeforeEach
    void open() {
        shell = Ui.shell(760, 480);
        hist = new HistogramPlot(shell, SWT.NONE, Axis.of("onset bias", "V"));
        // bins of 0.1 V from −4 to −3: AlPO4 all in bin 2 (−3.8 … −3.7), boundary in bins 2 and 5, matrix in bin 7
        hist.setBinRange(new Range(-4, -3));
        hist.setBins(10);
        hist.setGroups(List.of(new HistogramGroup("AlPO4", new double[] { -3.75, -3.72, -3.78, Double.NaN }, ALPO4),
                HistogramGroup.of("boundary", new double[] { -3.71, -3.45, -3.44 }),
                HistogramGroup.of("matrix", new double[] { -3.25, -3.26, -3.27, -3.28, -5 })));
        shell.open();
        Ui.settle(300);
    }

    @AfterEach
    void close() {
        shell.dispose();
        Ui.settle(0);
    }

    @Test
    void countsPerGroupAndBin() throws Exception {
        int[][] c = hist.counts();
        assertArrayEquals(new int[] { 0, 0, 3, 0, 0, 0, 0, 0, 0, 0 }, c[0]);
        assertArrayEquals(new int[] { 0, 0, 1, 0, 0, 2, 0, 0, 0, 0 }, c[1]);
        assertArrayEquals(new int[] { 0, 0, 0, 0, 0, 0, 0, 4, 0, 0 }, c[2], "−5 V is outside the bins");
        assertEquals(11, hist.binEdges().length);
        assertEquals("onset bias (V)", hist.xAxisTitle());
        assertEquals("count", hist.yAxisTitle());
        assertEquals(4 * 1.05, hist.yRange().hi(), 1e-9, "the highest stack and 5 %");
        Ui.save(Ui.screenshot(hist), "histogram-by-phase");
    }

    @Test
    void barsAreStackedInGroupColours() {
        ImageData shot = Ui.screenshot(hist.plotControl());
        Point bottom = hist.pixelOf(-3.75, 1.5);
        assertTrue(Ui.maxChannelDiff(ALPO4, Ui.rgb(shot, bottom.x, bottom.y)) <= 2,
                String.format("AlPO4 at the bottom of bin 2: %06X", Ui.rgb(shot, bottom.x, bottom.y)));
        Point top = hist.pixelOf(-3.75, 3.5);
        int boundary = hist.toFigure() instanceof org.onset.plot.XYFigure f ? f.series().get(1).rgb() : -1;
        assertTrue(Ui.maxChannelDiff(boundary, Ui.rgb(shot, top.x, top.y)) <= 2,
                String.format("boundary stacked on top: %06X vs %06X", boundary, Ui.rgb(shot, top.x, top.y)));
    }

    @Test
    void readoutNamesTheBinAndItsCounts() {
        Point p = hist.pixelOf(-3.45, 0.5);
        Ui.mouse(hist.plotControl(), SWT.MouseMove, p.x, p.y, 0, 0);
        String r = hist.readout();
        assertTrue(r.contains("AlPO4 0, boundary 2, matrix 0"), r);
        assertTrue(r.contains("V"), r);
    }

    @Test
    void exports(@TempDir Path dir) throws Exception {
        hist.exportCsv(dir.resolve("h.csv"));
        hist.exportPng(dir.resolve("h.png"));
        hist.exportSvg(dir.resolve("h.svg"));
        List<String> lines = Files.readAllLines(dir.resolve("h.csv"));
        assertEquals("onset bias bin low (V),onset bias bin high (V),AlPO4 (count),boundary (count),matrix (count)",
                lines.get(0));
        assertEquals(11, lines.size());
        String[] bin5 = lines.get(1 + 5).split(",");
        assertEquals(-3.5, Double.parseDouble(bin5[0]), 1e-12);
        assertEquals("2", bin5[3]);
        assertEquals(hist.toFigure().width(), ImageIO.read(dir.resolve("h.png").toFile()).getWidth());
        assertTrue(Files.readString(dir.resolve("h.svg")).contains("matrix"));
        Files.createDirectories(Path.of("target", "screenshots"));
        Files.copy(dir.resolve("h.png"), Path.of("target", "screenshots", "histogram-export.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
