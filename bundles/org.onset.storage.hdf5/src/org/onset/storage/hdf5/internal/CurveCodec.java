package org.onset.storage.hdf5.internal;

/**
 * Chooses the most compact encoding that gives back every value bit for bit, and converts.
 * Candidates are tried from small to large; each check runs over the whole array, so the
 * choice is exact, never a guess.
 */
final class CurveCodec {

    private CurveCodec() {
    }

    /**
     * Encoding for a signal channel.
     *
     * @param scale ADC step (ChannelSpec resolution) or NaN when the channel has no specification
     */
    static Encoding chooseSignal(double[] v, double scale) {
        if (v == null) {
            return Encoding.ABSENT;
        }
        if (Double.isFinite(scale) && scale > 0 && fitsInt16(v, scale)) {
            return Encoding.INT16;
        }
        return fitsFloat32(v) ? Encoding.FLOAT32 : Encoding.FLOAT64;
    }

    /** Encoding for the time channel; the implicit ones store nothing. */
    static Encoding chooseTime(double[] t, double sampleRate) {
        if (isIndexOverRate(t, sampleRate)) {
            return Encoding.TIME_INDEX_OVER_RATE;
        }
        if (isIndexTimesPeriod(t, 1.0 / sampleRate)) {
            return Encoding.TIME_INDEX_TIMES_PERIOD;
        }
        return fitsFloat32(t) ? Encoding.FLOAT32 : Encoding.FLOAT64;
    }

    static boolean fitsInt16(double[] v, double scale) {
        for (double x : v) {
            double code = Math.rint(x / scale);
            // check what decode will compute from the stored short (a short has no -0)
            if (!(code >= Short.MIN_VALUE && code <= Short.MAX_VALUE) || !same((short) code * scale, x)) {
                return false;
            }
        }
        return true;
    }

    static boolean fitsFloat32(double[] v) {
        for (double x : v) {
            if (!same((float) x, x)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIndexOverRate(double[] t, double rate) {
        for (int k = 0; k < t.length; k++) {
            if (!same(k / rate, t[k])) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIndexTimesPeriod(double[] t, double period) {
        for (int k = 0; k < t.length; k++) {
            if (!same(k * period, t[k])) {
                return false;
            }
        }
        return true;
    }

    /** Bit-exact equality: tells -0.0 from 0.0 and keeps NaN payloads apart. */
    private static boolean same(double a, double b) {
        return Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b);
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
