package org.onset.ui.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
import org.onset.plot.ColorMap;
import org.onset.plot.Range;
import org.w3c.dom.Document;

/** The intensity map on a real display: colours on screen, read-out, selection, zoom, exports. */
class MapPlotTest {

    static final int NX = 8;
    static final int NY = 6;
    static final double PITCH = 20e-9;

    Shell shell;
    MapPlot map;

    /** value of (i, j) = i + 10 j volts, except (2, 3) which has none. */
    static double[] values() {
        double[] v = new double[NX * NY];
        for (int j = 0; j < NY; j++) {
            for (int i = 0; i < NX; i++) {
                v[j * NX + i] = i + 10 * j;
            }
        }
        v[3 * NX + 2] = Double.NaN;
        return v;
    }

    @BeforeEach
    void open() {
        shell = Ui.shell(760, 560);
        map = new MapPlot(shell, SWT.NONE, Axis.of("x", "m"), Axis.of("y", "m"));
        map.setValueAxis(Axis.of("onset bias", "V"));
        map.setPixelLabels("rule fired", (i, j) -> "rule " + i);
        map.setMap(NX, NY, values(), 0, NX * PITCH, 0, NY * PITCH);
        shell.open();
        Ui.settle(300);
    }

    @AfterEach
    void close() {
        shell.dispose();
        Ui.settle(0);
    }

    @Test
    void axesArePhysicalInNanometres() {
        assertEquals("x (nm)", map.xAxisTitle());
        assertEquals("y (nm)", map.yAxisTitle());
        // the whole map is visible, with the same scale on both axes (one axis has room to spare)
        Range x = map.xRange();
        Range y = map.yRange();
        assertTrue(x.lo() <= 1e-12 && x.hi() >= NX * PITCH - 1e-12, "x range " + x);
        assertTrue(y.lo() <= 1e-12 && y.hi() >= NY * PITCH - 1e-12, "y range " + y);
        Point size = map.plotControl().getSize();
        assertEquals(x.span() / size.x, y.span() / size.y, 0.02 * x.span() / size.x, "metres per pixel on x and y");
        for (String label : map.xTickLabels()) {
            assertTrue(label.matches("-?\\d+(\\.\\d+)?"), "tick label '" + label + "' is a plain number in nm");
        }
    }

    @Test
    void hoverReadsOutIndicesPositionValueAndLabel() {
        Point c = map.pixelCentre(5, 4);
        Ui.mouse(map.plotControl(), SWT.MouseMove, c.x, c.y, 0, 0);
        String text = map.readout();
        assertEquals(map.readout(5, 4), text);
        assertTrue(text.startsWith("i 5, j 4"), text);
        assertTrue(text.contains("x = 110") && text.contains("nm"), "x of the centre of column 5 is 110 nm: " + text);
        assertTrue(text.contains("y = 90"), "y of the centre of row 4 is 90 nm: " + text);
        assertTrue(text.matches(".*onset bias = 45(\\.0+)? V.*"), "value 45 V: " + text);
        assertTrue(text.endsWith("rule 5"), "the caller's label: " + text);

        Point nan = map.pixelCentre(2, 3);
        Ui.mouse(map.plotControl(), SWT.MouseMove, nan.x, nan.y, 0, 0);
        assertTrue(map.readout().contains("onset bias = no value"), map.readout());

        Ui.mouse(map.plotControl(), SWT.MouseExit, -1, -1, 0, 0);
        assertEquals("", map.readout());
    }

