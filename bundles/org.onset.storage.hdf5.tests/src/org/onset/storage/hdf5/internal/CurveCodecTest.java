package org.onset.storage.hdf5.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The codec picks the smallest encoding that is exact, and decoding gives the same bits. */
class CurveCodecTest {

    private static final double LSB = 2e-9 / 4096;

    private static double[] adc(int... codes) {
        double[] v = new double[codes.length];
        for (int k = 0; k < codes.length; k++) {
            v[k] = codes[k] * LSB;
        }
        return v;
    }

    private static void assertRoundTrip(double[] v, Encoding e, double scale) {
        double[] back = CurveCodec.decode(CurveCodec.encode(v, e, scale), e, scale);
        for (int k = 0; k < v.length; k++) {
            assertEquals(Double.doubleToRawLongBits(v[k]), Double.doubleToRawLongBits(back[k]), "sample " + k);
        }
    }

    @Test
    void adcCodesBecomeInt16() {
        double[] v = adc(0, 1, -1, 2047, -2048, 32767, -32768);
        assertEquals(Encoding.INT16, CurveCodec.chooseSignal(v, LSB));
        assertRoundTrip(v, Encoding.INT16, LSB);
    }

    @Test
    void outOfRangeOffGridAndMinusZeroFallBack() {
        assertEquals(Encoding.FLOAT64, CurveCodec.chooseSignal(adc(32768), LSB), "beyond int16");
        assertEquals(Encoding.FLOAT64, CurveCodec.chooseSignal(new double[] { 1.5 * LSB }, LSB), "between codes");
        assertEquals(Encoding.FLOAT32, CurveCodec.chooseSignal(new double[] { -0.0, 0.5 }, 0.5),
                "-0.0 is no int16 code, but a float");
        assertEquals(Encoding.FLOAT64, CurveCodec.chooseSignal(adc(3), Double.NaN), "no ADC step known");
        double[] nan = { 0.25, Double.NaN };
        assertEquals(Encoding.FLOAT32, CurveCodec.chooseSignal(nan, 0.25), "NaN is not a code");
        assertRoundTrip(nan, Encoding.FLOAT32, Double.NaN);
        double[] tenth = { 0.1 };
        assertEquals(Encoding.FLOAT64, CurveCodec.chooseSignal(tenth, Double.NaN), "0.1 is not a float");
        assertRoundTrip(tenth, Encoding.FLOAT64, Double.NaN);
        assertEquals(Encoding.ABSENT, CurveCodec.chooseSignal(null, LSB));
    }

    /**
     * The writer finds int16 codes by multiplying with 1/scale; for every exact code it must agree
     * with dividing by the scale, also for steps whose inverse is inexact.
     */
    @Test
    void multiplyingByTheInverseStepFindsEveryCode() {
        for (double scale : new double[] { LSB, 1e-12 / 3, 20.0 / 65536, 0.1, 7e-10, 3.3 / 4095 }) {
            double[] v = new double[65536];
            for (int k = 0; k < v.length; k++) {
                v[k] = (short) (k - 32768) * scale;
            }
            CurveCodec.Encoded e = CurveCodec.encodeSignal(v, scale);
            assertEquals(Encoding.INT16, e.encoding(), "scale " + scale);
            short[] codes = (short[]) e.stored();
            for (int k = 0; k < v.length; k++) {
                assertEquals((short) Math.rint(v[k] / scale), codes[k], "scale " + scale + ", code " + (k - 32768));
            }
            assertRoundTrip(v, Encoding.INT16, scale);
        }
        double[] offGrid = adc(1, 2, 3);
        offGrid[2] = Math.nextUp(offGrid[2]);
        assertEquals(Encoding.FLOAT64, CurveCodec.encodeSignal(offGrid, LSB).encoding(), "one ulp off the grid");
        float[] f = (float[]) CurveCodec.encodeSignal(new double[] { 0.5, -0.0, 3 }, 0.5).stored();
        assertArrayEquals(new float[] { 0.5f, -0.0f, 3f }, f);
    }

    @Test
    void timeIsImplicitOnlyForTheExactFormula() {
        double rate = 3e4; // 1/rate is inexact, so the two formulas differ somewhere
        double[] over = new double[50_000];
        double[] times = new double[over.length];
        boolean differ = false;
        for (int k = 0; k < over.length; k++) {
            over[k] = k / rate;
            times[k] = k * (1.0 / rate);
            differ |= over[k] != times[k];
        }
        assertEquals(true, differ, "the test needs the two formulas to disagree");
        assertEquals(Encoding.TIME_INDEX_OVER_RATE, CurveCodec.chooseTime(over, rate));
        assertEquals(Encoding.TIME_INDEX_TIMES_PERIOD, CurveCodec.chooseTime(times, rate));
        assertArrayEquals(over, CurveCodec.implicitTime(Encoding.TIME_INDEX_OVER_RATE, over.length, rate));
        assertArrayEquals(times, CurveCodec.implicitTime(Encoding.TIME_INDEX_TIMES_PERIOD, times.length, rate));
        double[] shifted = over.clone();
        shifted[17] = Math.nextUp(shifted[17]);
        assertEquals(Encoding.FLOAT64, CurveCodec.chooseTime(shifted, rate), "one ulp off: stored");
        double[] quarterSeconds = { 0, 0.25, 0.5 };
        assertEquals(Encoding.TIME_INDEX_OVER_RATE, CurveCodec.chooseTime(quarterSeconds, 4));
        assertEquals(Encoding.FLOAT32, CurveCodec.chooseTime(new double[] { 0, 0.25, 0.75 }, 4));
    }

    @Test
    void faultReasonsAreCutOnCharacterBoundaries() {
        assertEquals("short", new String(Hdf5MapFileWriter.shorten("short"), java.nio.charset.StandardCharsets.UTF_8));
        String emoji = "\uD83D\uDE00".repeat(200); // 4 bytes each
        String cut = new String(Hdf5MapFileWriter.shorten(emoji), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(127 * 2 + 1, cut.length(), "127 whole emoji (508 bytes) and the ellipsis");
        assertEquals('…', cut.charAt(cut.length() - 1));
    }
}
