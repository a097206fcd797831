package org.onset.storage.hdf5.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Repairs the one inconsistency a killed writer can leave: HDF5 flushes the superblock, which
 * holds the end-of-allocation address (EOA), after the chunk index. A kill between the two leaves
 * index entries for freshly allocated chunks beyond the stored EOA; HDF5 then refuses to write
 * them ("addr overflow") or would hand the same space out twice. Moving the EOA past every address
 * the interrupted growth step can have allocated makes the file consistent again; the skipped
 * space is a hole that takes no disk space.
 *
 * <p>Works on superblock versions 0 and 1 (map files written before the 1.8 format bounds), whose
 * fields are at fixed offsets and carry no checksum, and on version 2 (map files now), whose EOA is
 * at byte 28 and whose last four bytes are a Jenkins lookup3 checksum of the 44 before them, which
 * is recomputed (HDF5 File Format Specification, "Superblock", and its appendix on checksums).
 */
final class EndOfAllocation {

    private static final byte[] SIGNATURE = { (byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n' };

    private EndOfAllocation() {
    }

    /** The stored EOA of a file. */
    static long read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(ch, file);
        }
    }

    /**
     * Sets the stored EOA to max(EOA, file length) + {@code extra} and extends the file to it (HDF5
     * refuses files shorter than their EOA).
     *
     * @return the new EOA
     */
    static long extend(Path file, long extra) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long eoa = read(ch, file);
            long newEoa = Math.max(eoa, ch.size()) + extra;
            // length first: a file longer than its EOA is fine for HDF5, a shorter one is "truncated",
            // so a kill between the two steps leaves a file that still opens
            lengthen(ch, newEoa);
            write(ch, file, newEoa);
            ch.force(true);
            return newEoa;
        }
    }

    /**
     * Gives a file at least {@code length} bytes: one byte at the end makes the length without
     * writing the hole, which takes no disk space and reads as zeros.
     */
    static void lengthen(FileChannel ch, long length) throws IOException {
        if (ch.size() < length) {
            ch.write(ByteBuffer.wrap(new byte[1]), length - 1);
            ch.force(true);
        }
    }

    /** Gives a file at least {@code length} bytes (see {@link #lengthen(FileChannel, long)}). */
    static void lengthen(Path file, long length) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            lengthen(ch, length);
        }
    }

    /** Cuts a file back to {@code length} bytes (the length it had before {@link #lengthen}). */
    static void shorten(Path file, long length) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(length);
            ch.force(true);
        }
    }

    /** Stores {@code eoa} as the superblock's EOA (and its checksum, in a version 2 superblock). */
    static void write(FileChannel ch, Path file, long eoa) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(eoa).flip();
        ch.write(b, eoaOffset(ch, file));
        if (version(ch) == 2) {
            ByteBuffer sb = ByteBuffer.allocate(V2_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(sb, 0);
            int sum = Lookup3.hash(sb.array(), 0, V2_SIZE - 4, 0);
            ch.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(sum).flip(), V2_SIZE - 4);
        }
    }

    private static long read(FileChannel ch, Path file) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        ch.read(b, eoaOffset(ch, file));
        return b.flip().getLong();
    }

    /** Size of a version 2 superblock with 8-byte addresses, its checksum included. */
    static final int V2_SIZE = 48;

    private static int version(FileChannel ch) throws IOException {
        ByteBuffer v = ByteBuffer.allocate(1);
        ch.read(v, 8);
        return v.get(0);
    }

    private static long eoaOffset(FileChannel ch, Path file) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(36).order(ByteOrder.LITTLE_ENDIAN);
        ch.read(head, 0);
        head.flip();
        if (head.remaining() < 36) {
            throw new IOException(file + " is too short for an HDF5 superblock");
        }
        for (int k = 0; k < SIGNATURE.length; k++) {
            if (head.get(k) != SIGNATURE[k]) {
                throw new IOException(file + " has no HDF5 signature at its start");
            }
        }
        int version = head.get(8);
        if (version == 2) {
            if (head.get(9) != 8 || head.get(10) != 8) {
                throw new IOException(file + " uses " + head.get(9) + "-byte addresses; Onset map files use 8");
            }
            if (head.getLong(12) != 0) {
                throw new IOException(file + " has a user block; Onset map files have none");
            }
            return 28;
        }
        if (version != 0 && version != 1) {
            throw new IOException(file + " has HDF5 superblock version " + version
                    + "; Onset map files use version 0, 1 or 2");
        }
        if (head.get(13) != 8 || head.get(14) != 8) {
            throw new IOException(file + " uses " + head.get(13) + "-byte addresses; Onset map files use 8");
        }
        // v0: base address at 24, free-space address at 32, EOA at 40; v1 has 4 more bytes before them
        int base = version == 0 ? 24 : 28;
        if (head.getLong(base) != 0) {
            throw new IOException(file + " has a user block; Onset map files have none");
        }
        return base + 16;
    }
}
