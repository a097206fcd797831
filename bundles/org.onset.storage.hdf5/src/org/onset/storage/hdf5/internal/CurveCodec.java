package org.onset.storage.hdf5.internal;

/**
 * Chooses the most compact encoding that gives back every value bit for bit (compared as raw
 * bits: -0.0 differs from 0.0, NaN payloads are kept apart), and converts.
 * Candidates are tried from small to large; each check runs over the whole array, so the
 * choice is exact, never a guess.
 */
final class CurveCodec {

    private CurveCodec() {
    }

    /** A channel's encoding and, when it stores something, the array to store. */
    record Encoded(Encoding encoding, Object stored) {
    }

    /**
     * Encoding for a signal channel.
     *
     * @param scale ADC step (ChannelSpec resolution) or NaN when the channel has no specification
     */
    static Encoding chooseSignal(double[] v, double scale) {
        return encodeSignal(v, scale).encoding();
    }

    /**
     * Chooses and converts in one pass per candidate: checking and converting separately read the
     * samples twice, which took about half of the writer's time per pixel.
     *
     * @param scale ADC step (ChannelSpec resolution) or NaN when the channel has no specification
     */
    static Encoded encodeSignal(double[] v, double scale) {
        return encodeSignal(v, v == null ? 0 : v.length, scale);
    }

    /**
     * As {@link #encodeSignal(double[], double)} for the first {@code n} values of {@code v} only:
     * the caller may pass a reused array longer than the curve. The stored array then holds
     * exactly {@code n} values, except FLOAT64, which is {@code v} itself (only its first
     * {@code n} values are to be written).
     */
    static Encoded encodeSignal(double[] v, int n, double scale) {
        if (v == null) {
            return new Encoded(Encoding.ABSENT, null);
        }
        if (Double.isFinite(scale) && scale > 0) {
            short[] codes = toInt16(v, n, scale);
            if (codes != null) {
                return new Encoded(Encoding.INT16, codes);
            }
        }
        float[] f = toFloat32(v, n);
        return f != null ? new Encoded(Encoding.FLOAT32, f) : new Encoded(Encoding.FLOAT64, v);
    }

    /**
     * Samples per block of the checks: within a block the loops have no exit, which lets the JIT
     * keep them tight (a few times faster than testing every sample); between blocks a failed
     * check stops early.
     */
    private static final int BLOCK = 1024;

    /**
     * The int16 codes of {@code v}, or null when some value is not exactly {@code code · scale}
     * for a short code. The code is found by multiplying with 1/scale, not dividing: when x is
     * exactly s · scale for a short s, x · (1/scale) is within a few ulp of s and rounds to s, so
     * the result equals the division's; when x is no code, the bit-exact check of what decode
     * computes rejects it either way (a code outside the short range wraps and fails it too; a
     * short has no -0, so -0.0 fails it).
     */
    static short[] toInt16(double[] v, double scale) {
        return toInt16(v, v.length, scale);
    }

    /** As {@link #toInt16(double[], double)} for the first {@code n} values. */
    static short[] toInt16(double[] v, int n, double scale) {
        double inverse = 1.0 / scale;
        short[] codes = new short[n];
        for (int from = 0; from < n; from += BLOCK) {
            int to = Math.min(n, from + BLOCK);
            long mismatch = 0;
            for (int k = from; k < to; k++) {
                double x = v[k];
                short code = (short) (int) Math.rint(x * inverse);
                codes[k] = code;
                mismatch |= Double.doubleToRawLongBits(code * scale) ^ Double.doubleToRawLongBits(x);
            }
            if (mismatch != 0) {
                return null;
            }
        }
        return codes;
    }

    /** {@code v} as floats, or null when some value is not exactly a float. */
    static float[] toFloat32(double[] v) {
        return toFloat32(v, v.length);
    }

    /** As {@link #toFloat32(double[])} for the first {@code n} values. */
    static float[] toFloat32(double[] v, int n) {
        float[] f = new float[n];
        for (int from = 0; from < n; from += BLOCK) {
            int to = Math.min(n, from + BLOCK);
            long mismatch = 0;
            for (int k = from; k < to; k++) {
                float x = (float) v[k];
                f[k] = x;
                mismatch |= Double.doubleToRawLongBits(x) ^ Double.doubleToRawLongBits(v[k]);
            }
            if (mismatch != 0) {
                return null;
            }
        }
        return f;
    }