    @Test
    void screenShowsTheColourMapsColourAndTheNoValueColour() throws Exception {
        map.setColorMap(ColorMap.MAGMA);
        Ui.settle(200);
        ImageData shot = Ui.screenshot(map.plotControl());
        Ui.save(Ui.screenshot(map), "map-8x6-magma");
        Range r = map.colorRange();
        for (int[] ij : new int[][] { { 0, 0 }, { 5, 4 }, { 7, 5 }, { 3, 1 } }) {
            Point c = map.pixelCentre(ij[0], ij[1]);
            int expected = ColorMap.MAGMA.rgb(ij[0] + 10 * ij[1], r);
            int seen = Ui.rgb(shot, c.x, c.y);
            assertTrue(Ui.maxChannelDiff(expected, seen) <= 2, String.format("pixel (%d, %d): colour map %06X, screen %06X",
                    ij[0], ij[1], expected, seen));
            assertEquals(expected, map.cellRgb(ij[0], ij[1]));
        }
        Point nan = map.pixelCentre(2, 3);
        assertEquals(ColorMap.MAGMA.noValueRgb(), Ui.rgb(shot, nan.x, nan.y) & 0xFFFFFF, "NaN pixel in the no-value colour");
        // and automatic limits are the 2nd and 98th percentile of the finite values
        assertEquals(org.onset.plot.ColorLimits.percentiles2to98().of(values()), r);
    }

    @Test
    void singlePixelUpdatesAreCoalescedAndShown() {
        map.setFixedLimits(0, 100);
        Ui.settle(100);
        for (int k = 0; k < 50; k++) {
            map.setPixel(1, 1, k);
        }
        map.setPixel(6, 2, 77);
        Ui.settle(200);
        ImageData shot = Ui.screenshot(map.plotControl());
        Point c = map.pixelCentre(6, 2);
        int expected = ColorMap.VIRIDIS.rgb(77, new Range(0, 100));
        assertTrue(Ui.maxChannelDiff(expected, Ui.rgb(shot, c.x, c.y)) <= 2);
        Point c1 = map.pixelCentre(1, 1);
        assertTrue(Ui.maxChannelDiff(ColorMap.VIRIDIS.rgb(49, new Range(0, 100)), Ui.rgb(shot, c1.x, c1.y)) <= 2);
        assertEquals(new Range(0, 100), map.colorRange());
        assertThrows(IllegalArgumentException.class, () -> map.setPixel(NX, 0, 1));
    }

    @Test
    void zoomPanAndResetChangeTheAxisRanges() throws Exception {
        Range x = map.xRange();
        Range y = map.yRange();
        map.zoom(0.5);
        assertEquals(x.span() * 0.5, map.xRange().span(), 1e-6 * x.span());
        map.resetZoom();
        assertEquals(x, map.xRange());

        // wheel: one notch zooms in about the pointer, which stays over the same data point
        Point c = map.pixelCentre(6, 4);
        Ui.wheel(map.plotControl(), c.x, c.y, 1);
        assertEquals(x.span() * 0.8, map.xRange().span(), 0.02 * x.span());
        assertEquals(map.pixelAt(c.x, c.y), new Pixel(6, 4));

        // box zoom: drag from the centre of (1, 1) to the centre of (4, 3)
        map.resetZoom();
        Point a = map.pixelCentre(1, 1);
        Point b = map.pixelCentre(4, 3);
        Ui.mouse(map.plotControl(), SWT.MouseDown, a.x, a.y, 1, 0);
        Ui.mouse(map.plotControl(), SWT.MouseMove, b.x, b.y, 0, SWT.BUTTON1);
        Ui.mouse(map.plotControl(), SWT.MouseUp, b.x, b.y, 1, 0);
        assertEquals(1.5 * PITCH, map.xRange().lo(), 0.05 * PITCH);
        assertEquals(4.5 * PITCH, map.xRange().hi(), 0.05 * PITCH);
        assertEquals(1.5 * PITCH, map.yRange().lo(), 0.05 * PITCH);
        assertEquals(3.5 * PITCH, map.yRange().hi(), 0.05 * PITCH);
        Ui.settle(100);
        Ui.save(Ui.screenshot(map), "map-8x6-box-zoomed");

        // pan with the middle button: dragging left by 10 % of the width moves the view right by 10 %
        Range before = map.xRange();
        int w = map.plotControl().getSize().x;
        Ui.mouse(map.plotControl(), SWT.MouseDown, 200, 100, 2, 0);
        Ui.mouse(map.plotControl(), SWT.MouseMove, 200 - w / 10, 100, 0, SWT.BUTTON2);
        Ui.mouse(map.plotControl(), SWT.MouseUp, 200 - w / 10, 100, 2, 0);
        assertEquals(before.lo() + before.span() * (w / 10) / w, map.xRange().lo(), 1e-3 * before.span());

        Ui.mouse(map.plotControl(), SWT.MouseDoubleClick, 100, 100, 1, 0);
        assertEquals(x, map.xRange());
        assertEquals(y, map.yRange());
    }

