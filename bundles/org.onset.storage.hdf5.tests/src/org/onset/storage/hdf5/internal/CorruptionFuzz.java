package org.onset.storage.hdf5.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.onset.map.api.Grid;
import org.onset.map.api.MapStore;
import org.onset.storage.hdf5.internal.CorruptionProbeMain.Kind;
import org.onset.storage.hdf5.tests.SyntheticMap;

/**
 * Runs {@link CorruptionProbeMain} in child JVMs and watches them: a probe with no answer after
 * {@link #PROBE_LIMIT_S} s is a hang, a child that dies inside a probe is a crash (native HDF5
 * faults would otherwise kill the test framework); either way the child is replaced and the run
 * goes on with the next probe. The child's file size is capped ({@code ulimit -f}), so a probe
 * that makes the file grow beyond what the map needs is stopped by SIGXFSZ and counted.
 */
public final class CorruptionFuzz {

    public static final int PROBE_LIMIT_S = 10;
    public static final int NX = 4, NY = 4, SAMPLES = 200, WRITTEN = 11;
    public static final long PIXEL_SEED = 7;
    /** Largest file a probe may leave or make: the complete map needs ≈ 5 MB. */
    public static final long MAX_FILE_BYTES = 64L << 20;

    /** Probes done per kind, failures (with their probe line), wall time. */
    public record Result(Map<Kind, Integer> probes, Map<Kind, Integer> errors, List<String> failures, int hangs,
            int crashes, double seconds) {
        public int total() {
            return probes.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private CorruptionFuzz() {
    }

    /** The intact map the probes damage: NX × NY pixels, WRITTEN of them stored, not complete. */
    public static Path intactMap(Path dir) throws IOException {
        Path f = dir.resolve("intact.h5");
        Grid grid = new Grid(NX, NY, 0, 0, 1e-6, 1e-6);
        // text attributes of the size a real map carries (recipe, instrument settings): variable-length
        // strings in the global heap, which is where one flipped byte made HDF5 hang (issue 9, defect 4)
        Map<String, String> attributes = new java.util.TreeMap<>(SyntheticMap.ATTRIBUTES);
        attributes.put("recipe", "{\"name\": \"fuzz\", \"grid\": {\"nx\": 4, \"ny\": 4, \"spacing_nm\": 20}, "
                + "\"ramp\": {\"end_V\": -4.2, \"rate_V_per_s\": 1.2}, \"cutoff\": {\"current_pA\": -10}, "
                + "\"notes\": \"" + "x".repeat(900) + "\"}");
        attributes.put("instrument_settings", "sampleSeed=1\n" + "channel.height=0.0\n".repeat(40));
        attributes.put("cutoff_rule", "I ≤ −10 pA");
        try (MapStore w = Hdf5MapFileWriter.create(f, grid, attributes, SyntheticMap.CHANNELS,
                org.onset.map.api.MapStoreFactory.IfExists.REPLACE)) {
            for (int p = 0; p < WRITTEN; p++) {
                w.append(SyntheticMap.pixel(grid, p, PIXEL_SEED, SAMPLES));
            }
        }
        return f;
    }

    /**
     * Runs probes {@code 0, 1, …} until {@code maxProbes} are done or {@code budgetS} seconds have
     * passed.
     */
    public static Result run(Path dir, String java, String libraryPath, String classPath, long seed, int maxProbes,
            double budgetS) throws IOException, InterruptedException {
        Path intact = intactMap(dir);
        Map<Kind, Integer> probes = new EnumMap<>(Kind.class);
        Map<Kind, Integer> errors = new EnumMap<>(Kind.class);
        List<String> failures = new ArrayList<>();
        int hangs = 0, crashes = 0;
        long start = System.nanoTime();
        long deadline = start + (long) (budgetS * 1e9);
        int next = 0;
        int child = 0;
        while (next < maxProbes && System.nanoTime() < deadline) {
            Path report = dir.resolve("report-" + child + ".txt");
            Path err = dir.resolve("child-" + child + ".err");
            child++;
            String cmd = "ulimit -f " + (MAX_FILE_BYTES / 1024) + " && exec \"$0\" \"$@\"";
            List<String> command = new ArrayList<>(List.of("/bin/bash", "-c", cmd, java,
                    "-Djava.library.path=" + libraryPath, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                    "-cp", classPath, CorruptionProbeMain.class.getName(), intact.toString(), dir.toString(),
                    Long.toString(seed), Integer.toString(next), Integer.toString(maxProbes), report.toString(),
                    Integer.toString(NX), Integer.toString(NY), Integer.toString(SAMPLES),
                    Long.toString(PIXEL_SEED)));
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(err.toFile()).start();
            int read = 0;
            int begun = -1;
            String damage = "";
            long lastProgress = System.nanoTime();
            boolean finished = false;
            while (true) {
                boolean alive = p.isAlive();
                List<String> lines = Files.exists(report) ? Files.readAllLines(report, StandardCharsets.UTF_8)
                        : List.of();
                for (; read < lines.size(); read++) {
                    String l = lines.get(read);
                    lastProgress = System.nanoTime();
                    if (l.startsWith("BEGIN ")) {
                        begun = Integer.parseInt(l.substring(6).trim());
                    } else if (l.startsWith("DAMAGE ")) {
                        damage = l.substring(7);
                    } else if (l.startsWith("END ")) {
                        String[] w = l.split(" ", 4);
                        int k = Integer.parseInt(w[1]);
                        Kind kind = Kind.valueOf(w[2]);
                        probes.merge(kind, 1, Integer::sum);
                        if (l.contains("| error")) {
                            errors.merge(kind, 1, Integer::sum);
                        }
                        if (l.contains("FAIL")) {
                            failures.add(l);
                        }
                        next = k + 1;
                        begun = -1;
                    } else if (l.equals("FINISHED")) {
                        finished = true;
                    }
                }
                if (finished) {
                    p.waitFor(PROBE_LIMIT_S, TimeUnit.SECONDS);
                    break;
                }
                long now = System.nanoTime();
                if (!alive && begun < 0 && p.exitValue() == 0) {
                    break; // left after a probe whose error came in time but left HDF5 busy
                }
                if (!alive) {
                    if (begun < 0 && read == 0) {
                        throw new IllegalStateException("probe child did not start (exit " + p.exitValue() + "): "
                                + tail(err));
                    }
                    // died: inside probe `begun`, or before its first line
                    int k = begun >= 0 ? begun : next;
                    Kind kind = Kind.values()[k % Kind.values().length];
                    probes.merge(kind, 1, Integer::sum);
                    crashes++;
                    failures.add("CRASH in probe " + k + " " + kind + " (exit " + p.exitValue() + ") after " + damage + ": "
                            + tail(err));
                    next = k + 1;
                    break;
                }
                if (now - lastProgress > TimeUnit.SECONDS.toNanos(PROBE_LIMIT_S) || now > deadline) {
                    p.destroyForcibly().waitFor();
                    if (now > deadline && now - lastProgress <= TimeUnit.SECONDS.toNanos(PROBE_LIMIT_S)) {
                        next = maxProbes; // time box reached: the probe in flight is not counted
                        break;
                    }
                    int k = begun >= 0 ? begun : next;
                    Kind kind = Kind.values()[k % Kind.values().length];
                    probes.merge(kind, 1, Integer::sum);
                    hangs++;
                    failures.add("HANG in probe " + k + " " + kind + " (no answer in " + PROBE_LIMIT_S + " s) after " + damage);
                    next = k + 1;
                    break;
                }
                Thread.sleep(20);
            }
            // a killed child leaves its probe copy
            try (var s = Files.newDirectoryStream(dir, "probe-*.h5")) {
                for (Path q : s) {
                    Files.deleteIfExists(q);
                }
            }
        }
        return new Result(probes, errors, failures, hangs, crashes, (System.nanoTime() - start) / 1e9);
    }

    private static String tail(Path f) throws IOException {
        String s = Files.exists(f) ? Files.readString(f) : "";
        return s.length() > 600 ? "…" + s.substring(s.length() - 600) : s;
    }
}