    /** Encoding for the time channel; the implicit ones store nothing. */
    static Encoding chooseTime(double[] t, double sampleRate) {
        if (isIndexOverRate(t, t.length, sampleRate)) {
            return Encoding.TIME_INDEX_OVER_RATE;
        }
        if (isIndexTimesPeriod(t, t.length, 1.0 / sampleRate)) {
            return Encoding.TIME_INDEX_TIMES_PERIOD;
        }
        return encodeSignal(t, Double.NaN).encoding();
    }

    /** Encoding for the time channel and, when stored, the array to store. */
    static Encoded encodeTime(double[] t, double sampleRate) {
        return encodeTime(t, t.length, sampleRate);
    }

    /** As {@link #encodeTime(double[], double)} for the first {@code n} values of {@code t}. */
    static Encoded encodeTime(double[] t, int n, double sampleRate) {
        if (isIndexOverRate(t, n, sampleRate)) {
            return new Encoded(Encoding.TIME_INDEX_OVER_RATE, null);
        }
        if (isIndexTimesPeriod(t, n, 1.0 / sampleRate)) {
            return new Encoded(Encoding.TIME_INDEX_TIMES_PERIOD, null);
        }
        return encodeSignal(t, n, Double.NaN);
    }

    private static boolean isIndexOverRate(double[] t, int n, double rate) {
        for (int from = 0; from < n; from += BLOCK) {
            int to = Math.min(n, from + BLOCK);
            long mismatch = 0;
            for (int k = from; k < to; k++) {
                mismatch |= Double.doubleToRawLongBits(k / rate) ^ Double.doubleToRawLongBits(t[k]);
            }
            if (mismatch != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIndexTimesPeriod(double[] t, int n, double period) {
        for (int from = 0; from < n; from += BLOCK) {
            int to = Math.min(n, from + BLOCK);
            long mismatch = 0;
            for (int k = from; k < to; k++) {
                mismatch |= Double.doubleToRawLongBits(k * period) ^ Double.doubleToRawLongBits(t[k]);
            }
            if (mismatch != 0) {
                return false;
            }
        }
        return true;
    }

    /** The array to store for an encoding that stores something. */
    static Object encode(double[] v, Encoding e, double scale) {
        switch (e) {
        case INT16: {
            short[] codes = new short[v.length];
            for (int k = 0; k < v.length; k++) {
                codes[k] = (short) Math.rint(v[k] / scale);
            }
            return codes;
        }
        case FLOAT32: {
            float[] f = new float[v.length];
            for (int k = 0; k < v.length; k++) {
                f[k] = (float) v[k];
            }
            return f;
        }
        case FLOAT64:
            return v;
        default:
            throw new IllegalArgumentException("encoding " + e + " stores nothing");
        }
    }

    /** A buffer of the right type to read {@code n} stored values of encoding {@code e}. */
    static Object buffer(Encoding e, int n) {
        switch (e) {
        case INT16:
            return new short[n];
        case FLOAT32:
            return new float[n];
        case FLOAT64:
            return new double[n];
        default:
            throw new IllegalArgumentException("encoding " + e + " stores nothing");
        }
    }

    static double[] decode(Object stored, Encoding e, double scale) {
        switch (e) {
        case INT16: {
            short[] codes = (short[]) stored;
            double[] v = new double[codes.length];
            for (int k = 0; k < codes.length; k++) {
                v[k] = codes[k] * scale;
            }
            return v;
        }
        case FLOAT32: {
            float[] f = (float[]) stored;
            double[] v = new double[f.length];
            for (int k = 0; k < f.length; k++) {
                v[k] = f[k];
            }
            return v;
        }
        case FLOAT64:
            return (double[]) stored;
        default:
            throw new IllegalArgumentException("encoding " + e + " stores nothing");
        }
    }

    /** The values of an implicit time encoding. */
    static double[] implicitTime(Encoding e, int n, double sampleRate) {
        double[] t = new double[n];
        if (e == Encoding.TIME_INDEX_OVER_RATE) {
            for (int k = 0; k < n; k++) {
                t[k] = k / sampleRate;
            }
        } else if (e == Encoding.TIME_INDEX_TIMES_PERIOD) {
            double period = 1.0 / sampleRate;
            for (int k = 0; k < n; k++) {
                t[k] = k * period;
            }
        } else {
            throw new IllegalArgumentException("encoding " + e + " is not an implicit time");
        }
        return t;
    }
}
