package org.onset.storage.hdf5.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.onset.map.api.Curve;
import org.onset.map.api.PixelRecord;

/** Bit-exact comparison of stored pixels. */
public final class Pixels {

    private Pixels() {
    }

    static void assertSameBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                () -> what + ": expected " + expected + ", got " + actual);
    }

    static void assertSameBits(double[] expected, double[] actual, String what) {
        if (expected == null) {
            assertNull(actual, what + " should be absent");
            return;
        }
        assertEquals(expected.length, actual.length, what + " length");
        for (int k = 0; k < expected.length; k++) {
            if (Double.doubleToRawLongBits(expected[k]) != Double.doubleToRawLongBits(actual[k])) {
                throw new AssertionError(what + "[" + k + "]: expected " + expected[k] + " ("
                        + Long.toHexString(Double.doubleToRawLongBits(expected[k])) + "), got " + actual[k] + " ("
                        + Long.toHexString(Double.doubleToRawLongBits(actual[k])) + ")");
            }
        }
    }

    static void assertSameCurve(PixelRecord expected, Curve actual) {
        String p = "pixel " + expected.index() + " ";
        assertSameBits(expected.time(), actual.time(), p + "time");
        assertSameBits(expected.bias(), actual.bias(), p + "bias");
        assertSameBits(expected.current(), actual.current(), p + "current");
        assertSameBits(expected.height(), actual.height(), p + "height");
    }

    public static void assertSamePixel(PixelRecord expected, PixelRecord actual) {
        String p = "pixel " + expected.index() + " ";
        assertEquals(expected.index(), actual.index(), p + "index");
        assertEquals(expected.i(), actual.i(), p + "i");
        assertEquals(expected.j(), actual.j(), p + "j");
        assertSameBits(expected.x(), actual.x(), p + "x");
        assertSameBits(expected.y(), actual.y(), p + "y");
        assertSameBits(expected.onsetBias(), actual.onsetBias(), p + "onsetBias");
        assertSameBits(expected.currentAtEnd(), actual.currentAtEnd(), p + "currentAtEnd");
        assertSameBits(expected.heightChangeAtEnd(), actual.heightChangeAtEnd(), p + "heightChangeAtEnd");
        assertEquals(expected.rule(), actual.rule(), p + "rule");
        assertEquals(expected.cutoffSampleIndex(), actual.cutoffSampleIndex(), p + "cutoffSampleIndex");
        assertEquals(expected.termination(), actual.termination(), p + "termination");
        assertEquals(expected.faultReason(), actual.faultReason(), p + "faultReason");
        assertEquals(expected.startEpochMillis(), actual.startEpochMillis(), p + "startEpochMillis");
        assertEquals(expected.endEpochMillis(), actual.endEpochMillis(), p + "endEpochMillis");
        assertSameBits(expected.sampleRate(), actual.sampleRate(), p + "sampleRate");
        assertSameCurve(expected, actual.curve());
    }

    /** The digest check_usid.py prints: SHA-256 over time|bias|current|height as little-endian float64. */
    static String curveDigest(PixelRecord p) throws NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (double[] a : new double[][] { p.time(), p.bias(), p.current(), p.height() }) {
            if (a == null) {
                continue;
            }
            ByteBuffer b = ByteBuffer.allocate(a.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            b.asDoubleBuffer().put(a);
            md.update(b.array());
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
