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
     * Smallest growth step, samples. Steps are at least 1/8 of the size, so a 150 M-sample dataset
     * grows a few dozen times; after a clean close the unused tail is at most that step (as holes
     * that take no disk space).
     */
    static final long MIN_GROWTH = 1L << 20;

    private final String path;
    private final long id;
    private long used;
    private long capacity;

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

    /** How much a dataset of this capacity grows in one step, samples. */
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
     */
    void reserve(long n, Runnable flush) throws HDF5Exception {
        while (used + n > capacity) {
            long want = capacity + step(capacity);
            H5Io.setLength(id, want);
            capacity = want;
            flush.run();
        }
    }

    /** Writes at the first free sample; call {@link #reserve} first. Returns the offset. */
    long append(Object data, int n) throws HDF5Exception {
        long offset = used;
        H5Io.writeRows(id, offset, data, n, 1);
        used = offset + n;
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
