package org.onset.storage.hdf5.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.map.api.Grid;
import org.onset.map.api.MapFile;
import org.onset.map.api.MapStore;
import org.onset.map.api.PixelRecord;
import org.onset.storage.hdf5.tests.MapFiles;
import org.onset.storage.hdf5.tests.Pixels;
import org.onset.storage.hdf5.tests.SyntheticMap;

/**
 * HDF5 flushes a file's metadata, the superblock with a grown end of allocation among it, before it
 * sets the file's length to that end. A writer killed between the two (CI's random kill test hit it
 * once, 256 KiB short) leaves a file HDF5 calls truncated. Rebuilt here byte for byte: a copy of a
 * flushed, unclosed file whose superblock records more bytes than the file has. Resuming restores
 * the unwritten tail; a cleanly closed file, or one missing more than a growth step, lost its end
 * after it was written and is refused without a byte changed.
 */
class KilledWhileGrowingTest {

    private static final long SEED = 22;
    private static final long UNWRITTEN = 256 << 10;

    @TempDir
    Path dir;

    private final Grid layout = new Grid(4, 4, 0, 0, 1e-6, 1e-6);

    @Test
    void resumeRestoresATailHdf5HadOnlyReserved() throws Exception {
        Path crashed = killedWithTwoPixels();
        long length = Files.size(crashed);
        recordLength(crashed, length + UNWRITTEN);
        IOException read = assertThrows(IOException.class, () -> MapFiles.open(crashed).close());
        assertTrue(read.getMessage().contains("truncated: " + length + " of its " + (length + UNWRITTEN)),
                read.getMessage());

        try (MapStore w = MapFiles.openForResume(crashed)) {
            assertEquals(2, w.completedPixels().cardinality());
            w.append(pixel(2));
            w.append(pixel(3));
        }
        try (MapFile r = MapFiles.open(crashed)) {
            assertEquals(4, r.completedPixels().cardinality());
            for (int i = 0; i < 4; i++) {
                Pixels.assertSamePixel(pixel(i), r.pixel(i));
            }
        }
    }

    @Test
    void aCleanlyClosedFileThatLostItsEndIsRefusedAndLeftAsItWas() throws Exception {
        Path file = dir.resolve("closed.h5");
        try (MapStore w = MapFiles.create(file, layout, SyntheticMap.ATTRIBUTES, SyntheticMap.CHANNELS)) {
            w.append(pixel(0));
            w.append(pixel(1));
        }
        long length = Files.size(file);
        recordLength(file, length + UNWRITTEN);
        assertRefusedUnchanged(file, length, length + UNWRITTEN);
    }

    @Test
    void moreMissingThanOneGrowthStepIsRefusedAndLeftAsItWas() throws Exception {
        Path crashed = killedWithTwoPixels();
        long length = Files.size(crashed);
        long recorded = length + (1L << 30);
        recordLength(crashed, recorded);
        assertRefusedUnchanged(crashed, length, recorded);
    }

    private void assertRefusedUnchanged(Path file, long length, long recorded) throws IOException {
        byte[] before = Files.readAllBytes(file);
        IOException e = assertThrows(IOException.class, () -> MapFiles.openForResume(file).close());
        assertTrue(e.getMessage().contains("truncated: " + length + " of its " + recorded + " bytes"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file), "a refused resume leaves the file as it was");
    }

    /** What the disk holds when a writer is killed after two pixels: flushed, not closed. */
    private Path killedWithTwoPixels() throws IOException {
        Path live = dir.resolve("live.h5");
        Path crashed = dir.resolve("crashed.h5");
        try (MapStore w = MapFiles.create(live, layout, SyntheticMap.ATTRIBUTES, SyntheticMap.CHANNELS)) {
            w.append(pixel(0));
            w.append(pixel(1));
            Files.copy(live, crashed);
        }
        return crashed;
    }

    /** The superblock as HDF5 writes it before lengthening the file: a larger end of allocation. */
    private static void recordLength(Path file, long eoa) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            EndOfAllocation.write(ch, file, eoa);
        }
    }

    private PixelRecord pixel(int index) {
        return SyntheticMap.pixel(layout, index, SEED, 2_000);
    }
}
