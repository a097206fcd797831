package org.onset.storage.hdf5.internal;

import static org.onset.storage.hdf5.internal.MapFileFormat.*;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.onset.instrument.api.Channel;
import org.onset.instrument.api.ChannelSpec;
import org.onset.map.api.Grid;

import hdf.hdf5lib.exceptions.HDF5Exception;

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
     * Loads the state from an open file.
     *
     * @throws IOException naming the path when it is not an Onset map file or parts are missing
     */
    static MapFileState load(long file, Path path) throws IOException {
        try {
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
            return new MapFileState(layout, List.copyOf(channels), attributes, complete, written, encodings, offsets,
                    counts, rates);
        } catch (HDF5Exception | IllegalArgumentException e) {
            throw new IOException(path + " is damaged or not an Onset map file: " + e.getMessage(), e);
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
