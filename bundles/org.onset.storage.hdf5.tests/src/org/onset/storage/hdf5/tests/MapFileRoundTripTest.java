package org.onset.storage.hdf5.tests;

import org.onset.instrument.api.RampOutcome.Termination;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.instrument.api.TopographyImage;
import org.onset.map.api.MapFile;
import org.onset.map.api.MapStore;
import org.onset.map.api.MapStoreFactory;
import org.onset.map.api.Grid;
import org.onset.map.api.PixelRecord;

import ch.systemsx.cisd.hdf5.HDF5Factory;
import ch.systemsx.cisd.hdf5.IHDF5Reader;

/** Writes maps and reads them back, bit for bit, through the API and through jhdf5's own reader. */
class MapFileRoundTripTest {

    @TempDir
    Path dir;

    private final Grid layout = new Grid(6, 5, -2e-6, 1e-6, 0.5e-6, -0.25e-6);

    @Test
    void everyFieldAndEveryEncodingComesBackExactly() throws Exception {
        Path file = dir.resolve("map.h5");
        int[] order = { 0, 29, 4, 6, 10, 12, 13, 2 }; // any order, covering every synthetic variant
        try (MapStore w = MapFiles.create(file, layout, SyntheticMap.ATTRIBUTES, SyntheticMap.CHANNELS)) {
            for (int p : order) {
                w.append(SyntheticMap.pixel(layout, p, 3, 2000));
            }
            assertEquals(order.length, w.completedPixels().cardinality());
        }
        try (MapFile r = MapFiles.open(file)) {
            assertEquals(layout, r.grid());
            assertEquals(SyntheticMap.ATTRIBUTES, r.attributes());
            assertEquals(SyntheticMap.CHANNELS, r.channels());
            assertFalse(r.isComplete());
            BitSet expected = new BitSet();
            for (int p : order) {
                expected.set(p);
                Pixels.assertSamePixel(SyntheticMap.pixel(layout, p, 3, 2000), r.pixel(p));
            }
            assertEquals(expected, r.completedPixels());
            double[] onset = r.onsetBias();
            double[] current = r.currentAtEnd();
            double[] height = r.heightChangeAtEnd();
            assertEquals(layout.pixelCount(), onset.length);
            for (int p = 0; p < onset.length; p++) {
                if (expected.get(p)) {
                    PixelRecord want = SyntheticMap.pixel(layout, p, 3, 2000);
                    Pixels.assertSameBits(want.onsetBias(), onset[p], "onset " + p);
                    Pixels.assertSameBits(want.currentAtEnd(), current[p], "current " + p);
                    Pixels.assertSameBits(want.heightChangeAtEnd(), height[p], "height " + p);
                } else {
                    assertTrue(Double.isNaN(onset[p]) && Double.isNaN(current[p]) && Double.isNaN(height[p]),
                            "pixel " + p + " not measured reads NaN");
                }
            }
            assertThrows(IllegalArgumentException.class, () -> r.pixel(1), "pixel 1 was not stored");
        }
    }

    @Test
    void ruleTerminationAndCutoffIndexComeBackForEveryPixelAtOnce() throws Exception {
        Path file = dir.resolve("rules.h5");
        String fullWidthRule = "höhe-" + "x".repeat(PixelRecord.MAX_RULE_BYTES - 6); // 32 bytes: no NUL left
        PixelRecord base = SyntheticMap.pixel(layout, 9, 1, 100);
        PixelRecord faulted = new PixelRecord(9, 3, 1, 0, 0, Double.NaN, base.currentAtEnd(), Double.NaN,
                fullWidthRule, -1, Termination.FAULT, "link lost", 0, 0, 1e4, base.time(), base.bias(), base.current(), null);
        PixelRecord aborted = new PixelRecord(11, 5, 1, 0, 0, Double.NaN, base.currentAtEnd(), Double.NaN, "none",
                -1, Termination.ABORTED, "", 0, 0, 1e4, base.time(), base.bias(), base.current(), null);
        PixelRecord height = new PixelRecord(20, 2, 3, 0, 0, -3.5, base.currentAtEnd(), 8e-9, "height", 42,
                Termination.CUTOFF, "", 0, 0, 1e4, base.time(), base.bias(), base.current(), null);
        List<PixelRecord> written = new java.util.ArrayList<>(List.of(faulted, aborted, height));
        for (int p : new int[] { 0, 1, 2, 3, 29 }) {
            written.add(SyntheticMap.pixel(layout, p, 4, 500));
        }
        try (MapStore w = MapFiles.create(file, layout, Map.of(), SyntheticMap.CHANNELS)) {
            for (PixelRecord p : written) {
                w.append(p);
            }
        }
        try (MapFile r = MapFiles.open(file)) {
            String[] rules = r.rules();
            Termination[] terminations = r.terminations();
            int[] cutoff = r.cutoffSampleIndices();
            assertEquals(layout.pixelCount(), rules.length);
            assertEquals(layout.pixelCount(), terminations.length);
            assertEquals(layout.pixelCount(), cutoff.length);
            BitSet stored = new BitSet();
            for (PixelRecord p : written) {
                stored.set(p.index());
                assertEquals(p.rule(), rules[p.index()], "rule of pixel " + p.index());
                assertEquals(p.termination(), terminations[p.index()], "termination of pixel " + p.index());
                assertEquals(p.cutoffSampleIndex(), cutoff[p.index()], "cutoff index of pixel " + p.index());
                // the arrays agree with the per-pixel record
                assertEquals(r.pixel(p.index()).rule(), rules[p.index()]);
            }
            assertTrue(java.util.Arrays.stream(terminations).filter(java.util.Objects::nonNull).distinct().count() >= 3,
                    "several terminations are exercised");
            for (int p = 0; p < layout.pixelCount(); p++) {
                if (!stored.get(p)) {
                    assertEquals(null, rules[p], "pixel " + p + " not measured has no rule");
                    assertEquals(null, terminations[p], "pixel " + p + " not measured has no termination");
                    assertEquals(-1, cutoff[p], "pixel " + p + " not measured has no cutoff index");
                }
            }
        }
    }

