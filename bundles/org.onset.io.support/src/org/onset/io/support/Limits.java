package org.onset.io.support;

import org.onset.io.api.ImportException;

/** Checks a header's counts before anything is allocated from them. */
public final class Limits {

    /** No spectrum, map or image of any supported format holds more values than this. */
    public static final long MAX_VALUES = 1L << 28;

    private Limits() {
    }

    /**
     * Fails unless {@code count} values of {@code bytesEach} bytes fit in {@code available} bytes and
     * below {@link #MAX_VALUES}; returns the count as an int.
     */
    public static int count(String file, String what, long count, long bytesEach, long available)
            throws ImportException {
        if (count < 0) {
            throw new ImportException(file + ": " + what + " is negative (" + count + ")");
        }
        if (count > MAX_VALUES) {
            throw new ImportException(file + ": " + what + " claims " + count + " values, more than the "
                    + MAX_VALUES + " any supported file holds");
        }
        if (count * bytesEach > available) {
            throw new ImportException(file + ": " + what + " claims " + count + " values (" + count * bytesEach
                    + " B) but only " + available + " B are there (truncated or damaged)");
        }
        return (int) count;
    }

    /** Multiplies dimension sizes, failing on overflow or on a non-positive size. */
    public static long product(String file, String what, long... sizes) throws ImportException {
        long p = 1;
        for (long s : sizes) {
            if (s <= 0) {
                throw new ImportException(file + ": " + what + " has a size of " + s);
            }
            if (p > MAX_VALUES / s) {
                throw new ImportException(file + ": " + what + " claims more than " + MAX_VALUES + " values");
            }
            p *= s;
        }
        return p;
    }

    /** Fails unless a number read from a file is finite. */
    public static double finite(String file, String what, double v) throws ImportException {
        if (!Double.isFinite(v)) {
            throw new ImportException(file + ": " + what + " is not a finite number (" + v + ")");
        }
        return v;
    }
}
