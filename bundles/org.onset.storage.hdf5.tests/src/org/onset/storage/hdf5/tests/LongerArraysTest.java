package org.onset.storage.hdf5.tests;

import org.onset.instrument.api.RampOutcome.Termination;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.map.api.Curve;
import org.onset.map.api.MapFile;
import org.onset.map.api.MapStore;
import org.onset.map.api.MapStoreFactory;
import org.onset.map.api.Grid;
import org.onset.map.api.PixelRecord;

import ch.systemsx.cisd.hdf5.HDF5Factory;
import ch.systemsx.cisd.hdf5.IHDF5Reader;

/**
 * Pixels whose arrays are longer than their curve (buffers reused from pixel to pixel) are stored
 * exactly like pixels with arrays of the exact length: same samples, same encodings.
 */
class LongerArraysTest {

    @TempDir
    Path dir;

    private final Grid layout = new Grid(6, 5, -2e-6, 1e-6, 0.5e-6, -0.25e-6);

    /** Not an int16 code, not a float, not k / rate: a tail that counted would change every encoding. */
    private static final double JUNK = Math.PI * 1e-3;

    @Test
    void onlyTheFirstSampleCountValuesAreStoredAndEncoded() throws Exception {
        Path exact = dir.resolve("exact.h5");
        Path padded = dir.resolve("padded.h5");
        int pixels = 14; // every synthetic variant: implicit/stored time, int16/float32/float64, no height
        try (MapStore w = MapFiles.create(exact, layout, Map.of(), SyntheticMap.CHANNELS)) {
            for (int p = 0; p < pixels; p++) {
                w.append(SyntheticMap.pixel(layout, p, 5, 1000));
            }
        }
        // one set of buffers for all pixels, as the sweep loop does; refilled after every append
        int capacity = 2 * 1000 + 500;
        double[] t = new double[capacity];
        double[] b = new double[capacity];
        double[] c = new double[capacity];
        double[] h = new double[capacity];
        try (MapStore w = MapFiles.create(padded, layout, Map.of(), SyntheticMap.CHANNELS)) {
            for (int p = 0; p < pixels; p++) {
                PixelRecord want = SyntheticMap.pixel(layout, p, 5, 1000);
                int n = want.sampleCount();
                fill(want.time(), t);
                fill(want.bias(), b);
                fill(want.current(), c);
                boolean height = want.height() != null;
                if (height) {
                    fill(want.height(), h);
                }
                w.append(new PixelRecord(want.index(), want.i(), want.j(), want.x(), want.y(), want.onsetBias(),
                        want.currentAtEnd(), want.heightChangeAtEnd(), want.rule(), want.cutoffSampleIndex(),
                        want.termination(), want.faultReason(), want.startEpochMillis(), want.endEpochMillis(),
                        want.sampleRate(), t, b, c, height ? h : null, n));
            }
        }
        try (MapFile r = MapFiles.open(padded)) {
            for (int p = 0; p < pixels; p++) {
                PixelRecord got = r.pixel(p);
                Pixels.assertSamePixel(SyntheticMap.pixel(layout, p, 5, 1000), got);
                assertEquals(got.time().length, got.sampleCount(), "read back with arrays of the exact length");
            }
        }
        String curves = "/Measurement_000/Curves/";
        try (IHDF5Reader a = HDF5Factory.openForReading(exact.toFile());
                IHDF5Reader z = HDF5Factory.openForReading(padded.toFile())) {
            for (String channel : new String[] { "time", "bias", "current", "height" }) {
                assertArrayEquals(a.uint8().readArray(curves + channel + "_encoding"),
                        z.uint8().readArray(curves + channel + "_encoding"), channel + " encodings");
                assertArrayEquals(a.int64().readArray(curves + channel + "_offset"),
                        z.int64().readArray(curves + channel + "_offset"), channel + " offsets");
            }
            assertArrayEquals(a.int64().readArray("/Measurement_000/Pixels/sample_count"),
                    z.int64().readArray("/Measurement_000/Pixels/sample_count"));
            assertEquals(3, z.uint8().readArray(curves + "current_encoding")[4], "float64 written from a longer array");
        }
    }

    private static void fill(double[] curve, double[] buffer) {
        Arrays.fill(buffer, JUNK);
        System.arraycopy(curve, 0, buffer, 0, curve.length);
    }

    @Test
    void theCurveOfARecordIsItsFirstSampleCountSamples() {
        double[] t = { 0, 1e-4, 2e-4, JUNK };
        double[] v = { 0.5, 0.25, 0.125, JUNK };
        PixelRecord r = record(t, v, v, null, 3);
        assertEquals(3, r.sampleCount());
        Curve curve = r.curve();
        assertEquals(3, curve.size());
        assertArrayEquals(new double[] { 0, 1e-4, 2e-4 }, curve.time());
        assertNotSame(t, curve.time(), "a trimmed copy");
        PixelRecord whole = new PixelRecord(0, 0, 0, 0, 0, Double.NaN, 0, Double.NaN, "none", -1, Termination.COMPLETED, "", 0,
                0, 1e4, t, v, v, null);
        assertEquals(4, whole.sampleCount(), "without a count the arrays are the curve");
        assertSame(t, whole.curve().time(), "not copied");
    }

    @Test
    void aSampleCountTheArraysCannotHoldIsRefusedWithTheReason() {
        double[] four = new double[4];
        double[] three = new double[3];
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> record(four, four, three, four, 4));
        assertTrue(tooShort.getMessage().contains("sampleCount = 4") && tooShort.getMessage().contains("current 3"),
                tooShort.getMessage());
        IllegalArgumentException shortHeight = assertThrows(IllegalArgumentException.class,
                () -> record(four, four, four, three, 4));
        assertTrue(shortHeight.getMessage().contains("height 3"), shortHeight.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> record(four, four, four, null, -1));
        assertTrue(negative.getMessage().contains("sampleCount must be >= 0"), negative.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new PixelRecord(0, 0, 0, 0, 0, 0, 0, 0, "none", -1, Termination.COMPLETED, "", 0, 0, 1e4, four, four, three,
                        null), "without a count the channels must have equal lengths, as before");
        assertEquals(3, record(four, four, three, null, 3).sampleCount(), "unequal arrays are fine when long enough");
    }

    private static PixelRecord record(double[] t, double[] b, double[] c, double[] h, int n) {
        return new PixelRecord(0, 0, 0, 0, 0, Double.NaN, 0, Double.NaN, "none", -1, Termination.COMPLETED, "", 0, 0, 1e4, t, b,
                c, h, n);
    }
}
