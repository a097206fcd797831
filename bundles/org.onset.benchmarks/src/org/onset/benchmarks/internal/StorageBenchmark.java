package org.onset.benchmarks.internal;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.onset.instrument.api.Channel;
import org.onset.instrument.api.ChannelSpec;
import org.onset.instrument.api.RampOutcome.Termination;
import org.onset.map.api.Grid;
import org.onset.map.api.MapStore;
import org.onset.map.api.MapStoreFactory;
import org.onset.map.api.PixelRecord;

/**
 * HDF5 write throughput of the map writer against python3-h5py writing the same arrays in the
 * same layout with the same per-pixel crash safety (data, flush, flag, flush). Both sides get
 * the curves as float64 and convert them to int16 ADC codes themselves (checking exactness);
 * throughput counts the float64 curve data handed in (time, bias, current, height). The two
 * writers alternate and each keeps its best round, because the machine's load varies.
 */
final class StorageBenchmark {

    /** Pixels written per round by default; about 31 k samples each, as a typical ramp at 10 kHz. */
    public static final int PIXELS = 200;
    /** Rounds by default. */
    public static final int ROUNDS = 3;
    /** The goal: Onset writes at least this fraction of h5py's throughput. */
    public static final double GOAL_RATIO = 0.8;
    static final int MIN_SAMPLES = 25_000;
    static final double RATE = 10_000.0;
    static final ChannelSpec BIAS = new ChannelSpec(Channel.BIAS, -10, 10, 20.0 / 65536);
    static final ChannelSpec CURRENT = new ChannelSpec(Channel.CURRENT, -1e-9, 1e-9, 2e-9 / 4096);
    static final ChannelSpec HEIGHT = new ChannelSpec(Channel.HEIGHT, -1e-6, 1e-6, 2e-6 / 65536);
    static final String PYTHON = "/usr/bin/python3";

    private StorageBenchmark() {
    }

    /**
     * What one benchmark run measured.
     *
     * @param pixels         pixels written per round
     * @param samples        samples over all pixels
     * @param megabytes      float64 curve data handed to each writer per round, MB (10^6 bytes)
     * @param rounds         rounds; the times are each writer's best
     * @param jhdf5          version of the HDF5 library under jhdf5
     * @param onsetSeconds   Onset's best time for a round, s
     * @param onsetFileMB    size of Onset's file, MB
     * @param h5pySeconds    h5py's best time for a round, s; NaN when python3-h5py is missing
     * @param h5pyFileMB     size of h5py's file, MB; NaN when it is missing
     */
    public record Figures(int pixels, long samples, double megabytes, int rounds, String jhdf5, double onsetSeconds,
            double onsetFileMB, double h5pySeconds, double h5pyFileMB) {

        public double onsetMBps() {
            return megabytes / onsetSeconds;
        }

        public double h5pyMBps() {
            return megabytes / h5pySeconds;
        }

        /** Onset's throughput over h5py's: above 1 Onset is faster. */
        public double ratio() {
            return onsetMBps() / h5pyMBps();
        }

        /** The figures, one per line, each with its unit. */
        public String report() {
            return String.format(Locale.ROOT,
                    "HDF5 map writing, %d pixels, %d samples (%.1f samples/pixel), %.1f MB of float64 curves in,"
                            + " flush per pixel, best of %d%n"
                            + "  Onset (jhdf5 %s): %.3f s, %.1f MB/s, file %.1f MB%n"
                            + "  python3-h5py    : %s%n"
                            + "  ratio Onset/h5py: %s   goal >= %.1fx: %s",
                    pixels, samples, samples / (double) pixels, megabytes, rounds, jhdf5, onsetSeconds, onsetMBps(),
                    onsetFileMB,
                    Double.isNaN(h5pySeconds) ? "not measured (" + PYTHON + " with h5py is missing)"
                            : String.format(Locale.ROOT, "%.3f s, %.1f MB/s, file %.1f MB", h5pySeconds, h5pyMBps(),
                                    h5pyFileMB),
                    Double.isNaN(h5pySeconds) ? "-" : String.format(Locale.ROOT, "%.2fx", ratio()), GOAL_RATIO,
                    Double.isNaN(h5pySeconds) ? "not measured" : ratio() >= GOAL_RATIO ? "met" : "missed");
        }
    }

    /** {@link #measure} with the default size, as a report. */
    static String run(MapStoreFactory stores, Path dir) throws IOException, InterruptedException {
        return measure(stores, dir, PIXELS, ROUNDS).report();
    }

