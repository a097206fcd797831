package org.onset.io.registry.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.io.api.ImportException;
import org.onset.io.api.Imported;
import org.onset.io.api.ImporterRegistry;

/**
 * Damaged copies of every file in ../shared/testdata — zero-length, truncated, and randomly mutated
 * (byte flips, random bytes, extreme integers written into the headers) — each must end in a clear
 * {@link ImportException} or a valid result: never a hang (each case is time-boxed), never an
 * exception or error escaping the registry, never an allocation out of proportion to the file.
 * <p>
 * Reproducible: a fixed default seed, changed with {@code -Donset.fuzz.seed=N}; the number of cases
 * with {@code -Donset.fuzz.cases=N} (default 10 000). A failing case is named by its seed, file and
 * mutation, so it can be replayed.
 */
class RobustnessTest {

    private static final long DEFAULT_SEED = 20261206L;
    private static final int DEFAULT_CASES = 10_000;
    /** A case that takes longer than this is a hang (the slowest valid read here takes ~50 ms). */
    private static final long CASE_TIMEOUT_MS = 5_000;
    /** Memory allowed per case: this many times the damaged file's size, plus a fixed allowance. */
    private static final long ALLOCATION_FACTOR = 40;
    private static final long ALLOCATION_ALLOWANCE = 24L << 20;
    /** Extreme values written into headers: counts and sizes that no file can back. */
    private static final int[] EXTREMES = { 0, -1, 0x7FFFFFFF, 0x80000000, 0x40000000, 0x00010000, 1, 0xFFFF };

    @TempDir
    Path work;

    /** A test file copied into the directory of its family; alone when no other file shares its base name. */
    record Source(Path original, String family, byte[] bytes, boolean[] alone, long[] nanos) {
    }

