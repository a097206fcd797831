package org.onset.storage.hdf5.internal;

import static hdf.hdf5lib.HDF5Constants.H5P_DEFAULT;
import static hdf.hdf5lib.HDF5Constants.H5S_ALL;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;
import hdf.hdf5lib.exceptions.HDF5Exception;
import hdf.hdf5lib.exceptions.HDF5LibraryException;

/**
 * The few HDF5 operations the map files need, on jhdf5's low-level binding (hdf.hdf5lib.H5). The
 * low level is used instead of jhdf5's convenience API because crash safety needs control that
 * API does not give: early allocation of chunks, no fill writes, B-tree node size, exactly when
 * things are flushed, and no house-keeping attributes.
 *
 * <p>Every method opens and closes the identifiers it needs, so no handle leaks on an exception.
 */
final class H5Io {

    /** Chunk index B-tree node: 2·K entries. Large so the node does not split while a map grows. */
    static final int ISTORE_K = 4096;

    /** The operating system's word for a failed read or write, deep in HDF5's error stack. */
    private static final Pattern OS_ERROR = Pattern.compile("errno = (\\d+), error message = '([^']*)'");

    private H5Io() {
    }

    /**
     * Why an HDF5 call failed, in the user's terms: when the innermost cause is the operating
     * system (a full disk, a lost network drive), its message — "No space left on device (errno
     * 28)" — instead of HDF5's "Write failed" and a source line. HDF5's own printing of its error
     * stack is switched off by the store (it flooded the terminal with 40 lines per failure), so
     * this is where that information goes.
     */
    static String reason(Exception e) {
        if (e instanceof HDF5LibraryException h) {
            String stack;
            try {
                stack = h.getHDF5ErrorStackAsString();
            } catch (RuntimeException notAvailable) {
                stack = null;
            }
            if (stack != null) {
                Matcher m = OS_ERROR.matcher(stack);
                if (m.find()) {
                    return m.group(2) + " (errno " + m.group(1) + ")";
                }
            }
        }
        return e.getMessage();
    }

    private static final Pattern TRUNCATED = Pattern
            .compile("truncated file: eof = (\\d+).*?stored_eof = (\\d+)");
    /**
     * The length a file has and the length its superblock says it has (its end of allocation), when
     * HDF5 refused it as truncated; null for any other failure.
     */
    static long[] truncation(Exception e) {
        Matcher t = TRUNCATED.matcher(String.valueOf(e.getMessage()));
        return t.find() ? new long[] { Long.parseLong(t.group(1)), Long.parseLong(t.group(2)) } : null;
    }

    static String truncatedMessage(long length, long storedLength) {
        return "the file is truncated: " + length + " of its " + storedLength + " bytes are there (an interrupted"
                + " copy or download, or a full disk); use a complete copy";
    }

    private static final Pattern LOCKED = Pattern
            .compile("unable to lock file|file locking|\\block(ed)? file\\b", Pattern.CASE_INSENSITIVE);

    /**
     * Why HDF5 refused to open a map file, in the user's terms: a truncated file says how much of it is
     * there; only a lock failure asks about another program (HDF5's "sblock" contains "lock" too, so
     * the words are matched, not the letters).
     */
    static String whyNotOpened(Exception e, String what) {
        String m = String.valueOf(e.getMessage());
        Matcher t = TRUNCATED.matcher(m);
        if (t.find()) {
            return truncatedMessage(Long.parseLong(t.group(1)), Long.parseLong(t.group(2)));
        }
        if (LOCKED.matcher(m).find()) {
            return what + " (" + m + "); is it open for writing in another program? HDF5 locks files while they are written";
        }
        return what + " (" + m + ")";
    }

    /**
     * HDF5 prints its whole error stack (40 lines for a full disk) on stderr by default, and that
     * setting is per thread in its thread-safe build; every failure here becomes an exception whose
     * message says what matters (see reason), so each thread switches the printing off once, in every
     * call that can fail (a full disk during a topography write printed the stack of the H5Dclose
     * that followed, on a thread that had not written before; a reader thread can meet a damaged file
     * the same way).
     */
    private static final ThreadLocal<Boolean> QUIET = ThreadLocal.withInitial(() -> {
        H5.H5error_off();
        return Boolean.TRUE;
    });

