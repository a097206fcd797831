package org.onset.io.registry.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onset.io.api.Channel;
import org.onset.io.api.ImportException;
import org.onset.io.api.ImportSettings;
import org.onset.io.api.Imported;
import org.onset.io.api.Image;
import org.onset.io.api.ImportMonitor;
import org.onset.io.api.ImporterRegistry;
import org.onset.io.api.Metadata;
import org.onset.io.api.Spectrum;
import org.onset.io.api.SpectrumMap;
import org.onset.io.api.SpectrumSet;

/** Every file of ../shared/testdata read through the registry, checked against SOURCES.md. */
class TestdataConformanceTest {

    private static ImporterRegistry registry;
    private static Path data;

    @BeforeAll
    static void services() throws Exception {
        registry = Services.registry();
        data = Services.testdata();
    }

    private static Imported open(String name) throws ImportException {
        return registry.open(data.resolve(name));
    }

    static int argMax(double[] v) {
        int k = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[k]) {
                k = i;
            }
        }
        return k;
    }

    static int argMin(double[] v) {
        int k = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] < v[k]) {
                k = i;
            }
        }
        return k;
    }

    private static void near(double expected, double actual, double relative) {
        assertEquals(expected, actual, Math.abs(expected) * relative + 1e-300, () -> "expected " + expected);
    }

    @Test
    void bes3tFieldSweep() throws Exception {
        Imported im = open("epr/test-bes3t-1D-fieldsweep.DSC");
        assertEquals("bruker-bes3t", im.importerId());
        Spectrum s = assertInstanceOf(Spectrum.class, im.data());
        assertEquals(1000, s.x().size());
        assertEquals("G", s.x().unit());
        assertEquals("magnetic field", s.x().quantity());
        near(3461, s.x().first(), 1e-12);
        near(3561, s.x().last(), 1e-12);
        near(0.1001, s.x().values()[1] - s.x().values()[0], 1e-3);
        double[] y = s.y().values();
        near(-0.0655264, y[0], 1e-5);
        near(-0.0658843, y[999], 1e-5);
        assertEquals(567, argMin(y));
        assertEquals(475, argMax(y));
        near(-0.091701, y[567], 1e-5);
        near(-0.050399, y[475], 1e-5);
        near(9.847957, im.metadata().number(Metadata.MICROWAVE_FREQUENCY_GHZ).orElseThrow(), 1e-9);
        near(0.0006325, im.metadata().number("microwave_power_W").orElseThrow(), 1e-9);
        near(20, im.metadata().number("scans").orElseThrow(), 0);
        // SctNorm True: the data are already per scan, so scaling by scans is refused with a reason
        ImportException e = assertThrows(ImportException.class, () -> registry.open(
                data.resolve("epr/test-bes3t-1D-fieldsweep.DSC"), new ImportSettings(Map.of("scale.scans", true)),
                ImportMonitor.NONE));
        assertTrue(e.getMessage().contains("SctNorm"), e.getMessage());
        // opening the .DTA finds the descriptor beside it
        assertEquals("bruker-bes3t", open("epr/test-bes3t-1D-fieldsweep.DTA").importerId());
    }

    @Test
    void bes3tTwoDimensionalWithDescendingYgf() throws Exception {
        SpectrumSet set = assertInstanceOf(SpectrumSet.class, open("epr/BDPA-2DFieldPower.DSC").data());
        assertEquals(14, set.spectra().size());
        assertEquals(2999, set.spectra().get(0).x().size());
        near(3501, set.spectra().get(0).x().first(), 1e-12);
        near(3531, set.spectra().get(0).x().last(), 1e-12);
        assertEquals("mW", set.index().unit());
        double[] expected = { 20, 10.0237, 5.02377, 2.51785, 1.26191, 0.632456, 0.316979, 0.158866, 0.0796214,
                0.0399052, 0.02, 0.0100237, 0.00502377, 0.00251785 };
        for (int i = 0; i < 14; i++) {
            near(expected[i], set.index().values()[i], 1e-5);
        }
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (Spectrum s : set.spectra()) {
            for (double v : s.y().values()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        near(-57.8587, min, 1e-5);
        near(55.1661, max, 1e-5);
        assertEquals(1494, argMax(set.spectra().get(0).y().values()));
    }

    @Test
    void bes3tLittleFloatAndBigIntAgree() throws Exception {
        Spectrum lit = assertInstanceOf(Spectrum.class, open("epr/be3tintlit.dsc").data());
        Spectrum big = assertInstanceOf(Spectrum.class, open("epr/bes3tint.dsc").data());
        for (Spectrum s : new Spectrum[] { lit, big }) {
            assertEquals(1024, s.x().size());
            near(200, s.x().first(), 1e-12);
            near(14200, s.x().last(), 1e-12);
            assertEquals(825, argMax(s.y().values()));
            assertEquals(875, argMin(s.y().values()));
            near(11490.32, s.x().values()[825], 1e-6);
            near(12174.58, s.x().values()[875], 1e-6);
            near(12542.86, s.y().values()[825], 1e-3);
            near(-7344.75, s.y().values()[875], 1e-3);
        }
        near(-40.573, lit.y().values()[0], 1e-4);
        assertEquals(-40, big.y().values()[0]);
        near(34.2773, open("epr/bes3tint.dsc").metadata().number(Metadata.MICROWAVE_FREQUENCY_GHZ).orElseThrow(), 1e-9);
    }

    @Test
    void espWithoutPointCount() throws Exception {
        Imported im = open("epr/ESP.par");
        assertEquals("bruker-esp", im.importerId());
        Spectrum s = assertInstanceOf(Spectrum.class, im.data());
        assertEquals(1024, s.x().size());
        near(3394.988, s.x().first(), 1e-12);
        near(3494.988, s.x().last(), 1e-12);
        assertEquals(-4517, s.y().values()[0]);
        assertEquals(569, argMin(s.y().values()));
        assertEquals(584, argMax(s.y().values()));
        assertEquals(-78434, s.y().values()[569]);
        assertEquals(139275, s.y().values()[584]);
        assertTrue(im.metadata().number(Metadata.MICROWAVE_FREQUENCY_GHZ).isEmpty(), "no MF in this par");
        // no frequency: a g axis is refused with the reason
        ImportException e = assertThrows(ImportException.class, () -> registry.open(data.resolve("epr/ESP.par"),
                new ImportSettings(Map.of("axis.g", true)), ImportMonitor.NONE));
        assertTrue(e.getMessage().contains("frequency"), e.getMessage());
        // the .spc beside a .par is Bruker's, not Galactic's
        assertEquals("bruker-esp", open("epr/ESP.spc").importerId());
    }

    @Test
    void wdfMap() throws Exception {
        Imported im = open("raman/renishaw_test_map.wdf");
        SpectrumMap map = assertInstanceOf(SpectrumMap.class, im.data());
        assertEquals(3, map.nx());
        assertEquals(3, map.ny());
        assertEquals(47, map.points());
        assertEquals("nm", map.x().unit());
        near(350.677, map.x().first(), 1e-5);
        near(346.773, map.x().last(), 1e-5);
        near(325, im.metadata().number(Metadata.LASER_WAVELENGTH_NM).orElseThrow(), 1e-3);
        assertArrayEquals(new double[] { -100e-6, 0, 100e-6, -100e-6, 0, 100e-6, -100e-6, 0, 100e-6 },
                map.positionX(), 1e-12);
        assertArrayEquals(new double[] { -100e-6, -100e-6, -100e-6, 0, 0, 0, 100e-6, 100e-6, 100e-6 },
                map.positionY(), 1e-12);
        near(2.0856, map.intensities()[0], 1e-4);
        near(1.3898, map.intensities()[1], 1e-4);
    }

    @Test
    void wdfSingleSpectrum() throws Exception {
        Imported im = open("raman/Spectrum_532nm_wdf.wdf");
        Spectrum s = assertInstanceOf(Spectrum.class, im.data());
        assertEquals(1900, s.x().size());
        assertEquals("Raman shift", s.x().quantity());
        near(3203.762, s.x().first(), 1e-6);
        near(202.102, s.x().last(), 1e-5);
        near(532.30, im.metadata().number(Metadata.LASER_WAVELENGTH_NM).orElseThrow(), 1e-4);
        near(5, im.metadata().number("accumulations").orElseThrow(), 0);
        assertEquals("Single scan measurement 7", ((Metadata.Text) im.metadata().get(Metadata.TITLE).orElseThrow()).value());
        near(16749.488, s.y().values()[0], 1e-6);
        near(16446.775, s.y().values()[1], 1e-6);
        near(16551.314, s.y().values()[2], 1e-6);
        int k = argMax(s.y().values());
        near(202616.9, s.y().values()[k], 1e-6);
        near(3004.95, s.x().values()[k], 1e-5);
    }

    @Test
    void galacticNewFormat() throws Exception {
        Imported im = open("raman/RAMAN.SPC");
        assertEquals("galactic-spc", im.importerId());
        Spectrum s = assertInstanceOf(Spectrum.class, im.data());
        assertEquals(3632, s.x().size());
        assertEquals("Raman shift", s.x().quantity());
        near(3996.823, s.x().first(), 1e-6);
        near(-3005.956, s.x().last(), 1e-6);
        near(0.0171021, s.y().values()[0], 1e-4);
        int k = argMax(s.y().values());
        near(137.45, s.y().values()[k], 1e-4);
        near(2853.16, s.x().values()[k], 1e-5);
        assertEquals("Nicolet", ((Metadata.Text) im.metadata().get("log.MODEL").orElseThrow()).value());
        near(1e7 / 15798, im.metadata().number(Metadata.LASER_WAVELENGTH_NM).orElseThrow(), 1e-9);
    }

    @Test
    void galacticOldFormat() throws Exception {
        Spectrum s = assertInstanceOf(Spectrum.class, open("raman/DOERNER.spc").data());
        assertEquals(1602, s.x().size());
        near(100, s.x().first(), 1e-9);
        near(1800, s.x().last(), 1e-9);
        assertEquals(0, s.y().values()[0]);
        near(-295.1068, s.y().values()[1], 1e-6);
        near(170.0325, s.y().values()[2], 1e-6);
        int k = argMax(s.y().values());
        near(11209.59, s.y().values()[k], 1e-6);
        near(822.05, s.x().values()[k], 1e-5);
    }

    @Test
    void galacticMultifileWithPerSubfileExponents() throws Exception {
        SpectrumSet set = assertInstanceOf(SpectrumSet.class, open("raman/m_evenz.spc").data());
        assertEquals(32, set.spectra().size());
        Spectrum first = set.spectra().get(0);
        assertEquals(171, first.x().size());
        near(200, first.x().first(), 1e-9);
        near(800, first.x().last(), 1e-9);
        int k = argMax(first.y().values());
        near(0.12953, first.y().values()[k], 1e-4);
        near(316.47, first.x().values()[k], 1e-4);
        double[] last = set.spectra().get(31).y().values();
        near(1.3055, last[argMax(last)], 1e-4);
    }

    @Test
    void jcampAffnPairs() throws Exception {
        Imported im = open("raman/tannic_acid.jdx");
        assertEquals("jcamp-dx", im.importerId());
        Spectrum s = assertInstanceOf(Spectrum.class, im.data());
        assertEquals(1949, s.x().size());
        assertEquals("Raman shift", s.x().quantity());
        near(100.595, s.x().first(), 1e-9);
        near(2854.713, s.x().last(), 1e-9);
        int k = argMax(s.y().values());
        near(300.889, s.y().values()[k], 1e-9);
        near(419.227, s.x().values()[k], 1e-9);
    }

    @Test
    void jcampCompressionsDecodeIdentically() throws Exception {
        double[] reference = null;
        for (String f : new String[] { "BRUKAFFN.DX", "BRUKPAC.DX", "BRUKSQZ.DX" }) {
            Spectrum s = assertInstanceOf(Spectrum.class, open("raman/" + f).data());
            double[] y = s.y().values();
            assertEquals(16384, y.length, f);
            assertEquals(2259260, y[0], f);
            assertEquals(1505988, y[y.length - 1], f);
            assertEquals(-27593530, y[argMin(y)], f);
            assertEquals(6966, argMax(y), f);
            assertEquals(972201806, y[6966], f);
            near(13817.41, s.x().values()[6966], 1e-6);
            near(24038.5, s.x().first(), 1e-9);
            assertEquals(0, s.x().last(), 1e-9);
            assertEquals(618201754L, sum(y), f);
            if (reference == null) {
                reference = y;
            } else {
                assertArrayEquals(reference, y, f);
            }
        }
        Imported dif = open("raman/BRUKDIF.DX");
        double[] y = ((Spectrum) dif.data()).y().values();
        assertEquals(16384, y.length);
        assertEquals(2254931, y[0]);
        assertEquals(1513177, y[y.length - 1]);
        assertEquals(-27593239, y[argMin(y)]);
        assertEquals(972201806, y[argMax(y)]);
        assertEquals(616961840L, sum(y));
        assertEquals("2068", ((Metadata.Text) dif.metadata().get("Y_CHECKS_PASSED").orElseThrow()).value());
    }

    private static long sum(double[] y) {
        long s = 0;
        for (double v : y) {
            s += (long) v;
        }
        return s;
    }

    @Test
    void witecMapExport() throws Exception {
        Imported im = open("raman/Witec-Map_full.txt");
        assertEquals("text-spectra", im.importerId());
        SpectrumMap map = assertInstanceOf(SpectrumMap.class, im.data());
        assertEquals(5, map.nx());
        assertEquals(5, map.ny());
        assertEquals(1024, map.points());
        assertEquals("Raman shift", map.x().quantity());
        near(87.7367, map.x().first(), 1e-9);
        near(2821.31, map.x().last(), 1e-9);
        int best = 0;
        for (int i = 1; i < map.intensities().length; i++) {
            if (map.intensities()[i] > map.intensities()[best]) {
                best = i;
            }
        }
        assertEquals(8784, map.intensities()[best]);
        near(525.71, map.x().values()[best % map.points()], 1e-5);
    }

    @Test
    void nanonisSxm() throws Exception {
        Imported im = open("spm/test.sxm");
        Image img = assertInstanceOf(Image.class, im.data());
        assertEquals(256, img.nx());
        assertEquals(256, img.ny());
        near(5e-6, img.widthM(), 1e-12);
        near(5e-6, img.heightM(), 1e-12);
        assertEquals(4, img.channels().size());
        double[][] expected = { { -5.55718e-7, -4.39608e-7 }, { -5.53578e-7, -4.42472e-7 }, { 1.060e-12, 1.000005e-8 },
                { 1.623e-12, 1.000005e-8 } };
        String[] units = { "m", "m", "A", "A" };
        for (int c = 0; c < 4; c++) {
            Channel ch = img.channels().get(c);
            assertEquals(units[c], ch.unit());
            near(expected[c][0], ch.z()[argMin(ch.z())], 1e-3);
            near(expected[c][1], ch.z()[argMax(ch.z())], 1e-5);
        }
        assertTrue(img.channels().get(1).name().contains("backward"));
    }

    @Test
    void gwyddionNativeWithChannelThree() throws Exception {
        Imported im = open("spm/file_landscape.gwy");
        Image img = assertInstanceOf(Image.class, im.data());
        assertEquals(220, img.nx());
        assertEquals(170, img.ny());
        near(1e-6, img.widthM(), 1e-12);
        near(1e-6, img.heightM(), 1e-12);
        assertEquals(1, img.channels().size());
        Channel c = img.channels().get(0);
        assertEquals("Left_Top_Right_Bottom", c.name());
        assertEquals("m", c.unit());
        near(-2.82045e-10, c.z()[argMin(c.z())], 1e-5);
        near(1.36543e-09, c.z()[argMax(c.z())], 1e-5);
    }
}
