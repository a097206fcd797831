package org.onset.batch.internal.fem;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.onset.batch.BatchCommand;
import org.onset.fem.FemExporter;
import org.onset.fem.FemModel;
import org.onset.fem.FemModelException;
import org.onset.fem.FemModelJson;
import org.onset.fem.FemSolution;
import org.onset.fem.FemSolver;
import org.onset.fem.FieldProbe;
import org.onset.fem.SweepHdf5;
import org.onset.plot.Axis;
import org.onset.plot.Series;
import org.onset.plot.XYFigure;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * {@code onset fem export|solve|sweep}: the tip–inclusion electrostatics of the paper's Fig. 6 from
 * a model file, exported for Gmsh/GetDP and COMSOL or solved here with gmsh and getdp. Results on
 * stdout, progress on stderr, each solver's output in the case directory's {@code solver.log}.
 */
@Component(service = BatchCommand.class)
public final class FemCommand implements BatchCommand {

    static final String DEFAULT_OUT = "onset-fem";

    private final FemSolver solver;
    private final FemExporter exporter;

    @Activate
    public FemCommand(@Reference FemSolver solver, @Reference FemExporter exporter) {
        this.solver = solver;
        this.exporter = exporter;
    }

    @Override
    public String name() {
        return "fem";
    }

    @Override
    public String summary() {
        return "electrostatic FEM model of tip and inclusions (Fig. 6): export, solve, dx sweep";
    }

