package org.onset.storage.hdf5.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.storage.hdf5.MapFileReader;
import org.onset.storage.hdf5.MapLayout;

/**
 * Kills a real writer process (kill -9) at random moments, reopens the file each time, and checks
 * that every pixel the writer had reported stored reads back bit for bit, that nothing else is
 * lost, and that resuming completes the map.
 */
class CrashSafetyTest {

    private static final int NX = 12;
    private static final int NY = 12;
    private static final long SEED = 7;
    private static final int MIN_SAMPLES = 15_000;
    private static final int KILLS = 10;

    @TempDir
    Path dir;

    @Test
    void killedWriterLosesAtMostThePixelInFlight() throws Exception {
        Path file = dir.resolve("crash.h5");
        MapLayout layout = new MapLayout(NX, NY, 0, 0, 1e-6, 1e-6);
        long seed = new Random().nextLong(); // printed with every failure, to replay it
        Random killTimes = new Random(seed);
        BitSet reported = new BitSet();
        int killedWhileWriting = 0;
        for (int round = 0; round <= KILLS; round++) {
            boolean last = round == KILLS;
            String mode = round == 0 ? "create" : "resume";
            Process child = new ProcessBuilder(BundleFiles.javaExecutable(),
                    "-Djava.library.path=" + System.getProperty("java.library.path"), "-cp",
                    BundleFiles.classPathOf(CrashingWriterMain.class), CrashingWriterMain.class.getName(),
                    file.toString(), mode, Integer.toString(NX), Integer.toString(NY), Long.toString(SEED),
                    Integer.toString(MIN_SAMPLES)).redirectError(dir.resolve("child" + round + ".err").toFile())
                    .start();
            List<String> lines = new ArrayList<>();
            Thread pump = pump(child, lines);
            waitForReady(child, lines, round, dir.resolve("child" + round + ".err"));
            if (!last) {
                // kill at a random moment while pixels are being written: after a few of them
                waitForStored(child, lines, 1 + killTimes.nextInt(6));
                Thread.sleep(killTimes.nextInt(8));
                if (child.isAlive()) {
                    killedWhileWriting++;
                }
                child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close
            }
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child of round " + round + " ended");
            pump.join();
            synchronized (lines) {
                for (String l : lines) {
                    if (l.startsWith("STORED ")) {
                        reported.set(Integer.parseInt(l.substring(7)));
                    }
                }
                if (last) {
                    assertTrue(lines.contains("DONE"), "resumed writer finished the map: " + lines);
                }
            }
            verify(file, layout, reported, "round " + round + " (kill seed " + seed + ")");
        }
        assertEquals(KILLS, killedWhileWriting, "every kill hit a writing process");
        try (MapFileReader r = MapFileReader.open(file)) {
            assertEquals(layout.pixelCount(), r.completedPixels().cardinality(), "map complete after resumes");
            assertTrue(r.isComplete());
        }
        PythonCheck.Result py = PythonCheck.run(file, dir);
        assertEquals(0, py.exitCode(), py.output());
    }

    /** Every reported pixel is stored; stored pixels are exactly 0..k-1 (written in order); all intact. */
    private static void verify(Path file, MapLayout layout, BitSet reported, String when) throws IOException {
        try (MapFileReader r = MapFileReader.open(file)) {
            BitSet stored = r.completedPixels();
            BitSet missing = (BitSet) reported.clone();
            missing.andNot(stored);
            assertTrue(missing.isEmpty(), when + ": reported but not stored: " + missing);
            int k = stored.cardinality();
            assertEquals(k, stored.nextClearBit(0), when + ": stored pixels have a gap: " + stored);
            System.out.printf("crash test %s: %d pixels stored, %d reported by the killed writer%n", when, k,
                    reported.cardinality());
            double[] onset = r.onsetBias();
            for (int p = 0; p < layout.pixelCount(); p++) {
                if (stored.get(p)) {
                    var expected = SyntheticMap.pixel(layout, p, SEED, MIN_SAMPLES);
                    Pixels.assertSamePixel(expected, r.pixel(p));
                    Pixels.assertSameBits(expected.onsetBias(), onset[p], when + " onset map at " + p);
                } else {
                    assertTrue(Double.isNaN(onset[p]), when + ": pixel " + p + " not stored but has an onset");
                }
            }
        }
    }

    private static void waitForReady(Process child, List<String> lines, int round, Path stderr)
            throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            synchronized (lines) {
                if (lines.stream().anyMatch(l -> l.startsWith("READY"))) {
                    return;
                }
            }
            if (!child.isAlive() && child.exitValue() != 0) {
                throw new AssertionError("child of round " + round + " failed before writing (exit "
                        + child.exitValue() + "): " + lines + "\n" + Files.readString(stderr)
                        + "\nclass path: " + BundleFiles.classPathOf(CrashingWriterMain.class));
            }
            Thread.sleep(5);
        }
        child.destroyForcibly();
        throw new AssertionError("child of round " + round + " did not start: " + lines);
    }

    private static void waitForStored(Process child, List<String> lines, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (child.isAlive() && System.nanoTime() < deadline) {
            synchronized (lines) {
                if (lines.stream().filter(l -> l.startsWith("STORED ")).count() >= count) {
                    return;
                }
            }
            Thread.sleep(0, 200_000);
        }
    }

    private static Thread pump(Process child, List<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = in.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(l);
                    }
                }
            } catch (IOException e) {
                // the child was killed mid-line: what was read is what counts
            }
        }, "child-output");
        t.start();
        return t;
    }
}
