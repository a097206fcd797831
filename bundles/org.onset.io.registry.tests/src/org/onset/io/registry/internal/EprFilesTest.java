package org.onset.io.registry.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.io.api.ImportException;
import org.onset.io.api.ImportMonitor;
import org.onset.io.api.ImportSettings;
import org.onset.io.api.Imported;
import org.onset.io.api.ImporterRegistry;
import org.onset.io.api.Metadata;
import org.onset.io.api.Spectrum;
import org.onset.io.api.SpectrumSet;

/** BES3T and ESP/WinEPR variants built byte by byte. */
class EprFilesTest {

    private static ImporterRegistry registry;
    @TempDir
    Path dir;

    @BeforeAll
    static void services() throws Exception {
        registry = Services.registry();
    }

    private Path dsc(String name, String body) throws Exception {
        Path p = dir.resolve(name + ".DSC");
        Files.writeString(p, "#DESC 1.2 * comment\n" + body + "#MHL\nXPTS 99999\n", StandardCharsets.ISO_8859_1);
        return p;
    }

    @Test
    void everyNumberFormatInBothByteOrders() throws Exception {
        double[] values = { -3, 0, 2, 5 };
        for (String order : new String[] { "BIG", "LIT" }) {
            for (String fmt : new String[] { "C", "S", "I", "F", "D" }) {
                String name = "f" + fmt + order;
                Path d = dsc(name, "BSEQ " + order + "\nIKKF REAL\nIRFMT " + fmt + "\nXTYP IDX\nXPTS 4\nXMIN 3300\n"
                        + "XWID 30\nXUNI 'G'\nXNAM 'Field'\nMWFQ 9.5e9\nTITL 'a \\\n continued title'\n");
                Bin b = order.equals("BIG") ? Bin.be() : Bin.le();
                for (double v : values) {
                    switch (fmt) {
                        case "C" -> b.i8((int) v);
                        case "S" -> b.i16((int) v);
                        case "I" -> b.i32((long) v);
                        case "F" -> b.f32(v);
                        default -> b.f64(v);
                    }
                }
                b.write(dir.resolve(name + ".DTA"));
                Imported im = registry.open(d);
                Spectrum s = assertInstanceOf(Spectrum.class, im.data());
                assertArrayEquals(values, s.y().values(), 0, fmt + order);
                assertArrayEquals(new double[] { 3300, 3310, 3320, 3330 }, s.x().values(), 1e-9);
                assertEquals("a \ncontinued title", ((Metadata.Text) im.metadata().get(Metadata.TITLE).get()).value());
            }
        }
    }

    @Test
    void complexAndMultiValuePointsTakeTheFirstRealPart() throws Exception {
        Path d = dsc("cplx", "BSEQ BIG\nIKKF CPLX,REAL\nIRFMT D\nIIFMT D\nXPTS 3\nXMIN 0\nXWID 2\n");
        Bin b = Bin.be();
        for (int i = 0; i < 3; i++) {
            b.f64(i + 0.5).f64(-99).f64(-77); // re, im, second value
        }
        b.write(dir.resolve("cplx.DTA"));
        Spectrum s = (Spectrum) registry.open(d).data();
        assertArrayEquals(new double[] { 0.5, 1.5, 2.5 }, s.y().values());
    }

    @Test
    void twoDimensionalWithDescendingCompanionAxisAndGAxis() throws Exception {
        Path d = dsc("two", "BSEQ LIT\nIKKF REAL\nIRFMT F\nXTYP IDX\nXPTS 2\nXMIN 3000\nXWID 1000\nXUNI 'G'\n"
                + "YTYP IGD\nYFMT D\nYPTS 3\nYUNI 'mW'\nYNAM 'Power'\nMWFQ 9.8e9\nEXPT CW\n");
        Bin.le().f32(1).f32(2).f32(3).f32(4).f32(5).f32(6).write(dir.resolve("two.DTA"));
        Bin.le().f64(20).f64(10).f64(5).write(dir.resolve("two.YGF"));
        SpectrumSet set = (SpectrumSet) registry.open(d).data();
        assertArrayEquals(new double[] { 20, 10, 5 }, set.index().values());
        assertArrayEquals(new double[] { 5, 6 }, set.spectra().get(2).y().values());
        Spectrum g = ((SpectrumSet) registry.open(d, new ImportSettings(Map.of("axis.g", true)), ImportMonitor.NONE)
                .data()).spectra().get(0);
        assertEquals("g-factor", g.x().quantity());
        assertEquals(71.4477 * 9.8 / 300, g.x().values()[0], 1e-12);
        // a missing companion file is named
        Files.delete(dir.resolve("two.YGF"));
        ImportException e = assertThrows(ImportException.class, () -> registry.open(d));
        assertTrue(e.getMessage().contains("YGF"), e.getMessage());
    }