    @Test
    void compactEncodingsAreChosenOnlyWhenExact() throws Exception {
        Path file = dir.resolve("enc.h5");
        try (MapStore w = MapFiles.create(file, layout, Map.of(), SyntheticMap.CHANNELS)) {
            for (int p = 0; p < 14; p++) {
                w.append(SyntheticMap.pixel(layout, p, 5, 1000));
            }
        }
        try (IHDF5Reader h5 = HDF5Factory.openForReading(file.toFile())) {
            String c = "/Measurement_000/Curves/";
            byte[] time = h5.uint8().readArray(c + "time_encoding");
            byte[] bias = h5.uint8().readArray(c + "bias_encoding");
            byte[] current = h5.uint8().readArray(c + "current_encoding");
            byte[] height = h5.uint8().readArray(c + "height_encoding");
            assertEquals(4, time[0], "k / rate time is implicit");
            assertEquals(3, time[2], "jittered time is stored as float64");
            assertEquals(1, bias[0], "quantized bias as int16 codes");
            assertEquals(2, bias[12], "a bias starting at -0.0 cannot be an int16 code: float32");
            assertEquals(1, current[0], "quantized current as int16 codes");
            assertEquals(3, current[4], "unquantized current falls back to float64");
            assertEquals(2, height[6], "float-exact height as float32");
            assertEquals(0, height[10], "no height channel");
            assertEquals(SyntheticMap.CURRENT.resolution(), h5.float64().getAttr(c + "current_int16", "scale_factor"));
            assertEquals("A", h5.string().getAttr(c + "current_int16", "units"));
            // clean close trims every curve dataset to its data
            long[] offsets = h5.int64().readArray(c + "current_offset");
            long[] counts = h5.int64().readArray("/Measurement_000/Pixels/sample_count");
            long end = 0;
            for (int p = 0; p < 14; p++) {
                if (current[p] == 1) {
                    end = Math.max(end, offsets[p] + counts[p]);
                }
            }
            assertEquals(end, h5.object().getDataSetInformation(c + "current_int16").getNumberOfElements());
        }
    }

    @Test
    void resumeContinuesAndKeepsWhatWasThere() throws Exception {
        Path file = dir.resolve("resume.h5");
        try (MapStore w = MapFiles.create(file, layout, SyntheticMap.ATTRIBUTES, SyntheticMap.CHANNELS)) {
            w.writeTopography("before", image(1.0));
            for (int p = 0; p < 10; p++) {
                w.append(SyntheticMap.pixel(layout, p, 9, 3000));
            }
        }
        try (MapStore w = MapFiles.openForResume(file)) {
            BitSet done = w.completedPixels();
            assertEquals(10, done.cardinality());
            assertEquals(layout, w.grid());
            assertTrue(w.hasTopography("before"));
            assertThrows(IllegalStateException.class, () -> w.writeTopography("before", image(2.0)));
            assertThrows(IllegalStateException.class, () -> w.append(SyntheticMap.pixel(layout, 3, 9, 3000)),
                    "a stored pixel is not stored twice");
            for (int p = 10; p < layout.pixelCount(); p++) {
                w.append(SyntheticMap.pixel(layout, p, 9, 3000));
            }
            w.writeTopography("after", image(3.0));
            w.markComplete();
        }
        try (MapFile r = MapFiles.open(file)) {
            assertTrue(r.isComplete());
            assertEquals(layout.pixelCount(), r.completedPixels().cardinality());
            for (int p = 0; p < layout.pixelCount(); p++) {
                Pixels.assertSamePixel(SyntheticMap.pixel(layout, p, 9, 3000), r.pixel(p));
            }
            assertEquals(Set.of("before", "after"), r.topographyNames());
            TopographyImage after = r.topography("after").orElseThrow();
            TopographyImage expected = image(3.0);
            assertEquals(expected.nx(), after.nx());
            assertEquals(expected.ny(), after.ny());
            assertEquals(expected.dx(), after.dx());
            assertArrayEquals(expected.height(), after.height());
            assertTrue(r.topography("during").isEmpty());
        }
        try (MapStore w = MapFiles.openForResume(file)) {
            w.writeTopography("later", image(4.0));
        }
        try (MapFile r = MapFiles.open(file)) {
            assertTrue(r.isComplete(), "resuming a complete map keeps it complete");
            assertEquals(Set.of("before", "after", "later"), r.topographyNames());
        }
    }

