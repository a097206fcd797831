package org.onset.benchmarks.internal;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.onset.batch.BatchCommand;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * {@code onset demo} end to end (both maps, PNGs, summary) into a scratch folder, timed against
 * the goal of 30 s for the two 70 × 70 maps; the files (≈ 1 GB) are deleted afterwards.
 */
final class DemoBenchmark implements BenchCommand.Benchmark {

    static final double GOAL_S = 30;

    /** Finds a command service by name. */
    @FunctionalInterface
    interface Commands {
        BatchCommand find(String name) throws InterruptedException;
    }

    private final Commands commands;

    DemoBenchmark(Commands commands) {
        this.commands = commands;
    }

    @Override
    public String summary() {
        return "onset demo end to end (two maps, PNGs, summary) in a scratch folder: wall time vs the 30 s goal";
    }

    @Override
    public String options() {
        return "[--size N (70)]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Options o = Options.parse(args, List.of("--size"));
        int size = o.integer("--size", 70, 1, 90);
        BatchCommand demo = commands.find("demo");
        if (demo == null) {
            err.println("onset bench demo: the demo command is not available (bundle org.onset.batch)");
            return BatchCommand.FAILURE;
        }
        Path dir = Files.createTempDirectory("onset-bench-demo");
        try {
            long t0 = System.nanoTime();
            int exit = demo.run(List.of("-o", dir.toString(), "--size", Integer.toString(size)), out, err);
            double wall = (System.nanoTime() - t0) / 1e9;
            if (exit != 0) {
                err.println("onset bench demo: the demo failed (exit " + exit + ")");
                return BatchCommand.FAILURE;
            }
            long bytes = 0;
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    bytes += Files.size(f);
                }
            }
            JsonObject summary = JsonParser.parseString(Files.readString(dir.resolve("summary.json")))
                    .getAsJsonObject();
            double mapsDone = 0;
            for (var e : summary.getAsJsonObject("experiments").entrySet()) {
                JsonElement w = e.getValue().getAsJsonObject().get("wall_s");
                mapsDone = Math.max(mapsDone, w == null || w.isJsonNull() ? Double.NaN : w.getAsDouble());
            }
            out.printf(Locale.ROOT, "Demo benchmark: two %d x %d maps at the same time, PNGs and summary%n", size, size);
            out.printf(Locale.ROOT, "  both maps written after   %.1f s%n", mapsDone);
            out.printf(Locale.ROOT, "  PNGs and summary.json     %.1f s%n", wall - mapsDone);
            out.printf(Locale.ROOT, "  demo wall time            %.1f s   goal <= %.0f s (70 x 70): %s%n", wall, GOAL_S,
                    size == 70 ? (wall <= GOAL_S ? "met" : "missed") : "n/a at this size");
            out.printf(Locale.ROOT, "  files written             %.0f MB (deleted)%n", bytes / 1e6);
            return 0;
        } finally {
            TempFiles.deleteTree(dir);
        }
    }
}
