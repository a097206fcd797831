package org.onset.storage.hdf5.internal;

import static org.onset.storage.hdf5.internal.MapFileFormat.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.onset.instrument.api.Channel;
import org.onset.instrument.api.ChannelSpec;
import org.onset.instrument.api.TopographyImage;
import org.onset.map.api.AcquisitionSession;
import org.onset.map.api.Grid;
import org.onset.map.api.MapAttributes;
import org.onset.map.api.MapStore;
import org.onset.map.api.MapStoreFactory.IfExists;
import org.onset.map.api.PixelRecord;
import org.onset.map.api.SessionInfo;

import hdf.hdf5lib.HDF5Constants;
import hdf.hdf5lib.exceptions.HDF5Exception;

/**
 * Writes map files with a two-step commit per pixel: (1) curve samples, scalars and per-pixel
 * data are written and flushed; (2) only then the pixel's {@code written} flag is set and flushed.
 * A kill before (2) completes leaves the flag unset, so the pixel counts as not measured and its
 * partial samples are overwritten on resume. Between growth steps of the curve datasets, writes
 * go into storage allocated earlier, so the file's structure on disk does not change.
 */
public final class Hdf5MapFileWriter implements MapStore {

    private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    private final Path file;
    private final long fid;
    private final Grid layout;
    private final Map<String, String> attributes;
    private final double[] scales;
    private final BitSet completed;
    private final Map<String, Long> openDatasets = new HashMap<>();
    private final Map<String, GrowingDataset> curveData = new HashMap<>();
    /** Pixels stored since the file was opened: sizes the growth steps (see GrowingDataset.reserve). */
    private long sessionPixels;
    /** The file's acquisition sessions; the last one is this writer's. */
    private final List<AcquisitionSession> sessions;
    private final PixelChecksum checksum = new PixelChecksum();
    /** False while a resumed session has stored nothing: it is not in the file yet. */
    private boolean sessionRecorded = true;
    /** Whether opening for resume had to repair an unclean close (then closing marks the file clean). */
    private boolean repaired;
    /** Pixels stored before this session (resume), for files that get their session data now. */
    private BitSet writtenBefore = new BitSet();
    private boolean closed;
    private Exception failure;

    private Hdf5MapFileWriter(Path file, long fid, Grid layout, Map<String, String> attributes, double[] scales,
            BitSet completed, List<AcquisitionSession> sessions) {
        this.sessions = new java.util.ArrayList<>(sessions);
        this.file = file;
        this.fid = fid;
        this.layout = layout;
        this.attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
        this.scales = scales;
        this.completed = completed;
    }

    // ------------------------------------------------------------------ create

