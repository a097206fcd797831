package org.onset.storage.hdf5.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Checks the structure of a map file's HDF5 global heap collections before HDF5 reads them.
 *
 * <p>Why: variable-length strings (every text attribute: {@code onset_format}, the recipe, the
 * channel names …) live in global heap collections, which HDF5 1.10 reads without checksum and
 * without bounds checks. Corruption fuzzing found that one flipped byte in a collection makes
 * {@code H5AreadVL} loop forever (an object of size 0 at index 0: HDF5's walk does not advance)
 * or crash the JVM (an object size or index pointing outside the collection). The file format's
 * newer versions do not checksum the global heap either. So this walks each collection the way
 * HDF5 does (format: "GCOL", version 1, 3 reserved bytes, 8-byte collection size; then objects
 * of 2-byte index, 2-byte reference count, 4 reserved bytes, 8-byte size, data padded to 8 bytes;
 * index 0 is the free space, whose size includes its header) and refuses a collection whose
 * objects do not tile it exactly, or whose indices are not 1 … k without gaps (the writer never
 * deletes a text attribute, so a gap means a damaged index that a string would be read through).
 *
 * <p>Where: collections are found by their signature. The writer writes every text attribute
 * while it builds the file's structure, before any pixel, and those come first in the file; so
 * only the first {@link #SCAN_BYTES} are searched, which bounds the cost on a 1 GB map.
 */
final class GlobalHeapCheck {

    static final long SCAN_BYTES = 32L << 20;
    private static final int HEADER = 16;
    private static final int OBJECT_HEADER = 16;
    /** HDF5 allocates at least 4 KiB per collection; ours hold a few KiB of text. */
    private static final long MAX_COLLECTION = 64L << 20;

    private GlobalHeapCheck() {
    }

    /** @throws IOException naming the file and the offset of the first damaged collection */
    static void check(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            long scan = Math.min(size, SCAN_BYTES);
            ByteBuffer buf = ByteBuffer.allocate((int) scan).order(ByteOrder.LITTLE_ENDIAN);
            while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
                // read it all
            }
            byte[] b = buf.array();
            int n = buf.position();
            for (int at = 0; at + HEADER <= n; at++) {
                if (b[at] == 'G' && b[at + 1] == 'C' && b[at + 2] == 'O' && b[at + 3] == 'L' && b[at + 4] == 1) {
                    String damage = collectionDamage(ch, at, size);
                    if (damage != null) {
                        throw new IOException(file + " is damaged: its HDF5 global heap (text attributes) at byte "
                                + at + " " + damage);
                    }
                }
            }
        }
    }

    /** Null when the collection at {@code at} is sound, else what is wrong. */
    private static String collectionDamage(FileChannel ch, long at, long fileSize) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        ch.read(head, at);
        long size = head.getLong(8);
        if (size < HEADER + OBJECT_HEADER || size > MAX_COLLECTION || size > fileSize - at) {
            return "has a collection size of " + size + " bytes";
        }
        ByteBuffer c = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        while (c.hasRemaining() && ch.read(c, at + c.position()) > 0) {
            // read it all
        }
        if (c.hasRemaining()) {
            return "ends after the end of the file";
        }
        java.util.BitSet indices = new java.util.BitSet();
        long p = HEADER;
        while (p < size) {
            if (p + OBJECT_HEADER > size) {
                break; // a tail too small for an object header is free space (as HDF5 reads it)
            }
            int index = Short.toUnsignedInt(c.getShort((int) p));
            long objectSize = c.getLong((int) p + 8);
            if (objectSize < 0 || objectSize > size - p) {
                return "has an object " + index + " of " + objectSize + " bytes at offset " + p + " of " + size;
            }
            long need;
            if (index == 0) {
                need = objectSize; // free space: its size includes the header
                if (need < OBJECT_HEADER) {
                    return "has free space of " + objectSize + " bytes at offset " + p;
                }
            } else {
                if (indices.get(index)) {
                    return "has object " + index + " twice";
                }
                indices.set(index);
                need = OBJECT_HEADER + ((objectSize + 7) & ~7L);
            }
            if (need > size - p) {
                return "has an object " + index + " reaching past its end";
            }
            p += need;
        }
        if (indices.nextClearBit(1) != indices.length() && !indices.isEmpty()) {
            return "has object indices with gaps " + indices;
        }
        return null;
    }
}