    @Test
    void scalingsAndRefusals() throws Exception {
        Path d = dsc("sc", "IRFMT D\nXPTS 2\nXMIN 0\nXWID 1\nAVGS 4\nRCAG 20\nSPTP 0.01\nMWPW 0.004\nSTMP 10\n");
        Bin.be().f64(8).f64(16).write(dir.resolve("sc.DTA"));
        Spectrum s = (Spectrum) registry.open(d, new ImportSettings(Map.of("scale.scans", true, "scale.gain", true,
                "scale.conversionTime", true, "scale.power", true, "scale.temperature", true)), ImportMonitor.NONE)
                .data();
        // ÷4 scans ÷10 (20 dB) ÷10 ms ÷√4 mW ×10 K
        assertEquals(8 / 4.0 / 10 / 10 / 2 * 10, s.y().values()[0], 1e-12);
    }

    @Test
    void headerClaimingMorePointsThanTheDataHoldIsRefused() throws Exception {
        Path d = dsc("big", "IRFMT D\nXPTS 1000000\nYPTS 1000000\nXMIN 0\nXWID 1\n");
        Bin.be().f64(1).write(dir.resolve("big.DTA"));
        ImportException e = assertThrows(ImportException.class, () -> registry.open(d));
        assertTrue(e.getMessage().contains("claims"), e.getMessage());
        Path u = dsc("unreadable", "IRFMT A\nXPTS 1\n");
        Bin.be().f64(1).write(dir.resolve("unreadable.DTA"));
        assertTrue(assertThrows(ImportException.class, () -> registry.open(u)).getMessage().contains("IRFMT"));
    }

    @Test
    void winEprLittleEndianFloatsAndCentreSweep() throws Exception {
        Path par = dir.resolve("w.par");
        Files.writeString(par, "DOS  Format\r\nANZ 4\r\nHCF 3400\r\nHSW 30\r\nMF 9.6\r\nJSD 2\r\n");
        Bin.le().f32(1.5).f32(-2).f32(3).f32(0).write(dir.resolve("w.spc"));
        Imported im = registry.open(par);
        assertEquals("bruker-esp", im.importerId());
        Spectrum s = (Spectrum) im.data();
        assertArrayEquals(new double[] { 1.5, -2, 3, 0 }, s.y().values());
        assertArrayEquals(new double[] { 3385, 3395, 3405, 3415 }, s.x().values(), 1e-9);
        assertEquals(9.6, im.metadata().number(Metadata.MICROWAVE_FREQUENCY_GHZ).get());
        Spectrum perScan = (Spectrum) registry.open(par, new ImportSettings(Map.of("scale.scans", true)),
                ImportMonitor.NONE).data();
        assertEquals(0.75, perScan.y().values()[0], 1e-12);
    }

    @Test
    void espTwoDimensional() throws Exception {
        Path par = dir.resolve("e.par");
        Files.writeString(par, "JSS 4096\nRES 2\nREY 3\nGST 3000\nGSI 10\nHCF 3005\nHSW 10\n");
        Bin.be().i32(1).i32(2).i32(3).i32(4).i32(5).i32(6).write(dir.resolve("e.spc"));
        SpectrumSet set = (SpectrumSet) registry.open(par).data();
        assertEquals(3, set.spectra().size());
        assertArrayEquals(new double[] { 5, 6 }, set.spectra().get(2).y().values());
        assertArrayEquals(new double[] { 3000, 3010 }, set.spectra().get(0).x().values());
    }

    /** Base64 groups of one little-endian float64 each, as Magnettech writes its curves. */
    static String base64Doubles(double... v) {
        StringBuilder b = new StringBuilder();
        for (double d : v) {
            byte[] bytes = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putDouble(d).array();
            b.append(java.util.Base64.getEncoder().encodeToString(bytes));
        }
        return b.toString();
    }