    @Test
    void damagedFilesEndInAClearErrorOrAValidResult() throws Exception {
        long seed = Long.getLong("onset.fuzz.seed", DEFAULT_SEED);
        int cases = Integer.getInteger("onset.fuzz.cases", DEFAULT_CASES);
        ImporterRegistry registry = Services.registry();
        Path data = Services.testdata();

        // each file's family (same base name) is copied once into its own directory, so that a damaged
        // .DTA is read with its intact .DSC and the other way round
        List<Source> sources = new ArrayList<>();
        try (Stream<Path> s = Files.walk(data)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".md")) {
                    continue;
                }
                String family = p.getParent().getFileName() + "-" + name.substring(0, Math.max(0, name.lastIndexOf('.')));
                Path dir = work.resolve(family);
                Files.createDirectories(dir);
                Files.copy(p, dir.resolve(name));
                sources.add(new Source(dir.resolve(name), family, Files.readAllBytes(p), new boolean[1], new long[1]));
            }
        }
        // formats testdata holds no sample of, built byte by byte: Igor waves of versions 1-3, Magnettech XML, LabSpec XML,
        // NT-MDT .mdt (a two-channel scan with a palette frame, curves at points, Nova MDA images among
        // frames that are skipped, a single curve)
        java.util.Map<String, byte[]> built = new java.util.LinkedHashMap<>();
        built.put("ibw-v1.ibw", SpmFilesTest.ibwOld(Bin.le(), 1, 2, 4, new double[] { 1, 2, 3, 4 }, "").toArray());
        built.put("ibw-v2.ibw", SpmFilesTest.ibwOld(Bin.be(), 2, 0x10, 2, new double[] { -3, 7, 9 }, "Laser: 532\r").toArray());
        built.put("ibw-v3.ibw", SpmFilesTest.ibwOld(Bin.le(), 3, 4, 8, new double[] { 0.5, 1e-3 }, "Note: x\r").toArray());
        built.put("magnettech.xml", EprFilesTest.magnettech(new double[] { 330, 331, 332, 333, 334 }, 0, 0.1,
                new double[] { 0, 1, -1, 2, -2, 1, 0, 0.5, 0 }, -0.05, 0.05, "330.2", "333.2")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        built.put("labspec.xml", RamanFilesTest.labSpecXml("1/cm", new double[] { 2844.97, 2819.18, 2793.27, 2767.26 },
                new double[] { 166.333, 135.333, 115, 116.667 }, new double[] { 1, 2, 3, 4 })
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<byte[]> mdt = MdtFilesTest.corpus();
        for (int k = 0; k < mdt.size(); k++) {
            built.put("ntmdt" + k + ".mdt", mdt.get(k));
        }
        for (var e : built.entrySet()) {
            String family = "built-" + e.getKey().substring(0, e.getKey().indexOf('.'));
            Path dir = work.resolve(family);
            Files.createDirectories(dir);
            Files.write(dir.resolve(e.getKey()), e.getValue());
            sources.add(new Source(dir.resolve(e.getKey()), family, e.getValue(), new boolean[1], new long[1]));
        }
        for (Source src : sources) {
            src.alone()[0] = sources.stream().filter(o -> o.family().equals(src.family())).count() == 1;
        }
        assertTrue(sources.size() >= 20, "testdata holds " + sources.size() + " files");

        Random random = new Random(seed);
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "fuzz-case"));
        Method allocated = allocatedBytesMethod();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<String> failures = new ArrayList<>();
        Map<String, int[]> outcomes = new TreeMap<>(); // importer or "refused" -> {valid, error}
        int safetyNet = 0;
        long start = System.nanoTime();
        double worstRatio = 0;
        int done = 0;
        for (int c = 0; c < cases; c++) {
            Source src = sources.get(c % sources.size());
            byte[] damaged;
            String what;
            if (c < sources.size()) {
                damaged = new byte[0];
                what = "zero-length";
            } else if (c % 5 == 0) {
                int len = random.nextInt(Math.max(1, src.bytes().length));
                // half of the cuts inside the first 2 KiB, where headers are
                if (random.nextBoolean()) {
                    len = Math.min(len, random.nextInt(2048));
                }
                damaged = Arrays.copyOf(src.bytes(), len);
                what = "truncated to " + len + " B";
            } else {
                damaged = src.bytes().clone();
                what = mutate(damaged, random);
            }
            String label = "seed " + seed + " case " + c + ": " + src.original().getFileName() + " " + what;
            long t0 = System.nanoTime();
            Files.write(src.original(), damaged);
            long size = damaged.length;
            Future<Object> f = worker.submit(() -> {
                long tid = Thread.currentThread().getId();
                long before = allocated == null ? 0 : (long) allocated.invoke(threads, tid);
                Object outcome;
                try {
                    Imported im = registry.open(src.original());
                    outcome = im;
                    if (im.data() == null || im.format() == null) {
                        outcome = new AssertionError("a result without data");
                    }
                } catch (ImportException e) {
                    outcome = e;
                } catch (Throwable t) {
                    outcome = new AssertionError("escaped the registry: " + t, t);
                }
                long used = allocated == null ? 0 : (long) allocated.invoke(threads, tid) - before;
                return new Object[] { outcome, used };
            });
            try {
                Object[] r = (Object[]) f.get(CASE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                Object outcome = r[0];
                long used = (long) r[1];
                worstRatio = Math.max(worstRatio, used / (double) Math.max(1, size + (1 << 20)));
                if (used > ALLOCATION_FACTOR * size + ALLOCATION_ALLOWANCE) {
                    failures.add(label + ": allocated " + used + " B for a file of " + size + " B");
                }
                if (outcome instanceof AssertionError e) {
                    failures.add(label + ": " + e.getMessage());
                } else if (outcome instanceof ImportException e) {
                    if (e.getMessage() == null || e.getMessage().isBlank()) {
                        failures.add(label + ": an error without a message");
                    }
                    if (e.getMessage() != null && e.getMessage().contains("cannot read it (")) {
                        safetyNet++;
                        if (safetyNet <= 10) {
                            System.out.println("[robustness] importer missed a check: " + label + ": " + e.getMessage());
                        }
                    }
                    outcomes.computeIfAbsent("error", k -> new int[1])[0]++;
                } else if (outcome instanceof Imported im) {
                    outcomes.computeIfAbsent("valid via " + im.importerId(), k -> new int[1])[0]++;
                }
                src.nanos()[0] += System.nanoTime() - t0;
            } catch (TimeoutException e) {
                f.cancel(true);
                failures.add(label + ": no result after " + CASE_TIMEOUT_MS + " ms (hang)");
                worker.shutdownNow();
                worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "fuzz-case"));
            }
            if (!src.alone()[0]) {
                Files.write(src.original(), src.bytes()); // the family intact again for the next case
            }
            done++;
            if (failures.size() > 50) {
                break;
            }
        }
        worker.shutdownNow();
        double seconds = (System.nanoTime() - start) / 1e9;
        StringBuilder summary = new StringBuilder();
        outcomes.forEach((k, v) -> summary.append(k).append(' ').append(v[0]).append("; "));
        System.out.printf("[robustness] seed %d: %d cases on %d files in %.1f s: %s%d caught only by the registry's "
                + "safety net; worst allocation %.1f × (file + 1 MiB)%n", seed, done, sources.size(), seconds, summary,
                safetyNet, worstRatio);
        StringBuilder slowest = new StringBuilder();
        sources.stream().sorted((a, b) -> Long.compare(b.nanos()[0], a.nanos()[0])).limit(5).forEach(
                src -> slowest.append(String.format("%s %.1f s; ", src.original().getFileName(), src.nanos()[0] / 1e9)));
        System.out.println("[robustness] slowest files (write + read of all their cases): " + slowest);
        assertTrue(failures.isEmpty(), failures.size() + " cases failed:\n" + String.join("\n", failures));
        assertTrue(done >= cases, "only " + done + " of " + cases + " cases ran");
    }

    /** Mutates the copy in place and says how. */
    private static String mutate(byte[] b, Random random) {
        if (b.length == 0) {
            return "empty";
        }
        int kind = random.nextInt(3);
        // most damage lands in the first KiB, where the headers that steer parsing are
        int window = random.nextInt(4) == 0 ? b.length : Math.min(b.length, 1024);
        StringBuilder what = new StringBuilder();
        int n = 1 + random.nextInt(8);
        for (int k = 0; k < n; k++) {
            int at = random.nextInt(window);
            switch (kind) {
                case 0 -> {
                    int bit = random.nextInt(8);
                    b[at] ^= (byte) (1 << bit);
                    what.append(" flip@").append(at).append('.').append(bit);
                }
                case 1 -> {
                    byte v = (byte) random.nextInt(256);
                    b[at] = v;
                    what.append(" byte@").append(at).append('=').append(v & 0xFF);
                }
                default -> {
                    int v = EXTREMES[random.nextInt(EXTREMES.length)];
                    boolean little = random.nextBoolean();
                    for (int i = 0; i < 4 && at + i < b.length; i++) {
                        int shift = little ? 8 * i : 8 * (3 - i);
                        b[at + i] = (byte) (v >>> shift);
                    }
                    what.append(" int32@").append(at).append('=').append(Integer.toHexString(v))
                            .append(little ? "LE" : "BE");
                }
            }
        }
        return "mutated:" + what;
    }

    /** com.sun.management.ThreadMXBean#getThreadAllocatedBytes, through the system class loader. */
    private static Method allocatedBytesMethod() {
        try {
            Class<?> type = ClassLoader.getSystemClassLoader().loadClass("com.sun.management.ThreadMXBean");
            return type.getMethod("getThreadAllocatedBytes", long.class);
        } catch (ReflectiveOperationException e) {
            System.out.println("[robustness] allocation per case not measurable here: " + e);
            return null;
        }
    }
}
