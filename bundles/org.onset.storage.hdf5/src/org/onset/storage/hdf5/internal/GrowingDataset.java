package org.onset.storage.hdf5.internal;

import hdf.hdf5lib.exceptions.HDF5Exception;

/**
 * A concatenated curve dataset that grows in large steps. Growing is the only moment its
 * structure (extent, chunk index) changes; between steps samples go into chunks that already
 * exist, so a killed writer leaves the structure as it was at the last flush. The extent may
 * therefore exceed the data: the per-pixel offsets say where the data are, and a clean close trims
 * the extent to the data.
 */
final class GrowingDataset {

    /** Samples per chunk: a few chunks per typical pixel (≈ 31 k samples). */
    static final long CHUNK = 32_768;
    /**
     * Smallest growth step, samples, unless the rest of the map needs less (see {@link #reserve}).
     * Steps are at least 1/8 of the size, so a 150 M-sample dataset grows a few dozen times.
     */
    static final long MIN_GROWTH = 1L << 20;

    private final String path;
    private final long id;
    private long used;
    private long capacity;
    /** Samples appended since this writer opened the file: with the pixels stored meanwhile, the estimate. */
    private long sessionSamples;

    /** Opens an existing dataset whose first {@code used} samples hold data. */
    GrowingDataset(String path, long id, long used) throws HDF5Exception {
        this.path = path;
        this.id = id;
        this.used = used;
        this.capacity = H5Io.length(id);
    }

    String path() {
        return path;
    }

    /** First free sample. */
    long used() {
        return used;
    }

    /** How much a dataset of this capacity grows in one step at most, samples (bounds the repair on resume). */
    static long step(long capacity) {
        return roundUp(Math.max(MIN_GROWTH, capacity / 8));
    }

    private static long roundUp(long samples) {
        return (samples + CHUNK - 1) / CHUNK * CHUNK;
    }

    long capacity() {
        return capacity;
    }

    /**
     * Makes room for {@code n} more samples, one growth step at a time, each followed by
     * {@code flush}: so a kill can only ever interrupt a single step of a single dataset, which
     * bounds what {@link EndOfAllocation} has to skip on resume.
     *
     * <p>A step is {@link #step(long)} at most, but no more than the rest of the map is expected
     * to need here: {@code pixelsLeft} (this pixel included) times the samples this dataset took
     * per pixel stored in this session ({@code sessionPixels}, of any encoding). Without that cap
     * the last step of each dataset left up to 1/8 of it unused; a clean close trims the extent,
     * but the freed chunks lie between other datasets' data, and HDF5 forgets free space at close
     * (it is not persisted in files with superblock version 0 or 1): h5stat's "unaccounted space",
     * 47 MB in each 1 GB demo file. A low estimate costs one more step later, never a larger one.
     */
    void reserve(long n, long sessionPixels, long pixelsLeft, Runnable flush) throws HDF5Exception {
        while (used + n > capacity) {
            long want = capacity + nextStep(n, sessionPixels, pixelsLeft);
            H5Io.setLength(id, want);
            capacity = want;
            flush.run();
        }
    }

    /** The next growth step for a pixel of {@code n} samples: at least what it needs, at most {@link #step(long)}. */
    long nextStep(long n, long sessionPixels, long pixelsLeft) {
        long need = used + n - capacity;
        double perPixel = (sessionSamples + n) / (double) (sessionPixels + 1);
        long expected = (long) Math.ceil(perPixel * Math.max(1, pixelsLeft)) - (capacity - used);
        return Math.min(step(capacity), roundUp(Math.max(need, expected)));
    }

    /** Writes at the first free sample; call {@link #reserve} first. Returns the offset. */
    long append(Object data, int n) throws HDF5Exception {
        long offset = used;
        H5Io.writeRows(id, offset, data, n, 1);
        used = offset + n;
        sessionSamples += n;
        return offset;
    }

    /** Shrinks the extent to the data (clean close). */
    void trim() throws HDF5Exception {
        if (capacity != used) {
            H5Io.setLength(id, used);
            capacity = used;
        }
    }

    void close() throws HDF5Exception {
        H5Io.closeDataset(id);
    }
}
