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
        // Known and open: HDF5 1.10 reads the object headers of file format 0/1 without checksum or
        // bounds checks, and ≈ 0.5 % of single-byte flips in the first 8 KiB crash it in native code
        // (H5A__close, H5HG_read via a damaged attribute message; 2-6 per 400 seen). The remedy is checksummed object
        // headers (file format ≥ 1.8 for new files, which needs EndOfAllocation to handle superblock
        // version 2); until then those crashes are counted and printed, and tolerated up to 3 % of
        // the metadata flips. Any other crash, any hang, any Java-level failure fails.
        List<String> tolerated = failures.stream()
                .filter(f -> f.startsWith("CRASH") && f.contains(" FLIP_METADATA ")).toList();
        List<String> other = failures.stream().filter(f -> !tolerated.contains(f)).toList();
        int metadataFlips = r.probes().getOrDefault(CorruptionProbeMain.Kind.FLIP_METADATA, 0);
        assertTrue(tolerated.size() <= Math.max(1, metadataFlips * 3 / 100), "native HDF5 crashes on metadata flips: "
                + tolerated.size() + " of " + metadataFlips + " (seed " + seed + ")");
        assertEquals(List.of(), other, "seed " + seed + " (replay with ./mvnw ... -Donset.fuzz.seed=" + seed + ")");
    }
}
