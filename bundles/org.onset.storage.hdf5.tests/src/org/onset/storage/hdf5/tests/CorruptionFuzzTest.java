package org.onset.storage.hdf5.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.storage.hdf5.internal.CorruptionFuzz;
import org.onset.storage.hdf5.internal.CorruptionProbeMain;

/**
 * Corruption fuzzing (issue 9): seeded truncations, byte flips in metadata and data, tampered
 * attributes and per-pixel indexes of a partly written map; each probe is read the way inspect
 * and the workbench read (every map, every stored pixel) and then resumed to the end. Each must
 * end in a clear error or a correct result within {@link CorruptionFuzz#PROBE_LIMIT_S} s; never a
 * hang, a JVM crash, an unexpected exception, a file larger than {@link CorruptionFuzz#MAX_FILE_BYTES}
 * or resumed pixels that read back different. The probes run in child JVMs (a native HDF5 crash
 * would kill the test framework). The seed is fixed so that CI is reproducible; run with
 * {@code -Donset.fuzz.seed=random} (or any number) to explore, the seed is printed to replay a failure.
 */
class CorruptionFuzzTest {

    /** Probes per run, and the time box (seconds) that keeps the suite's share ≤ 3 minutes. */
    private static final int PROBES = 2000;
    private static final double BUDGET_S = 150;
    /** A seed whose 2000 probes were checked; random seeds found the defects now covered by tests. */
    private static final long DEFAULT_SEED = 6530782525190245538L;

    @TempDir
    Path dir;

    @Test
    void damagedMapFilesGiveErrorsNotHangsCrashesOrGrowth() throws Exception {
        String asked = System.getProperty("onset.fuzz.seed", "fixed");
        long seed = switch (asked) {
            case "fixed" -> DEFAULT_SEED;
            case "random" -> new Random().nextLong();
            default -> Long.parseLong(asked);
        };
        CorruptionFuzz.Result r = CorruptionFuzz.run(dir, BundleFiles.javaExecutable(),
                System.getProperty("java.library.path"), BundleFiles.classPathOf(CorruptionProbeMain.class), seed,
                PROBES, BUDGET_S);
        System.out.printf("corruption fuzzing (seed %d): %d probes in %.1f s; per kind %s; clear errors %s; "
                + "hangs %d, JVM crashes %d, failures %d%n", seed, r.total(), r.seconds(), r.probes(), r.errors(),
                r.hangs(), r.crashes(), r.failures().size());
        List<String> failures = r.failures();
        failures.forEach(f -> System.out.println("  " + f));
        assertTrue(r.total() >= Math.min(PROBES, 500), "probes done in the time box: " + r.total());
        // No crash is tolerated any more. Map files of file format 0/1 let ≈ 0.5 % of single-byte flips
        // in their first 8 KiB crash HDF5 in native code (H5A__close, H5HG_read through a damaged
        // attribute message); since map files are written in the 1.8 format, whose superblock and
        // object headers carry checksums, HDF5 refuses such a flip with an error instead (0 crashes
        // in 400 metadata flips with the fixed seed and with random ones).
        assertEquals(List.of(), failures, "seed " + seed + " (replay with ./mvnw ... -Donset.fuzz.seed=" + seed + ")");
    }
}