    static long createFile(String path) throws HDF5Exception {
        QUIET.get();
        long fcpl = H5.H5Pcreate(HDF5Constants.H5P_FILE_CREATE);
        long fapl = H5.H5Pcreate(HDF5Constants.H5P_FILE_ACCESS);
        try {
            H5.H5Pset_istore_k(fcpl, ISTORE_K);
            // the 1.8 file format: superblock version 2 and version 2 object headers, both with
            // checksums, so that HDF5 itself refuses a flipped byte in the file's structure instead of
            // following it (corruption fuzzing crashed the JVM inside HDF5 on such flips in version 1
            // headers). Read by HDF5 ≥ 1.8, h5py and HDFView; not 1.10-only features (no SWMR flags,
            // which a killed writer would leave set).
            H5.H5Pset_libver_bounds(fapl, HDF5Constants.H5F_LIBVER_V18, HDF5Constants.H5F_LIBVER_V18);
            return H5.H5Fcreate(path, HDF5Constants.H5F_ACC_EXCL, fcpl, fapl);
        } finally {
            H5.H5Pclose(fapl);
            H5.H5Pclose(fcpl);
        }
    }

    static long openFile(String path, boolean writable) throws HDF5Exception {
        QUIET.get();
        return H5.H5Fopen(path, writable ? HDF5Constants.H5F_ACC_RDWR : HDF5Constants.H5F_ACC_RDONLY, H5P_DEFAULT);
    }

