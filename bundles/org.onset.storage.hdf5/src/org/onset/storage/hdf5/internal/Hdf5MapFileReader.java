package org.onset.storage.hdf5.internal;

import static org.onset.storage.hdf5.internal.MapFileFormat.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.onset.instrument.api.ChannelSpec;
import org.onset.instrument.api.TopographyImage;
import org.onset.instrument.api.RampOutcome.Termination;
import org.onset.map.api.AcquisitionSession;
import org.onset.map.api.Curve;
import org.onset.map.api.Grid;
import org.onset.map.api.MapFile;
import org.onset.map.api.PixelCheck;
import org.onset.map.api.PixelRecord;

import hdf.hdf5lib.H5;
import hdf.hdf5lib.exceptions.HDF5Exception;

/** Reads map files; trusts only pixels whose {@code written} flag is set. */
public final class Hdf5MapFileReader implements MapFile {

    private final Path file;
    private final long fid;
    private final MapFileState state;
    private final double[] scales;
    private boolean closed;
    /** The checksum dataset, read at the first {@link #verify}; empty for files without one. */
    private long[] storedChecksums;
    private PixelChecksum checksum;

    private Hdf5MapFileReader(Path file, long fid, MapFileState state) {
        this.file = file;
        this.fid = fid;
        this.state = state;
        this.scales = state.scales();
    }

    public static MapFile open(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        Path abs = file.toAbsolutePath().normalize();
        Hdf5Library.nativeVersion();
        checkIsHdf5(abs);
        long fid;
        try {
            fid = H5Io.openFile(abs.toString(), false);
        } catch (HDF5Exception e) {
            throw new IOException("cannot open map file " + abs + ": "
                    + H5Io.whyNotOpened(e, "HDF5 cannot open it"), e);
        }
        try {
            return new Hdf5MapFileReader(abs, fid, MapFileState.load(fid, abs));
        } catch (MapFileState.StuckMetadataException e) {
            throw e; // HDF5 is still busy with this file in a worker: closing it would wait forever
        } catch (IOException | RuntimeException e) {
            H5Io.closeAfterFailure(fid);
            throw e;
        }
    }

    /** Clear errors for the usual wrong paths, before HDF5 gives its own. */
    static void checkIsHdf5(Path abs) throws IOException {
        if (!Files.exists(abs)) {
            throw new NoSuchFileException(abs.toString(), null, "map file does not exist");
        }
        if (!Files.isRegularFile(abs)) {
            throw new IOException(abs + " is not a regular file");
        }
        if (!Files.isReadable(abs)) {
            throw new IOException(abs + " is not readable");
        }
        boolean hdf5;
        try {
            hdf5 = H5.H5Fis_hdf5(abs.toString());
        } catch (HDF5Exception e) {
            hdf5 = false;
        }
        if (!hdf5) {
            throw new IOException(abs + " is not an HDF5 file (no HDF5 signature; " + Files.size(abs) + " bytes)");
        }
        GlobalHeapCheck.check(abs);
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public Grid grid() {
        return state.layout;
    }

    @Override
    public Map<String, String> attributes() {
        return Map.copyOf(state.attributes);
    }

    @Override
    public List<ChannelSpec> channels() {
        return state.channels;
    }

    @Override
    public boolean isComplete() {
        return state.complete;
    }

    @Override
    public BitSet completedPixels() {
        return (BitSet) state.written.clone();
    }

    @Override
    public double[] onsetBias() throws IOException {
        return scalarMap(ONSET_BIAS);
    }

    @Override
    public double[] currentAtEnd() throws IOException {
        return scalarMap(CURRENT_AT_END);
    }

    @Override
    public double[] heightChangeAtEnd() throws IOException {
        return scalarMap(HEIGHT_CHANGE_AT_END);
    }

    @Override
    public String[] rules() throws IOException {
        return stringMap(RULE);
    }

    @Override
    public Termination[] terminations() throws IOException {
        String[] s = stringMap(TERMINATION);
        Termination[] t = new Termination[s.length];
        for (int p = 0; p < s.length; p++) {
            t[p] = s[p] == null ? null : termination(s[p], p);
        }
        return t;
    }

    /** The stored text is the enum constant's name (MAPFILE.md). */
    private Termination termination(String stored, int index) throws IOException {
        try {
            return Termination.valueOf(stored);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": pixel " + index + " has an unknown termination '" + stored + "'", e);
        }
    }

