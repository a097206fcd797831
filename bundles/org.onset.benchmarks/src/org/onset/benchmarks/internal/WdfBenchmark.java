package org.onset.benchmarks.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.onset.io.api.Image;
import org.onset.io.api.Imported;
import org.onset.io.api.ImporterRegistry;
import org.onset.io.api.SpectrumMap;
import org.onset.spectra.RamanBands;

/**
 * Issue 11: parse a generated 100 × 100 × 1015-point Renishaw WDF map at ≥ 200 MB/s on one core
 * (through the importer registry, as a user's open does: content sniffing, reading the file from the
 * page cache, decoding, positions from ORGN, grid from WMAP), and the time of the 2700–3000 cm⁻¹ band
 * image of that map (the headless part of showing it in the Spectroscopy perspective).
 */
final class WdfBenchmark implements BenchCommand.Benchmark {

    static final double GOAL_MB_PER_S = 200;

    private final ImporterRegistry importers;

    WdfBenchmark(ImporterRegistry importers) {
        this.importers = importers;
    }

    @Override
    public String summary() {
        return "parse a generated WDF Raman map (100 x 100 x 1015 points): MB/s on one core vs the 200 MB/s goal";
    }

    @Override
    public String options() {
        return "[--nx N (100)] [--ny N (100)] [--points N (1015)] [--rounds N (5)] [--write FILE (only write the map)]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Options o = Options.parse(args, List.of("--nx", "--ny", "--points", "--rounds", "--write"));
        int nx = o.integer("--nx", 100, 1, 1000);
        int ny = o.integer("--ny", 100, 1, 1000);
        int points = o.integer("--points", 1015, 2, 10_000);
        int rounds = o.integer("--rounds", 5, 1, 100);
        String keep = o.text("--write", null);
        if (keep != null) {
            // the same generated map for other tests (the Spectroscopy UI test opens it in the workbench)
            Path target = Path.of(keep);
            write(target, nx, ny, points);
            out.printf(Locale.ROOT, "wdf: wrote %s, %d x %d map of %d points (%.1f MB)%n", target, nx, ny, points,
                    Files.size(target) / 1e6);
            return 0;
        }
        Path dir = Files.createTempDirectory("onset-bench-wdf");
        try {
            Path file = dir.resolve("map.wdf");
            write(file, nx, ny, points);
            long bytes = Files.size(file);
            err.printf(Locale.ROOT, "onset bench wdf: %d x %d x %d points, %.1f MB, %d rounds ...%n", nx, ny, points,
                    bytes / 1e6, rounds);
            double[] seconds = new double[rounds];
            double bandSeconds = Double.MAX_VALUE;
            String importer = null;
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                Imported im = importers.open(file);
                seconds[r] = (System.nanoTime() - t0) / 1e9;
                importer = im.importerId();
                SpectrumMap map = (SpectrumMap) im.data();
                if (map.nx() != nx || map.ny() != ny || map.points() != points) {
                    throw new IOException("read back " + map.nx() + " x " + map.ny() + " x " + map.points());
                }
                long b0 = System.nanoTime();
                Image band = RamanBands.map(map, RamanBands.DEFAULT_LOW, RamanBands.DEFAULT_HIGH);
                bandSeconds = Math.min(bandSeconds, (System.nanoTime() - b0) / 1e9);
                blackhole += band.channels().get(0).z()[0];
            }
            double[] sorted = seconds.clone();
            Arrays.sort(sorted);
            double best = bytes / 1e6 / sorted[0];
            double median = bytes / 1e6 / sorted[rounds / 2];
            out.printf(Locale.ROOT, "wdf: %d x %d map of %d points (%.1f MB) through the registry (%s), %d rounds%n", nx,
                    ny, points, bytes / 1e6, importer, rounds);
            out.printf(Locale.ROOT, "  parse            %.1f MB/s best, %.1f MB/s median (%.0f ms median)"
                    + "   goal %.0f MB/s: %s%n", best, median, sorted[rounds / 2] * 1e3, GOAL_MB_PER_S,
                    median >= GOAL_MB_PER_S ? "met" : "MISSED");
            out.printf(Locale.ROOT, "  band image 2700-3000 cm^-1 (linear baseline)   %.0f ms%n", bandSeconds * 1e3);
            return median >= GOAL_MB_PER_S ? 0 : 1;
        } finally {
            TempFiles.deleteTree(dir);
        }
    }

    private volatile double blackhole;

    /**
     * A WiRE map as WiRE 5 writes it: WDF1 header, DATA (float32 spectra), XLST (descending Raman
     * shift, 1015 points over 100–3200 cm⁻¹), ORGN (X, Y in µm), WMAP (x fastest). The spectra hold a
     * sloping background, a Si line and a band at 2850 cm⁻¹ whose height varies over the map.
     */
    static void write(Path file, int nx, int ny, int points) throws IOException {
        int count = nx * ny;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer h = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
            h.put("WDF1".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(1).putLong(512);
            h.putInt(0x3C, points).putLong(0x40, count).putLong(0x48, count).putInt(0x50, 1).putInt(0x54, 1)
                    .putInt(0x58, points).putInt(0x5C, 2);
            h.position(0x60);
            h.put("WiRE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            h.putShort(0x78, (short) 5).putShort(0x7A, (short) 5).putInt(0x80, 1).putInt(0x84, 3)
                    .putFloat(0x9C, (float) (1e7 / 532.0));
            h.position(0xF0);
            h.put("onset bench wdf".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            h.clear();
            ch.write(h);

            float[] x = new float[points];
            for (int k = 0; k < points; k++) {
                x[k] = (float) (3200 - 3100.0 * k / (points - 1));
            }
            ByteBuffer d = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            d.put("DATA".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(0)
                    .putLong(16 + 4L * points * count).flip();
            ch.write(d);
            ByteBuffer row = ByteBuffer.allocate(4 * points * nx).order(ByteOrder.LITTLE_ENDIAN);
            for (int j = 0; j < ny; j++) {
                row.clear();
                for (int i = 0; i < nx; i++) {
                    double band = 50 + 40 * Math.sin(i * 0.2) * Math.cos(j * 0.15);
                    for (int k = 0; k < points; k++) {
                        double s = x[k];
                        double v = 300 + 0.05 * s + 2000 * Math.exp(-Math.pow((s - 520) / 4, 2))
                                + band * Math.exp(-Math.pow((s - 2850) / 30, 2)) + ((i * 31 + j * 17 + k) % 7);
                        row.putFloat((float) v);
                    }
                }
                row.flip();
                ch.write(row);
            }
            ByteBuffer xl = ByteBuffer.allocate(24 + 4 * points).order(ByteOrder.LITTLE_ENDIAN);
            xl.put("XLST".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(0).putLong(24 + 4L * points)
                    .putInt(1).putInt(1);
            for (float v : x) {
                xl.putFloat(v);
            }
            xl.flip();
            ch.write(xl);
            ByteBuffer og = ByteBuffer.allocate(20 + 2 * (24 + 8 * count)).order(ByteOrder.LITTLE_ENDIAN);
            og.put("ORGN".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(0)
                    .putLong(og.capacity()).putInt(2);
            for (int axis = 0; axis < 2; axis++) {
                og.putInt(0x80000000 | (3 + axis)).putInt(5);
                byte[] label = Arrays.copyOf((axis == 0 ? "X" : "Y").getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                        16);
                og.put(label);
                for (int s = 0; s < count; s++) {
                    og.putDouble(axis == 0 ? (s % nx) * 2.0 : (s / nx) * 2.0); // 2 µm steps
                }
            }
            og.flip();
            ch.write(og);
            ByteBuffer wm = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
            wm.put("WMAP".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(0).putLong(64).putInt(0).putInt(0)
                    .putFloat(0).putFloat(0).putFloat(0).putFloat(2).putFloat(2).putFloat(1).putInt(nx).putInt(ny)
                    .putInt(1).putInt(0).flip();
            ch.write(wm);
        }
    }
}
