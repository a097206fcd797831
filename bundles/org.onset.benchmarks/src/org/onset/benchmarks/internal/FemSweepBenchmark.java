package org.onset.benchmarks.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.onset.fem.FemModel;
import org.onset.fem.FemModelJson;
import org.onset.fem.FemSolution;
import org.onset.fem.FemSolver;
import org.onset.fem.FieldProbe;

/**
 * Issue 13: the eight-point dx sweep of the paper's Fig. 6 model with gmsh and getdp, goal ≤ 2 min
 * wall on 2 cores. Prints mesh size, wall time and peak memory per case, and for the whole sweep
 * the wall time, the CPU seconds of the solver programs and of Java, and the load average before
 * and after: on a machine shared with other work the wall time alone says little, while the CPU
 * seconds over the cores give the time on idle cores.
 */
final class FemSweepBenchmark implements BenchCommand.Benchmark {

    static final double GOAL_SECONDS = 120;
    static final String DEFAULT_MODEL = "releng/fem/fig6-model.json";
    static final String DEFAULT_DX = "0,40,80,120,160,200,300,400";
    /** Linux reports process times in USER_HZ = 100 ticks per second on every architecture Onset runs on. */
    static final double USER_HZ = 100;

    private final FemSolver solver;

    FemSweepBenchmark(FemSolver solver) {
        this.solver = solver;
    }

    @Override
    public String summary() {
        return "FEM dx sweep of the Fig. 6 model with gmsh/getdp: mesh size, time and peak memory per case vs the 2 min goal";
    }

    @Override
    public String options() {
        return "[--model FILE (" + DEFAULT_MODEL + ")] [--dx NM,NM,... (" + DEFAULT_DX + ")] [--parallel N (2)]"
                + " [--refine F (1)] [--keep DIR (keep the case files)]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Options o = Options.parse(args, List.of("--model", "--dx", "--parallel", "--refine", "--keep"));
        Path modelFile = Path.of(o.text("--model", DEFAULT_MODEL));
        if (!Files.isRegularFile(modelFile)) {
            throw new IllegalArgumentException("no model file " + modelFile.toAbsolutePath()
                    + (args.contains("--model") ? "" : " (run from the repository root, or give --model FILE)"));
        }
        double[] dx = dxList(o.text("--dx", DEFAULT_DX));
        int parallel = o.integer("--parallel", 2, 1, 64);
        double refine = o.number("--refine", 1, 0.01, 10);
        String keep = o.text("--keep", null);
        FemModel model = FemModelJson.read(modelFile);
        if (refine != 1) {
            model = model.withMesh(model.mesh().refinedBy(refine));
        }
        solver.checkInstalled();
        Path dir = keep != null ? Files.createDirectories(Path.of(keep)) : Files.createTempDirectory("onset-bench-fem");
        err.printf(Locale.ROOT, "onset bench fem: %d cases of %s, %d at once ...%n", dx.length, modelFile, parallel);
        try {
            String loadBefore = loadAverage();
            double childCpu0 = childCpuSeconds();
            double jvmCpu0 = ownCpuSeconds();
            long t0 = System.nanoTime();
            List<FemSolution> sols = solver.sweep(model, dx, parallel, dir, m -> {
                synchronized (err) {
                    err.println("onset bench fem: " + m);
                }
            });
            double wall = (System.nanoTime() - t0) / 1e9;
            double childCpu = childCpuSeconds() - childCpu0;
            double jvmCpu = ownCpuSeconds() - jvmCpu0;
            String loadAfter = loadAverage();
            report(out, modelFile, model, sols, parallel, wall, childCpu, jvmCpu, loadBefore, loadAfter);
        } finally {
            if (keep == null) {
                TempFiles.deleteTree(dir);
            }
        }
        return 0;
    }

    static void report(PrintStream out, Path modelFile, FemModel model, List<FemSolution> sols, int parallel,
            double wall, double childCpu, double jvmCpu, String loadBefore, String loadAfter) {
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf(Locale.ROOT, "fem sweep: %s, %d cases, %d at once, %d cores; mesh sizes global %s / apex %s / interface %s nm%n",
                modelFile, sols.size(), parallel, cores, plain(model.mesh().globalNm()), plain(model.mesh().apexNm()),
                plain(model.mesh().interfaceNm()));
        out.printf(Locale.ROOT, "  %8s %8s %11s %9s %10s %10s  %s%n", "dx (nm)", "nodes", "tetrahedra", "mesh (s)",
                "solve (s)", "peak (MiB)", "|E| (V/nm) at depth (nm)");
        double peak = -1;
        double maxCase = 0;
        for (FemSolution s : sols) {
            FemSolution.SolveStats st = s.stats();
            StringBuilder fields = new StringBuilder();
            for (FieldProbe p : s.probes()) {
                fields.append(String.format(Locale.ROOT, " %s: %.5f", plain(p.depthNm()), p.eVPerNm()));
            }
            out.printf(Locale.ROOT, "  %8s %8d %11d %9.1f %10.1f %10.0f %s%n", plain(s.model().dxNm()), st.nodes(),
                    st.tetrahedra(), st.meshSeconds(), st.solveSeconds(), st.peakMemoryMiB(), fields);
            peak = Math.max(peak, st.peakMemoryMiB());
            maxCase = Math.max(maxCase, st.meshSeconds() + st.solveSeconds());
        }
        out.printf(Locale.ROOT, "  wall time        %.1f s for the sweep (slowest case %.1f s)   goal <= %.0f s on 2 cores: %s%n",
                wall, maxCase, GOAL_SECONDS, wall <= GOAL_SECONDS ? "met" : "MISSED");
        if (childCpu >= 0) {
            double busy = (childCpu + Math.max(0, jvmCpu)) / wall;
            out.printf(Locale.ROOT, "  CPU time         %.1f s gmsh + getdp, %.1f s Java; %.2f cores busy on average%n", childCpu,
                    jvmCpu, busy);
            // the cases are independent single-threaded programs: on idle cores they would take their CPU time
            out.printf(Locale.ROOT, "  on %d idle cores about %.0f s (CPU seconds / %d)%n", Math.min(parallel, cores),
                    (childCpu + Math.max(0, jvmCpu)) / Math.min(parallel, cores), Math.min(parallel, cores));
        }
        out.printf(Locale.ROOT, "  peak memory      %.0f MiB per case (gmsh or getdp), about %.0f MiB with %d at once%n", peak,
                peak * Math.min(parallel, sols.size()), Math.min(parallel, sols.size()));
        out.printf(Locale.ROOT, "  load average     %s before, %s after (1, 5, 15 min)%n", loadBefore, loadAfter);
    }

    static double[] dxList(String text) {
        List<Double> values = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                values.add(Double.parseDouble(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--dx needs numbers separated by commas (nm), got '" + text + "'");
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** User + system CPU seconds of this process's finished children (gmsh, getdp); -1 without /proc. */
    static double childCpuSeconds() {
        return procSelfTimes(13, 14);
    }

    /** User + system CPU seconds of this Java process itself; -1 without /proc. */
    static double ownCpuSeconds() {
        return procSelfTimes(11, 12);
    }

    /**
     * Two tick counts of /proc/self/stat added, in seconds. Indices count from the field after the
     * command name in parentheses (which may hold spaces): utime, stime are fields 14, 15 of proc(5),
     * index 11, 12; cutime, cstime (children the process has waited for) fields 16, 17, index 13, 14.
     */
    private static double procSelfTimes(int a, int b) {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[a]) + Long.parseLong(f[b])) / USER_HZ;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
