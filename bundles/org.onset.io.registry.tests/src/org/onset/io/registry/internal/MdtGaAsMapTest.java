package org.onset.io.registry.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.onset.io.api.Image;
import org.onset.io.api.ImportMonitor;
import org.onset.io.api.ImportSettings;
import org.onset.io.api.Imported;
import org.onset.io.api.ImporterRegistry;
import org.onset.io.api.Metadata;
import org.onset.io.api.Spectrum;
import org.onset.io.api.SpectrumMap;
import org.onset.io.api.SpectrumSet;

/**
 * The real NT-MDT file GaAs_map.mdt (Nova Px 3.4, 2022; SOURCES.md of ../shared/testdata) read
 * through the registry: its two MDA current images by default, and its new-style curves frame (type
 * 190: 25 points on a 5 × 5 grid, 3 passes of I(V) forward and backward, 587 float64 values in nA
 * each) with {@code mdt.content=curves}. The expected values come from a separate reader,
 * reference/mdt_new_curves.py (numpy and regular expressions), not from the Java code. The test is
 * skipped, saying so, while testdata lacks the file.
 */
class MdtGaAsMapTest {

    private static ImporterRegistry registry;
    private static Path file;

    @BeforeAll
    static void services() throws Exception {
        registry = Services.registry();
        try (Stream<Path> s = Files.walk(Services.testdata())) {
            Optional<Path> f = s.filter(p -> p.getFileName().toString().equals("GaAs_map.mdt")).findFirst();
            file = f.orElse(null);
        }
    }

    private static Imported read(String... settings) throws Exception {
        Assumptions.assumeTrue(file != null, "GaAs_map.mdt is not (yet) in ../shared/testdata: skipped");
        Map<String, Object> s = new java.util.LinkedHashMap<>();
        for (int k = 0; k < settings.length; k += 2) {
            s.put(settings[k], settings[k + 1]);
        }
        return registry.open(file, new ImportSettings(s), ImportMonitor.NONE);
    }

    private static String text(Imported im, String key) {
        return ((Metadata.Text) im.metadata().get(key).orElseThrow()).value();
    }

    /** Relative tolerance: the map stores float32. */
    private static void near(double expected, double actual, String what) {
        assertEquals(expected, actual, Math.abs(expected) * 1e-6 + 1e-18, what);
    }

    @Test
    void byDefaultTheImagesAreReadAndTheCurvesListed() throws Exception {
        Imported im = read();
        Image image = assertInstanceOf(Image.class, im.data());
        assertEquals(2, image.channels().size());
        assertEquals("1 × curves (new) (read with mdt.content=curves), 1 × text", text(im, "frames_not_read"));
    }

    @Test
    void theCurvesAreAFiveByFiveMapOfTheFirstForwardSweep() throws Exception {
        Imported im = read("mdt.content", "curves");
        SpectrumMap map = assertInstanceOf(SpectrumMap.class, im.data());
        assertEquals(5, map.nx());
        assertEquals(5, map.ny());
        assertEquals(587, map.points());
        assertEquals("bias", map.x().quantity());
        assertEquals("V", map.x().unit());
        assertEquals(-2.99985697, map.x().first(), 1e-12);
        assertEquals(2.99987324, map.x().last(), 1e-12);
        assertEquals("current", map.yQuantity());
        assertEquals("A", map.yUnit());
        // positions: x 53.4435176967192 … 54.4287537726299 µm by columns, y 62.0752357135135 … 63.0266278020837 µm by rows
        assertEquals(53.4435176967192e-6, map.positionX()[0], 1e-15);
        assertEquals(54.4287537726299e-6, map.positionX()[4], 1e-15);
        assertEquals(62.0752357135135e-6, map.positionY()[0], 1e-15);
        assertEquals(63.0266278020837e-6, map.positionY()[24], 1e-15);
        assertEquals(map.positionY()[0], map.positionY()[4], 0, "a row shares its y");
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float v : map.intensities()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        near(-51.36567244864e-9, min, "map min");
        near(49.11994301696e-9, max, "map max");
        Spectrum s00 = map.spectrum(0);
        near(48.67438297344e-9, s00.y().values()[0], "row 0 col 0 first");
        near(-0.02250688576e-9, s00.y().values()[293], "row 0 col 0 value 293");
        near(-1.19477230848e-9, s00.y().values()[586], "row 0 col 0 last");
        near(-0.21400615104e-9, map.spectrum(2 * 5 + 3).y().values()[586], "row 2 col 3 last");
        near(0.72746832448e-9, map.spectrum(24).y().values()[0], "row 4 col 4 first");
        near(-0.13847456832e-9, map.spectrum(24).y().values()[586], "row 4 col 4 last");
        assertEquals(25, im.metadata().number("curve_points").orElseThrow(), 0);
        assertEquals(6, im.metadata().number("curves_per_point").orElseThrow(), 0);
        String notRead = text(im, "frames_not_read");
        assertTrue(notRead.contains("2 × MDA image (read with mdt.content=images)") && notRead.contains("1 × text"),
                notRead);
    }

    @Test
    void everyCurveAsASetWithItsPointNumber() throws Exception {
        SpectrumSet set = assertInstanceOf(SpectrumSet.class, read("mdt.content", "curves", "mdt.curve", "all").data());
        assertEquals(150, set.spectra().size());
        assertArrayEquals(new double[] { 1, 1, 1, 1, 1, 1, 2 }, java.util.Arrays.copyOf(set.index().values(), 7));
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Spectrum s : set.spectra()) {
            for (double v : s.y().values()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        assertEquals(-51.70632751616e-9, min, 1e-21, "all curves min (float64 kept)");
        assertEquals(51.63956980416e-9, max, 1e-21, "all curves max");
        // point 1, pass 1 backward, put back in the axis's order: max 48.85596395008 nA at index 88
        double[] back = set.spectra().get(1).y().values();
        int at = 0;
        for (int k = 1; k < back.length; k++) {
            at = back[k] > back[at] ? k : at;
        }
        assertEquals(88, at);
        assertEquals(48.85596395008e-9, back[88], 1e-21);
        assertEquals(-11.3736067616e-9, back[586], 1e-21);
        assertEquals(-51.33553611008e-9, set.spectra().get(149).y().values()[586], 1e-21, "point 25 pass 3 backward");
    }
}
