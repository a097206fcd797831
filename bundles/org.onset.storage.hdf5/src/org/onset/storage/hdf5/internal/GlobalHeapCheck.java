package org.onset.storage.hdf5.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        collections(file);
    }

    /**
     * The sound collections of the file: address → (object index → object size).
     *
     * @throws IOException naming the file and the offset of the first damaged collection
     */
    static Map<Long, Map<Integer, Long>> collections(Path file) throws IOException {
        Map<Long, Map<Integer, Long>> found = new HashMap<>();
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
                    Map<Integer, Long> objects = new HashMap<>();
                    String damage = collectionDamage(ch, at, size, objects);
                    found.put((long) at, objects);
                    if (damage != null) {
                        throw new IOException(file + " is damaged: its HDF5 global heap (text attributes) at byte "
                                + at + " " + damage);
                    }
                }
            }
        }
        return found;
    }

    /** Null when the collection at {@code at} is sound, else what is wrong. */
    private static String collectionDamage(FileChannel ch, long at, long fileSize, Map<Integer, Long> objects)
            throws IOException {
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
                objects.put(index, objectSize);
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

    /**
     * Checks the attribute messages in the (version 1) object headers of {@code objects}: each
     * message lies inside its header chunk, and every variable-length string points into one of
     * the sound collections at an object that exists and is long enough. A flipped bit in such a
     * heap ID made HDF5 read through a missing object and crash the JVM (H5HG_read; fuzzing).
     * Headers of another version are left to HDF5 (they carry checksums).
     *
     * @param addresses object header addresses, from {@code H5Oget_info}
     */
    static void checkTextAttributes(Path file, Map<String, Long> addresses) throws IOException {
        Map<Long, Map<Integer, Long>> heaps = collections(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (Map.Entry<String, Long> o : addresses.entrySet()) {
                String damage = headerDamage(ch, o.getValue(), heaps);
                if (damage != null) {
                    throw new IOException(file + " is damaged: the HDF5 object header of " + o.getKey() + " at byte "
                            + o.getValue() + " " + damage);
                }
            }
        }
    }

    private static ByteBuffer read(FileChannel ch, long at, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining() && ch.read(b, at + b.position()) > 0) {
            // read it all
        }
        if (b.hasRemaining()) {
            throw new IOException("object header data at byte " + at + " lies beyond the end of the file");
        }
        return b;
    }

    private static String headerDamage(FileChannel ch, long addr, Map<Long, Map<Integer, Long>> heaps)
            throws IOException {
        long fileSize = ch.size();
        if (addr < 0 || addr + 16 > fileSize) {
            return "lies outside the file";
        }
        ByteBuffer prefix = read(ch, addr, 16);
        if (prefix.get(0) != 1) {
            return null; // version 2 ("OHDR", checksummed): HDF5 checks it
        }
        int messages = Short.toUnsignedInt(prefix.getShort(2));
        long chunkSize = Integer.toUnsignedLong(prefix.getInt(8));
        List<long[]> chunks = new java.util.ArrayList<>(List.of(new long[] { addr + 16, chunkSize }));
        Set<Long> seen = new HashSet<>();
        int count = 0;
        for (int c = 0; c < chunks.size(); c++) {
            long start = chunks.get(c)[0];
            long size = chunks.get(c)[1];
            if (!seen.add(start) || size < 0 || size > (1 << 20) || start + size > fileSize) {
                return "has a header chunk of " + size + " bytes at byte " + start;
            }
            ByteBuffer b = read(ch, start, (int) size);
            int p = 0;
            while (p + 8 <= size) {
                int type = Short.toUnsignedInt(b.getShort(p));
                int length = Short.toUnsignedInt(b.getShort(p + 2));
                int flags = b.get(p + 4);
                if (p + 8 + length > size) {
                    return "has a message of " + length + " bytes that reaches past its chunk";
                }
                if (++count > messages + 1 && count > 4096) {
                    return "has more messages than it says (" + messages + ")";
                }
                if (type == 0x10 && length >= 16) { // continuation
                    chunks.add(new long[] { b.getLong(p + 8), b.getLong(p + 16) });
                } else if (type == 0x0C && (flags & 0x02) == 0) { // attribute, datatype not shared
                    String bad = attributeDamage(b.slice(p + 8, length).order(ByteOrder.LITTLE_ENDIAN), heaps);
                    if (bad != null) {
                        return bad;
                    }
                }
                p += 8 + length;
            }
        }
        return null;
    }

    private static String attributeDamage(ByteBuffer m, Map<Long, Map<Integer, Long>> heaps) {
        int version = m.get(0);
        if (version != 1) {
            return null; // only version 1 is written by this library for our files
        }
        int nameSize = Short.toUnsignedInt(m.getShort(2));
        int typeSize = Short.toUnsignedInt(m.getShort(4));
        int spaceSize = Short.toUnsignedInt(m.getShort(6));
        int typeAt = 8 + pad8(nameSize);
        int spaceAt = typeAt + pad8(typeSize);
        int dataAt = spaceAt + pad8(spaceSize);
        if (typeSize < 8 || spaceSize < 8 || dataAt > m.limit()) {
            return "has an attribute message whose parts do not fit in it";
        }
        if (nameSize < 2 || m.get(8 + nameSize - 1) != 0) {
            return "has an attribute name of " + nameSize + " bytes without its end";
        }
        for (int k = 8; k < 8 + nameSize - 1; k++) {
            if (m.get(k) == 0) {
                return "has an attribute name cut by a NUL";
            }
        }
        int typeClass = m.get(typeAt) & 0x0f;
        int typeVersion = (m.get(typeAt) >> 4) & 0x0f;
        long elementSize = Integer.toUnsignedLong(m.getInt(typeAt + 4));
        int spaceVersion = m.get(spaceAt);
        if (typeVersion < 1 || typeVersion > 3 || typeClass > 10 || spaceVersion < 1 || spaceVersion > 2) {
            return "has an attribute of datatype class " + typeClass + " version " + typeVersion
                    + ", dataspace version " + spaceVersion;
        }
        int vlKind = m.get(typeAt + 1) & 0x0f;
        boolean text = typeClass == 9 && vlKind == 1;
        if (typeClass == 9 && !text) {
            return null; // a variable-length sequence: none in map files
        }
        if (text) {
            elementSize = 16; // length, collection address, object index
        }
        int rank = Byte.toUnsignedInt(m.get(spaceAt + 1));
        int spaceFlags = m.get(spaceAt + 2);
        int dimsAt = spaceAt + (spaceVersion == 1 ? 8 : 4);
        if (rank > 32 || dimsAt + ((spaceFlags & 1) != 0 ? 16L : 8L) * rank > dataAt) {
            return "has an attribute dataspace of rank " + rank + " that does not fit in its message";
        }
        long elements = 1;
        for (int d = 0; d < rank; d++) {
            long dim = m.getLong(dimsAt + 8 * d);
            if (dim < 0 || dim > 1 << 20 || (elements *= dim) > 1 << 20) {
                return "has an attribute of more than 2^20 strings";
            }
        }
        if (dataAt + elementSize * elements > m.limit()) {
            return "has an attribute whose " + elements + " values of " + elementSize
                    + " bytes do not fit in its message";
        }
        if (!text) {
            return null;
        }
        for (int e = 0; e < elements; e++) {
            int at = dataAt + 16 * e;
            long length = Integer.toUnsignedLong(m.getInt(at));
            long collection = m.getLong(at + 4);
            int index = m.getInt(at + 12);
            if (length == 0 && collection == 0) {
                continue; // empty or null string
            }
            Map<Integer, Long> objects = heaps.get(collection);
            if (objects == null) {
                return "has a text attribute pointing to byte " + collection + ", where no sound global heap is";
            }
            Long size = objects.get(index);
            if (size == null || size < length) {
                return "has a text attribute pointing to object " + index + " of the global heap at byte " + collection
                        + (size == null ? ", which does not exist" : ", which holds " + size + " bytes, not " + length);
            }
        }
        return null;
    }

    private static int pad8(int n) {
        return (n + 7) & ~7;
    }
}