    @Test
    void clickSelectsAndArrowKeysMoveTheSelection() throws Exception {
        List<Pixel> told = new ArrayList<>();
        map.addPixelListener(told::add);
        assertNull(map.selection());
        Point c = map.pixelCentre(3, 2);
        Ui.mouse(map.plotControl(), SWT.MouseDown, c.x, c.y, 1, 0);
        Ui.mouse(map.plotControl(), SWT.MouseUp, c.x + 1, c.y, 1, 0);
        assertEquals(List.of(new Pixel(3, 2)), told);
        Ui.key(map.plotControl(), SWT.ARROW_RIGHT);
        Ui.key(map.plotControl(), SWT.ARROW_UP);
        Ui.key(map.plotControl(), SWT.ARROW_UP);
        Ui.key(map.plotControl(), SWT.ARROW_LEFT);
        assertEquals(List.of(new Pixel(3, 2), new Pixel(4, 2), new Pixel(4, 3), new Pixel(4, 4), new Pixel(3, 4)), told);
        assertEquals(new Pixel(3, 4), map.selection());
        assertTrue(map.readout().startsWith("i 3, j 4"), map.readout());
        // at the edge nothing moves and nobody is told
        map.select(new Pixel(0, 0));
        Ui.key(map.plotControl(), SWT.ARROW_LEFT);
        Ui.key(map.plotControl(), SWT.ARROW_DOWN);
        assertEquals(5, told.size());
        Ui.settle(100);
        Ui.save(Ui.screenshot(map), "map-8x6-selected");
    }

