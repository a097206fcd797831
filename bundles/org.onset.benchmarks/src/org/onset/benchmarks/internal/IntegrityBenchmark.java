package org.onset.benchmarks.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32C;

import org.onset.map.api.Grid;
import org.onset.map.api.MapFile;
import org.onset.map.api.MapReaderService;
import org.onset.map.api.MapStore;
import org.onset.map.api.MapStoreFactory;
import org.onset.map.api.PixelCheck;
import org.onset.map.api.PixelRecord;

/**
 * What the per-pixel CRC32C checksums cost (issue 9: ≤ 1 ms of overhead per pixel): the writer's
 * checksum pass alone (the same pass over the same bytes: four curve channels as float64
 * little-endian, timed here because the writer's own is internal), the whole append with it, and
 * {@code onset verify}'s cost per pixel (read + checksum) against reading the pixel alone. Pixels
 * are {@link StorageBenchmark#pixel}'s realistic ramps (25–37 k samples, ADC-coded).
 */
final class IntegrityBenchmark implements BenchCommand.Benchmark {

    static final double BUDGET_MS = 1.0;

    private final MapStoreFactory stores;
    private final MapReaderService readers;

    IntegrityBenchmark(MapStoreFactory stores, MapReaderService readers) {
        this.stores = stores;
        this.readers = readers;
    }

    @Override
    public String summary() {
        return "per-pixel CRC32C checksums: ms per pixel to compute, to append, to verify, vs the 1 ms budget";
    }

    @Override
    public String options() {
        return "[--pixels N (200, a multiple of 20)] [--rounds N (3)]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Options o = Options.parse(args, List.of("--pixels", "--rounds"));
        int count = o.integer("--pixels", 200, 20, 5_000);
        if (count % 20 != 0) {
            throw new IllegalArgumentException("--pixels must be a multiple of 20 (the map is 20 pixels wide), got "
                    + count);
        }
        int rounds = o.integer("--rounds", 3, 1, 100);
        Grid layout = new Grid(20, count / 20, 0, 0, 20e-9, 20e-9);
        List<PixelRecord> pixels = new ArrayList<>();
        long samples = 0;
        for (int p = 0; p < count; p++) {
            pixels.add(StorageBenchmark.pixel(layout, p));
            samples += pixels.get(p).sampleCount();
        }
        Path dir = Files.createTempDirectory("onset-bench-integrity");
        err.printf("onset bench integrity: %d pixels, %d rounds in %s ...%n", count, rounds, dir);
        double crcMs = Double.MAX_VALUE;
        double appendMs = Double.MAX_VALUE;
        double readMs = Double.MAX_VALUE;
        double verifyMs = Double.MAX_VALUE;
        long sink = 0;
        try {
            for (int round = 0; round < rounds; round++) {
                long t0 = System.nanoTime();
                for (PixelRecord p : pixels) {
                    sink += checksumPass(p);
                }
                crcMs = Math.min(crcMs, (System.nanoTime() - t0) / 1e6 / count);

                Path file = dir.resolve("m" + round + ".h5");
                long appendNs = 0;
                try (MapStore w = stores.create(file, layout, Map.of("benchmark", "true"),
                        List.of(StorageBenchmark.BIAS, StorageBenchmark.CURRENT, StorageBenchmark.HEIGHT))) {
                    for (PixelRecord p : pixels) {
                        long a = System.nanoTime();
                        w.append(p);
                        appendNs += System.nanoTime() - a;
                    }
                }
                appendMs = Math.min(appendMs, appendNs / 1e6 / count);

                try (MapFile f = readers.open(file)) {
                    long r0 = System.nanoTime();
                    for (int p = 0; p < count; p++) {
                        sink += f.pixel(p).sampleCount();
                    }
                    readMs = Math.min(readMs, (System.nanoTime() - r0) / 1e6 / count);
                    long v0 = System.nanoTime();
                    for (int p = 0; p < count; p++) {
                        PixelCheck c = f.verify(p);
                        if (!c.intact()) {
                            throw new IOException("pixel " + p + " of a fresh file does not verify: " + c);
                        }
                    }
                    verifyMs = Math.min(verifyMs, (System.nanoTime() - v0) / 1e6 / count);
                }
                Files.delete(file);
            }
        } finally {
            TempFiles.deleteTree(dir);
        }
        double mean = (double) samples / count;
        out.printf(Locale.ROOT, "integrity: %d pixels of %.0f samples on average (4 channels, %.2f MB as float64),"
                + " best of %d rounds%n", count, mean, mean * 32 / 1e6, rounds);
        blackhole = sink;
        out.printf(Locale.ROOT, "  checksum pass (CRC32C, the writer's added cost)  %.3f ms/pixel  (%.2f GB/s)"
                + "  budget %.1f ms: %s%n", crcMs, mean * 32 / (crcMs * 1e6), BUDGET_MS,
                crcMs <= BUDGET_MS ? "met" : "MISSED");
        out.printf(Locale.ROOT, "  append with checksums (whole store)             %.3f ms/pixel%n", appendMs);
        out.printf(Locale.ROOT, "  read a pixel                                    %.3f ms/pixel%n", readMs);
        out.printf(Locale.ROOT, "  verify a pixel (read + checksums)               %.3f ms/pixel  (+%.3f ms over reading;"
                + " onset verify: %.1f s per 4900-pixel map)%n", verifyMs, verifyMs - readMs, verifyMs * 4.9);
        return crcMs <= BUDGET_MS ? 0 : 1;
    }

    /** Keeps the JIT from dropping the timed work. */
    private volatile long blackhole;
    private final CRC32C crc = new CRC32C();
    private ByteBuffer buffer = ByteBuffer.allocate(0);

    /** CRC32C of the four curve channels as float64 little-endian, raw bits: the writer's pass. */
    private long checksumPass(PixelRecord p) {
        int n = p.sampleCount();
        if (buffer.capacity() < 8 * n) {
            buffer = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
        }
        long all = 0;
        for (double[] channel : new double[][] { p.time(), p.bias(), p.current(), p.height() }) {
            buffer.clear();
            buffer.asDoubleBuffer().put(channel, 0, n);
            buffer.position(8 * n);
            buffer.flip();
            crc.reset();
            crc.update(buffer);
            all += crc.getValue();
        }
        return all;
    }
}
