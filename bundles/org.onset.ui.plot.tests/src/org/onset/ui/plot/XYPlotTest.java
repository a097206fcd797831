package org.onset.ui.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

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
import org.onset.plot.Series;

/** The XY plot on a real display: SI axes, traces and markers, crosshair read-out, zoom, log, exports. */
class XYPlotTest {

    static final int FLAT_RGB = 0x009E73;

    Shell shell;
    XYPlot plot;
    double[] bias;
    double[] current;

    @BeforeEach
    void open() {
        shell = Ui.shell(820, 520);
        plot = new XYPlot(shell, SWT.NONE, Axis.of("bias", "V"), Axis.of("current", "A"));
        int n = 421;
        bias = new double[n];
        current = new double[n];
        for (int k = 0; k < n; k++) {
            bias[k] = -0.01 * k;
            current[k] = -1e-12 * Math.exp(-bias[k] - 1.8);
        }
        double[] flatX = { 0, -4.2 };
        double[] flatY = { -2e-12, -2e-12 };
        plot.setTraces(List.of(Series.line("I", bias, current), new Series("threshold", flatX, flatY, FLAT_RGB, false)));
        plot.setMarkers(List.of(new Marker("cutoff sample", bias[400], current[400], 0xD55E00)));
        plot.setTitle("pixel 12, 40");
        shell.open();
        Ui.settle(300);
    }

    @AfterEach
    void close() {
        shell.dispose();
        Ui.settle(0);
    }

    @Test
    void axesCarryQuantityAndSiPrefixedUnit() throws Exception {
        assertEquals("bias (V)", plot.xAxisTitle());
        assertEquals("current (pA)", plot.yAxisTitle());
        for (String label : plot.xTickLabels()) {
            assertTrue(label.matches("-?\\d+(\\.\\d+)?") && label.length() <= 5, "plain short tick label: " + label);
        }
        Ui.save(Ui.screenshot(plot), "xy-iv");
        plot.setAxes(Axis.of("bias", "V"), Axis.of("current", "A", -9));
        assertEquals("current (nA)", plot.yAxisTitle(), "a fixed exponent");
    }

    @Test
    void tracesAreDrawnInTheirColours() {
        ImageData shot = Ui.screenshot(plot.plotControl());
        Point p = plot.pixelOf(-1.0, -2e-12);
        boolean found = false;
        for (int dy = -1; dy <= 1 && !found; dy++) {
            found = Ui.maxChannelDiff(FLAT_RGB, Ui.rgb(shot, p.x, p.y + dy)) <= 8;
        }
        assertTrue(found, String.format("the threshold line's colour %06X at %s, found %06X", FLAT_RGB, p,
                Ui.rgb(shot, p.x, p.y)));
        assertEquals(3, plot.traces().size() + plot.markers().size());
        assertEquals(org.onset.plot.XYFigure.PALETTE.get(0), plot.traces().get(0).rgb(), "first palette colour");
    }

    @Test
    void crosshairReadsOutThePointerPositionWithUnits() {
        Point p = plot.pixelOf(-2.0, -5e-12);
        Ui.mouse(plot.plotControl(), SWT.MouseMove, p.x, p.y, 0, 0);
        Matcher m = Pattern.compile("bias = (-?[\\d.]+) V,   current = (-?[\\d.]+) pA").matcher(plot.readout());
        assertTrue(m.matches(), plot.readout());
        Range x = plot.xRange();
        Range y = plot.yRange();
        double vPerPx = x.span() / plot.plotControl().getSize().x;
        double aPerPx = y.span() / plot.plotControl().getSize().y;
        assertEquals(-2.0, Double.parseDouble(m.group(1)), 1.5 * vPerPx);
        assertEquals(-5.0, Double.parseDouble(m.group(2)), 1.5 * aPerPx * 1e12);
        Ui.mouse(plot.plotControl(), SWT.MouseExit, 0, 0, 0, 0);
        assertEquals("", plot.readout());
    }

