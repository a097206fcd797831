package org.onset.io.support;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.onset.io.api.ImportException;

/**
 * A whole file in memory with bounds-checked reads in either byte order. Every read past the end
 * throws an {@link ImportException} that names the file, the offset and what was being read, so a
 * truncated file gives a clear message instead of an IndexOutOfBoundsException.
 */
public final class Bytes {

    /** Files above this size are refused: every supported format is far smaller in practice. */
    public static final long MAX_FILE_BYTES = 1L << 30;

    private final String name;
    private final byte[] data;
    private ByteOrder order;

    public Bytes(String name, byte[] data, ByteOrder order) {
        this.name = name;
        this.data = data;
        this.order = order;
    }

    /** Reads a whole file, refusing ones larger than {@link #MAX_FILE_BYTES}. */
    public static Bytes read(Path file, ByteOrder order) throws ImportException {
        return new Bytes(file.getFileName().toString(), readAll(file), order);
    }

    /** The file's bytes, refusing files larger than {@link #MAX_FILE_BYTES}. */
    public static byte[] readAll(Path file) throws ImportException {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ImportException(file.getFileName() + ": " + size + " B is larger than the "
                        + MAX_FILE_BYTES + " B an importer reads");
            }
            return Files.readAllBytes(file);
        } catch (ImportException e) {
            throw e;
        } catch (IOException e) {
            throw new ImportException(file.getFileName() + ": cannot read: " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public int length() {
        return data.length;
    }

    public byte[] array() {
        return data;
    }

    public ByteOrder order() {
        return order;
    }

    public Bytes order(ByteOrder newOrder) {
        this.order = newOrder;
        return this;
    }

    /** Fails unless {@code count} bytes exist at {@code offset}. */
    public void need(long offset, long count, String what) throws ImportException {
        if (offset < 0 || count < 0 || offset > data.length || count > data.length - offset) {
            throw new ImportException(name + ": " + what + " needs " + count + " B at offset " + offset
                    + " but the file has " + data.length + " B (truncated or damaged)");
        }
    }

    public int u8(long at) throws ImportException {
        need(at, 1, "a byte");
        return data[(int) at] & 0xFF;
    }

    public int i8(long at) throws ImportException {
        need(at, 1, "a byte");
        return data[(int) at];
    }

    public int i16(long at) throws ImportException {
        need(at, 2, "a 16-bit integer");
        int i = (int) at;
        int a = data[i] & 0xFF;
        int b = data[i + 1] & 0xFF;
        return (short) (order == ByteOrder.LITTLE_ENDIAN ? a | b << 8 : a << 8 | b);
    }

    public int u16(long at) throws ImportException {
        return i16(at) & 0xFFFF;
    }

    public int i32(long at) throws ImportException {
        need(at, 4, "a 32-bit integer");
        return raw32((int) at);
    }

    public long u32(long at) throws ImportException {
        return i32(at) & 0xFFFFFFFFL;
    }

    public long i64(long at) throws ImportException {
        need(at, 8, "a 64-bit integer");
        long lo = raw32((int) at) & 0xFFFFFFFFL;
        long hi = raw32((int) at + 4) & 0xFFFFFFFFL;
        return order == ByteOrder.LITTLE_ENDIAN ? hi << 32 | lo : lo << 32 | hi;
    }

    public float f32(long at) throws ImportException {
        return Float.intBitsToFloat(i32(at));
    }

    public double f64(long at) throws ImportException {
        return Double.longBitsToDouble(i64(at));
    }

    /** Unchecked 32-bit read for hot loops whose range was checked once with {@link #need}. */
    public int raw32(int i) {
        int a = data[i] & 0xFF;
        int b = data[i + 1] & 0xFF;
        int c = data[i + 2] & 0xFF;
        int d = data[i + 3] & 0xFF;
        return order == ByteOrder.LITTLE_ENDIAN ? a | b << 8 | c << 16 | d << 24 : a << 24 | b << 16 | c << 8 | d;
    }

    /** ASCII/Latin-1 text of {@code length} bytes, cut at the first NUL. */
    public String text(long at, int length) throws ImportException {
        need(at, length, "text");
        int end = (int) at;
        int stop = (int) at + length;
        while (end < stop && data[end] != 0) {
            end++;
        }
        return new String(data, (int) at, end - (int) at, StandardCharsets.ISO_8859_1);
    }

    /** Index of the first NUL at or after {@code at}, or fails. */
    public int nul(long at, String what) throws ImportException {
        for (long i = at; i < data.length; i++) {
            if (data[(int) i] == 0) {
                return (int) i;
            }
        }
        throw new ImportException(name + ": " + what + " at offset " + at + " is not terminated (truncated file)");
    }
}