    @Override
    public int[] cutoffSampleIndices() throws IOException {
        checkOpen();
        int[] v = new int[state.layout.pixelCount()];
        try {
            H5Io.readAll(fid, CUTOFF_INDEX, v);
        } catch (HDF5Exception e) {
            throw failure("read " + CUTOFF_INDEX, e);
        }
        for (int p = 0; p < v.length; p++) {
            if (!state.written.get(p)) {
                v[p] = -1;
            }
        }
        return v;
    }

    private String[] stringMap(String path) throws IOException {
        checkOpen();
        String[] v;
        try {
            v = H5Io.readFixedStrings(fid, path);
        } catch (HDF5Exception e) {
            throw failure("read " + path, e);
        }
        if (v.length != state.layout.pixelCount()) {
            throw new IOException(file + ": " + path + " has " + v.length + " entries for "
                    + state.layout.pixelCount() + " pixels");
        }
        for (int p = 0; p < v.length; p++) {
            if (!state.written.get(p)) {
                v[p] = null;
            }
        }
        return v;
    }

    private double[] scalarMap(ScalarMap m) throws IOException {
        double[] v = readDoubles(m.path());
        // a pixel killed between its values and its flag is not stored
        for (int p = 0; p < v.length; p++) {
            if (!state.written.get(p)) {
                v[p] = Double.NaN;
            }
        }
        return v;
    }

    private double[] readDoubles(String path) throws IOException {
        double[] v = new double[state.layout.pixelCount()];
        try {
            H5Io.readAll(fid, path, v);
        } catch (HDF5Exception e) {
            throw failure("read " + path, e);
        }
        return v;
    }

    @Override
    public PixelRecord pixel(int index) throws IOException {
        checkStored(index);
        Curve c = curve(index);
        try {
            Grid l = state.layout;
            return new PixelRecord(index, l.i(index), l.j(index), one(X, index), one(Y, index),
                    one(ONSET_BIAS.path(), index), one(CURRENT_AT_END.path(), index),
                    one(HEIGHT_CHANGE_AT_END.path(), index), H5Io.readFixedString(fid, RULE, index),
                    oneInt(CUTOFF_INDEX, index), termination(H5Io.readFixedString(fid, TERMINATION, index), index),
                    H5Io.readFixedString(fid, FAULT_REASON, index), oneLong(START_MS, index),
                    oneLong(END_MS, index), state.sampleRates[index], c.time(), c.bias(), c.current(), c.height());
        } catch (HDF5Exception e) {
            throw failure("read pixel " + index, e);
        } catch (IllegalArgumentException e) {
            // PixelRecord checks its values: a damaged file can hold values no pixel can have
            throw new IOException(file + " is damaged: pixel " + index + " " + e.getMessage(), e);
        }
    }

    @Override
    public Curve curve(int index) throws IOException {
        checkStored(index);
        int n = Math.toIntExact(state.sampleCounts[index]);
        double[][] channels = new double[CURVE_CHANNELS.size()][];
        try {
            for (int c = 0; c < channels.length; c++) {
                String name = CURVE_CHANNELS.get(c);
                Encoding e = Encoding.of(state.encodings[c][index], file + " pixel " + index + " " + name);
                String misplaced = MapFileState.misplacedEncoding(c, e);
                if (misplaced != null) {
                    throw new IOException(file + " is damaged: pixel " + index + " has " + misplaced + " for its "
                            + name + " curve");
                }
                if (e == Encoding.ABSENT) {
                    continue;
                }
                if (!e.stored()) {
                    channels[c] = CurveCodec.implicitTime(e, n, state.sampleRates[index]);
                    continue;
                }
                Object buffer = CurveCodec.buffer(e, n);
                long ds = H5Io.openDataset(fid, dataPath(name, e));
                try {
                    H5Io.readRows(ds, state.offsets[c][index], buffer, n);
                } finally {
                    H5Io.closeDataset(ds);
                }
                channels[c] = CurveCodec.decode(buffer, e, scales[c]);
            }
        } catch (HDF5Exception e) {
            throw failure("read the curve of pixel " + index, e);
        }
        return new Curve(channels[0], channels[1], channels[2], channels[3]);
    }

    private void checkStored(int index) {
        checkOpen();
        if (index < 0 || index >= state.layout.pixelCount()) {
            throw new IndexOutOfBoundsException("pixel index " + index + " is outside 0.."
                    + (state.layout.pixelCount() - 1));
        }
        if (!state.written.get(index)) {
            throw new IllegalArgumentException("pixel " + index + " is not stored in " + file);
        }
    }

    private double one(String path, int index) throws HDF5Exception {
        double[] v = new double[1];
        readOne(path, index, v);
        return v[0];
    }

    private int oneInt(String path, int index) throws HDF5Exception {
        int[] v = new int[1];
        readOne(path, index, v);
        return v[0];
    }

