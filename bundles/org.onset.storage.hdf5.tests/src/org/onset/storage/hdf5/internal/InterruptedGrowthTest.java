package org.onset.storage.hdf5.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.storage.hdf5.tests.MapFiles;
import org.onset.map.api.MapFile;
import org.onset.map.api.MapStore;
import org.onset.map.api.Grid;
import org.onset.map.api.PixelRecord;
import org.onset.storage.hdf5.tests.SyntheticMap;

import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;

/**
 * Rebuilds, byte for byte, the file a writer leaves when killed while a curve dataset grows,
 * after HDF5 wrote the chunk index and before it wrote the superblock: the crash the random kill
 * test once hit. Without the repair HDF5 cannot write such a file; with it the map resumes.
 */
class InterruptedGrowthTest {

    private static final long SEED = 21;

    @TempDir
    Path dir;

    private final Grid layout = new Grid(4, 4, 0, 0, 1e-6, 1e-6);

    @Test
    void resumeRepairsAChunkIndexAheadOfTheSuperblock() throws Exception {
        Path file = dir.resolve("live.h5");
        Path crashed = dir.resolve("crashed.h5");
        long eoaBeforeGrowth;
        try (MapStore w = MapFiles.create(file, layout, SyntheticMap.ATTRIBUTES, SyntheticMap.CHANNELS)) {
            w.append(small(0)); // fits the initial chunk of every curve dataset
            eoaBeforeGrowth = EndOfAllocation.read(file);
            w.append(large(1)); // makes the int16 datasets grow
            Files.copy(file, crashed); // what the disk holds now (everything is flushed)
        }
        assertTrue(EndOfAllocation.read(crashed) > eoaBeforeGrowth, "pixel 1 allocated new chunks");
        // the kill came before the superblock and before pixel 1's flag reached the file
        unsetWrittenFlag(crashed, 1);
        writeEoa(crashed, eoaBeforeGrowth);

        Path unrepaired = dir.resolve("unrepaired.h5");
        Files.copy(crashed, unrepaired);
        assertThrows(RuntimeException.class, () -> writeIntoGrownChunk(unrepaired),
                "HDF5 cannot write chunks indexed beyond the end of allocation");

        try (MapStore w = MapFiles.openForResume(crashed)) {
            BitSet expected = new BitSet();
            expected.set(0);
            assertEquals(expected, w.completedPixels(), "pixel 1 was in flight");
            w.append(large(1));
            w.append(large(2));
            w.append(small(3));
        }
        try (MapFile r = MapFiles.open(crashed)) {
            assertEquals(4, r.completedPixels().cardinality());
            for (PixelRecord p : new PixelRecord[] { small(0), large(1), large(2), small(3) }) {
                org.onset.storage.hdf5.tests.Pixels.assertSamePixel(p, r.pixel(p.index()));
            }
        }
    }

    private PixelRecord small(int index) {
        return SyntheticMap.pixel(layout, index, SEED, 2_000);
    }

    private PixelRecord large(int index) {
        return SyntheticMap.pixel(layout, index, SEED, 40_000);
    }

    private static void unsetWrittenFlag(Path file, int index) throws IOException {
        long offset;
        long fid = H5.H5Fopen(file.toString(), HDF5Constants.H5F_ACC_RDONLY, HDF5Constants.H5P_DEFAULT);
        try {
            long ds = H5.H5Dopen(fid, MapFileFormat.WRITTEN, HDF5Constants.H5P_DEFAULT);
            try {
                offset = H5.H5Dget_offset(ds);
            } finally {
                H5.H5Dclose(ds);
            }
        } finally {
            H5.H5Fclose(fid);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] { 0 }), offset + index);
        }
    }

    private static void writeEoa(Path file, long eoa) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            // the superblock as HDF5 wrote it before the growth: that EOA, with its checksum
            EndOfAllocation.write(ch, file, eoa);
        }
    }

    /** What the writer does next on resume, without the repair: write samples into the grown part. */
    private static void writeIntoGrownChunk(Path file) {
        long fid = H5.H5Fopen(file.toString(), HDF5Constants.H5F_ACC_RDWR, HDF5Constants.H5P_DEFAULT);
        try {
            long ds = H5Io.openDataset(fid, MapFileFormat.dataPath("current", Encoding.INT16));
            try {
                H5Io.writeRows(ds, GrowingDataset.CHUNK + 10, new short[] { 1, 2, 3 }, 3, 1);
                H5Io.flush(fid);
            } finally {
                H5Io.closeDataset(ds);
            }
        } finally {
            H5.H5Fclose(fid);
        }
    }
}
