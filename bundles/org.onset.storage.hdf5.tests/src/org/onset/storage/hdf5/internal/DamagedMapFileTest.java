package org.onset.storage.hdf5.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.map.api.Grid;
import org.onset.map.api.MapStore;
import org.onset.map.api.MapStoreFactory.IfExists;
import org.onset.storage.hdf5.tests.SyntheticMap;

import hdf.hdf5lib.H5;

/**
 * Damaged map files found by the corruption fuzzer and by hand (issue 9, defects 4 and 5): each
 * gives a clear error in seconds, and a refused resume leaves the file as it was.
 */
class DamagedMapFileTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    /**
     * Defect 4: a global heap collection whose free-space object says 0 bytes (one flipped byte)
     * made HDF5's walk of the collection stand still: inspect and resume spun in H5AreadVL
     * forever at 100 % CPU.
     */
    @Test
    void globalHeapWithAZeroSizedObjectGivesAnErrorInsteadOfAHang() throws Exception {
        Path file = CorruptionFuzz.intactMap(dir);
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int heap = indexOf(bytes, "GCOL");
        assertTrue(heap > 0, "the map has a global heap (its text attributes)");
        long size = b.getLong(heap + 8);
        int p = heap + 16;
        while (p < heap + size && b.getShort(p) != 0) {
            p += 16 + (int) ((b.getLong(p + 8) + 7) & ~7L);
        }
        assertTrue(p < heap + size, "the collection has free space");
        b.putLong(p + 8, 0);
        Files.write(file, bytes);

        IOException read = assertTimeoutPreemptively(LIMIT,
                () -> assertThrows(IOException.class, () -> Hdf5MapFileReader.open(file).close()));
        assertTrue(read.getMessage().contains("damaged") && read.getMessage().contains("global heap"),
                read.getMessage());
        IOException resume = assertTimeoutPreemptively(LIMIT,
                () -> assertThrows(IOException.class, () -> Hdf5MapFileWriter.openForResume(file).close()));
        assertTrue(resume.getMessage().contains("global heap"), resume.getMessage());
        assertArrayEquals(bytes, Files.readAllBytes(file), "a refused resume leaves the file as it was");
    }

    /**
     * Defect 5: a complete map whose Curves/bias_offset[3] said 10¹⁵; resume grew the file to
     * 7.5 TB apparent (3.9 GB real) until killed, and inspect reported nothing wrong.
     */
    @Test
    void curveOffsetBeyondItsDatasetIsRefusedBeforeAnythingGrows() throws Exception {
        Path file = completeMap();
        setLong(file, MapFileFormat.offsetPath("bias"), 3, 1_000_000_000_000_000L);
        byte[] before = Files.readAllBytes(file);

        IOException read = assertThrows(IOException.class, () -> Hdf5MapFileReader.open(file).close());
        assertTrue(read.getMessage().contains("pixel 3") && read.getMessage().contains("bias")
                && read.getMessage().contains("1000000000000000"), read.getMessage());
        IOException resume = assertTimeoutPreemptively(LIMIT,
                () -> assertThrows(IOException.class, () -> Hdf5MapFileWriter.openForResume(file).close()));
        assertTrue(resume.getMessage().contains("pixel 3"), resume.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file), "the refused resume did not touch the file");
    }

    /**
     * A flipped bit in the global-heap ID of a text attribute (here the root's onset_format) made
     * HDF5 read through a heap object that does not exist: a JVM crash in H5HG_read (fuzzing). Map
     * files are now in the 1.8 format, whose object headers carry a checksum: HDF5 refuses the
     * header before it follows the ID. (Files in the old format still go through
     * GlobalHeapCheck.checkTextAttributes.)
     */
    @Test
    void textAttributePointingToAMissingHeapObjectIsAnError() throws Exception {
        Path file = CorruptionFuzz.intactMap(dir);
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int name = indexOf(bytes, MapFileFormat.FORMAT_ATTR + "\0");
        assertTrue(name > 0, "the attribute message of onset_format is in the file");
        // attribute message version 3: version, flags, name size, datatype size, dataspace size, encoding
        int message = name - 9;
        assertEquals(3, bytes[message], "a version 3 attribute message (1.8 format)");
        int nameSize = b.getShort(message + 2);
        int typeSize = b.getShort(message + 4);
        int spaceSize = b.getShort(message + 6);
        int data = message + 9 + nameSize + typeSize + spaceSize;
        int index = data + 12; // after the length (4) and the collection address (8)
        b.putInt(index, b.getInt(index) ^ (1 << 20));
        Files.write(file, bytes);

        IOException read = assertThrows(IOException.class, () -> Hdf5MapFileReader.open(file).close());
        assertTrue(read.getMessage().contains(file.getFileName().toString()) && read.getMessage().contains("checksum"),
                read.getMessage());
    }

    private static int pad8(int n) {
        return (n + 7) & ~7;
    }

    /**
     * Curves/current_encoding[3] set to 0 ("no data", allowed for height only): inspect and resume
     * failed with a NullPointerException "curve current" instead of naming the damage (the
     * corruption fuzzer in CI, seed 6530782525190245538).
     */
    @Test
    void aCurrentWithoutDataIsADamagedFileNotANullPointer() throws Exception {
        Path file = completeMap();
        long fid = H5Io.openFile(file.toString(), true);
        try {
            long ds = H5Io.openDataset(fid, MapFileFormat.encodingPath("current"));
            try {
                H5Io.writeRows(ds, 3, new byte[] { 0 }, 1, 1);
            } finally {
                H5Io.closeDataset(ds);
            }
        } finally {
            H5.H5Fclose(fid);
        }
        byte[] before = Files.readAllBytes(file);
        IOException read = assertThrows(IOException.class, () -> Hdf5MapFileReader.open(file).close());
        assertTrue(read.getMessage().contains("pixel 3 has no data for its current curve"), read.getMessage());
        IOException resume = assertThrows(IOException.class, () -> Hdf5MapFileWriter.openForResume(file).close());
        assertTrue(resume.getMessage().contains("pixel 3"), resume.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file), "the refused resume did not touch the file");
    }

    @Test
    void negativeSampleCountIsADamagedFile() throws Exception {
        Path file = completeMap();
        setLong(file, MapFileFormat.SAMPLE_COUNT, 2, -1);
        IOException read = assertThrows(IOException.class, () -> Hdf5MapFileReader.open(file).close());
        assertTrue(read.getMessage().contains("pixel 2 has -1 samples"), read.getMessage());
    }

    /**
     * grid_ny changed to 3 (the datasets hold 4 × 4 pixels): HDF5 read 16 flags into an array of
     * 12 and the JVM crashed (found by the fuzzer).
     */
    @Test
    void gridAttributesThatDisagreeWithTheDatasetsAreAnError() throws Exception {
        Path file = completeMap();
        long fid = H5Io.openFile(file.toString(), true);
        try {
            H5Io.setLong(fid, MapFileFormat.MEASUREMENT, MapFileFormat.NY, 3);
        } finally {
            H5.H5Fclose(fid);
        }
        IOException read = assertThrows(IOException.class, () -> Hdf5MapFileReader.open(file).close());
        assertTrue(read.getMessage().contains("16 values where 12 are expected"), read.getMessage());
    }

    private Path completeMap() throws IOException {
        Path file = dir.resolve("complete.h5");
        Grid grid = new Grid(4, 4, 0, 0, 1e-6, 1e-6);
        try (MapStore w = Hdf5MapFileWriter.create(file, grid, SyntheticMap.ATTRIBUTES, SyntheticMap.CHANNELS,
                IfExists.REPLACE)) {
            for (int p = 0; p < grid.pixelCount(); p++) {
                w.append(SyntheticMap.pixel(grid, p, 3, 300));
            }
            w.markComplete();
        }
        return file;
    }

    private static void setLong(Path file, String path, long index, long value) {
        long fid = H5Io.openFile(file.toString(), true);
        try {
            long ds = H5Io.openDataset(fid, path);
            try {
                H5Io.writeRows(ds, index, new long[] { value }, 1, 1);
            } finally {
                H5Io.closeDataset(ds);
            }
        } finally {
            H5.H5Fclose(fid);
        }
    }

    private static int indexOf(byte[] bytes, String signature) {
        byte[] s = signature.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer: for (int i = 0; i + s.length <= bytes.length; i++) {
            for (int k = 0; k < s.length; k++) {
                if (bytes[i + k] != s[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