    /**
     * A Magnettech ESRXmlFile: a field curve (mT) sampled every {@code fSlope} s from {@code fOffset}, a
     * first-harmonic signal curve sampled every {@code sSlope} s from {@code sOffset}, Bfrom/Bto in the recipe.
     */
    static String magnettech(double[] field, double fOffset, double fSlope, double[] signal, double sOffset, double sSlope,
            String bfrom, String bto) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<ESRXmlFile Version=\"1\" Timestamp=\"2022-12-19T09:57:02Z\">\n"
                + "  <Data>\n    <Measurement Name=\"dpph test\" Device=\"MS-5000 [11-0000]\" MwFreq=\"9.5\" Temperature=\"20\""
                + " XDatasource=\"BField\" XUnit=\"mT\" YDatasource=\"MW_Absorption\">\n"
                + "      <Recipe Name=\"r\" Type=\"single\"><Parameters>\n"
                + "        <Param Name=\"Accumulations\">10</Param>\n"
                + "        <Param Name=\"Bfrom\" Unit=\"mT\">" + bfrom + "</Param>\n"
                + "        <Param Name=\"Bto\" Unit=\"mT\">" + bto + "</Param>\n"
                + "        <Param Name=\"MicrowavePower\" Unit=\"mW\">4</Param>\n"
                + "        <Param Name=\"KineticMode\">FieldSweep</Param>\n"
                + "      </Parameters></Recipe>\n      <DataCurves>\n"
                + "        <Curve Name=\"BField\" XType=\"Time\" YType=\"BField\" XUnit=\"s\" YUnit=\"mT\" XOffset=\"" + fOffset
                + "\" XSlope=\"" + fSlope + "\" Mode=\"Pre\" Compression=\"Base64\">" + base64Doubles(field) + "</Curve>\n"
                + "        <Curve Name=\"BField_Temp\" XType=\"Time\" YType=\"BField_TempVoltage\" XOffset=\"0\" XSlope=\"0\""
                + " Compression=\"Base64\" />\n"
                + "        <Curve Name=\"MWAbsorption (1st harm.)\" XType=\"Time\" YType=\"MW_Absorption\" XUnit=\"s\" YUnit=\"\""
                + " XOffset=\"" + sOffset + "\" XSlope=\"" + sSlope + "\" Mode=\"Pre\" Compression=\"Base64\">"
                + base64Doubles(signal) + "</Curve>\n      </DataCurves>\n    </Measurement>\n  </Data>\n</ESRXmlFile>\n";
    }

    @Test
    void magnettechXmlFieldInterpolatedInTimeAndCutToTheRecipeRange() throws Exception {
        double[] signal = { 90, 1, 2, 3, 4, 5, 6, 7, 99 };
        Path f = dir.resolve("scan.xml");
        Files.writeString(f, magnettech(new double[] { 330, 331, 332, 333, 334 }, 0, 0.1, signal, -0.05, 0.05, "330.2",
                "333.2"), StandardCharsets.UTF_8);
        Imported im = registry.open(f);
        assertEquals("magnettech-xml", im.importerId());
        assertTrue(im.matchedBy().contains("ESRXmlFile"), im.matchedBy());
        Spectrum s = assertInstanceOf(Spectrum.class, im.data());
        // t = -0.05 s has no field yet; 330.0 and 333.5 mT lie outside Bfrom..Bto
        assertArrayEquals(new double[] { 330.5, 331, 331.5, 332, 332.5, 333 }, s.x().values(), 1e-9);
        assertArrayEquals(new double[] { 2, 3, 4, 5, 6, 7 }, s.y().values());
        assertEquals("mT", s.x().unit());
        assertEquals(9.5, im.metadata().number(Metadata.MICROWAVE_FREQUENCY_GHZ).get());
        assertEquals(293.15, im.metadata().number("temperature_K").get(), 1e-9);
        assertEquals(4.0, im.metadata().number("MicrowavePower").get());
        assertEquals("mW", ((Metadata.Number) im.metadata().get("MicrowavePower").get()).unit());
        assertEquals("dpph test", ((Metadata.Text) im.metadata().get(Metadata.TITLE).get()).value());

        // damaged or hostile files: clear errors
        Path noField = dir.resolve("nofield.xml");
        Files.writeString(noField, magnettech(new double[] { 330, 331 }, 0, 0.1, signal, 0, 0.05, "0", "1000")
                .replace("YType=\"BField\"", "YType=\"Other\""), StandardCharsets.UTF_8);
        assertTrue(assertThrows(ImportException.class, () -> registry.open(noField)).getMessage().contains("field curve"));
        Path cut = dir.resolve("cut.xml");
        String xml = magnettech(new double[] { 330, 331 }, 0, 0.1, signal, 0, 0.05, "0", "1000");
        Files.writeString(cut, xml.replace("</Curve>\n      </DataCurves>", "AAAA</Curve>\n      </DataCurves>"),
                StandardCharsets.UTF_8);
        assertTrue(assertThrows(ImportException.class, () -> registry.open(cut)).getMessage().contains("12-character"));
        Path dtd = dir.resolve("dtd.xml");
        Files.writeString(dtd, xml.replace("<ESRXmlFile Version", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<ESRXmlFile Version"),
                StandardCharsets.UTF_8);
        assertTrue(assertThrows(ImportException.class, () -> registry.open(dtd)).getMessage().contains("XML"));
        Path truncated = dir.resolve("trunc.xml");
        Files.writeString(truncated, xml.substring(0, xml.length() / 2), StandardCharsets.UTF_8);
        assertThrows(ImportException.class, () -> registry.open(truncated));
    }
}