    @Test
    void typedLimitsAndPolicies() {
        map.setFixedLimits(10, 30);
        assertEquals(new Range(10, 30), map.colorRange());
        assertEquals(ColorMap.VIRIDIS.rgb(1.0), map.cellRgb(7, 5), "above the upper limit: the top colour");
        map.setAutoLimits();
        assertEquals(org.onset.plot.ColorLimits.percentiles2to98().of(values()), map.colorRange());
        assertThrows(IllegalArgumentException.class, () -> map.setMap(3, 3, new double[8], 0, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> map.setMap(3, 3, new double[9], 1, 0, 0, 1));
    }

    @Test
    void twoContinuousLayersEachHaveAColourBarInTheExport(@TempDir Path dir) throws Exception {
        int alone = map.toFigure().width();
        org.onset.plot.MapOverlay onset = org.onset.plot.MapOverlay.continuous("onset bias", 2, 2,
                new double[] { -3, -3.5, -4, -3.2 }, 0, 4 * PITCH, 0, 3 * PITCH, Axis.of("onset bias", "V"),
                ColorMap.VIRIDIS, new Range(-4, -3), 0.5);
        org.onset.plot.MapOverlay raman = org.onset.plot.MapOverlay.continuous("Raman band", 1, 1,
                new double[] { 5 }, 4 * PITCH, NX * PITCH, 3 * PITCH, NY * PITCH,
                Axis.of("Raman band 2700–3000 cm⁻¹ integral", ""), ColorMap.MAGMA, new Range(0, 10), 0.7);
        map.setOverlays(List.of(onset, raman));
        Ui.settle(200);
        assertEquals(2, map.overlays().size());
        assertEquals(alone + 95, map.toFigure().width(), "room for the second layer's colour bar");
        Path svg = dir.resolve("two.svg");
        map.exportSvg(svg);
        String text = Files.readString(svg, StandardCharsets.UTF_8);
        assertTrue(text.contains("onset bias") && text.contains("Raman band 2700"), "both layers' bars are titled");
        map.setOverlays(List.of());
        assertEquals(alone, map.toFigure().width());
    }

    @Test
    void exportsPngSvgAndCsvOfTheSameData(@TempDir Path dir) throws Exception {
        map.setTitle("onset bias");
        map.setColorMap(ColorMap.CIVIDIS);
        map.setFixedLimits(0, 50);
        Path png = dir.resolve("m.png");
        Path svg = dir.resolve("m.svg");
        Path csv = dir.resolve("m.csv");
        map.exportPng(png);
        map.exportSvg(svg);
        map.exportCsv(csv);

        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(map.toFigure().width(), img.getWidth());
        assertEquals(map.toFigure().height(), img.getHeight());
        // the figure uses the same colour map and limits: its colours are those of the widget's cells
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                colours.add(img.getRGB(x, y) & 0xFFFFFF);
            }
        }
        for (int[] ij : new int[][] { { 0, 0 }, { 5, 4 }, { 2, 3 }, { 7, 1 } }) {
            assertTrue(colours.contains(map.cellRgb(ij[0], ij[1])),
                    String.format("PNG has the colour of cell (%d, %d): %06X", ij[0], ij[1], map.cellRgb(ij[0], ij[1])));
        }
        Files.createDirectories(Path.of("target", "screenshots"));
        Files.copy(png, Path.of("target", "screenshots").resolve("map-export.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(Files.readAllBytes(svg)));
        assertEquals("svg", doc.getDocumentElement().getLocalName() != null ? doc.getDocumentElement().getLocalName()
                : doc.getDocumentElement().getTagName());
        String svgText = Files.readString(svg);
        assertTrue(svgText.contains("onset bias"), "SVG has the colour bar's title");
        assertTrue(svgText.contains("nm"), "SVG axes in nm");

        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals("i,j,x (m),y (m),onset bias (V),rule fired", lines.get(0));
        assertEquals(NX * NY + 1, lines.size());
        String row = lines.get(1 + 4 * NX + 5);
        String[] cells = row.split(",");
        assertEquals("5", cells[0]);
        assertEquals("4", cells[1]);
        assertEquals(110e-9, Double.parseDouble(cells[2]), 1e-15);
        assertEquals(90e-9, Double.parseDouble(cells[3]), 1e-15);
        assertEquals(45.0, Double.parseDouble(cells[4]));
        assertEquals("rule 5", cells[5]);
        assertEquals("", lines.get(1 + 3 * NX + 2).split(",", -1)[4], "no value: empty cell");
    }

    @Test
    void snapshotAndClipboardCarryThePictureAndLeaveTheScreenAlone() throws Exception {
        ImageData snap = map.snapshot();
        Ui.save(snap, "map-8x6-snapshot");
        Point at = map.plotControl().getLocation(); // the plot area inside the chart
        for (int[] ij : new int[][] { { 0, 0 }, { 5, 4 }, { 2, 3 } }) {
            Point c = map.pixelCentre(ij[0], ij[1]);
            int seen = Ui.rgb(snap, at.x + c.x, at.y + c.y);
            assertTrue(Ui.maxChannelDiff(map.cellRgb(ij[0], ij[1]), seen) <= 2,
                    String.format("snapshot colour of (%d, %d): %06X vs %06X", ij[0], ij[1], seen, map.cellRgb(ij[0], ij[1])));
        }
        map.copyToClipboard();
        org.eclipse.swt.dnd.Clipboard cb = new org.eclipse.swt.dnd.Clipboard(shell.getDisplay());
        try {
            Object got = cb.getContents(org.eclipse.swt.dnd.ImageTransfer.getInstance());
            assertTrue(got instanceof ImageData, "an image on the clipboard, got " + got);
            assertEquals(snap.width, ((ImageData) got).width);
            assertEquals(snap.height, ((ImageData) got).height);
        } finally {
            cb.dispose();
        }
        // rendering off-screen must not disturb what the screen shows
        map.redraw(0, 0, map.getSize().x, map.getSize().y, true);
        Ui.settle(300);
        ImageData shot = Ui.screenshot(map.plotControl());
        Point c = map.pixelCentre(5, 4);
        assertTrue(Ui.maxChannelDiff(map.cellRgb(5, 4), Ui.rgb(shot, c.x, c.y)) <= 2, "the map is still on screen");
    }

    @Test
    void categoriesInsteadOfAColourMap() throws Exception {
        List<org.onset.plot.Category> rules = List.of(new org.onset.plot.Category("none", 0xBBBBBB),
                new org.onset.plot.Category("current", 0x0072B2), new org.onset.plot.Category("height", 0xD55E00));
        double[] v = new double[NX * NY];
        for (int k = 0; k < v.length; k++) {
            v[k] = k % 3;
        }
        v[5] = Double.NaN;
        v[6] = 7; // not a category
        map.setValueAxis(Axis.of("rule fired", ""));
        map.setCategories(rules);
        map.setValues(v);
        Ui.settle(300);
        ImageData shot = Ui.screenshot(map.plotControl());
        for (int k : new int[] { 0, 1, 2, 9, 20 }) {
            int i = k % NX;
            int j = k / NX;
            Point c = map.pixelCentre(i, j);
            assertEquals(rules.get(k % 3).rgb(), map.cellRgb(i, j));
            assertTrue(Ui.maxChannelDiff(rules.get(k % 3).rgb(), Ui.rgb(shot, c.x, c.y)) <= 2, "category colour on screen");
        }
        assertEquals(org.onset.plot.MapFigure.DEFAULT_NO_VALUE, map.cellRgb(5, 0));
        assertEquals(org.onset.plot.MapFigure.DEFAULT_NO_VALUE, map.cellRgb(6, 0), "7 is no category");
        assertTrue(map.readout(2, 0).contains("rule fired = height"), map.readout(2, 0));
        assertTrue(map.readout(6, 0).contains("rule fired = no value"), map.readout(6, 0));
        Ui.save(Ui.screenshot(map), "map-8x6-categories");
        String svg = map.toFigure().toSvg();
        assertTrue(svg.contains("current") && svg.contains("height"), "the figure's legend names the categories");
        map.setCategories(null);
        assertEquals(ColorMap.VIRIDIS.rgb(1, map.colorRange()), map.cellRgb(1, 0), "back on the colour map");
    }

    @Test
    void colourMapChooserTypedLimitsAndContextMenu() {
        org.eclipse.swt.widgets.Combo chooser = descendants(map, org.eclipse.swt.widgets.Combo.class).get(0);
        chooser.select(ColorMap.all().indexOf(ColorMap.CIVIDIS));
        chooser.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
        assertEquals(ColorMap.CIVIDIS, map.colorMap());

        List<org.eclipse.swt.widgets.Text> fields = descendants(map, org.eclipse.swt.widgets.Text.class);
        assertEquals(2, fields.size(), "from and to");
        fields.get(0).setText("5");
        fields.get(1).setText("25");
        fields.get(1).notifyListeners(SWT.DefaultSelection, new org.eclipse.swt.widgets.Event());
        assertEquals(new Range(5, 25), map.colorRange(), "typed in the unit shown (V)");
        fields.get(0).setText("five");
        fields.get(0).notifyListeners(SWT.DefaultSelection, new org.eclipse.swt.widgets.Event());
        assertEquals(new Range(5, 25), map.colorRange(), "a bad number changes nothing");
        assertEquals("'five' is not a number", fields.get(0).getToolTipText());
        org.eclipse.swt.widgets.Button auto = descendants(map, org.eclipse.swt.widgets.Button.class).get(0);
        assertFalse(auto.getSelection());
        auto.setSelection(true);
        auto.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
        assertEquals(org.onset.plot.ColorLimits.percentiles2to98().of(values()), map.colorRange());

        List<String> items = new ArrayList<>();
        for (org.eclipse.swt.widgets.MenuItem it : map.plotControl().getMenu().getItems()) {
            items.add(it.getText());
        }
        assertTrue(items.containsAll(List.of("Reset zoom", "Copy image", "Export PNG…", "Export SVG…", "Save data as CSV…")),
                items.toString());
    }

    static <T> List<T> descendants(org.eclipse.swt.widgets.Composite parent, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (org.eclipse.swt.widgets.Control c : parent.getChildren()) {
            if (type.isInstance(c)) {
                out.add(type.cast(c));
            }
            if (c instanceof org.eclipse.swt.widgets.Composite k) {
                out.addAll(descendants(k, type));
            }
        }
        return out;
    }
}