    private long oneLong(String path, int index) throws HDF5Exception {
        long[] v = new long[1];
        readOne(path, index, v);
        return v[0];
    }

    private void readOne(String path, int index, Object into) throws HDF5Exception {
        long ds = H5Io.openDataset(fid, path);
        try {
            H5Io.readRows(ds, index, into, 1);
        } finally {
            H5Io.closeDataset(ds);
        }
    }

    @Override
    public List<AcquisitionSession> sessions() throws IOException {
        checkOpen();
        try {
            return SessionLog.read(fid, state.attributes);
        } catch (HDF5Exception | IllegalArgumentException e) {
            throw new IOException("cannot read the acquisition sessions from " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int[] pixelSessions() throws IOException {
        checkOpen();
        int[] v = new int[state.layout.pixelCount()];
        try {
            if (H5Io.exists(fid, SESSION)) {
                H5Io.readAll(fid, SESSION, v);
            } // else a file from before sessions: every stored pixel is of the reconstructed session 0
        } catch (HDF5Exception e) {
            throw failure("read " + SESSION, e);
        }
        for (int p = 0; p < v.length; p++) {
            if (!state.written.get(p)) {
                v[p] = -1;
            }
        }
        return v;
    }

    @Override
    public PixelCheck verify(int index) throws IOException {
        checkStored(index);
        int parts = PixelChecksum.PARTS.size();
        if (storedChecksums == null) {
            try {
                storedChecksums = H5Io.exists(fid, CHECKSUM) ? new long[state.layout.pixelCount() * parts]
                        : new long[0];
                if (storedChecksums.length > 0) {
                    H5Io.readAll(fid, CHECKSUM, storedChecksums);
                }
            } catch (HDF5Exception e) {
                throw failure("read " + CHECKSUM, e);
            }
            checksum = new PixelChecksum();
        }
        long[] stored = storedChecksums.length == 0 ? new long[parts]
                : Arrays.copyOfRange(storedChecksums, index * parts, (index + 1) * parts);
        if (storedChecksums.length == 0 || Arrays.stream(stored).allMatch(c -> c == PixelChecksum.NONE)) {
            return new PixelCheck(index, false, List.of());
        }
        long[] now;
        try {
            now = checksum.of(pixel(index));
        } catch (IOException | RuntimeException e) {
            return new PixelCheck(index, true, List.of("cannot be read: " + e.getMessage()));
        }
        List<String> differences = new java.util.ArrayList<>();
        for (int k = 0; k < parts; k++) {
            if (stored[k] != now[k]) {
                String part = PixelChecksum.PARTS.get(k);
                differences.add((k < parts - 1 ? part + " curve" : "scalar values") + ": CRC32C "
                        + PixelChecksum.hex(stored[k]) + " stored, " + PixelChecksum.hex(now[k]) + " computed");
            }
        }
        return new PixelCheck(index, true, differences);
    }

    @Override
    public Set<String> topographyNames() throws IOException {
        checkOpen();
        try {
            return new TreeSet<>(H5Io.members(fid, TOPOGRAPHY));
        } catch (HDF5Exception e) {
            throw failure("list topography images", e);
        }
    }

    @Override
    public Optional<TopographyImage> topography(String name) throws IOException {
        checkOpen();
        Hdf5MapFileWriter.checkTopographyName(name);
        String path = TOPOGRAPHY + "/" + name;
        try {
            if (!H5Io.exists(fid, path)) {
                return Optional.empty();
            }
            long[] dims = H5Io.dims(fid, path);
            if (dims.length != 2) {
                throw new IOException(file + ": topography " + path + " is not 2-D but has shape "
                        + Arrays.toString(dims));
            }
            int ny = Math.toIntExact(dims[0]);
            int nx = Math.toIntExact(dims[1]);
            double[] h = new double[nx * ny];
            H5Io.readAll(fid, path, h);
            return Optional.of(new TopographyImage(nx, ny, H5Io.getDouble(fid, path, "x0_m"),
                    H5Io.getDouble(fid, path, "y0_m"), H5Io.getDouble(fid, path, "dx_m"),
                    H5Io.getDouble(fid, path, "dy_m"), h));
        } catch (HDF5Exception e) {
            throw failure("read topography '" + name + "'", e);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("map file reader of " + file + " is closed");
        }
    }

    private IOException failure(String what, HDF5Exception e) {
        return new IOException("cannot " + what + " from " + file + ": " + e.getMessage(), e);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            H5.H5Fclose(fid);
        } catch (HDF5Exception e) {
            throw failure("close", e);
        }
    }
}
