package org.onset.storage.hdf5.internal;

import static org.onset.storage.hdf5.internal.MapFileFormat.*;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.time.Duration;

import org.onset.instrument.api.Channel;
import org.onset.instrument.api.ChannelSpec;
import org.onset.map.api.Grid;

import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;


/**
 * What a reader and a resuming writer need to know about a map file, loaded in one pass: the grid,
 * the channel specifications, which pixels are stored and where their curves are.
 */
final class MapFileState {

    final Grid layout;
    final List<ChannelSpec> channels;
    final Map<String, String> attributes;
    final boolean complete;
    final BitSet written;
    /** [curve channel][pixel] encoding codes. */
    final byte[][] encodings;
    /** [curve channel][pixel] offsets into the dataset of the encoding. */
    final long[][] offsets;
    final long[] sampleCounts;
    final double[] sampleRates;

    private MapFileState(Grid layout, List<ChannelSpec> channels, Map<String, String> attributes,
            boolean complete, BitSet written, byte[][] encodings, long[][] offsets, long[] sampleCounts,
            double[] sampleRates) {
        this.layout = layout;
        this.channels = channels;
        this.attributes = attributes;
        this.complete = complete;
        this.written = written;
        this.encodings = encodings;
        this.offsets = offsets;
        this.sampleCounts = sampleCounts;
        this.sampleRates = sampleRates;
    }

    /**
     * How long reading a file's metadata may take. A healthy file's takes milliseconds (the
     * 70 × 70 demo map's ≈ 30 ms); one flipped byte in a global heap made HDF5 spin in H5AreadVL
     * forever (issue 9, defect 4).
     */
    static final Duration METADATA_LIMIT = Duration.ofSeconds(5);

