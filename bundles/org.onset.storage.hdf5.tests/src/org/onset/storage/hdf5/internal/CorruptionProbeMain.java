package org.onset.storage.hdf5.internal;

import static org.onset.storage.hdf5.internal.MapFileFormat.*;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

import org.onset.map.api.Grid;
import org.onset.map.api.MapFile;
import org.onset.map.api.MapStore;
import org.onset.map.api.PixelRecord;

import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;
import hdf.hdf5lib.exceptions.HDF5Exception;

/**
 * Child process of the corruption fuzzer: for each probe number, copies an intact, partly written
 * map file, damages the copy in one seeded way, then reads it the way {@code inspect} and the
 * workbench do (every map, every stored pixel) and resumes it to the end. It reports to a file,
 * one unbuffered line per step, so that the parent sees which probe hung or killed the JVM:
 * "BEGIN k", then "END k kind read-verdict resume-verdict". A verdict is "ok", "error" (an
 * IOException with a message: the clear error we want) or "FAIL: why".
 *
 * <p>Arguments: intact file, work folder, seed, first probe, end probe (exclusive), report file,
 * probe pixels (nx·ny of the intact file), its samples per pixel (SyntheticMap), pixels written.
 */
public final class CorruptionProbeMain {

    /** The kinds of damage, in the order the probe number cycles through them. */
    public enum Kind {
        TRUNCATE, FLIP_METADATA, FLIP_DATA, TAMPER_ATTRIBUTE, TAMPER_INDEX
    }

    /** Where a map file's structure is: the superblock, groups and object headers written at creation. */
    static final int METADATA_BYTES = 8192;

    private CorruptionProbeMain() {
    }

    public static void main(String[] args) throws Exception {
        Path intact = Path.of(args[0]);
        Path work = Path.of(args[1]);
        long seed = Long.parseLong(args[2]);
        int from = Integer.parseInt(args[3]);
        int to = Integer.parseInt(args[4]);
        int nx = Integer.parseInt(args[6]);
        int ny = Integer.parseInt(args[7]);
        int samples = Integer.parseInt(args[8]);
        long pixelSeed = Long.parseLong(args[9]);
        Grid grid = new Grid(nx, ny, 0, 0, 1e-6, 1e-6);
        long intactSize = Files.size(intact);
        try (FileOutputStream report = new FileOutputStream(args[5], true)) {
            for (int k = from; k < to; k++) {
                say(report, "BEGIN " + k);
                SplittableRandom r = new SplittableRandom(seed * 1_000_003L + k);
                Kind kind = Kind.values()[k % Kind.values().length];
                Path f = work.resolve("probe-" + k + ".h5");
                Files.copy(intact, f, StandardCopyOption.REPLACE_EXISTING);
                String what = damage(kind, f, r, intactSize);
                say(report, "DAMAGE " + k + " " + kind + " " + what);
                String read = read(f);
                if (read.equals("error (stuck)")) {
                    // the reader gave its error in time, but HDF5 stays busy in this process
                    say(report, "END " + k + " " + kind + " " + what.replace(' ', '_') + " | " + read + " | not tried");
                    Runtime.getRuntime().halt(0);
                }
                String resume = resume(f, grid, samples, pixelSeed);
                Files.deleteIfExists(f);
                say(report, "END " + k + " " + kind + " " + what.replace(' ', '_') + " | " + read + " | " + resume);
            }
            say(report, "FINISHED");
        }
    }

