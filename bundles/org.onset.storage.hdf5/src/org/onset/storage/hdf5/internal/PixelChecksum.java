package org.onset.storage.hdf5.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;

import org.onset.map.api.PixelRecord;

/**
 * CRC32C checksums of one pixel, part by part (see MAPFILE.md, "Checksums"): each curve channel
 * over its samples as readers get them back (IEEE doubles, little-endian, raw bits), and the
 * scalar values in their stored form. Computed by the writer from what it was given and by the
 * reader from what it reads, so any bit that changed on the way between the two shows up in the
 * part that holds it. CRC32C because the JDK computes it with the CPU's CRC instruction.
 *
 * <p>Not thread-safe: keeps its buffer between pixels.
 */
final class PixelChecksum {

    /** The parts, in the column order of the checksum dataset. */
    static final List<String> PARTS = List.of("time", "bias", "current", "height", "scalars");
    /** Stored for a part that does not exist (no height channel) and for pixels without checksums. */
    static final long NONE = -1;

    private final CRC32C crc = new CRC32C();
    private ByteBuffer buffer = ByteBuffer.allocate(0);

    /** The five checksums of a pixel, each 0 … 2³² − 1, or {@link #NONE}. */
    long[] of(PixelRecord p) {
        int n = p.sampleCount();
        return new long[] { samples(p.time(), n), samples(p.bias(), n), samples(p.current(), n),
                p.height() == null ? NONE : samples(p.height(), n), scalars(p) };
    }

    private long samples(double[] values, int n) {
        ByteBuffer b = buffer(8L * n);
        // raw bits in one bulk copy: the curve encodings give back the same bits (MAPFILE.md, "Lossless")
        b.asDoubleBuffer().put(values, 0, n);
        b.position(8 * n);
        return crc(b);
    }

    private long scalars(PixelRecord p) {
        byte[] rule = p.rule().getBytes(StandardCharsets.UTF_8);
        byte[] termination = p.termination().name().getBytes(StandardCharsets.US_ASCII);
        byte[] reason = Hdf5MapFileWriter.shorten(p.faultReason()); // what the file holds
        ByteBuffer b = buffer(5 * 8 + 4 + 4 * 8 + 3 * 4 + rule.length + termination.length + reason.length);
        b.putLong(bits(p.x())).putLong(bits(p.y())).putLong(bits(p.onsetBias())).putLong(bits(p.currentAtEnd()))
                .putLong(bits(p.heightChangeAtEnd()));
        b.putInt(p.cutoffSampleIndex());
        b.putLong(p.startEpochMillis()).putLong(p.endEpochMillis()).putLong(bits(p.sampleRate()))
                .putLong(p.sampleCount());
        // lengths first, so that moving bytes between the texts changes the checksum
        b.putInt(rule.length).put(rule).putInt(termination.length).put(termination).putInt(reason.length).put(reason);
        return crc(b);
    }

    private static long bits(double v) {
        return Double.doubleToLongBits(v);
    }

    private ByteBuffer buffer(long bytes) {
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a pixel part of " + bytes + " bytes is too large to checksum");
        }
        if (buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocate((int) Math.max(bytes, buffer.capacity() * 3L / 2));
        }
        buffer.clear();
        buffer.order(ByteOrder.LITTLE_ENDIAN);
        return buffer;
    }

    private long crc(ByteBuffer b) {
        b.flip();
        crc.reset();
        crc.update(b);
        return crc.getValue();
    }

    /** How a checksum is shown: 0x and eight hex digits. */
    static String hex(long crc) {
        return crc == NONE ? "none" : String.format("0x%08x", crc);
    }
}