    /**
     * Runs both writers in {@code dir} (which keeps their files and the inputs for Python, about
     * 1 MB per pixel: delete it afterwards).
     *
     * @param stores the map-file writer measured
     * @param pixels pixels per round, at least 20 (the map is 20 pixels wide)
     * @param rounds rounds per writer, at least 1
     */
    static Figures measure(MapStoreFactory stores, Path dir, int pixels, int rounds)
            throws IOException, InterruptedException {
        if (pixels < 20 || pixels % 20 != 0) {
            throw new IllegalArgumentException("pixels must be a multiple of 20 (the map's width), got " + pixels);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
        }
        Files.createDirectories(dir);
        Grid layout = new Grid(20, pixels / 20, 0, 0, 1e-6, 1e-6);
        List<PixelRecord> records = new ArrayList<>();
        long samples = 0;
        for (int p = 0; p < pixels; p++) {
            PixelRecord r = pixel(layout, p);
            records.add(r);
            samples += r.sampleCount();
        }
        double megabytes = samples * 4 * 8 / 1e6;

        Path samplesFile = dir.resolve("samples.f64");
        Path lengthsFile = dir.resolve("lengths.i32");
        boolean python = Files.isExecutable(Path.of(PYTHON));
        Path script = dir.resolve("h5py_writer.py");
        if (python) {
            dumpForPython(records, samplesFile, lengthsFile);
            Files.writeString(script, H5PY_SCRIPT, StandardCharsets.UTF_8);
        }

        // warm-up (JIT, native library), not counted
        write(stores, dir.resolve("warmup.h5"), layout, records.subList(0, 20));
        Path onsetFile = dir.resolve("onset.h5");
        Path pyFile = dir.resolve("h5py.h5");
        double onsetSeconds = Double.POSITIVE_INFINITY;
        double pySeconds = python ? Double.POSITIVE_INFINITY : Double.NaN;
        for (int round = 0; round < rounds; round++) {
            long t0 = System.nanoTime();
            write(stores, onsetFile, layout, records);
            onsetSeconds = Math.min(onsetSeconds, (System.nanoTime() - t0) / 1e9);
            if (python) {
                pySeconds = Math.min(pySeconds, pythonSeconds(runPython(script, samplesFile, lengthsFile, pyFile,
                        layout)));
            }
        }
        return new Figures(pixels, samples, megabytes, rounds, hdf5Version(),
                onsetSeconds, Files.size(onsetFile) / 1e6, pySeconds,
                python && Files.exists(pyFile) ? Files.size(pyFile) / 1e6 : Double.NaN);
    }

    private static double pythonSeconds(String output) throws IOException {
        for (String line : output.split("\n")) {
            if (line.startsWith("SECONDS ")) {
                return Double.parseDouble(line.substring(8).trim());
            }
        }
        throw new IOException("the h5py benchmark printed no time: " + output);
    }

    /** Version of the native HDF5 library under jhdf5, e.g. "1.10.8". */
    private static String hdf5Version() {
        int[] v = new int[3];
        hdf.hdf5lib.H5.H5get_libversion(v);
        return v[0] + "." + v[1] + "." + v[2];
    }

    private static void write(MapStoreFactory stores, Path file, Grid layout, List<PixelRecord> pixels)
            throws IOException {
        try (MapStore w = stores.create(file, layout, Map.of("benchmark", "true"), List.of(BIAS, CURRENT, HEIGHT),
                MapStoreFactory.IfExists.REPLACE)) {
            for (PixelRecord p : pixels) {
                w.append(p);
            }
            w.markComplete();
        }
    }

