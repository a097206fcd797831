package org.onset.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class FigureTest {
    @TempDir
    Path dir;

    /** 2 × 2 over 40 nm: low, high on the bottom row (j = 0), NaN and middle on the top row. */
    private static MapFigure smallMap() {
        return new MapFigure(2, 2, new double[] { 0, 1, Double.NaN, 0.5 }, -10e-9, 30e-9, -10e-9, 30e-9)
                .title("test map").axes(Axis.of("x", "m", -9), Axis.of("y", "m", -9)).values(Axis.of("bias", "V"));
    }

    @Test
    void mapPngHasTheCellColoursAndNaNIsGrey() throws Exception {
        Path f = dir.resolve("m.png");
        MapFigure fig = smallMap();
        fig.writePng(f);
        BufferedImage img = ImageIO.read(f.toFile());
        assertEquals(fig.width(), img.getWidth());
        assertEquals(fig.height(), img.getHeight());
        assertTrue(img.getWidth() >= 600 && img.getHeight() > 450, img.getWidth() + " x " + img.getHeight());
        // the plot is 420 px square from (78, 46); cell centres at 1/4 and 3/4
        assertEquals(ColorMap.VIRIDIS.rgb(0), rgb(img, 78 + 105, 46 + 315), "lowest value: dark end, at the bottom");
        assertEquals(ColorMap.VIRIDIS.rgb(1), rgb(img, 78 + 315, 46 + 315), "highest value: bright end");
        assertEquals(ColorMap.VIRIDIS.noValueRgb(), rgb(img, 78 + 105, 46 + 105));
        assertEquals(ColorMap.VIRIDIS.rgb(0.5), rgb(img, 78 + 315, 46 + 105));
        BufferedImage diverging = ImageIO.read(new ByteArrayInputStream(smallMap().colorMap(ColorMap.COOLWARM).toPng()));
        assertEquals(ColorMap.COOLWARM.noValueRgb(), rgb(diverging, 78 + 105, 46 + 105), "not the light middle");
        BufferedImage own = ImageIO.read(new ByteArrayInputStream(smallMap().noValue(0xFF00FF, "n/a").toPng()));
        assertEquals(0xFF00FF, rgb(own, 78 + 105, 46 + 105));
        assertTrue(distinctColours(img) > 50, "colour bar, text and cells");
        assertFalse(Files.exists(dir.resolve("m.png.tmp")));
    }

    @Test
    void overlayIsBlendedWithItsOpacityAndTransparentWhereItHasNoValue() throws Exception {
        // base: one white-ish cell value (1 on grey) everywhere; layer: the left half of the map only, 1 x 2
        // cells (x 0 .. 20 nm of -10 .. 30), bottom cell 1 (bright end of viridis), top cell NaN
        MapFigure base = new MapFigure(2, 2, new double[] { 1, 1, 1, 1 }, -10e-9, 30e-9, -10e-9, 30e-9)
                .colorMap(ColorMap.GREY).limits(ColorLimits.fixed(0, 1)).values(Axis.of("height", "m"));
        MapOverlay layer = MapOverlay.continuous("onset bias", 1, 2, new double[] { -3, Double.NaN }, -10e-9, 10e-9,
                -10e-9, 30e-9, Axis.of("onset bias", "V"), ColorMap.VIRIDIS, new Range(-4, -3), 0.25);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(base.overlay(layer).toPng()));
        int grey = ColorMap.GREY.rgb(1);
        int top = ColorMap.VIRIDIS.rgb(1);
        int blended = rgb(img, 78 + 105, 46 + 315);
        for (int shift : new int[] { 16, 8, 0 }) {
            double expected = 0.25 * (top >> shift & 0xFF) + 0.75 * (grey >> shift & 0xFF);
            assertEquals(expected, blended >> shift & 0xFF, 2.0, "channel " + shift + ": 25 % layer over the base");
        }
        assertEquals(grey, rgb(img, 78 + 105, 46 + 105), "a layer cell without value lets the base through");
        assertEquals(grey, rgb(img, 78 + 315, 46 + 315), "outside the layer: the base");
        assertEquals(1, base.overlays().size());
        String svg = base.toSvg();
        assertTrue(svg.contains("onset bias"), "the layer's colour bar is titled");
        assertThrows(IllegalArgumentException.class, () -> layer.withOpacity(1.5));
        assertThrows(IllegalArgumentException.class, () -> MapOverlay.continuous("x", 2, 2, new double[3], 0, 1, 0, 1,
                Axis.of("x", ""), ColorMap.VIRIDIS, new Range(0, 1), 0.5));
    }

    @Test
    void everyContinuousLayerHasItsOwnColourBar() throws Exception {
        MapFigure base = new MapFigure(2, 2, new double[] { 0, 1, 0, 1 }, 0, 40e-9, 0, 40e-9)
                .colorMap(ColorMap.GREY).values(Axis.of("height", "m"));
        int alone = base.width();
        base.overlay(MapOverlay.continuous("onset bias", 1, 1, new double[] { -3 }, 0, 20e-9, 0, 20e-9,
                Axis.of("onset bias", "V"), ColorMap.VIRIDIS, new Range(-4, -3), 0.5));
        assertEquals(alone, base.width(), "one layer: its bar fits beside the map's");
        base.overlay(MapOverlay.continuous("Raman band", 1, 1, new double[] { 7 }, 20e-9, 40e-9, 20e-9, 40e-9,
                Axis.of("Raman band 2700–3000 cm⁻¹", "counts·cm⁻¹"), ColorMap.MAGMA, new Range(0, 10), 0.5));
        assertEquals(alone + 95, base.width(), "a second continuous layer widens the figure by one bar");
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(base.toPng()));
        assertEquals(base.width(), img.getWidth());
        // the third bar's top (the bright end of magma) at x = 78 + 420 + 22 + 2 × 95 + bar centre
        assertEquals(ColorMap.MAGMA.rgb(1 - 1.0 / 419), rgb(img, 78 + 420 + 22 + 190 + 9, 46 + 1));
        assertEquals(ColorMap.VIRIDIS.rgb(1 - 1.0 / 419), rgb(img, 78 + 420 + 22 + 95 + 9, 46 + 1));
        String svg = base.toSvg();
        assertTrue(svg.contains("onset bias") && svg.contains("Raman band"), "both bars are titled");
    }

    @Test
    void mapSvgIsXmlWithItsLabels() throws Exception {
        Path f = dir.resolve("m.svg");
        smallMap().colorMap(ColorMap.MAGMA).limits(ColorLimits.symmetric()).writeSvg(f);
        Document d = parse(Files.readAllBytes(f));
        assertEquals("svg", d.getDocumentElement().getLocalName());
        List<String> texts = texts(d);
        for (String s : List.of("test map", "x (nm)", "y (nm)", "bias (V)", "no value", "-10", "30", "-1.0", "1.0")) {
            assertTrue(texts.contains(s), "'" + s + "' in " + texts);
        }
        assertTrue(d.getElementsByTagNameNS("*", "image").getLength() >= 2, "cells and colour bar embedded as images");
    }

    @Test
    void siPrefixFollowsTheExtentAndTheValues() throws Exception {
        double[] current = new double[16];
        for (int k = 0; k < current.length; k++) {
            current[k] = -k * 3e-12;
        }
        List<String> texts = texts(parse(new MapFigure(4, 4, current, 0, 1.4e-6, 0, 1.4e-6).title("current")
                .values(Axis.of("current", "A")).toSvg().getBytes(StandardCharsets.UTF_8)));
        assertTrue(texts.contains("x (µm)") && texts.contains("current (pA)") && texts.contains("-40"), texts.toString());
    }

    @Test
    void categoricalMapHasALegendWithCounts() throws Exception {
        MapFigure fig = new MapFigure(3, 1, new double[] { 0, 1, -1 }, 0, 60e-9, 0, 20e-9).title("rules")
                .categories(List.of(new Category("none", 0xBDBDBD), new Category("current", 0xD62728)));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(fig.toPng()));
        // 3 × 1 cells of 140 px along the bottom of the plot
        assertEquals(0xBDBDBD, rgb(img, 78 + 70, 46 + 420 - 70));
        assertEquals(0xD62728, rgb(img, 78 + 210, 46 + 420 - 70));
        assertEquals(MapFigure.DEFAULT_NO_VALUE, rgb(img, 78 + 350, 46 + 420 - 70));
        assertEquals(null, fig.colorRange());
        List<String> texts = texts(parse(fig.toSvg().getBytes(StandardCharsets.UTF_8)));
        assertTrue(texts.containsAll(List.of("none (1)", "current (1)", "no value (1)")), texts.toString());
    }

    @Test
    void xyPlotToPngAndSvg() throws Exception {
        int n = 200;
        double[] bias = new double[n];
        double[] i1 = new double[n];
        double[] i2 = new double[n];
        for (int k = 0; k < n; k++) {
            bias[k] = -4.2 * k / (n - 1);
            i1[k] = -1e-12 * Math.exp(-bias[k]);
            i2[k] = k == 100 ? Double.NaN : 0.5 * i1[k];
        }
        XYFigure fig = new XYFigure().title("I–V").axes(Axis.of("bias", "V"), Axis.of("current", "A"))
                .add(Series.line("grain", bias, i1)).add(new Series("boundary", bias, i2, 0x009E73, true));
        assertEquals(0x0072B2, fig.series().get(0).rgb(), "first palette colour");
        Path png = dir.resolve("iv.png");
        Path svg = dir.resolve("iv.svg");
        fig.writePng(png);
        fig.writeSvg(svg);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(fig.width(), img.getWidth());
        assertEquals(fig.height(), img.getHeight());
        assertTrue(count(img, 0x0072B2) > 100 && count(img, 0x009E73) > 100, "both lines drawn");
        List<String> texts = texts(parse(Files.readAllBytes(svg)));
        for (String s : List.of("I–V", "grain", "boundary", "bias (V)", "current (pA)", "-4.0", "0.0", "-60")) {
            assertTrue(texts.contains(s), "'" + s + "' in " + texts);
        }
        assertThrows(IllegalArgumentException.class, () -> Series.line("bad", new double[2], new double[3]));
    }

    @Test
    void wrongShapesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MapFigure(3, 3, new double[8], 0, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new MapFigure(1, 1, new double[1], 1, 0, 0, 1));
    }

    @Test
    void logAxisPutsTheGeometricMiddleInTheMiddle() throws Exception {
        double[] x = new double[401];
        double[] y = new double[401];
        for (int k = 0; k < x.length; k++) {
            x[k] = k / 100.0;
            y[k] = Math.pow(10, x[k]) * 1e-12; // 1 pA … 10 nA, straight on a log axis
        }
        XYFigure log = new XYFigure().axes(Axis.of("t", "s"), Axis.of("|current|", "A")).add(Series.line("I", x, y))
                .log(false, true);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(log.toPng()));
        int blue = XYFigure.PALETTE.get(0);
        // x = 2 s is the middle of the x axis; 100 pA the geometric middle of 1 pA … 10 nA
        assertTrue(near(img, 78 + 240, 46 + 170, blue), "the line passes through the plot's centre on a log axis");
        BufferedImage lin = ImageIO.read(new ByteArrayInputStream(
                new XYFigure().axes(Axis.of("t", "s"), Axis.of("|current|", "A")).add(Series.line("I", x, y)).toPng()));
        assertFalse(near(lin, 78 + 240, 46 + 170, blue), "on a linear axis it does not");
        List<String> labels = texts(parse(log.toSvg().getBytes(StandardCharsets.UTF_8)));
        assertTrue(labels.containsAll(List.of("10⁻¹²", "10⁻¹¹", "10⁻¹⁰", "10⁻⁹", "10⁻⁸", "|current| (A)")), labels.toString());
        double[] withZero = { 0, 1e-12, 1e-11 };
        XYFigure gap = new XYFigure().add(Series.line("z", new double[] { 0, 1, 2 }, withZero)).log(false, true);
        assertNotNull(gap.toPng(), "a zero on a log axis is left out, not an error");
        XYFigure none = new XYFigure().add(Series.line("z", new double[] { 0, 1 }, new double[] { -1, -2 }))
                .yRange(new Range(-2, -1)).log(false, true);
        assertThrows(IllegalArgumentException.class, none::toPng);
    }

    /** Whether a pixel within 2 of (x, y) has exactly this colour. */
    private static boolean near(BufferedImage img, int x, int y, int want) {
        for (int dx = -2; dx <= 2; dx++) {
            for (int dy = -2; dy <= 2; dy++) {
                if (rgb(img, x + dx, y + dy) == want) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int rgb(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) & 0xFFFFFF;
    }

    private static int count(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += rgb(img, x, y) == rgb ? 1 : 0;
            }
        }
        return n;
    }

    private static int distinctColours(BufferedImage img) {
        Set<Integer> s = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                s.add(rgb(img, x, y));
            }
        }
        return s.size();
    }

    private static Document parse(byte[] svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        // a DOCTYPE would be refused here: the files must not make readers fetch a DTD
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
    }

    private static List<String> texts(Document d) {
        NodeList n = d.getElementsByTagNameNS("*", "text");
        List<String> out = new ArrayList<>();
        for (int k = 0; k < n.getLength(); k++) {
            out.add(n.item(k).getTextContent());
        }
        return out;
    }
}