    @Override
    public String usage() {
        return """
                usage: onset fem export MODEL.json -o DIR [--no-comsol]
                       onset fem solve  MODEL.json [--dx NM] [--json] [--refine F] [-o DIR]
                       onset fem sweep  MODEL.json --dx NM,NM,... [--json] [--parallel N] [--refine F] [-o DIR]
                       onset fem convergence MODEL.json [--dx NM,... (0,160,400)] [--finer F (1.5)] [--json] [-o DIR]
                  MODEL.json   the model (example: releng/fem/fig6-model.json; fields in releng/fem/README.md)
                  export       Gmsh .geo + GetDP .pro, and for COMSOL model.step, model.bdf and OnsetFemModel.java
                  solve        mesh and solve with gmsh and getdp (Debian packages gmsh, getdp); prints |E| in V/nm
                               at the model's probe depths on the tip axis
                  sweep        the same at each lateral offset dx of the inclusions (Fig. 6b); cases run in parallel
                  convergence  the sweep on the model's mesh and on one F times finer (every size / F): each point at
                               both, its change in %, and the cases' node counts (convergence.json in -o DIR)
                  --dx         lateral offset(s) of the inclusions, nm (solve: replaces the model's dx_nm)
                  --json       results as JSON: {"points": [{"dx_nm", "depth_nm", "E_V_per_nm"}, ...], ...}
                  --refine F   every mesh size divided by F (convergence checks: 1.5 = finer, 0.67 = coarser)
                  --parallel   cases at once (default: 2, or 1 on a single core)
                  -o DIR       where case directories (mesh, solver.log) and results (sweep.json, sweep.csv, sweep.h5,
                               and for a sweep the plot sweep.svg / sweep.png) go (default: onset-fem/)
                An invalid model is reported field by field (exit 2); a missing gmsh/getdp names the packages (exit 1).""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("missing subcommand: export, solve, sweep or convergence");
        }
        String sub = args.get(0);
        Path modelFile = null;
        Path outDir = null;
        String dxText = null;
        boolean json = false;
        boolean comsol = true;
        double refine = 1;
        double finer = 1.5;
        int parallel = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--json" -> json = true;
                case "--no-comsol" -> comsol = false;
                case "-o", "--out" -> outDir = Path.of(value(args, ++i, a));
                case "--dx" -> dxText = value(args, ++i, a);
                case "--refine" -> refine = meshFactor(value(args, ++i, a), a, 0, "a positive number");
                case "--finer" -> finer = meshFactor(value(args, ++i, a), a, 1, "a number > 1");
                case "--parallel" -> {
                    try {
                        parallel = Integer.parseInt(value(args, ++i, a));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--parallel needs a whole number");
                    }
                    if (parallel < 1) {
                        throw new IllegalArgumentException("--parallel must be at least 1");
                    }
                }
                default -> {
                    if (a.startsWith("-") || modelFile != null) {
                        throw new IllegalArgumentException("unknown argument '" + a + "'");
                    }
                    modelFile = Path.of(a);
                }
            }
        }
        if (modelFile == null) {
            throw new IllegalArgumentException("missing MODEL.json");
        }
        FemModel model;
        try {
            model = FemModelJson.read(modelFile);
            if (refine != 1) {
                model = model.withMesh(model.mesh().refinedBy(refine));
                model.validate();
            }
        } catch (FemModelException e) {
            err.println("onset fem: " + e.getMessage());
            return USAGE;
        }
        try {
            return switch (sub) {
                case "export" -> export(model, require(outDir, "export needs -o DIR"), comsol, out, err);
                case "solve" -> solve(dxText == null ? model : model.withDx(single(dxText)),
                        outDir == null ? Path.of(DEFAULT_OUT) : outDir, json, out, err);
                case "sweep" -> sweep(model, dxList(require(dxText, "sweep needs --dx NM,NM,...")), parallel,
                        outDir == null ? Path.of(DEFAULT_OUT) : outDir, json, out, err);
                case "convergence" -> convergence(model, dxList(dxText == null ? "0,160,400" : dxText), finer, parallel,
                        outDir == null ? Path.of(DEFAULT_OUT) : outDir, json, out, err);
                default -> throw new IllegalArgumentException("unknown subcommand '" + sub
                        + "' (export, solve, sweep, convergence)");
            };
        } catch (FemModelException e) {
            err.println("onset fem: " + e.getMessage());
            return USAGE;
        }
    }

    private int export(FemModel model, Path dir, boolean comsol, PrintStream out, PrintStream err)
            throws FemModelException, IOException, InterruptedException {
        List<Path> files = new ArrayList<>(comsol ? exporter.exportComsol(model, dir, m -> err.println("onset fem: " + m))
                : exporter.exportGmshGetDp(model, dir));
        for (Path f : files) {
            out.println(f);
        }
        return 0;
    }

    private int solve(FemModel model, Path dir, boolean json, PrintStream out, PrintStream err)
            throws FemModelException, IOException, InterruptedException {
        Path caseDir = dir.resolve("dx_" + plain(model.dxNm()));
        FemSolution s = solver.solve(model, caseDir, m -> err.println("onset fem: " + m));
        writeResults(List.of(s), dir);
        if (json) {
            out.println(json(List.of(s)));
        } else {
            printTable(List.of(s), out);
        }
        err.println("onset fem: case files and solver.log in " + caseDir);
        return 0;
    }

    private int sweep(FemModel model, double[] dx, int parallel, Path dir, boolean json, PrintStream out,
            PrintStream err) throws FemModelException, IOException, InterruptedException {
        long t0 = System.nanoTime();
        int[] done = { 0 };
        List<FemSolution> sols = solver.sweep(model, dx, parallel, dir, m -> {
            synchronized (done) {
                if (m.contains(": done")) {
                    done[0]++;
                }
                err.println(String.format(Locale.ROOT, "onset fem: [%d/%d] %s", done[0], dx.length, m));
            }
        });
        writeResults(sols, dir);
        if (json) {
            out.println(json(sols));
        } else {
            printTable(sols, out);
        }
        err.println(String.format(Locale.ROOT, "onset fem: %d cases in %.1f s (%d at once); results in %s (sweep.json, sweep.csv, sweep.h5, sweep.svg, sweep.png),"
                + " solver logs in %s/dx_*/solver.log", sols.size(), (System.nanoTime() - t0) / 1e9, parallel,
                dir, dir));
        return 0;
    }

    /**
     * Mesh convergence: the same sweep on the model's mesh and on one {@code finer} times finer, each
     * point at both with its change. The first-order field differs from element to element, so the
     * probes are central differences of the potential (see FemSolution); what this reports is how much
     * those still move when every element size shrinks.
     */
    private int convergence(FemModel model, double[] dx, double finer, int parallel, Path dir, boolean json,
            PrintStream out, PrintStream err) throws FemModelException, IOException, InterruptedException {
        FemModel fine = model.withMesh(model.mesh().refinedBy(finer));
        fine.validate();
        List<List<FemSolution>> levels = new ArrayList<>();
        String[] names = { "base", "finer" };
        FemModel[] models = { model, fine };
        for (int level = 0; level < 2; level++) {
            String name = names[level];
            int[] done = { 0 };
            levels.add(solver.sweep(models[level], dx, parallel, dir.resolve(name), m -> {
                synchronized (done) {
                    if (m.contains(": done")) {
                        done[0]++;
                    }
                    err.println(String.format(Locale.ROOT, "onset fem: %s mesh [%d/%d] %s", name, done[0], dx.length, m));
                }
            }));
        }
        JsonObject root = new JsonObject();
        root.addProperty("refinement", finer);
        JsonArray points = new JsonArray();
        JsonArray cases = new JsonArray();
        double worst = 0;
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%8s %10s %14s %14s %9s%n", "dx (nm)", "depth (nm)",
                "|E| base", "|E| finer", "change"));
        for (int k = 0; k < dx.length; k++) {
            FemSolution a = levels.get(0).get(k);
            FemSolution b = levels.get(1).get(k);
            for (FieldProbe p : a.probes()) {
                double eb = b.probe(p.depthNm()).eVPerNm();
                double change = (eb - p.eVPerNm()) / p.eVPerNm();
                worst = Math.max(worst, Math.abs(change));
                JsonObject o = new JsonObject();
                o.addProperty("dx_nm", p.dxNm());
                o.addProperty("depth_nm", p.depthNm());
                o.addProperty("E_base_V_per_nm", p.eVPerNm());
                o.addProperty("E_finer_V_per_nm", eb);
                o.addProperty("change_percent", Math.round(change * 1e4) / 100.0);
                points.add(o);
                table.append(String.format(Locale.ROOT, "%8s %10s %14.6g %14.6g %+8.2f%%%n", plain(p.dxNm()),
                        plain(p.depthNm()), p.eVPerNm(), eb, 100 * change));
            }
            for (int level = 0; level < 2; level++) {
                FemSolution s = levels.get(level).get(k);
                JsonObject c = new JsonObject();
                c.addProperty("mesh", names[level]);
                c.addProperty("dx_nm", s.model().dxNm());
                c.addProperty("nodes", s.stats().nodes());
                c.addProperty("tetrahedra", s.stats().tetrahedra());
                c.addProperty("mesh_s", round(s.stats().meshSeconds()));
                c.addProperty("solve_s", round(s.stats().solveSeconds()));
                c.addProperty("peak_memory_MiB", round(s.stats().peakMemoryMiB()));
                cases.add(c);
            }
        }
        root.add("points", points);
        root.add("cases", cases);
        root.addProperty("largest_change_percent", Math.round(worst * 1e4) / 100.0);
        String text = new GsonBuilder().setPrettyPrinting().create().toJson(root);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("convergence.json"), text + "\n", StandardCharsets.UTF_8);
        if (json) {
            out.println(text);
        } else {
            out.print(table);
            for (int k = 0; k < dx.length; k++) {
                out.println(String.format(Locale.ROOT, "dx %s nm: %d nodes on the base mesh, %d on the finer one (sizes / %s)",
                        plain(dx[k]), levels.get(0).get(k).stats().nodes(), levels.get(1).get(k).stats().nodes(), plain(finer)));
            }
            out.println(String.format(Locale.ROOT, "largest change: %.2f %%", 100 * worst));
        }
        err.println("onset fem: convergence.json and the case files in " + dir + " (base/, finer/)");
        return 0;
    }

    private static void printTable(List<FemSolution> sols, PrintStream out) {
        out.println(String.format(Locale.ROOT, "%8s %10s %14s %12s", "dx (nm)", "depth (nm)", "|E| (V/nm)", "V (V)"));
        for (FemSolution s : sols) {
            for (FieldProbe p : s.probes()) {
                out.println(String.format(Locale.ROOT, "%8s %10s %14.6g %12.6f", plain(p.dxNm()), plain(p.depthNm()),
                        p.eVPerNm(), p.potentialV()));
            }
        }
    }

    static String json(List<FemSolution> sols) {
        JsonObject root = new JsonObject();
        JsonArray points = new JsonArray();
        JsonArray cases = new JsonArray();
        for (FemSolution s : sols) {
            for (FieldProbe p : s.probes()) {
                JsonObject o = new JsonObject();
                o.addProperty("dx_nm", p.dxNm());
                o.addProperty("depth_nm", p.depthNm());
                o.addProperty("E_V_per_nm", p.eVPerNm());
                o.addProperty("potential_V", p.potentialV());
                points.add(o);
            }
            JsonObject c = new JsonObject();
            c.addProperty("dx_nm", s.model().dxNm());
            c.addProperty("nodes", s.stats().nodes());
            c.addProperty("tetrahedra", s.stats().tetrahedra());
            c.addProperty("mesh_s", round(s.stats().meshSeconds()));
            c.addProperty("solve_s", round(s.stats().solveSeconds()));
            c.addProperty("peak_memory_MiB", round(s.stats().peakMemoryMiB()));
            c.addProperty("dir", s.workDir().toString());
            cases.add(c);
        }
        root.add("points", points);
        root.add("cases", cases);
        root.addProperty("bias_V", sols.get(0).model().biasV());
        root.addProperty("field_estimate", "central differences of the potential over ±" + plain(FemSolution.STENCIL_NM)
                + " nm, first-order elements");
        return new GsonBuilder().setPrettyPrinting().create().toJson(root);
    }

    private static void writeResults(List<FemSolution> sols, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("sweep.json"), json(sols) + "\n", StandardCharsets.UTF_8);
        StringBuilder csv = new StringBuilder("dx_nm,depth_nm,E_V_per_nm,potential_V\n");
        for (FemSolution s : sols) {
            for (FieldProbe p : s.probes()) {
                csv.append(String.format(Locale.ROOT, "%s,%s,%.6g,%.6f%n", plain(p.dxNm()), plain(p.depthNm()), p.eVPerNm(),
                        p.potentialV()));
            }
        }
        Files.writeString(dir.resolve("sweep.csv"), csv, StandardCharsets.UTF_8);
        SweepHdf5.write(sols, dir.resolve("sweep.h5"));
        if (sols.size() > 1) {
            XYFigure plot = sweepFigure(sols);
            plot.writeSvg(dir.resolve("sweep.svg"));
            plot.writePng(dir.resolve("sweep.png"));
        }
    }

    /**
     * Fig. 6b: |E| on the tip axis against dx, one line per probe depth (SI units on the axes; |E| on a
     * log axis, since it falls tenfold from 10 to 100 nm deep and each line's dip would vanish on a
     * linear one).
     */
    static XYFigure sweepFigure(List<FemSolution> sols) {
        XYFigure f = new XYFigure().title(String.format(Locale.ROOT, "|E| on the tip axis against the inclusions' offset dx"
                + " (tip at %s V)", plain(sols.get(0).model().biasV()))).axes(Axis.of("dx", "m"), Axis.of("|E|", "V/m"))
                .log(false, true);
        for (FieldProbe first : sols.get(0).probes()) {
            double depth = first.depthNm();
            double[] x = new double[sols.size()];
            double[] y = new double[sols.size()];
            for (int k = 0; k < sols.size(); k++) {
                x[k] = sols.get(k).model().dxNm() * 1e-9;
                y[k] = sols.get(k).probe(depth).eVPerNm() * 1e9;
            }
            f.add(new Series(plain(depth) + " nm deep", x, y, Series.AUTO_COLOUR, true));
        }
        return f;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** A factor every mesh size is divided by: finite and above {@code above}, which {@code what} says in words. */
    private static double meshFactor(String text, String option, double above, String what) {
        double f;
        try {
            f = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs " + what + " (e.g. 1.5: every mesh size / 1.5)");
        }
        if (!(f > above) || Double.isInfinite(f)) {
            throw new IllegalArgumentException(option + " must be " + what);
        }
        return f;
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static <T> T require(T value, String message) {
        if (value == null) {
            throw new IllegalArgumentException(message);
        }
        return value;
    }

    private static double single(String text) {
        double[] d = dxList(text);
        if (d.length != 1) {
            throw new IllegalArgumentException("solve takes one --dx value; use sweep for several");
        }
        return d[0];
    }

    static double[] dxList(String text) {
        String[] parts = text.split(",");
        double[] d = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                d[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--dx: '" + parts[i] + "' is not a number (nm)");
            }
            if (!Double.isFinite(d[i])) {
                throw new IllegalArgumentException("--dx: '" + parts[i] + "' is not a finite number (nm)");
            }
        }
        return d;
    }
}
