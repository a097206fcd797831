package org.onset.benchmarks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.fem.FemSolver;

/** A coarse two-case run of the FEM sweep benchmark with the real gmsh and getdp prints every figure with its unit. */
class FemSweepBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void aCoarseSweepPrintsMeshTimeMemoryCpuAndLoad() throws Exception {
        FemSolver solver = BenchmarkServices.service(FemSolver.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // every element size × 4 (apex 4 nm, as the UI tests' coarse model): a few thousand nodes, seconds per case
        int code = new FemSweepBenchmark(solver).run(List.of("--model", exampleModel().toString(), "--dx", "0,400",
                "--refine", "0.25", "--keep", dir.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String report = out.toString(StandardCharsets.UTF_8);
        System.out.println(report);
        assertEquals(0, code);
        for (String figure : List.of("2 cases, 2 at once", "nodes", "tetrahedra", "mesh (s)", "peak (MiB)",
                "wall time", "goal <= 120 s on 2 cores", "CPU time", "s gmsh + getdp", "idle cores", "load average")) {
            assertTrue(report.contains(figure), "'" + figure + "' missing from\n" + report);
        }
        // one row per case with a real mesh and memory figure
        Matcher row = Pattern.compile("(?m)^\\s+(0|400)\\s+(\\d+)\\s+(\\d+)\\s+([\\d.]+)\\s+([\\d.]+)\\s+(\\d+)").matcher(report);
        int rows = 0;
        while (row.find()) {
            rows++;
            assertTrue(Integer.parseInt(row.group(2)) > 500, "nodes in " + row.group());
            assertTrue(Integer.parseInt(row.group(6)) > 10, "peak MiB in " + row.group());
        }
        assertEquals(2, rows, report);
        // the solver programs' CPU time is counted (they ran as children of this process)
        Matcher cpu = Pattern.compile("CPU time\\s+([\\d.]+) s gmsh").matcher(report);
        assertTrue(cpu.find() && Double.parseDouble(cpu.group(1)) > 0.1, report);
        assertTrue(Files.isDirectory(dir.resolve("dx_400")), "--keep keeps the case files");
    }

    @Test
    void aMissingModelFileIsNamed() {
        FemSweepBenchmark bench = new FemSweepBenchmark(null);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bench.run(List.of("--model", dir.resolve("none.json").toString()), quiet, quiet));
        assertTrue(e.getMessage().contains("none.json"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> bench.run(List.of("--model", exampleModel().toString(), "--dx", "0,x"), quiet, quiet));
        assertTrue(e.getMessage().contains("--dx needs numbers"), e.getMessage());
    }

    /** The repository's example model (releng/fem/fig6-model.json), found above the test's working directory. */
    static Path exampleModel() {
        for (Path d = Path.of(System.getProperty("user.dir")).toAbsolutePath(); d != null; d = d.getParent()) {
            Path f = d.resolve(FemSweepBenchmark.DEFAULT_MODEL);
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        throw new IllegalStateException("cannot find " + FemSweepBenchmark.DEFAULT_MODEL);
    }
}
