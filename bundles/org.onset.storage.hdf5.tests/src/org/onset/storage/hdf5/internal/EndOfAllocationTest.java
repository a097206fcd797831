package org.onset.storage.hdf5.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.storage.hdf5.tests.MapFiles;
import org.onset.map.api.MapFile;
import org.onset.map.api.MapStore;
import org.onset.map.api.Grid;

import hdf.hdf5lib.H5;

/** Moving the end of allocation keeps the file valid for HDF5 and leaves a hole, not data. */
class EndOfAllocationTest {

    @TempDir
    Path dir;

    @Test
    void extendingTheEndOfAllocationKeepsTheFileReadable() throws Exception {
        Path file = dir.resolve("eoa.h5");
        Grid layout = new Grid(2, 2, 0, 0, 1, 1);
        try (MapStore w = MapFiles.create(file, layout, Map.of("k", "v"), List.of())) {
            w.markComplete();
        }
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(file), EndOfAllocation.V2_SIZE);
        assertEquals(2, head[8], "map files use the checksummed superblock of the 1.8 format");
        int stored = java.nio.ByteBuffer.wrap(head, 44, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
        assertEquals(stored, Lookup3.hash(head, 0, 44, 0), "our lookup3 gives HDF5's checksum");
        long before = EndOfAllocation.read(file);
        assertEquals(Files.size(file), before, "a cleanly closed file ends at its EOA");
        long after = EndOfAllocation.extend(file, 1 << 20);
        assertEquals(before + (1 << 20), after);
        assertEquals(after, EndOfAllocation.read(file));
        assertEquals(after, Files.size(file), "the file reaches the new EOA");
        long fid = H5.H5Fopen(file.toString(), hdf.hdf5lib.HDF5Constants.H5F_ACC_RDONLY,
                hdf.hdf5lib.HDF5Constants.H5P_DEFAULT);
        try {
            assertEquals(after, H5.H5Fget_filesize(fid), "HDF5 agrees");
        } finally {
            H5.H5Fclose(fid);
        }
        try (MapFile r = MapFiles.open(file)) {
            assertEquals(Map.of("k", "v"), r.attributes());
        }
    }

    /** Published test values of lookup3's hashlittle (from its author's driver program). */
    @Test
    void lookup3GivesThePublishedValues() {
        assertEquals(0xdeadbeef, Lookup3.hash(new byte[0], 0, 0, 0));
        byte[] s = "Four score and seven years ago".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals(0x17770551, Lookup3.hash(s, 0, s.length, 0));
        assertEquals(0xcd628161, Lookup3.hash(s, 0, s.length, 1));
    }

    @Test
    void refusesFilesItDoesNotUnderstand() throws Exception {
        Path text = dir.resolve("x.h5");
        Files.writeString(text, "not hdf5 at all, but long enough for a superblock....");
        IOException e = assertThrows(IOException.class, () -> EndOfAllocation.extend(text, 1));
        assertTrue(e.getMessage().contains("signature"), e.getMessage());
    }
}