    public static MapStore create(Path file, Grid layout, Map<String, String> attributes,
            List<ChannelSpec> channels, IfExists ifExists) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(layout, "grid").requireValid();
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(ifExists, "ifExists");
        checkAttributes(attributes);
        checkChannels(channels);
        Path abs = file.toAbsolutePath().normalize();
        checkWritableDirectory(abs);
        if (Files.exists(abs)) {
            if (ifExists == IfExists.FAIL) {
                throw new FileAlreadyExistsException(abs.toString(), null,
                        "a file is already there; continue it with openForResume or replace it explicitly");
            }
            Files.delete(abs);
        }
        Hdf5Library.nativeVersion();
        // Built under a temporary name and renamed once its structure is complete and flushed: a
        // kill at any moment leaves either no map file or one that opens and resumes, never a
        // half-written skeleton that nothing can open (and that blocks a new run of that name).
        Path building = buildingName(abs);
        if (Files.deleteIfExists(building)) {
            // a leftover of a run killed while creating: it never held a pixel
            RepairLog.removedLeftover(building);
        }
        long fid;
        try {
            fid = H5Io.createFile(building.toString());
        } catch (HDF5Exception e) {
            throw new IOException("cannot create map file " + abs + ": " + H5Io.reason(e), e);
        }
        Hdf5MapFileWriter w;
        try {
            writeSkeleton(fid, layout, attributes, channels);
            AcquisitionSession first = new AcquisitionSession(0, java.time.Instant.now(), null,
                    attributes.get(MapAttributes.INSTRUMENT_ID), attributes.get(MapAttributes.INSTRUMENT_SETTINGS),
                    Provenance.writerVersion(), "");
            SessionLog.write(fid, List.of(first));
            w = new Hdf5MapFileWriter(abs, fid, layout, attributes, scalesOf(channels),
                    new BitSet(layout.pixelCount()), List.of(first));
            w.openCurveData(null);
            H5Io.flush(fid);
            publish(building, abs);
        } catch (RuntimeException | IOException e) {
            closeQuietly(fid);
            Files.deleteIfExists(building);
            throw new IOException("cannot create map file " + abs + ": " + H5Io.reason(e), e);
        }
        return w;
    }

    /** The hidden name a map file has while it is created, next to where it will be. */
    static Path buildingName(Path file) {
        return file.resolveSibling("." + file.getFileName() + ".creating");
    }

    /**
     * Gives the finished skeleton its name without replacing a file that appeared there meanwhile:
     * a hard link fails if the name exists; where links are not supported, an atomic rename.
     */
    private static void publish(Path building, Path file) throws IOException {
        try {
            Files.createLink(file, building);
            Files.delete(building);
        } catch (UnsupportedOperationException | java.nio.file.FileSystemException noLinks) {
            if (noLinks instanceof FileAlreadyExistsException) {
                throw (FileAlreadyExistsException) noLinks;
            }
            Files.move(building, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static void checkAttributes(Map<String, String> attributes) {
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            if (a.getKey() == null || !SIMPLE_NAME.matcher(a.getKey()).matches()) {
                throw new IllegalArgumentException("attribute name '" + a.getKey()
                        + "' must start with a letter and hold only letters, digits, '_', '.', '-' (max 64)");
            }
            if (RESERVED.contains(a.getKey())) {
                throw new IllegalArgumentException(
                        "attribute name '" + a.getKey() + "' is reserved for the layout and pyUSID's book-keeping");
            }
            if (a.getValue() == null) {
                throw new IllegalArgumentException("attribute '" + a.getKey() + "' has no value");
            }
        }
    }

    private static void checkChannels(List<ChannelSpec> channels) {
        EnumSet<Channel> seen = EnumSet.noneOf(Channel.class);
        for (ChannelSpec c : channels) {
            Objects.requireNonNull(c, "channel spec");
            if (!seen.add(c.channel())) {
                throw new IllegalArgumentException("channel " + c.channel() + " is specified twice");
            }
        }
    }

    private static void checkWritableDirectory(Path abs) throws IOException {
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("cannot create map file " + abs + ": directory " + dir + " does not exist");
        }
        if (!Files.isWritable(dir)) {
            throw new IOException("cannot create map file " + abs + ": directory " + dir + " is not writable");
        }
        if (Files.isDirectory(abs)) {
            throw new IOException("cannot create map file " + abs + ": it is a directory");
        }
    }

    private static double[] scalesOf(List<ChannelSpec> channels) {
        double[] s = new double[CURVE_CHANNELS.size()];
        java.util.Arrays.fill(s, Double.NaN);
        for (ChannelSpec c : channels) {
            s[CURVE_CHANNELS.indexOf(c.channel().name().toLowerCase(Locale.ROOT))] = c.resolution();
        }
        return s;
    }

    private static void writeSkeleton(long fid, Grid layout, Map<String, String> attributes,
            List<ChannelSpec> channels) throws HDF5Exception {
        int n = layout.pixelCount();
        H5Io.setString(fid, "/", FORMAT_ATTR, FORMAT_NAME);
        H5Io.setLong(fid, "/", VERSION_ATTR, VERSION);
        H5Io.setFixedString(fid, "/", STATE_ATTR, STATE_RUNNING, STATE_BYTES);
        H5Io.setFlag(fid, "/", CLEAN_ATTR, false);

        H5Io.createGroup(fid, MEASUREMENT);
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            H5Io.setString(fid, MEASUREMENT, a.getKey(), a.getValue());
        }
        H5Io.setLong(fid, MEASUREMENT, NX, layout.nx());
        H5Io.setLong(fid, MEASUREMENT, NY, layout.ny());
        H5Io.setDouble(fid, MEASUREMENT, X0, layout.x0());
        H5Io.setDouble(fid, MEASUREMENT, Y0, layout.y0());
        H5Io.setDouble(fid, MEASUREMENT, DX, layout.dx());
        H5Io.setDouble(fid, MEASUREMENT, DY, layout.dy());
        Provenance provenance = Provenance.now();
        writeProvenance(fid, MEASUREMENT, provenance);
        writeAncillaries(fid, layout);

        for (ScalarMap m : SCALAR_MAPS) {
            H5Io.createGroup(fid, MEASUREMENT + "/" + m.group());
            H5Io.createFixed(fid, m.path(), HDF5Constants.H5T_IEEE_F64LE, new long[] { n, 1 }, Double.NaN);
            H5Io.setString(fid, m.path(), "quantity", m.quantity());
            H5Io.setString(fid, m.path(), "units", m.units());
            H5Io.setReference(fid, m.path(), "Position_Indices", POS_IND);
            H5Io.setReference(fid, m.path(), "Position_Values", POS_VAL);
            H5Io.setReference(fid, m.path(), "Spectroscopic_Indices", SPEC_IND);
            H5Io.setReference(fid, m.path(), "Spectroscopic_Values", SPEC_VAL);
            writeProvenance(fid, m.path(), provenance);
        }

        H5Io.createGroup(fid, PIXELS);
        H5Io.createFixed(fid, WRITTEN, HDF5Constants.H5T_STD_U8LE, new long[] { n }, (byte) 0);
        H5Io.createFixed(fid, X, HDF5Constants.H5T_IEEE_F64LE, new long[] { n }, Double.NaN);
        H5Io.createFixed(fid, Y, HDF5Constants.H5T_IEEE_F64LE, new long[] { n }, Double.NaN);
        H5Io.createFixedStrings(fid, RULE, PixelRecord.MAX_RULE_BYTES, n);
        H5Io.createFixedStrings(fid, TERMINATION, TERMINATION_BYTES, n);
        H5Io.createFixedStrings(fid, FAULT_REASON, PixelRecord.MAX_FAULT_REASON_BYTES, n);
        H5Io.createFixed(fid, CUTOFF_INDEX, HDF5Constants.H5T_STD_I32LE, new long[] { n }, -1);
        H5Io.createFixed(fid, START_MS, HDF5Constants.H5T_STD_I64LE, new long[] { n }, 0L);
        H5Io.createFixed(fid, END_MS, HDF5Constants.H5T_STD_I64LE, new long[] { n }, 0L);
        H5Io.createFixed(fid, SAMPLE_RATE, HDF5Constants.H5T_IEEE_F64LE, new long[] { n }, Double.NaN);
        H5Io.createFixed(fid, SAMPLE_COUNT, HDF5Constants.H5T_STD_I64LE, new long[] { n }, 0L);
        H5Io.setString(fid, X, "units", "m");
        H5Io.setString(fid, Y, "units", "m");
        H5Io.setString(fid, START_MS, "units", "ms since 1970-01-01T00:00:00Z");
        H5Io.setString(fid, END_MS, "units", "ms since 1970-01-01T00:00:00Z");
        H5Io.setString(fid, SAMPLE_RATE, "units", "Hz");
        createSessionAndChecksumData(fid, n);

        H5Io.createGroup(fid, CURVES);
        String[] names = channels.stream().map(c -> c.channel().name()).toArray(String[]::new);
        H5Io.setStringArray(fid, CURVES, CHANNELS_ATTR, names.length == 0 ? new String[] { "" } : names);
        for (ChannelSpec c : channels) {
            String lower = c.channel().name().toLowerCase(Locale.ROOT);
            H5Io.setDouble(fid, CURVES, lower + "_min", c.min());
            H5Io.setDouble(fid, CURVES, lower + "_max", c.max());
            H5Io.setDouble(fid, CURVES, lower + "_resolution", c.resolution());
        }
        double[] scales = scalesOf(channels);
        for (int c = 0; c < CURVE_CHANNELS.size(); c++) {
            String name = CURVE_CHANNELS.get(c);
            H5Io.createFixed(fid, encodingPath(name), HDF5Constants.H5T_STD_U8LE, new long[] { n }, (byte) 0);
            H5Io.createFixed(fid, offsetPath(name), HDF5Constants.H5T_STD_I64LE, new long[] { n }, -1L);
            for (Encoding e : candidates(c, scales)) {
                createCurveDataset(fid, name, e, scales[c]);
            }
        }
        H5Io.createGroup(fid, TOPOGRAPHY);
    }

    /**
     * The per-pixel session index and checksums (MAPFILE.md, "Sessions" and "Checksums"): with the
     * skeleton of a new file, or when an older file is resumed for the first time.
     */
    private static void createSessionAndChecksumData(long fid, int n) throws HDF5Exception {
        H5Io.createFixed(fid, SESSION, HDF5Constants.H5T_STD_I32LE, new long[] { n }, -1);
        H5Io.setString(fid, SESSION, "description",
                "index into the sessions attribute of this group of the session that measured the pixel; -1: none");
        H5Io.createFixed(fid, CHECKSUM, HDF5Constants.H5T_STD_I64LE, new long[] { n, PixelChecksum.PARTS.size() },
                PixelChecksum.NONE);
        H5Io.setStringArray(fid, CHECKSUM, "parts", PixelChecksum.PARTS.toArray(String[]::new));
        H5Io.setString(fid, CHECKSUM, "algorithm",
                "CRC32C (Castagnoli) per part: curve channels over their samples as float64 little-endian, NaN"
                        + " canonical; scalars as described in MAPFILE.md; -1: none");
    }

    /** The stored encodings a channel may need; all their datasets exist from the start. */
    private static List<Encoding> candidates(int channel, double[] scales) {
        return Double.isNaN(scales[channel]) ? List.of(Encoding.FLOAT32, Encoding.FLOAT64)
                : List.of(Encoding.INT16, Encoding.FLOAT32, Encoding.FLOAT64);
    }

    /**
     * Created with the file, not when first needed: creating a dataset changes a group's
     * structure, and structure changes are exactly what a kill must not interrupt.
     */
    private static void createCurveDataset(long fid, String channel, Encoding e, double scale)
            throws HDF5Exception {
        String path = dataPath(channel, e);
        long type = switch (e) {
        case INT16 -> HDF5Constants.H5T_STD_I16LE;
        case FLOAT32 -> HDF5Constants.H5T_IEEE_F32LE;
        default -> HDF5Constants.H5T_IEEE_F64LE;
        };
        H5Io.createExtendable(fid, path, type, GrowingDataset.CHUNK, GrowingDataset.CHUNK);
        H5Io.setString(fid, path, "units", units(channel));
        if (e == Encoding.INT16) {
            // CF convention names, so that netCDF-aware tools unpack by themselves
            H5Io.setDouble(fid, path, "scale_factor", scale);
            H5Io.setDouble(fid, path, "add_offset", 0.0);
        }
    }

    /** pyUSID's book-keeping attributes (what pyUSID writes on the groups and main datasets it creates). */
    private static void writeProvenance(long fid, String object, Provenance p) throws HDF5Exception {
        H5Io.setString(fid, object, Provenance.TIMESTAMP, p.timestamp());
        H5Io.setString(fid, object, Provenance.MACHINE_ID, p.machineId());
        H5Io.setString(fid, object, Provenance.PLATFORM, p.platform());
        H5Io.setString(fid, object, Provenance.ONSET_VERSION, p.onsetVersion());
    }

    /** pyUSID ancillary datasets shared by the three scalar maps. */
    private static void writeAncillaries(long fid, Grid layout) throws HDF5Exception {
        int n = layout.pixelCount();
        int[] indices = new int[2 * n];
        float[] values = new float[2 * n];
        for (int p = 0; p < n; p++) {
            int i = layout.i(p);
            int j = layout.j(p);
            indices[2 * p] = i;
            indices[2 * p + 1] = j;
            values[2 * p] = (float) layout.x(i);
            values[2 * p + 1] = (float) layout.y(j);
        }
        long[] posDims = { n, 2 };
        H5Io.writeFixed(fid, POS_IND, HDF5Constants.H5T_STD_U32LE, posDims, indices);
        H5Io.writeFixed(fid, POS_VAL, HDF5Constants.H5T_IEEE_F32LE, posDims, values);
        H5Io.writeFixed(fid, SPEC_IND, HDF5Constants.H5T_STD_U32LE, new long[] { 1, 1 }, new int[] { 0 });
        H5Io.writeFixed(fid, SPEC_VAL, HDF5Constants.H5T_IEEE_F32LE, new long[] { 1, 1 }, new float[] { 0f });
        for (String p : List.of(POS_IND, POS_VAL)) {
            H5Io.setStringArray(fid, p, "labels", new String[] { "X", "Y" });
            H5Io.setStringArray(fid, p, "units", new String[] { "m", "m" });
        }
        for (String p : List.of(SPEC_IND, SPEC_VAL)) {
            H5Io.setStringArray(fid, p, "labels", new String[] { "arb" });
            H5Io.setStringArray(fid, p, "units", new String[] { "a.u." });
        }
    }

    // ------------------------------------------------------------------ resume

    public static MapStore openForResume(Path file) throws IOException {
        return openForResume(file, SessionInfo.unknown());
    }

    /** Reopens a map file to append pixels in a new acquisition session described by {@code info}. */
    public static MapStore openForResume(Path file, SessionInfo info) throws IOException {
        Objects.requireNonNull(info, "session info");
        Objects.requireNonNull(file, "file");
        Path abs = file.toAbsolutePath().normalize();
        Hdf5Library.nativeVersion();
        Hdf5MapFileReader.checkIsHdf5(abs);
        if (!Files.isWritable(abs)) {
            throw new IOException("cannot resume map file " + abs + ": it is not writable");
        }
        long skip = repairNeeded(abs);
        long eoaBefore = skip > 0 ? EndOfAllocation.read(abs) : 0;
        long eoaAfter = skip > 0 ? EndOfAllocation.extend(abs, skip) : 0;
        long fid;
        try {
            fid = H5Io.openFile(abs.toString(), true);
        } catch (RuntimeException e) {
            throw new IOException("cannot resume map file " + abs + ": " + H5Io.whyNotOpened(e, "HDF5 cannot open it for writing"), e);
        }
        try {
            MapFileState state = MapFileState.load(fid, abs);
            if (skip > 0) {
                RepairLog.repaired(abs, state, eoaBefore, eoaAfter);
            }
            // the new session is written with the first thing it stores (recordSession): a resume that is
            // refused or ends before storing anything leaves the file's sessions as they were
            List<AcquisitionSession> sessions = new java.util.ArrayList<>(SessionLog.read(fid, state.attributes));
            sessions.add(new AcquisitionSession(sessions.size(), java.time.Instant.now(), null, info.instrumentId(),
                    info.instrumentSettings(), Provenance.writerVersion(), info.note()));
            Hdf5MapFileWriter w = new Hdf5MapFileWriter(abs, fid, state.layout, state.attributes, state.scales(),
                    (BitSet) state.written.clone(), sessions);
            w.sessionRecorded = false;
            w.writtenBefore = (BitSet) state.written.clone();
            w.openCurveData(state);
            // acquisition_state stays: resuming a complete map (e.g. for the "after" image) keeps it complete.
            // Nothing is written yet, not even the clean flag (recordSession does that before the first
            // store): a resume refused after this (another recipe, another instrument) must leave the
            // file byte for byte as it was, and in the 1.8 format any attribute write also stamps the
            // root group's modification time.
            w.repaired = skip > 0;
            return w;
        } catch (MapFileState.StuckMetadataException e) {
            throw e; // HDF5 is still busy with this file in a worker: closing it would wait forever
        } catch (IOException | RuntimeException e) {
            H5Io.closeAfterFailure(fid);
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot resume map file " + abs + ": " + H5Io.reason(e), e);
        }
    }

    /**
     * Writes this writer's session into the file before the first thing it stores. A file from
     * before sessions and checksums were recorded gets their datasets now (a structure change,
     * made before the session's first pixel and flushed), its stored pixels the session
     * reconstructed from its attributes (index 0), and no checksums (-1: verify says so).
     */
    private void recordSession() throws HDF5Exception {
        if (sessionRecorded) {
            return;
        }
        // from here until a clean close, a kill leaves work for the next resume to repair
        H5Io.setFlag(fid, "/", CLEAN_ATTR, false);
        H5Io.flush(fid);
        if (!H5Io.exists(fid, SESSION)) {
            int n = layout.pixelCount();
            createSessionAndChecksumData(fid, n);
            int[] owner = new int[n];
            for (int p = 0; p < n; p++) {
                owner[p] = writtenBefore.get(p) ? 0 : -1;
            }
            H5Io.writeRows(dataset(SESSION), 0, owner, n, 1);
        }
        SessionLog.write(fid, sessions);
        H5Io.flush(fid);
        sessionRecorded = true;
    }

    /**
     * How far to move the end of allocation after an unclean close: the largest single growth
     * step any curve dataset can have been in (see {@link EndOfAllocation}), plus room for a
     * chunk-index node. 0 after a clean close.
     */
    private static long repairNeeded(Path abs) throws IOException {
        long fid;
        long lengthFound = -1; // set when the file was shorter than its superblock says and was extended
        long storedLength = -1;
        try {
            fid = H5Io.openFile(abs.toString(), false);
        } catch (RuntimeException e) {
            long[] truncation = H5Io.truncation(e);
            if (truncation == null) {
                throw new IOException("cannot resume map file " + abs + ": " + H5Io.whyNotOpened(e, "HDF5 cannot open it"), e);
            }
            // HDF5 writes the superblock, with a grown end of allocation, before it sets the file's
            // length to it (H5Fflush: metadata, then truncate). A writer killed between the two leaves
            // a file whose missing tail was never written: it is space HDF5 had only reserved, and
            // the zeros the extension gives it are what the finished flush would have left there.
            // Whether that is the case is decided below from the file itself; if not, it is put back.
            lengthFound = Files.size(abs);
            storedLength = truncation[1];
            EndOfAllocation.lengthen(abs, storedLength);
            try {
                fid = H5Io.openFile(abs.toString(), false);
            } catch (RuntimeException again) {
                EndOfAllocation.shorten(abs, lengthFound);
                throw new IOException("cannot resume map file " + abs + ": " + H5Io.whyNotOpened(e, "HDF5 cannot open it"), e);
            }
        }
        long repair;
        boolean clean;
        try {
            MapFileState.load(fid, abs); // is it a map file at all?
        } catch (MapFileState.StuckMetadataException e) {
            throw e; // HDF5 is still busy with this file in a worker: closing it would wait forever
        } catch (IOException | RuntimeException e) {
            H5Io.closeAfterFailure(fid);
            if (lengthFound >= 0) {
                // not metadata HDF5 had yet to write: the end the file lost was written
                EndOfAllocation.shorten(abs, lengthFound);
                throw new IOException("cannot resume map file " + abs + ": "
                        + H5Io.truncatedMessage(lengthFound, storedLength), e);
            }
            throw e;
        }
        try {
            clean = H5Io.hasAttribute(fid, "/", CLEAN_ATTR) && H5Io.getLong(fid, "/", CLEAN_ATTR) == 1;
            long largest = 0;
            for (String path : clean ? List.<String>of() : H5Io.members(fid, CURVES)) {
                if (path.endsWith("_encoding") || path.endsWith("_offset")) {
                    continue;
                }
                long ds = H5Io.openDataset(fid, CURVES + "/" + path);
                try {
                    largest = Math.max(largest, GrowingDataset.step(H5Io.length(ds)) * H5Io.elementSize(ds));
                } finally {
                    H5Io.closeDataset(ds);
                }
            }
            repair = clean ? 0 : largest + (4L << 20);
        } catch (RuntimeException e) {
            closeQuietly(fid);
            if (lengthFound >= 0) {
                EndOfAllocation.shorten(abs, lengthFound);
            }
            throw new IOException("cannot resume map file " + abs + ": " + H5Io.reason(e), e);
        }
        closeQuietly(fid);
        // a writer that closed its file cleanly left it whole, and one growth step is all a kill can
        // leave unwritten: anything else is a file that lost its end after it was written
        if (lengthFound >= 0 && (clean || storedLength - lengthFound > repair)) {
            EndOfAllocation.shorten(abs, lengthFound);
            throw new IOException("cannot resume map file " + abs + ": " + H5Io.truncatedMessage(lengthFound, storedLength));
        }
        if (lengthFound >= 0) {
            RepairLog.restoredTail(abs, lengthFound, storedLength);
        }
        return repair;
    }

    /** Opens the curve datasets; on resume the first free sample comes from stored pixels only. */
    private void openCurveData(MapFileState state) throws HDF5Exception {
        for (int c = 0; c < CURVE_CHANNELS.size(); c++) {
            for (Encoding e : candidates(c, scales)) {
                String path = dataPath(CURVE_CHANNELS.get(c), e);
                long used = state == null ? 0 : state.used(c, e);
                curveData.put(path, new GrowingDataset(path, H5Io.openDatasetUncached(fid, path), used));
            }
        }
    }

    // ------------------------------------------------------------------ pixels

    @Override
    public Path file() {
        return file;
    }

    @Override
    public Grid grid() {
        return layout;
    }

    @Override
    public Map<String, String> attributes() {
        return attributes;
    }

    @Override
    public BitSet completedPixels() {
        return (BitSet) completed.clone();
    }

    @Override
    public List<AcquisitionSession> sessions() {
        return List.copyOf(sessions);
    }

    @Override
    public void append(PixelRecord p) throws IOException {
        Objects.requireNonNull(p, "pixel");
        checkUsable();
        checkFits(p);
        byte[] rule = p.rule().getBytes(StandardCharsets.UTF_8);
        if (rule.length > PixelRecord.MAX_RULE_BYTES) {
            throw new IllegalArgumentException("pixel " + p.index() + ": rule '" + p.rule() + "' is longer than "
                    + PixelRecord.MAX_RULE_BYTES + " UTF-8 bytes");
        }
        int n = p.sampleCount();
        long[] crc = checksum.of(p);
        // the arrays may be longer than the curve (reused buffers): only the first n samples count
        CurveCodec.Encoded[] enc = { CurveCodec.encodeTime(p.time(), n, p.sampleRate()),
                CurveCodec.encodeSignal(p.bias(), n, scales[1]), CurveCodec.encodeSignal(p.current(), n, scales[2]),
                CurveCodec.encodeSignal(p.height(), n, scales[3]) };
        try {
            recordSession();
            long[] offsets = new long[enc.length];
            for (int c = 0; c < enc.length; c++) {
                offsets[c] = -1;
                if (enc[c].encoding().stored()) {
                    GrowingDataset ds = curveDataset(CURVE_CHANNELS.get(c), enc[c].encoding());
                    ds.reserve(n, sessionPixels, layout.pixelCount() - completed.cardinality(), () -> H5Io.flush(fid));
                    offsets[c] = ds.append(enc[c].stored(), n);
                }
            }
            int index = p.index();
            writeOne(ONSET_BIAS.path(), index, new double[] { p.onsetBias() });
            writeOne(CURRENT_AT_END.path(), index, new double[] { p.currentAtEnd() });
            writeOne(HEIGHT_CHANGE_AT_END.path(), index, new double[] { p.heightChangeAtEnd() });
            writeOne(X, index, new double[] { p.x() });
            writeOne(Y, index, new double[] { p.y() });
            H5Io.writeFixedString(dataset(RULE), index, rule, PixelRecord.MAX_RULE_BYTES);
            H5Io.writeFixedString(dataset(TERMINATION), index, p.termination().name().getBytes(StandardCharsets.US_ASCII),
                    TERMINATION_BYTES);
            H5Io.writeFixedString(dataset(FAULT_REASON), index, shorten(p.faultReason()),
                    PixelRecord.MAX_FAULT_REASON_BYTES);
            writeOne(CUTOFF_INDEX, index, new int[] { p.cutoffSampleIndex() });
            writeOne(START_MS, index, new long[] { p.startEpochMillis() });
            writeOne(END_MS, index, new long[] { p.endEpochMillis() });
            writeOne(SAMPLE_RATE, index, new double[] { p.sampleRate() });
            writeOne(SAMPLE_COUNT, index, new long[] { n });
            writeOne(SESSION, index, new int[] { sessions.size() - 1 });
            H5Io.writeRows(dataset(CHECKSUM), index, crc, 1, crc.length);
            for (int c = 0; c < enc.length; c++) {
                writeOne(encodingPath(CURVE_CHANNELS.get(c)), index, new byte[] { enc[c].encoding().code });
                writeOne(offsetPath(CURVE_CHANNELS.get(c)), index, new long[] { offsets[c] });
            }
            // step 1: everything of the pixel reaches the file before the flag that validates it
            H5Io.flush(fid);
            writeOne(WRITTEN, index, new byte[] { 1 });
            // step 2: the flag alone
            H5Io.flush(fid);
            completed.set(index);
            sessionPixels++;
        } catch (RuntimeException e) {
            failure = e;
            throw new IOException("cannot store pixel " + p.index() + " in " + file + ": " + H5Io.reason(e)
                    + "; the pixels stored before it are intact", e);
        }
    }

    private void checkFits(PixelRecord p) {
        int index = p.index();
        if (index < 0 || index >= layout.pixelCount()) {
            throw new IllegalArgumentException("pixel index " + index + " is outside 0.." + (layout.pixelCount() - 1)
                    + " of the " + layout.nx() + " x " + layout.ny() + " map");
        }
        if (p.i() != layout.i(index) || p.j() != layout.j(index)) {
            throw new IllegalArgumentException("pixel index " + index + " is (i, j) = (" + layout.i(index) + ", "
                    + layout.j(index) + ") in a map " + layout.nx() + " wide, but the record says (" + p.i() + ", "
                    + p.j() + ")");
        }
        if (completed.get(index)) {
            throw new IllegalStateException("pixel " + index + " (" + p.i() + ", " + p.j() + ") is already stored in "
                    + file);
        }
    }

    /** UTF-8 bytes of a fault reason, cut at a character boundary with "…" when too long. */
    static byte[] shorten(String text) {
        byte[] all = text.getBytes(StandardCharsets.UTF_8);
        if (all.length <= PixelRecord.MAX_FAULT_REASON_BYTES) {
            return all;
        }
        int budget = PixelRecord.MAX_FAULT_REASON_BYTES - 3; // "…" takes 3 bytes
        int end = 0;
        int bytes = 0;
        while (end < text.length()) {
            int cp = text.codePointAt(end);
            int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + len > budget) {
                break;
            }
            bytes += len;
            end += Character.charCount(cp);
        }
        return (text.substring(0, end) + "…").getBytes(StandardCharsets.UTF_8);
    }

    private GrowingDataset curveDataset(String channel, Encoding e) {
        GrowingDataset ds = curveData.get(dataPath(channel, e));
        if (ds == null) {
            throw new IllegalStateException(file + " has no dataset " + dataPath(channel, e));
        }
        return ds;
    }

    private long dataset(String path) throws HDF5Exception {
        Long id = openDatasets.get(path);
        if (id == null) {
            id = H5Io.openDataset(fid, path);
            openDatasets.put(path, id);
        }
        return id;
    }

    private void writeOne(String path, int index, Object value) throws HDF5Exception {
        H5Io.writeRows(dataset(path), index, value, 1, 1);
    }

    // -------------------------------------------------------------- the rest

    @Override
    public boolean hasTopography(String name) {
        checkTopographyName(name);
        try {
            return H5Io.exists(fid, TOPOGRAPHY + "/" + name);
        } catch (HDF5Exception e) {
            throw new IllegalStateException("cannot look into " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void writeTopography(String name, TopographyImage image) throws IOException {
        Objects.requireNonNull(image, "topography image");
        checkUsable();
        if (hasTopography(name)) {
            throw new IllegalStateException("topography '" + name + "' is already stored in " + file);
        }
        String path = TOPOGRAPHY + "/" + name;
        try {
            recordSession();
            H5Io.writeFixed(fid, path, HDF5Constants.H5T_IEEE_F64LE, new long[] { image.ny(), image.nx() },
                    image.height());
            H5Io.setString(fid, path, "quantity", "Height");
            H5Io.setString(fid, path, "units", "m");
            H5Io.setDouble(fid, path, "x0_m", image.x0());
            H5Io.setDouble(fid, path, "y0_m", image.y0());
            H5Io.setDouble(fid, path, "dx_m", image.dx());
            H5Io.setDouble(fid, path, "dy_m", image.dy());
            H5Io.flush(fid);
        } catch (HDF5Exception e) {
            failure = e;
            throw new IOException("cannot store topography '" + name + "' in " + file + ": " + H5Io.reason(e), e);
        }
    }

    static void checkTopographyName(String name) {
        if (name == null || !SIMPLE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("topography name '" + name
                    + "' must start with a letter and hold only letters, digits, '_', '.', '-' (e.g. before, after)");
        }
    }

    @Override
    public void markComplete() throws IOException {
        checkUsable();
        try {
            recordSession();
            H5Io.setFixedString(fid, "/", STATE_ATTR, STATE_COMPLETE, STATE_BYTES);
            H5Io.flush(fid);
        } catch (HDF5Exception e) {
            failure = e;
            throw new IOException("cannot mark " + file + " complete: " + H5Io.reason(e), e);
        }
    }

    private void checkUsable() {
        if (closed) {
            throw new IllegalStateException("map file writer of " + file + " is closed");
        }
        if (failure != null) {
            throw new IllegalStateException("map file writer of " + file + " failed earlier (" + failure.getMessage()
                    + "); open it again to continue");
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        HDF5Exception first = null;
        // a resumed file this writer stored nothing in (and did not have to repair) is closed as it
        // was opened: no trim, no flag, so that a refused or empty resume changes no byte
        boolean untouched = !sessionRecorded && !repaired;
        for (GrowingDataset ds : curveData.values()) {
            try {
                if (failure == null && !untouched) {
                    ds.trim();
                    H5Io.flush(fid); // one structure change per flush, as when growing
                }
                ds.close();
            } catch (HDF5Exception e) {
                first = first == null ? e : first;
            }
        }
        if (failure == null && first == null && !untouched) {
            try {
                if (sessionRecorded) {
                    AcquisitionSession s = sessions.get(sessions.size() - 1);
                    sessions.set(sessions.size() - 1, new AcquisitionSession(s.index(), s.start(),
                            java.time.Instant.now(), s.instrumentId(), s.instrumentSettings(), s.softwareVersion(),
                            s.note()));
                    SessionLog.write(fid, sessions);
                    H5Io.flush(fid); // the session's end before the clean flag
                }
                H5Io.setFlag(fid, "/", CLEAN_ATTR, true);
            } catch (HDF5Exception e) {
                first = e;
            }
        }
        for (long id : openDatasets.values()) {
            try {
                H5Io.closeDataset(id);
            } catch (HDF5Exception e) {
                first = first == null ? e : first;
            }
        }
        try {
            hdf.hdf5lib.H5.H5Fclose(fid);
        } catch (HDF5Exception e) {
            first = first == null ? e : first;
        }
        if (first != null) {
            throw new IOException("cannot close map file " + file + ": " + first.getMessage(), first);
        }
    }

    private static void closeQuietly(long fid) {
        try {
            hdf.hdf5lib.H5.H5Fclose(fid);
        } catch (RuntimeException e) {
            // already failing: the first error is the one to report
        }
    }
}
