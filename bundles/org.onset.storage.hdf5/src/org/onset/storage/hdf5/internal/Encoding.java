package org.onset.storage.hdf5.internal;

/**
 * How one channel of one pixel's curve is stored. The code is what the per-pixel
 * {@code <channel>_encoding} dataset holds; the names are part of the file format.
 */
enum Encoding {
    /** No data (height of an instrument without height channel). */
    ABSENT(0, null),
    /** int16 ADC codes; value = code · scale_factor (+ add_offset, which is 0). */
    INT16(1, "int16"),
    /** float32, used when every value is exactly a float. */
    FLOAT32(2, "float32"),
    /** float64, the lossless fallback. */
    FLOAT64(3, "float64"),
    /** Time only, nothing stored: t[k] = k / sample_rate, evaluated in double precision. */
    TIME_INDEX_OVER_RATE(4, null),
    /** Time only, nothing stored: t[k] = k · (1 / sample_rate), evaluated in double precision. */
    TIME_INDEX_TIMES_PERIOD(5, null);

    final byte code;
    /** Suffix of the concatenated dataset, null when nothing is stored. */
    final String suffix;

    Encoding(int code, String suffix) {
        this.code = (byte) code;
        this.suffix = suffix;
    }

    boolean stored() {
        return suffix != null;
    }

    static Encoding of(int code, String where) {
        for (Encoding e : values()) {
            if (e.code == code) {
                return e;
            }
        }
        throw new IllegalArgumentException(where + ": unknown curve encoding " + code);
    }
}