    /** A realistic ramp: quantized bias ramp, ADC-coded current and height, implicit time. */
    static PixelRecord pixel(Grid layout, int index) {
        SplittableRandom r = new SplittableRandom(index);
        int n = MIN_SAMPLES + r.nextInt(12_000);
        double[] t = new double[n];
        double[] b = new double[n];
        double[] c = new double[n];
        double[] h = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = k / RATE;
            b[k] = quantize(-4.5 * k / n, BIAS);
            c[k] = quantize(-1e-11 * Math.exp(3.0 * k / n) + 1e-12 * r.nextGaussian(), CURRENT);
            h[k] = quantize(2e-9 * k / n + 5e-11 * r.nextGaussian(), HEIGHT);
        }
        return new PixelRecord(index, layout.i(index), layout.j(index), layout.x(layout.i(index)),
                layout.y(layout.j(index)), b[n - 1], c[n - 1], h[n - 1] - h[0], "current", n - 1, Termination.CUTOFF, "",
                0L, 0L, RATE, t, b, c, h);
    }

    /** ADC code times step, as a driver delivers it (+ 0.0: code 0 is +0 V, never -0). */
    private static double quantize(double v, ChannelSpec s) {
        return Math.rint(v / s.resolution()) * s.resolution() + 0.0;
    }

    private static void dumpForPython(List<PixelRecord> pixels, Path samplesFile, Path lengthsFile)
            throws IOException {
        try (OutputStream out = Files.newOutputStream(samplesFile);
                DataOutputStream lengths = new DataOutputStream(Files.newOutputStream(lengthsFile))) {
            for (PixelRecord p : pixels) {
                lengths.writeInt(Integer.reverseBytes(p.sampleCount()));
                for (double[] a : new double[][] { p.time(), p.bias(), p.current(), p.height() }) {
                    ByteBuffer b = ByteBuffer.allocate(a.length * 8).order(ByteOrder.LITTLE_ENDIAN);
                    b.asDoubleBuffer().put(a);
                    out.write(b.array());
                }
            }
        }
    }

    private static String runPython(Path script, Path samples, Path lengths, Path out, Grid layout)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(PYTHON, script.toString(), samples.toString(), lengths.toString(),
                out.toString(), Integer.toString(layout.nx()), Integer.toString(layout.ny()),
                Double.toString(BIAS.resolution()), Double.toString(CURRENT.resolution()),
                Double.toString(HEIGHT.resolution())).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("the h5py benchmark failed: " + output);
        }
        return output;
    }

    /** The h5py side: same datasets, chunking, encodings and flush order as the Java writer. */
    static final String H5PY_SCRIPT = """
            import sys, time
            import numpy as np
            import h5py

            samples_path, lengths_path, out, nx, ny, s_bias, s_cur, s_h = sys.argv[1:9]
            nx, ny = int(nx), int(ny)
            scales = {"bias": float(s_bias), "current": float(s_cur), "height": float(s_h)}
            lengths = np.fromfile(lengths_path, dtype="<i4")
            data = np.fromfile(samples_path, dtype="<f8")
            n_pos = nx * ny
            CHUNK = 32768

            t0 = time.perf_counter()
            f = h5py.File(out, "w")
            m = f.create_group("Measurement_000")
            for g, q, u in (("Channel_000", "Onset bias", "V"), ("Channel_001", "Current at end", "A"),
                            ("Channel_002", "Height change at end", "m")):
                d = m.create_dataset(g + "/Raw_Data", shape=(n_pos, 1), dtype="f8", fillvalue=np.nan)
                d.attrs["quantity"] = q
                d.attrs["units"] = u
            pix = m.create_group("Pixels")
            written = pix.create_dataset("written", shape=(n_pos,), dtype="u1")
            count = pix.create_dataset("sample_count", shape=(n_pos,), dtype="i8")
            rate = pix.create_dataset("sample_rate", shape=(n_pos,), dtype="f8", fillvalue=np.nan)
            xs = pix.create_dataset("x", shape=(n_pos,), dtype="f8", fillvalue=np.nan)
            ys = pix.create_dataset("y", shape=(n_pos,), dtype="f8", fillvalue=np.nan)
            rule = pix.create_dataset("rule", shape=(n_pos,), dtype="S32")
            term = pix.create_dataset("termination", shape=(n_pos,), dtype="S16")
            fault = pix.create_dataset("fault_reason", shape=(n_pos,), dtype="S512")
            cut = pix.create_dataset("cutoff_sample_index", shape=(n_pos,), dtype="i4", fillvalue=-1)
            start = pix.create_dataset("start_epoch_ms", shape=(n_pos,), dtype="i8")
            end = pix.create_dataset("end_epoch_ms", shape=(n_pos,), dtype="i8")
            curves = m.create_group("Curves")
            enc = {c: curves.create_dataset(c + "_encoding", shape=(n_pos,), dtype="u1")
                   for c in ("time", "bias", "current", "height")}
            off = {c: curves.create_dataset(c + "_offset", shape=(n_pos,), dtype="i8", fillvalue=-1)
                   for c in ("time", "bias", "current", "height")}
            store = {}
            for c, s in scales.items():
                d = curves.create_dataset(c + "_int16", shape=(0,), maxshape=(None,), dtype="<i2", chunks=(CHUNK,))
                d.attrs["scale_factor"] = s
                d.attrs["add_offset"] = 0.0
                store[c] = d
            f.flush()

            pos = 0
            used = 0
            for p, n in enumerate(lengths):
                n = int(n)
                t, b, c, h = (data[pos + k * n: pos + (k + 1) * n] for k in range(4))
                pos += 4 * n
                implicit = np.array_equal(t, np.arange(n) / 10000.0)
                for name, v in (("bias", b), ("current", c), ("height", h)):
                    codes = np.rint(v / scales[name])
                    assert np.array_equal(codes * scales[name], v)
                    ds = store[name]
                    ds.resize((used + n,))
                    ds[used:used + n] = codes.astype("<i2")
                    enc[name][p] = 1
                    off[name][p] = used
                enc["time"][p] = 4 if implicit else 3
                m["Channel_000/Raw_Data"][p, 0] = b[-1]
                m["Channel_001/Raw_Data"][p, 0] = c[-1]
                m["Channel_002/Raw_Data"][p, 0] = h[-1] - h[0]
                count[p] = n
                rate[p] = 10000.0
                xs[p] = (p % nx) * 1e-6
                ys[p] = (p // nx) * 1e-6
                rule[p] = b"current"
                term[p] = b"CUTOFF"
                fault[p] = b""
                cut[p] = n - 1
                start[p] = 0
                end[p] = 0
                off["time"][p] = -1
                used += n
                f.flush()
                written[p] = 1
                f.flush()
            f.close()
            print("SECONDS %.6f" % (time.perf_counter() - t0))
            """;
}