    /**
     * Closes a file whose metadata could not be read. When HDF5 failed half-way through opening
     * an attribute of a damaged file, it can keep that attribute open internally with broken
     * contents, and H5Fclose then crashes the JVM in H5A__close (seen in corruption fuzzing). So a
     * file that still has open attributes is left open: a handle leaked on a damaged file, not a
     * crash. Returns whether it was closed.
     */
    static boolean closeAfterFailure(long file) {
        try {
            if (H5.H5Fget_obj_count(file, HDF5Constants.H5F_OBJ_ATTR | HDF5Constants.H5F_OBJ_LOCAL) > 0) {
                return false;
            }
            H5.H5Fclose(file);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Writes all HDF5 buffers of the file to the operating system (survives a kill, not a power cut). */
    static void flush(long file) throws HDF5Exception {
        QUIET.get();
        H5.H5Fflush(file, HDF5Constants.H5F_SCOPE_LOCAL);
    }

    static boolean exists(long loc, String path) throws HDF5Exception {
        QUIET.get();
        // check each level: H5Lexists fails when an intermediate group is missing
        StringBuilder sofar = new StringBuilder();
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (sofar.length() > 0) {
                sofar.append('/');
            }
            sofar.append(part);
            if (!H5.H5Lexists(loc, sofar.toString(), H5P_DEFAULT)) {
                return false;
            }
        }
        return true;
    }

    static void createGroup(long loc, String path) throws HDF5Exception {
        QUIET.get();
        H5.H5Gclose(H5.H5Gcreate(loc, path, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    }

    static List<String> members(long loc, String group) throws HDF5Exception {
        QUIET.get();
        long g = H5.H5Gopen(loc, group, H5P_DEFAULT);
        try {
            long n = H5.H5Gget_info(g).nlinks;
            List<String> names = new ArrayList<>();
            for (long k = 0; k < n; k++) {
                names.add(H5.H5Lget_name_by_idx(g, ".", HDF5Constants.H5_INDEX_NAME, HDF5Constants.H5_ITER_INC, k,
                        H5P_DEFAULT));
            }
            return names;
        } finally {
            H5.H5Gclose(g);
        }
    }

    // ---------------------------------------------------------------- datasets

    /**
     * A dataset of fixed shape whose storage is allocated and filled at creation, so later writes
     * touch raw data only and never the file's structure.
     */
    static void createFixed(long loc, String path, long fileType, long[] dims, Object fill) throws HDF5Exception {
        QUIET.get();
        long space = H5.H5Screate_simple(dims.length, dims, null);
        long dcpl = H5.H5Pcreate(HDF5Constants.H5P_DATASET_CREATE);
        try {
            H5.H5Pset_layout(dcpl, HDF5Constants.H5D_CONTIGUOUS);
            H5.H5Pset_alloc_time(dcpl, HDF5Constants.H5D_ALLOC_TIME_EARLY);
            H5.H5Pset_obj_track_times(dcpl, false);
            if (fill != null) {
                H5.H5Pset_fill_value(dcpl, memoryTypeOf(fill), oneElementArray(fill));
                H5.H5Pset_fill_time(dcpl, HDF5Constants.H5D_FILL_TIME_ALLOC);
            }
            H5.H5Dclose(H5.H5Dcreate(loc, path, fileType, space, H5P_DEFAULT, dcpl, H5P_DEFAULT));
        } finally {
            H5.H5Pclose(dcpl);
            H5.H5Sclose(space);
        }
    }

    /** Writes a whole small dataset of fixed shape in one go (ancillary datasets, images). */
    static void writeFixed(long loc, String path, long fileType, long[] dims, Object data) throws HDF5Exception {
        QUIET.get();
        long space = H5.H5Screate_simple(dims.length, dims, null);
        long dcpl = H5.H5Pcreate(HDF5Constants.H5P_DATASET_CREATE);
        try {
            H5.H5Pset_obj_track_times(dcpl, false);
            long ds = H5.H5Dcreate(loc, path, fileType, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
            try {
                H5.H5Dwrite(ds, memoryTypeOf(data), H5S_ALL, H5S_ALL, H5P_DEFAULT, data);
            } finally {
                H5.H5Dclose(ds);
            }
        } finally {
            H5.H5Pclose(dcpl);
            H5.H5Sclose(space);
        }
    }

    /**
     * A 1-D dataset without size limit, chunked, without filters, whose chunks are allocated when
     * it grows (not when written) and never pre-filled. A non-zero initial length makes HDF5 build
     * the chunk index now, while the file is being created, rather than at a later growth step.
     */
    static void createExtendable(long loc, String path, long fileType, long chunk, long initialLength)
            throws HDF5Exception {
        QUIET.get();
        long space = H5.H5Screate_simple(1, new long[] { initialLength },
                new long[] { HDF5Constants.H5S_UNLIMITED });
        long dcpl = H5.H5Pcreate(HDF5Constants.H5P_DATASET_CREATE);
        try {
            H5.H5Pset_chunk(dcpl, 1, new long[] { chunk });
            H5.H5Pset_alloc_time(dcpl, HDF5Constants.H5D_ALLOC_TIME_EARLY);
            H5.H5Pset_fill_time(dcpl, HDF5Constants.H5D_FILL_TIME_NEVER);
            H5.H5Pset_obj_track_times(dcpl, false);
            H5.H5Dclose(H5.H5Dcreate(loc, path, fileType, space, H5P_DEFAULT, dcpl, H5P_DEFAULT));
        } finally {
            H5.H5Pclose(dcpl);
            H5.H5Sclose(space);
        }
    }

    static long openDataset(long loc, String path) throws HDF5Exception {
        QUIET.get();
        return H5.H5Dopen(loc, path, H5P_DEFAULT);
    }

    /**
     * Opens a chunked dataset without a chunk cache: unfiltered samples then go straight to their
     * place in the file at H5Dwrite, instead of whole cached chunks being written again at every
     * flush while they fill up (a pixel's curve usually ends inside a chunk).
     */
    static long openDatasetUncached(long loc, String path) throws HDF5Exception {
        QUIET.get();
        long dapl = H5.H5Pcreate(HDF5Constants.H5P_DATASET_ACCESS);
        try {
            H5.H5Pset_chunk_cache(dapl, 0, 0, 1.0);
            return H5.H5Dopen(loc, path, dapl);
        } finally {
            H5.H5Pclose(dapl);
        }
    }

    static void closeDataset(long ds) throws HDF5Exception {
        QUIET.get();
        H5.H5Dclose(ds);
    }

    static long[] dims(long ds) throws HDF5Exception {
        QUIET.get();
        long space = H5.H5Dget_space(ds);
        try {
            int rank = H5.H5Sget_simple_extent_ndims(space);
            long[] dims = new long[rank];
            H5.H5Sget_simple_extent_dims(space, dims, null);
            return dims;
        } finally {
            H5.H5Sclose(space);
        }
    }

    static long length(long ds) throws HDF5Exception {
        QUIET.get();
        return dims(ds)[0];
    }

    static void setLength(long ds, long length) throws HDF5Exception {
        QUIET.get();
        H5.H5Dset_extent(ds, new long[] { length });
    }

    /** Writes {@code data} (a primitive array) to rows [offset, offset + n) of a dataset. */
    static void writeRows(long ds, long offset, Object data, int n, long columns) throws HDF5Exception {
        QUIET.get();
        if (n == 0) {
            return;
        }
        long fileSpace = H5.H5Dget_space(ds);
        int rank = H5.H5Sget_simple_extent_ndims(fileSpace);
        long[] start = rank == 1 ? new long[] { offset } : new long[] { offset, 0 };
        long[] count = rank == 1 ? new long[] { n } : new long[] { n, columns };
        long memSpace = H5.H5Screate_simple(rank, count, null);
        try {
            H5.H5Sselect_hyperslab(fileSpace, HDF5Constants.H5S_SELECT_SET, start, null, count, null);
            H5.H5Dwrite(ds, memoryTypeOf(data), memSpace, fileSpace, H5P_DEFAULT, data);
        } finally {
            H5.H5Sclose(memSpace);
            H5.H5Sclose(fileSpace);
        }
    }

    /** Reads rows [offset, offset + n) of a 1-D dataset, or of an (N, 1) one, into {@code into} (length n). */
    static void readRows(long ds, long offset, Object into, int n) throws HDF5Exception {
        QUIET.get();
        if (n == 0) {
            return;
        }
        long fileSpace = H5.H5Dget_space(ds);
        int rank = H5.H5Sget_simple_extent_ndims(fileSpace);
        long[] start = rank == 1 ? new long[] { offset } : new long[] { offset, 0 };
        long[] count = rank == 1 ? new long[] { n } : new long[] { n, 1 };
        long memSpace = H5.H5Screate_simple(rank, count, null);
        try {
            H5.H5Sselect_hyperslab(fileSpace, HDF5Constants.H5S_SELECT_SET, start, null, count, null);
            H5.H5Dread(ds, memoryTypeOf(into), memSpace, fileSpace, H5P_DEFAULT, into);
        } finally {
            H5.H5Sclose(memSpace);
            H5.H5Sclose(fileSpace);
        }
    }

    /** Reads a whole dataset into {@code into}, whose element count must match. */
    static void readAll(long loc, String path, Object into) throws HDF5Exception {
        QUIET.get();
        long ds = openDataset(loc, path);
        try {
            // HDF5 writes as many elements as the file holds: a file whose grid attributes no longer
            // match its datasets would otherwise overrun the Java array (a JVM crash, seen in fuzzing)
            long space = H5.H5Dget_space(ds);
            long elements;
            try {
                elements = H5.H5Sget_simple_extent_npoints(space);
            } finally {
                H5.H5Sclose(space);
            }
            int expected = java.lang.reflect.Array.getLength(into);
            if (elements != expected) {
                throw new HDF5Exception(path + " holds " + elements + " values where " + expected + " are expected");
            }
            H5.H5Dread(ds, memoryTypeOf(into), H5S_ALL, H5S_ALL, H5P_DEFAULT, into);
        } finally {
            H5.H5Dclose(ds);
        }
    }

    static long[] dims(long loc, String path) throws HDF5Exception {
        QUIET.get();
        long ds = openDataset(loc, path);
        try {
            return dims(ds);
        } finally {
            H5.H5Dclose(ds);
        }
    }

    /** The binding wants fill values as arrays. */
    private static Object oneElementArray(Object boxed) {
        if (boxed instanceof Double d) {
            return new double[] { d };
        }
        if (boxed instanceof Long l) {
            return new long[] { l };
        }
        if (boxed instanceof Integer i) {
            return new int[] { i };
        }
        if (boxed instanceof Byte b) {
            return new byte[] { b };
        }
        throw new IllegalArgumentException("no fill value of type " + boxed.getClass().getSimpleName());
    }

    /** Memory type of a Java primitive array (or boxed scalar for fill values). */
    static long memoryTypeOf(Object data) {
        if (data instanceof double[] || data instanceof Double) {
            return HDF5Constants.H5T_NATIVE_DOUBLE;
        }
        if (data instanceof float[] || data instanceof Float) {
            return HDF5Constants.H5T_NATIVE_FLOAT;
        }
        if (data instanceof short[] || data instanceof Short) {
            return HDF5Constants.H5T_NATIVE_SHORT;
        }
        if (data instanceof int[] || data instanceof Integer) {
            return HDF5Constants.H5T_NATIVE_INT;
        }
        if (data instanceof long[] || data instanceof Long) {
            return HDF5Constants.H5T_NATIVE_INT64;
        }
        if (data instanceof byte[] || data instanceof Byte) {
            return HDF5Constants.H5T_NATIVE_UINT8;
        }
        if (data instanceof double[][]) {
            return HDF5Constants.H5T_NATIVE_DOUBLE;
        }
        if (data instanceof float[][]) {
            return HDF5Constants.H5T_NATIVE_FLOAT;
        }
        if (data instanceof int[][]) {
            return HDF5Constants.H5T_NATIVE_INT;
        }
        throw new IllegalArgumentException("no HDF5 memory type for " + data.getClass().getSimpleName());
    }

    // ------------------------------------------------------ fixed-length text

    /** A fixed-length, NUL-padded UTF-8 string type of {@code bytes} bytes. Close with H5Tclose. */
    static long fixedStringType(int bytes) throws HDF5Exception {
        QUIET.get();
        long t = H5.H5Tcopy(HDF5Constants.H5T_C_S1);
        H5.H5Tset_size(t, bytes);
        H5.H5Tset_strpad(t, HDF5Constants.H5T_STR_NULLPAD);
        H5.H5Tset_cset(t, HDF5Constants.H5T_CSET_UTF8);
        return t;
    }

    static void createFixedStrings(long loc, String path, int width, long n) throws HDF5Exception {
        QUIET.get();
        long t = fixedStringType(width);
        try {
            createFixed(loc, path, t, new long[] { n }, null);
        } finally {
            H5.H5Tclose(t);
        }
    }

    static void writeFixedString(long ds, long index, byte[] utf8, int width) throws HDF5Exception {
        QUIET.get();
        byte[] cell = java.util.Arrays.copyOf(utf8, width);
        long t = fixedStringType(width);
        long fileSpace = H5.H5Dget_space(ds);
        long memSpace = H5.H5Screate_simple(1, new long[] { 1 }, null);
        try {
            H5.H5Sselect_hyperslab(fileSpace, HDF5Constants.H5S_SELECT_SET, new long[] { index }, null,
                    new long[] { 1 }, null);
            H5.H5Dwrite(ds, t, memSpace, fileSpace, H5P_DEFAULT, cell);
        } finally {
            H5.H5Sclose(memSpace);
            H5.H5Sclose(fileSpace);
            H5.H5Tclose(t);
        }
    }

    static String readFixedString(long loc, String path, long index) throws HDF5Exception {
        QUIET.get();
        long ds = openDataset(loc, path);
        long type = H5.H5Dget_type(ds);
        try {
            int width = Math.toIntExact(H5.H5Tget_size(type));
            byte[] cell = new byte[width];
            long fileSpace = H5.H5Dget_space(ds);
            long memSpace = H5.H5Screate_simple(1, new long[] { 1 }, null);
            try {
                H5.H5Sselect_hyperslab(fileSpace, HDF5Constants.H5S_SELECT_SET, new long[] { index }, null,
                        new long[] { 1 }, null);
                H5.H5Dread(ds, type, memSpace, fileSpace, H5P_DEFAULT, cell);
            } finally {
                H5.H5Sclose(memSpace);
                H5.H5Sclose(fileSpace);
            }
            int end = 0;
            while (end < width && cell[end] != 0) {
                end++;
            }
            return new String(cell, 0, end, StandardCharsets.UTF_8);
        } finally {
            H5.H5Tclose(type);
            H5.H5Dclose(ds);
        }
    }

    /** Every cell of a 1-D dataset of fixed-length strings, NUL padding removed. */
    static String[] readFixedStrings(long loc, String path) throws HDF5Exception {
        QUIET.get();
        long ds = openDataset(loc, path);
        long type = H5.H5Dget_type(ds);
        try {
            int width = Math.toIntExact(H5.H5Tget_size(type));
            int n = Math.toIntExact(dims(ds)[0]);
            byte[] cells = new byte[Math.multiplyExact(n, width)];
            if (n > 0) {
                H5.H5Dread(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, cells);
            }
            String[] v = new String[n];
            for (int k = 0; k < n; k++) {
                int from = k * width;
                int end = from;
                while (end < from + width && cells[end] != 0) {
                    end++;
                }
                v[k] = new String(cells, from, end - from, StandardCharsets.UTF_8);
            }
            return v;
        } finally {
            H5.H5Tclose(type);
            H5.H5Dclose(ds);
        }
    }

    // -------------------------------------------------------------- attributes

    /** Sets a variable-length UTF-8 string attribute (what h5py writes for a Python str). */
    static void setString(long loc, String object, String name, String value) throws HDF5Exception {
        QUIET.get();
        setStrings(loc, object, name, new String[] { value }, true);
    }

    /** Sets a 1-D attribute of variable-length UTF-8 strings (pyUSID's labels and units). */
    static void setStringArray(long loc, String object, String name, String[] values) throws HDF5Exception {
        QUIET.get();
        setStrings(loc, object, name, values, false);
    }

    private static void setStrings(long loc, String object, String name, String[] values, boolean scalar)
            throws HDF5Exception {
        long type = H5.H5Tcopy(HDF5Constants.H5T_C_S1);
        long space = scalar ? H5.H5Screate(HDF5Constants.H5S_SCALAR)
                : H5.H5Screate_simple(1, new long[] { values.length }, null);
        long obj = H5.H5Oopen(loc, object, H5P_DEFAULT);
        try {
            H5.H5Tset_size(type, HDF5Constants.H5T_VARIABLE);
            H5.H5Tset_cset(type, HDF5Constants.H5T_CSET_UTF8);
            deleteIfPresent(obj, name);
            long attr = H5.H5Acreate(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
            try {
                H5.H5AwriteVL(attr, type, values);
            } finally {
                H5.H5Aclose(attr);
            }
        } finally {
            H5.H5Oclose(obj);
            H5.H5Sclose(space);
            H5.H5Tclose(type);
        }
    }

    /**
     * Sets a fixed-length UTF-8 string attribute. When it exists with the same width the value is
     * overwritten in place: the object header keeps its layout, so a kill cannot leave it half
     * rewritten the way deleting and re-creating could.
     */
    static void setFixedString(long loc, String object, String name, String value, int width)
            throws HDF5Exception {
        QUIET.get();
        byte[] cell = java.util.Arrays.copyOf(value.getBytes(StandardCharsets.UTF_8), width);
        long type = fixedStringType(width);
        long obj = H5.H5Oopen(loc, object, H5P_DEFAULT);
        try {
            if (H5.H5Aexists(obj, name)) {
                long attr = H5.H5Aopen(obj, name, H5P_DEFAULT);
                try {
                    long existing = H5.H5Aget_type(attr);
                    try {
                        if (H5.H5Tget_size(existing) == width) {
                            H5.H5Awrite(attr, type, cell);
                            return;
                        }
                    } finally {
                        H5.H5Tclose(existing);
                    }
                } finally {
                    H5.H5Aclose(attr);
                }
                H5.H5Adelete(obj, name);
            }
            long space = H5.H5Screate(HDF5Constants.H5S_SCALAR);
            try {
                long attr = H5.H5Acreate(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
                try {
                    H5.H5Awrite(attr, type, cell);
                } finally {
                    H5.H5Aclose(attr);
                }
            } finally {
                H5.H5Sclose(space);
            }
        } finally {
            H5.H5Oclose(obj);
            H5.H5Tclose(type);
        }
    }

    /** Sets a scalar uint8 attribute, in place when it exists. */
    static void setFlag(long loc, String object, String name, boolean value) throws HDF5Exception {
        QUIET.get();
        byte[] v = { (byte) (value ? 1 : 0) };
        long obj = H5.H5Oopen(loc, object, H5P_DEFAULT);
        try {
            if (!H5.H5Aexists(obj, name)) {
                long space = H5.H5Screate(HDF5Constants.H5S_SCALAR);
                try {
                    H5.H5Aclose(H5.H5Acreate(obj, name, HDF5Constants.H5T_STD_U8LE, space, H5P_DEFAULT,
                            H5P_DEFAULT));
                } finally {
                    H5.H5Sclose(space);
                }
            }
            long attr = H5.H5Aopen(obj, name, H5P_DEFAULT);
            try {
                H5.H5Awrite(attr, HDF5Constants.H5T_NATIVE_UINT8, v);
            } finally {
                H5.H5Aclose(attr);
            }
        } finally {
            H5.H5Oclose(obj);
        }
    }

    /** Bytes per element of a dataset's stored type. */
    static long elementSize(long ds) throws HDF5Exception {
        QUIET.get();
        long type = H5.H5Dget_type(ds);
        try {
            return H5.H5Tget_size(type);
        } finally {
            H5.H5Tclose(type);
        }
    }

    static void setDouble(long loc, String object, String name, double value) throws HDF5Exception {
        QUIET.get();
        setScalar(loc, object, name, HDF5Constants.H5T_IEEE_F64LE, new double[] { value });
    }

    static void setLong(long loc, String object, String name, long value) throws HDF5Exception {
        QUIET.get();
        setScalar(loc, object, name, HDF5Constants.H5T_STD_I64LE, new long[] { value });
    }

    private static void setScalar(long loc, String object, String name, long fileType, Object value)
            throws HDF5Exception {
        long space = H5.H5Screate(HDF5Constants.H5S_SCALAR);
        long obj = H5.H5Oopen(loc, object, H5P_DEFAULT);
        try {
            deleteIfPresent(obj, name);
            long attr = H5.H5Acreate(obj, name, fileType, space, H5P_DEFAULT, H5P_DEFAULT);
            try {
                H5.H5Awrite(attr, memoryTypeOf(value), value);
            } finally {
                H5.H5Aclose(attr);
            }
        } finally {
            H5.H5Oclose(obj);
            H5.H5Sclose(space);
        }
    }

    /** Sets an object-reference attribute pointing at {@code target} (an absolute path). */
    static void setReference(long file, String object, String name, String target) throws HDF5Exception {
        QUIET.get();
        byte[] ref = H5.H5Rcreate(file, target, HDF5Constants.H5R_OBJECT, -1);
        long space = H5.H5Screate(HDF5Constants.H5S_SCALAR);
        long obj = H5.H5Oopen(file, object, H5P_DEFAULT);
        try {
            deleteIfPresent(obj, name);
            long attr = H5.H5Acreate(obj, name, HDF5Constants.H5T_STD_REF_OBJ, space, H5P_DEFAULT, H5P_DEFAULT);
            try {
                H5.H5Awrite(attr, HDF5Constants.H5T_STD_REF_OBJ, ref);
            } finally {
                H5.H5Aclose(attr);
            }
        } finally {
            H5.H5Oclose(obj);
            H5.H5Sclose(space);
        }
    }

    private static void deleteIfPresent(long obj, String name) throws HDF5Exception {
        if (H5.H5Aexists(obj, name)) {
            H5.H5Adelete(obj, name);
        }
    }

    static boolean hasAttribute(long loc, String object, String name) throws HDF5Exception {
        QUIET.get();
        return H5.H5Aexists_by_name(loc, object, name, H5P_DEFAULT);
    }

    static List<String> attributeNames(long loc, String object) throws HDF5Exception {
        QUIET.get();
        long obj = H5.H5Oopen(loc, object, H5P_DEFAULT);
        try {
            long n = H5.H5Oget_info(obj).num_attrs;
            List<String> names = new ArrayList<>();
            for (long k = 0; k < n; k++) {
                names.add(H5.H5Aget_name_by_idx(obj, ".", HDF5Constants.H5_INDEX_NAME, HDF5Constants.H5_ITER_INC, k,
                        H5P_DEFAULT));
            }
            return names;
        } finally {
            H5.H5Oclose(obj);
        }
    }

    /** True when the attribute holds text (fixed or variable length). */
    static boolean isStringAttribute(long loc, String object, String name) throws HDF5Exception {
        QUIET.get();
        long attr = H5.H5Aopen_by_name(loc, object, name, H5P_DEFAULT, H5P_DEFAULT);
        try {
            long type = H5.H5Aget_type(attr);
            try {
                return H5.H5Tget_class(type) == HDF5Constants.H5T_STRING;
            } finally {
                H5.H5Tclose(type);
            }
        } finally {
            H5.H5Aclose(attr);
        }
    }

    static String getString(long loc, String object, String name) throws HDF5Exception {
        QUIET.get();
        String[] v = getStrings(loc, object, name);
        if (v.length != 1) {
            throw new HDF5Exception("attribute " + object + "@" + name + " holds " + v.length + " strings, not one");
        }
        return v[0];
    }

    static String[] getStrings(long loc, String object, String name) throws HDF5Exception {
        QUIET.get();
        long attr = H5.H5Aopen_by_name(loc, object, name, H5P_DEFAULT, H5P_DEFAULT);
        try {
            long type = H5.H5Aget_type(attr);
            long space = H5.H5Aget_space(attr);
            try {
                if (H5.H5Tget_class(type) != HDF5Constants.H5T_STRING) {
                    throw new HDF5Exception("attribute " + object + "@" + name + " is not text");
                }
                int n = Math.toIntExact(H5.H5Sget_simple_extent_npoints(space));
                if (H5.H5Tis_variable_str(type)) {
                    String[] values = new String[n];
                    H5.H5AreadVL(attr, type, values);
                    return values;
                }
                int width = Math.toIntExact(H5.H5Tget_size(type));
                byte[] raw = new byte[Math.multiplyExact(width, n)];
                H5.H5Aread(attr, type, raw);
                String[] values = new String[n];
                for (int k = 0; k < n; k++) {
                    int end = k * width;
                    while (end < (k + 1) * width && raw[end] != 0) {
                        end++;
                    }
                    values[k] = new String(raw, k * width, end - k * width, StandardCharsets.UTF_8);
                }
                return values;
            } finally {
                H5.H5Sclose(space);
                H5.H5Tclose(type);
            }
        } finally {
            H5.H5Aclose(attr);
        }
    }

    static double getDouble(long loc, String object, String name) throws HDF5Exception {
        QUIET.get();
        double[] v = new double[1];
        readAttribute(loc, object, name, v);
        return v[0];
    }

    static long getLong(long loc, String object, String name) throws HDF5Exception {
        QUIET.get();
        long[] v = new long[1];
        readAttribute(loc, object, name, v);
        return v[0];
    }

    private static void readAttribute(long loc, String object, String name, Object into) throws HDF5Exception {
        long attr = H5.H5Aopen_by_name(loc, object, name, H5P_DEFAULT, H5P_DEFAULT);
        try {
            H5.H5Aread(attr, memoryTypeOf(into), into);
        } finally {
            H5.H5Aclose(attr);
        }
    }

    /** The path of the object an object-reference attribute points to. */
    static String getReferenceTarget(long file, String object, String name) throws HDF5Exception {
        QUIET.get();
        long attr = H5.H5Aopen_by_name(file, object, name, H5P_DEFAULT, H5P_DEFAULT);
        try {
            byte[] ref = new byte[HDF5Constants.H5R_OBJ_REF_BUF_SIZE];
            H5.H5Aread(attr, HDF5Constants.H5T_STD_REF_OBJ, ref);
            long target = H5.H5Rdereference(file, H5P_DEFAULT, HDF5Constants.H5R_OBJECT, ref);
            try {
                return H5.H5Iget_name(target);
            } finally {
                H5.H5Oclose(target);
            }
        } finally {
            H5.H5Aclose(attr);
        }
    }

}