    /** Damages the copy; returns what it did, to replay a failure. */
    static String damage(Kind kind, Path f, SplittableRandom r, long size) throws Exception {
        switch (kind) {
        case TRUNCATE: {
            long at = r.nextBoolean() ? r.nextLong(Math.min(size, 4 * METADATA_BYTES)) : r.nextLong(size);
            try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                raf.setLength(at);
            }
            return "truncate at " + at;
        }
        case FLIP_METADATA:
            return flip(f, r.nextLong(METADATA_BYTES), r);
        case FLIP_DATA:
            return flip(f, METADATA_BYTES + r.nextLong(size - METADATA_BYTES), r);
        case TAMPER_ATTRIBUTE:
            return tamperAttribute(f, r);
        case TAMPER_INDEX:
            return tamperIndex(f, r);
        default:
            throw new IllegalStateException(kind.name());
        }
    }

    private static String flip(Path f, long at, SplittableRandom r) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.seek(at);
            int old = raf.read();
            int mask = r.nextBoolean() ? 1 << r.nextInt(8) : 1 + r.nextInt(255);
            raf.seek(at);
            raf.write(old ^ mask);
            return "flip at " + at + " xor " + mask;
        }
    }

    private static final long[] BAD_LONGS = { 0, -1, -2, 1L << 31, 1_000_000_000_000_000L, Long.MAX_VALUE,
            Long.MIN_VALUE, 65_536, 3 };
    private static final double[] BAD_DOUBLES = { 0, -1, Double.NaN, Double.POSITIVE_INFINITY, -0.0, 1e300,
            Double.MIN_VALUE, -1e-6 };

    private static String tamperAttribute(Path f, SplittableRandom r) throws HDF5Exception {
        long fid = H5Io.openFile(f.toString(), true);
        try {
            int pick = r.nextInt(9);
            String what;
            if (pick < 2) {
                String name = pick == 0 ? NX : NY;
                long v = BAD_LONGS[r.nextInt(BAD_LONGS.length)];
                H5Io.setLong(fid, MEASUREMENT, name, v);
                what = name + " = " + v;
            } else if (pick < 4) {
                String name = List.of(X0, Y0, DX, DY).get(r.nextInt(4));
                double v = BAD_DOUBLES[r.nextInt(BAD_DOUBLES.length)];
                H5Io.setDouble(fid, MEASUREMENT, name, v);
                what = name + " = " + v;
            } else if (pick == 4) {
                String name = CURVE_CHANNELS.get(1 + r.nextInt(3)) + List.of("_min", "_max", "_resolution").get(r.nextInt(3));
                double v = BAD_DOUBLES[r.nextInt(BAD_DOUBLES.length)];
                H5Io.setDouble(fid, CURVES, name, v);
                what = name + " = " + v;
            } else if (pick == 5) {
                String[] v = r.nextBoolean() ? new String[] { "BIAS", "BOGUS" } : new String[] { "" , "HEIGHT", "HEIGHT" };
                H5Io.setStringArray(fid, CURVES, CHANNELS_ATTR, v);
                what = "channels = " + String.join(",", v);
            } else if (pick == 6) {
                long v = BAD_LONGS[r.nextInt(BAD_LONGS.length)];
                H5Io.setLong(fid, "/", VERSION_ATTR, v);
                what = VERSION_ATTR + " = " + v;
            } else if (pick == 7) {
                String v = r.nextBoolean() ? "complete" : "x".repeat(1 + r.nextInt(40));
                H5Io.setFixedString(fid, "/", STATE_ATTR, v.substring(0, Math.min(v.length(), STATE_BYTES)), STATE_BYTES);
                what = STATE_ATTR + " = " + v;
            } else {
                H5.H5Adelete_by_name(fid, MEASUREMENT, List.of(NX, NY, DX).get(r.nextInt(3)), HDF5Constants.H5P_DEFAULT);
                what = "grid attribute deleted";
            }
            return what;
        } finally {
            H5.H5Fclose(fid);
        }
    }

    private static String tamperIndex(Path f, SplittableRandom r) throws HDF5Exception {
        long fid = H5Io.openFile(f.toString(), true);
        try {
            long n = H5Io.dims(fid, WRITTEN)[0];
            long p = r.nextLong(n);
            int pick = r.nextInt(6);
            String path;
            Object value;
            if (pick <= 1) {
                path = pick == 0 ? offsetPath(CURVE_CHANNELS.get(r.nextInt(4))) : SAMPLE_COUNT;
                long v = BAD_LONGS[r.nextInt(BAD_LONGS.length)];
                value = new long[] { v };
            } else if (pick == 2) {
                path = encodingPath(CURVE_CHANNELS.get(r.nextInt(4)));
                value = new byte[] { (byte) r.nextInt(256) };
            } else if (pick == 3) {
                path = WRITTEN;
                value = new byte[] { (byte) (r.nextBoolean() ? 1 : r.nextInt(256)) };
            } else if (pick == 4) {
                path = SAMPLE_RATE;
                value = new double[] { BAD_DOUBLES[r.nextInt(BAD_DOUBLES.length)] };
            } else {
                path = CUTOFF_INDEX;
                value = new int[] { r.nextBoolean() ? Integer.MAX_VALUE : -7 };
            }
            long ds = H5Io.openDataset(fid, path);
            try {
                H5Io.writeRows(ds, p, value, 1, 1);
            } finally {
                H5Io.closeDataset(ds);
            }
            return path + "[" + p + "] = " + java.lang.reflect.Array.get(value, 0);
        } finally {
            H5.H5Fclose(fid);
        }
    }

    /** Everything inspect and the workbench read. */
    static String read(Path f) {
        try (MapFile m = Hdf5MapFileReader.open(f)) {
            m.attributes();
            m.channels();
            m.onsetBias();
            m.currentAtEnd();
            m.heightChangeAtEnd();
            m.rules();
            m.terminations();
            m.cutoffSampleIndices();
            m.topographyNames();
            BitSet stored = m.completedPixels();
            for (int p = stored.nextSetBit(0); p >= 0; p = stored.nextSetBit(p + 1)) {
                m.pixel(p);
            }
            return "ok";
        } catch (MapFileState.StuckMetadataException e) {
            return "error (stuck)";
        } catch (IOException e) {
            return clear(e);
        } catch (Throwable e) {
            return "FAIL: " + e;
        }
    }

    /** Resumes to the end and checks that the pixels it wrote read back exactly. */
    static String resume(Path f, Grid grid, int samples, long pixelSeed) {
        BitSet appended = new BitSet();
        try (MapStore w = Hdf5MapFileWriter.openForResume(f)) {
            BitSet done = w.completedPixels();
            for (int p = 0; p < grid.pixelCount(); p++) {
                if (!done.get(p)) {
                    w.append(pixel(grid, p, samples, pixelSeed));
                    appended.set(p);
                }
            }
            w.markComplete();
        } catch (MapFileState.StuckMetadataException e) {
            Runtime.getRuntime().halt(0); // the error came in time; HDF5 is unusable in this process
            return "error (stuck)";
        } catch (IOException e) {
            return clear(e);
        } catch (Throwable e) {
            return "FAIL: " + e;
        }
        try (MapFile m = Hdf5MapFileReader.open(f)) {
            for (int p = appended.nextSetBit(0); p >= 0; p = appended.nextSetBit(p + 1)) {
                PixelRecord want = pixel(grid, p, samples, pixelSeed);
                PixelRecord got = m.pixel(p);
                if (!java.util.Arrays.equals(want.current(), got.current())
                        || !java.util.Arrays.equals(want.bias(), got.bias())) {
                    return "FAIL: resumed pixel " + p + " reads back different";
                }
            }
            return "ok";
        } catch (Throwable e) {
            return "FAIL: resumed file unreadable: " + e;
        }
    }

    static PixelRecord pixel(Grid grid, int p, int samples, long seed) {
        return org.onset.storage.hdf5.tests.SyntheticMap.pixel(grid, p, seed, samples);
    }

    private static String clear(IOException e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return "FAIL: error without a message: " + e;
        }
        return "error";
    }

    private static void say(FileOutputStream report, String line) throws IOException {
        report.write((line.replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