    /**
     * Loads the state from an open file, within {@link #METADATA_LIMIT}.
     *
     * <p>The last resort against HDF5 looping on damaged metadata: the reading runs in a worker
     * thread, and when it does not finish in time the caller gets an error instead of a hang. The
     * native call cannot be stopped: the worker keeps spinning and holds jhdf5's global lock (every
     * {@code H5} method is synchronized), so this process cannot use HDF5 any more, and the file
     * handle is left open. That is why the error says to restart; a command-line run ends anyway.
     *
     * @throws IOException naming the path when it is not an Onset map file, parts are missing or
     *         inconsistent, or reading them did not finish in time
     */
    static MapFileState load(long file, Path path) throws IOException {
        FutureTask<MapFileState> task = new FutureTask<>(() -> loadNow(file, path));
        Thread worker = new Thread(task, "onset-hdf5-metadata " + path.getFileName());
        worker.setDaemon(true); // a worker stuck in native code must not keep the process alive
        worker.start();
        try {
            return task.get(METADATA_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new StuckMetadataException(path + " is damaged: reading its HDF5 metadata did not finish in "
                    + METADATA_LIMIT.toSeconds() + " s (HDF5 loops on a damaged part of the file); "
                    + "HDF5 stays busy with it in this process, so restart the program before opening other map files");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(path + " is damaged or not an Onset map file: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading the metadata of " + path);
        }
    }

    /** Reading a file's metadata did not finish: do not touch HDF5 (not even to close the file). */
    static final class StuckMetadataException extends IOException {
        private static final long serialVersionUID = 1L;

        StuckMetadataException(String message) {
            super(message);
        }
    }

    private static MapFileState loadNow(long file, Path path) throws IOException {
        try {
            // the text attributes HDF5 is about to read: their heap IDs must point at sound objects
            Map<String, Long> headers = new LinkedHashMap<>();
            for (String object : List.of("/", MEASUREMENT, CURVES)) {
                if (H5Io.exists(file, object)) {
                    headers.put(object, H5.H5Oget_info_by_name(file, object, HDF5Constants.H5P_DEFAULT).addr);
                }
            }
            GlobalHeapCheck.checkTextAttributes(path, headers);
            if (!H5Io.hasAttribute(file, "/", FORMAT_ATTR)
                    || !FORMAT_NAME.equals(H5Io.getString(file, "/", FORMAT_ATTR))) {
                throw new IOException(path + " is not an Onset map file (no '" + FORMAT_ATTR + "' = '" + FORMAT_NAME
                        + "' attribute at the root)");
            }
            long version = H5Io.getLong(file, "/", VERSION_ATTR);
            if (version > VERSION) {
                throw new IOException(path + " has map file format version " + version
                        + ", newer than this Onset reads (" + VERSION + ")");
            }
            boolean complete = STATE_COMPLETE.equals(H5Io.getString(file, "/", STATE_ATTR));
            Grid layout = new Grid((int) H5Io.getLong(file, MEASUREMENT, NX),
                    (int) H5Io.getLong(file, MEASUREMENT, NY), H5Io.getDouble(file, MEASUREMENT, X0),
                    H5Io.getDouble(file, MEASUREMENT, Y0), H5Io.getDouble(file, MEASUREMENT, DX),
                    H5Io.getDouble(file, MEASUREMENT, DY)).requireValid();
            int n = layout.pixelCount();

            Map<String, String> attributes = new LinkedHashMap<>();
            for (String name : H5Io.attributeNames(file, MEASUREMENT)) {
                if (!RESERVED.contains(name) && H5Io.isStringAttribute(file, MEASUREMENT, name)) {
                    attributes.put(name, H5Io.getString(file, MEASUREMENT, name));
                }
            }

            List<ChannelSpec> channels = new ArrayList<>();
            for (String c : H5Io.getStrings(file, CURVES, CHANNELS_ATTR)) {
                if (c.isEmpty()) {
                    continue;
                }
                String lower = c.toLowerCase(java.util.Locale.ROOT);
                channels.add(new ChannelSpec(Channel.valueOf(c), H5Io.getDouble(file, CURVES, lower + "_min"),
                        H5Io.getDouble(file, CURVES, lower + "_max"),
                        H5Io.getDouble(file, CURVES, lower + "_resolution")));
            }

            byte[] flags = new byte[n];
            H5Io.readAll(file, WRITTEN, flags);
            BitSet written = new BitSet(n);
            for (int k = 0; k < n; k++) {
                if (flags[k] == 1) {
                    written.set(k);
                }
            }
            byte[][] encodings = new byte[CURVE_CHANNELS.size()][n];
            long[][] offsets = new long[CURVE_CHANNELS.size()][n];
            for (int c = 0; c < CURVE_CHANNELS.size(); c++) {
                H5Io.readAll(file, encodingPath(CURVE_CHANNELS.get(c)), encodings[c]);
                H5Io.readAll(file, offsetPath(CURVE_CHANNELS.get(c)), offsets[c]);
            }
            long[] counts = new long[n];
            H5Io.readAll(file, SAMPLE_COUNT, counts);
            double[] rates = new double[n];
            H5Io.readAll(file, SAMPLE_RATE, rates);
            checkCurves(file, path, written, encodings, offsets, counts, rates);
            return new MapFileState(layout, List.copyOf(channels), attributes, complete, written, encodings, offsets,
                    counts, rates);
        } catch (RuntimeException | InternalError e) {
            // HDF5Exception is a RuntimeException; jhdf5 throws InternalError when H5AreadVL fails
            throw new IOException(path + " is damaged or not an Onset map file: " + e.getMessage(), e);
        }
    }

    /** Samples a pixel may have: curves are read into one Java array per channel. */
    static final long MAX_SAMPLES = Integer.MAX_VALUE - 16;

    /**
     * Checks every stored pixel's sample count, rate, encodings and offsets against the datasets
     * the file has, before anything reads or writes by them: a map whose
     * {@code Curves/bias_offset[3]} said 10¹⁵ made a resume grow the file to 7.5 TB (issue 9,
     * defect 5).
     */
    /**
     * Why an encoding cannot belong to a channel, or null when it can: time is stored or implicit,
     * bias and current are always stored, and only height may be absent. A damaged index holding
     * a known code in the wrong channel would otherwise read as a curve without current.
     */
    static String misplacedEncoding(int channel, Encoding e) {
        boolean implicitTime = e == Encoding.TIME_INDEX_OVER_RATE || e == Encoding.TIME_INDEX_TIMES_PERIOD;
        String name = CURVE_CHANNELS.get(channel);
        if (name.equals("time")) {
            return e == Encoding.ABSENT ? "no data" : null;
        }
        if (implicitTime) {
            return "an implicit time axis";
        }
        if (e == Encoding.ABSENT && !name.equals("height")) {
            return "no data";
        }
        return null;
    }

    private static void checkCurves(long file, Path path, BitSet written, byte[][] encodings, long[][] offsets,
            long[] counts, double[] rates) throws IOException {
        Map<String, Long> lengths = new LinkedHashMap<>();
        for (int p = written.nextSetBit(0); p >= 0; p = written.nextSetBit(p + 1)) {
            if (counts[p] < 0 || counts[p] > MAX_SAMPLES) {
                throw new IOException(path + " is damaged: pixel " + p + " has " + counts[p] + " samples");
            }
            if (!(rates[p] > 0 && Double.isFinite(rates[p]))) {
                throw new IOException(path + " is damaged: pixel " + p + " has a sample rate of " + rates[p] + " Hz");
            }
            for (int c = 0; c < CURVE_CHANNELS.size(); c++) {
                String name = CURVE_CHANNELS.get(c);
                Encoding e;
                try {
                    e = Encoding.of(encodings[c][p], name);
                } catch (IllegalArgumentException bad) {
                    throw new IOException(path + " is damaged: pixel " + p + " has an unknown " + name
                            + " encoding " + encodings[c][p], bad);
                }
                String misplaced = misplacedEncoding(c, e);
                if (misplaced != null) {
                    throw new IOException(path + " is damaged: pixel " + p + " has " + misplaced + " for its " + name
                            + " curve (encoding " + encodings[c][p] + ")");
                }
                if (!e.stored()) {
                    continue;
                }
                String data = dataPath(name, e);
                Long length = lengths.get(data);
                if (length == null) {
                    if (!H5Io.exists(file, data)) {
                        throw new IOException(path + " is damaged: pixel " + p + " has its " + name
                                + " curve in " + data + ", which does not exist");
                    }
                    long ds = H5Io.openDataset(file, data);
                    try {
                        length = H5Io.length(ds);
                    } finally {
                        H5Io.closeDataset(ds);
                    }
                    lengths.put(data, length);
                }
                long offset = offsets[c][p];
                if (offset < 0 || offset > length - counts[p]) {
                    throw new IOException(path + " is damaged: pixel " + p + "'s " + name + " curve would be samples "
                            + offset + " … " + offset + " + " + counts[p] + " of " + data + ", which holds " + length);
                }
            }
        }
    }

    /** ADC step per curve channel (NaN for time and channels without specification). */
    double[] scales() {
        double[] s = new double[CURVE_CHANNELS.size()];
        java.util.Arrays.fill(s, Double.NaN);
        for (ChannelSpec spec : channels) {
            s[CURVE_CHANNELS.indexOf(spec.channel().name().toLowerCase(java.util.Locale.ROOT))] = spec.resolution();
        }
        return s;
    }

    /** First free sample of each concatenated dataset, judged from the stored pixels only. */
    long used(int channel, Encoding e) {
        long end = 0;
        for (int p = written.nextSetBit(0); p >= 0; p = written.nextSetBit(p + 1)) {
            if (encodings[channel][p] == e.code) {
                end = Math.max(end, offsets[channel][p] + sampleCounts[p]);
            }
        }
        return end;
    }
}