    @Test
    void wheelBoxZoomAndResetChangeTheRanges() {
        Range x = plot.xRange();
        Range y = plot.yRange();
        Point c = plot.pixelOf(-3.0, -10e-12);
        Ui.wheel(plot.plotControl(), c.x, c.y, 1);
        assertEquals(0.8 * x.span(), plot.xRange().span(), 0.01 * x.span());
        assertTrue(plot.xRange().lo() > x.lo() && plot.xRange().hi() < x.hi());
        Ui.wheel(plot.plotControl(), c.x, c.y, -1);
        assertEquals(x.span(), plot.xRange().span(), 0.01 * x.span());

        Point a = plot.pixelOf(-3.0, -20e-12);
        Point b = plot.pixelOf(-1.0, -1e-12);
        Ui.mouse(plot.plotControl(), SWT.MouseDown, a.x, a.y, 1, 0);
        Ui.mouse(plot.plotControl(), SWT.MouseMove, b.x, b.y, 0, SWT.BUTTON1);
        Ui.mouse(plot.plotControl(), SWT.MouseUp, b.x, b.y, 1, 0);
        assertEquals(-3.0, plot.xRange().lo(), 0.02);
        assertEquals(-1.0, plot.xRange().hi(), 0.02);
        assertEquals(-20e-12, plot.yRange().lo(), 0.2e-12);
        assertEquals(-1e-12, plot.yRange().hi(), 0.2e-12);
        plot.resetZoom();
        assertEquals(x, plot.xRange());
        assertEquals(y, plot.yRange());
    }

    @Test
    void logAxesNeedPositiveData() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plot.setLogY(true));
        assertTrue(e.getMessage().contains("'I'"), e.getMessage());
        assertFalse(plot.isLogY());
        double[] absI = new double[current.length];
        for (int k = 0; k < absI.length; k++) {
            absI[k] = Math.abs(current[k]);
        }
        plot.setMarkers(List.of());
        plot.setTraces(List.of(Series.line("|I|", bias, absI)));
        plot.setLogY(true);
        assertTrue(plot.isLogY());
        Range y = plot.yRange();
        assertTrue(y.lo() > 0 && y.lo() < 0.2e-12 && y.hi() > 10e-12, "log range covers the data: " + y);
        Ui.settle(100);
        Ui.save(Ui.screenshot(plot), "xy-log");
        // the exported figure has the same log axis: decade labels, not linear ones
        String svg = plot.toFigure().toSvg();
        assertTrue(svg.contains("10⁻¹²") && svg.contains("10⁻¹¹"), "decade labels in the export");
        assertTrue(((org.onset.plot.XYFigure) plot.toFigure()).logY(), "export is log on y");
    }

    @Test
    void exportsPngSvgAndCsv(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("p.png");
        Path svg = dir.resolve("p.svg");
        Path csv = dir.resolve("p.csv");
        plot.exportPng(png);
        plot.exportSvg(svg);
        plot.exportCsv(csv);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(plot.toFigure().width(), img.getWidth());
        String s = Files.readString(svg);
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(s.getBytes("UTF-8")));
        assertTrue(s.contains("current (pA)"), "y axis of the SVG");
        assertTrue(s.contains("cutoff sample"), "the marker in the SVG legend");
        assertTrue(s.contains("pixel 12, 40"), "title");
        List<String> lines = Files.readAllLines(csv);
        assertEquals("trace,bias (V),current (A)", lines.get(0));
        assertEquals(1 + 421 + 2 + 1, lines.size());
        String[] row = lines.get(1 + 400).split(",");
        assertEquals("I", row[0]);
        assertEquals(bias[400], Double.parseDouble(row[1]));
        assertEquals(current[400], Double.parseDouble(row[2]));
        assertTrue(lines.get(lines.size() - 1).startsWith("cutoff sample,"));
        Files.createDirectories(Path.of("target", "screenshots"));
        Files.copy(png, Path.of("target", "screenshots", "xy-export.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
