package org.onset.io.registry.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Builds a binary file byte by byte in one byte order, for the importers' unit tests. */
final class Bin {

    private ByteBuffer buf = ByteBuffer.allocate(1 << 16);

    Bin(ByteOrder order) {
        buf.order(order);
    }

    static Bin le() {
        return new Bin(ByteOrder.LITTLE_ENDIAN);
    }

    static Bin be() {
        return new Bin(ByteOrder.BIG_ENDIAN);
    }

    private void room(int n) {
        if (buf.remaining() < n) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + n)).order(buf.order());
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
    }

    Bin i8(int v) {
        room(1);
        buf.put((byte) v);
        return this;
    }

    Bin i16(int v) {
        room(2);
        buf.putShort((short) v);
        return this;
    }

    Bin i32(long v) {
        room(4);
        buf.putInt((int) v);
        return this;
    }

    Bin i64(long v) {
        room(8);
        buf.putLong(v);
        return this;
    }

    Bin f32(double v) {
        room(4);
        buf.putFloat((float) v);
        return this;
    }

    Bin f64(double v) {
        room(8);
        buf.putDouble(v);
        return this;
    }

    Bin ascii(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        room(b.length);
        buf.put(b);
        return this;
    }

    /** Text padded with NULs (or cut) to exactly n bytes. */
    Bin fixed(String s, int n) {
        byte[] b = Arrays.copyOf(s.getBytes(StandardCharsets.ISO_8859_1), n);
        room(n);
        buf.put(b);
        return this;
    }

    Bin cstring(String s) {
        return ascii(s).i8(0);
    }

    Bin zeros(int n) {
        room(n);
        buf.put(new byte[n]);
        return this;
    }

    /** Pads with zeros up to the absolute position. */
    Bin padTo(int position) {
        return zeros(position - buf.position());
    }

    int position() {
        return buf.position();
    }

    /** Overwrites a 32-bit value at an absolute position. */
    Bin set32(int at, long v) {
        buf.putInt(at, (int) v);
        return this;
    }

    Bin set64(int at, long v) {
        buf.putLong(at, v);
        return this;
    }

    Bin bytes(byte[] b) {
        room(b.length);
        buf.put(b);
        return this;
    }

    byte[] toArray() {
        return Arrays.copyOf(buf.array(), buf.position());
    }

    Path write(Path file) throws IOException {
        Files.write(file, toArray());
        return file;
    }
}
