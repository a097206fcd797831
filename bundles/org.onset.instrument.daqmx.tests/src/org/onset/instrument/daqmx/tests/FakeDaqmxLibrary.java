package org.onset.instrument.daqmx.tests;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The NI-DAQmx stand-in {@code fake_nidaqmx.c}, compiled with gcc into a shared library at test
 * time (once per test run) and loaded through JNA like the vendor's library. Each driver under test
 * gets a device of its own (Dev1, Dev2, …) so that faults configured for one do not touch the others.
 */
final class FakeDaqmxLibrary {

    /** The test hooks of the library (not NI API). */
    interface Hooks extends Library {
        int OnsetFake_SetDevice(String name, long seed, double latency, double faultAfter, double removeAfter);

        int OnsetFake_LastRamp(String name, double[] out);
    }

    /** Fixed default seed of the cells; {@code -Donset.test.seed=N} changes it. */
    static final long SEED = Long.getLong("onset.test.seed", 20261206L);
    /** Transfer latency of the emulated card (DMA and driver), s. */
    static final double LATENCY = 100e-6;

    private static final AtomicInteger DEVICES = new AtomicInteger();
    private static Path path;
    private static Hooks hooks;

    private FakeDaqmxLibrary() {
    }

    /** The compiled library's absolute path (built on first use). */
    static synchronized Path path() {
        if (path == null) {
            path = build();
            hooks = Native.load(path.toString(), Hooks.class);
        }
        return path;
    }

    static Hooks hooks() {
        path();
        return hooks;
    }

    /** A fresh device name, configured with the fixed seed and these faults (negative = never). */
    static String newDevice(double faultAfter, double removeAfter) {
        String name = "Dev" + DEVICES.incrementAndGet();
        int rc = hooks().OnsetFake_SetDevice(name, SEED + DEVICES.get(), LATENCY, faultAfter, removeAfter);
        if (rc != 0) {
            throw new IllegalStateException("OnsetFake_SetDevice(" + name + ") = " + rc);
        }
        return name;
    }

    /** [output now V, AO stop s, zero write s, particle height m, nucleated 0/1] of the last ramp on {@code device}. */
    static double[] lastRamp(String device) {
        double[] out = new double[5];
        hooks().OnsetFake_LastRamp(device, out);
        return out;
    }

    private static Path build() {
        try {
            Path dir = Files.createTempDirectory("onset-fake-daqmx");
            Path source = dir.resolve("fake_nidaqmx.c");
            try (InputStream in = FakeDaqmxLibrary.class.getResourceAsStream("fake_nidaqmx.c")) {
                if (in == null) {
                    throw new IllegalStateException("fake_nidaqmx.c is missing from the test bundle");
                }
                Files.copy(in, source);
            }
            Path lib = dir.resolve("libfakenidaqmx.so");
            List<String> cmd = List.of("gcc", "-shared", "-fPIC", "-O2", "-Wall", "-o", lib.toString(),
                    source.toString(), "-lm", "-lpthread");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("gcc could not build the NI-DAQmx test library (is gcc installed?): "
                        + String.join(" ", cmd) + "\n" + out);
            }
            lib.toFile().deleteOnExit();
            source.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return lib;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the NI-DAQmx test library: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