    @Test
    void pixelsThatDoNotFitTheMapAreRefusedWithTheReason() throws Exception {
        try (MapStore w = MapFiles.create(dir.resolve("bad.h5"), layout, Map.of(), List.of())) {
            PixelRecord ok = SyntheticMap.pixel(layout, 7, 1, 100);
            PixelRecord wrongColumn = new PixelRecord(7, 2, 1, 0, 0, 0, 0, 0, "none", -1, Termination.COMPLETED, "", 0, 0,
                    1e4, ok.time(), ok.bias(), ok.current(), null);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> w.append(wrongColumn));
            assertTrue(e.getMessage().contains("(1, 1)"), e.getMessage());
            PixelRecord outside = new PixelRecord(30, 0, 5, 0, 0, 0, 0, 0, "none", -1, Termination.COMPLETED, "", 0, 0, 1e4,
                    ok.time(), ok.bias(), ok.current(), null);
            assertTrue(assertThrows(IllegalArgumentException.class, () -> w.append(outside)).getMessage()
                    .contains("outside"));
            PixelRecord longRule = new PixelRecord(7, 1, 1, 0, 0, 0, 0, 0, "x".repeat(33), -1, Termination.COMPLETED, "", 0, 0,
                    1e4, ok.time(), ok.bias(), ok.current(), null);
            assertTrue(assertThrows(IllegalArgumentException.class, () -> w.append(longRule)).getMessage()
                    .contains("rule"));
            // the termination is the enum: an unknown one cannot be named, a missing one is refused
            assertThrows(IllegalArgumentException.class, () -> Termination.valueOf("STOPPED"), "unknown termination");
            assertThrows(NullPointerException.class, () -> new PixelRecord(7, 1, 1, 0, 0, 0, 0, 0, "none", -1,
                    null, "", 0, 0, 1e4, ok.time(), ok.bias(), ok.current(), null), "no termination");
            assertThrows(IllegalArgumentException.class, () -> new PixelRecord(7, 1, 1, 0, 0, 0, 0, 0, "none", -1,
                    Termination.FAULT, "", 0, 0, 1e4, ok.time(), new double[1], ok.current(), null), "ragged channels");
            w.append(ok); // the writer is still usable after refused records
        }
    }

    @Test
    void longFaultReasonsAreShortenedAtACharacterBoundary() throws Exception {
        Path file = dir.resolve("fault.h5");
        String reason = "Überstrom ".repeat(100); // 2-byte characters, 1100 bytes
        PixelRecord base = SyntheticMap.pixel(layout, 0, 1, 100);
        PixelRecord faulted = new PixelRecord(0, 0, 0, 0, 0, Double.NaN, base.currentAtEnd(), Double.NaN, "none",
                -1, Termination.FAULT, reason, 0, 0, 1e4, base.time(), base.bias(), base.current(), null);
        try (MapStore w = MapFiles.create(file, layout, Map.of(), SyntheticMap.CHANNELS)) {
            w.append(faulted);
        }
        try (MapFile r = MapFiles.open(file)) {
            String stored = r.pixel(0).faultReason();
            assertTrue(stored.endsWith("…"), stored);
            assertTrue(reason.startsWith(stored.substring(0, stored.length() - 1)));
            int bytes = stored.getBytes(StandardCharsets.UTF_8).length;
            assertTrue(bytes <= PixelRecord.MAX_FAULT_REASON_BYTES && bytes > PixelRecord.MAX_FAULT_REASON_BYTES - 6,
                    bytes + " bytes");
            assertEquals(Termination.FAULT, r.pixel(0).termination());
        }
    }

    @Test
    void largeAndNonAsciiAttributesSurvive() throws Exception {
        Path file = dir.resolve("attrs.h5");
        String recipe = "{\"points\":[" + "1.5,".repeat(50_000) + "0],\"note\":\"Überspannung −3.7 V\"}";
        Map<String, String> attributes = Map.of("recipe_json", recipe, "instrument_settings_json", "{}",
                "software_version", "0.1.0", "empty", "");
        try (MapStore w = MapFiles.create(file, layout, attributes, List.of())) {
            w.markComplete();
        }
        try (MapFile r = MapFiles.open(file)) {
            assertEquals(attributes, r.attributes());
            assertEquals(List.of(), r.channels());
            assertTrue(r.isComplete());
            assertTrue(r.completedPixels().isEmpty());
        }
    }

    private TopographyImage image(double scale) {
        double[] h = new double[4 * 3];
        for (int k = 0; k < h.length; k++) {
            h[k] = scale * k * 1e-9;
        }
        return new TopographyImage(4, 3, -1e-6, 2e-6, 1e-6, 1e-6, h);
    }
}
