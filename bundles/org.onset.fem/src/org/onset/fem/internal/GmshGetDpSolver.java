package org.onset.fem.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.onset.fem.FemExporter;
import org.onset.fem.FemModel;
import org.onset.fem.FemModelException;
import org.onset.fem.FemModelJson;
import org.onset.fem.FemSolution;
import org.onset.fem.FemSolver;
import org.onset.fem.FieldMap;
import org.onset.fem.FieldProbe;
import org.onset.fem.MapInclusions;
import org.onset.fem.SolverMissingException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Solves with Debian's gmsh (4.8) and getdp (3.2), run as programs: gmsh meshes in MSH 2.2 (the
 * only format this getdp reads), getdp solves with PETSc's conjugate gradients and algebraic
 * multigrid (its default direct solver is many times slower on these meshes). Each case runs in its
 * own directory, single-threaded, so cases of a sweep run side by side.
 */
@Component(service = { FemSolver.class, FemExporter.class })
public final class GmshGetDpSolver implements FemSolver, FemExporter {

    static final String GEO = "model.geo";
    static final String PRO = "model.pro";
    static final String MSH = "model.msh";
    static final String LOG = "solver.log";
    static final String DEBIAN_PACKAGES = "gmsh getdp";

    private final String gmsh;
    private final String getdp;

    @Activate
    public GmshGetDpSolver() {
        this("gmsh", "getdp");
    }

    /** With other programs (a path or a name looked up on PATH). */
    public GmshGetDpSolver(String gmsh, String getdp) {
        this.gmsh = gmsh;
        this.getdp = getdp;
    }

    @Override
    public void checkInstalled() throws SolverMissingException {
        List<String> missing = new ArrayList<>();
        if (!runs(gmsh, "-version")) {
            missing.add(gmsh);
        }
        if (!runs(getdp, "--version")) {
            missing.add(getdp);
        }
        if (!missing.isEmpty()) {
            throw new SolverMissingException("cannot run " + String.join(" and ", missing)
                    + ": the local FEM solve needs the Debian packages " + DEBIAN_PACKAGES
                    + " (as root: apt-get install " + DEBIAN_PACKAGES + "; ./onset installs them when run as root)");
        }
    }

    private static boolean runs(String program, String versionFlag) {
        try {
            Process p = new ProcessBuilder(program, versionFlag).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public List<Path> exportGmshGetDp(FemModel model, Path dir) throws FemModelException, IOException {
        model.validate();
        Files.createDirectories(dir);
        Path geo = dir.resolve(GEO);
        Path pro = dir.resolve(PRO);
        Path json = dir.resolve("model.json");
        Files.writeString(geo, GmshGeometry.geo(model), StandardCharsets.UTF_8);
        Files.writeString(pro, GetDpProblem.pro(model), StandardCharsets.UTF_8);
        Files.writeString(json, FemModelJson.toJson(model), StandardCharsets.UTF_8);
        return List.of(geo, pro, json);
    }

    @Override
    public List<Path> exportComsol(FemModel model, Path dir, Progress progress)
            throws FemModelException, IOException, InterruptedException {
        model.validate();
        checkInstalled();
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>(exportGmshGetDp(model, dir));
        Path log = dir.resolve(LOG);
        Path step = dir.resolve("model.step");
        Path bdf = dir.resolve("model.bdf");
        progress.step("writing the STEP geometry with gmsh");
        run(List.of(gmsh, "-0", GEO, "-o", step.getFileName().toString()), dir, log);
        requireFile(step, "gmsh", log);
        progress.step("meshing for the NASTRAN file with gmsh");
        // property ids of the BDF elements = physical group numbers (slab 1, air 2, tip 10, bottom 11, inclusion N 100+N)
        run(List.of(gmsh, "-3", "-nt", "1", GEO, "-format", "bdf", "-string", "Mesh.SaveElementTagType=2;", "-o",
                bdf.getFileName().toString()), dir, log);
        requireFile(bdf, "gmsh", log);
        Path java = dir.resolve(ComsolJavaModel.CLASS_NAME + ".java");
        Files.writeString(java, ComsolJavaModel.source(model), StandardCharsets.UTF_8);
        files.add(step);
        files.add(bdf);
        files.add(java);
        return files;
    }

    @Override
    public FemSolution solve(FemModel model, Path workDir, Progress progress)
            throws FemModelException, IOException, InterruptedException {
        return solve(model, workDir, progress, String.format(Locale.ROOT, "dx = %s nm", GmshGeometry.num(model.dxNm())));
    }

    /** One case; {@code label} starts its progress messages (the dx of a sweep, the tip position of a field map). */
    private FemSolution solve(FemModel model, Path workDir, Progress progress, String label)
            throws FemModelException, IOException, InterruptedException {
        model.validate();
        checkInstalled();
        exportGmshGetDp(model, workDir);
        Path log = workDir.resolve(LOG);
        Files.deleteIfExists(log);
        progress.step(label + ": meshing");
        long t0 = System.nanoTime();
        double gmshPeak = run(List.of(gmsh, "-3", "-nt", "1", "-format", "msh22", GEO, "-o", MSH), workDir, log);
        double meshSeconds = (System.nanoTime() - t0) / 1e9;
        requireFile(workDir.resolve(MSH), "gmsh", log);
        int[] counts = meshCounts(workDir.resolve(MSH));
        progress.step(String.format(Locale.ROOT, "%s: solving (%d nodes, %d tetrahedra)", label, counts[0], counts[1]));
        long t1 = System.nanoTime();
        double getdpPeak = run(List.of(getdp, PRO, "-msh", MSH, "-solve", "Electrostatics", "-pos", "Fields",
                "-ksp_type", "cg", "-pc_type", "gamg", "-ksp_rtol", "1e-9"), workDir, log);
        double solveSeconds = (System.nanoTime() - t1) / 1e9;
        List<FieldProbe> probes = GetDpOutput.probes(model, workDir);
        FemSolution.AxisProfile axis = GetDpOutput.axis(workDir);
        FemSolution.PlaneField plane = GetDpOutput.plane(model, workDir);
        double peak = Math.max(gmshPeak, getdpPeak);
        progress.step(String.format(Locale.ROOT, "%s: done (mesh %.1f s, solve %.1f s)", label, meshSeconds, solveSeconds));
        return new FemSolution(model, probes, axis, plane,
                new FemSolution.SolveStats(counts[0], counts[1], meshSeconds, solveSeconds, peak), workDir);
    }

    @Override
    public List<FemSolution> sweep(FemModel model, double[] dxNm, int parallelism, Path workDir, Progress progress)
            throws FemModelException, IOException, InterruptedException {
        if (dxNm.length == 0) {
            throw new IllegalArgumentException("a sweep needs at least one dx");
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        for (double dx : dxNm) {
            model.withDx(dx).validate(); // every case before the first is started
        }
        List<FemModel> cases = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (double dx : dxNm) {
            cases.add(model.withDx(dx));
            dirs.add(workDir.resolve("dx_" + GmshGeometry.num(dx)));
            labels.add(String.format(Locale.ROOT, "dx = %s nm", GmshGeometry.num(dx)));
        }
        return solveAll(cases, dirs, labels, parallelism, progress);
    }

    private List<FemSolution> solveAll(List<FemModel> cases, List<Path> dirs, List<String> labels, int parallelism,
            Progress progress)
            throws FemModelException, IOException, InterruptedException {
        checkInstalled();
        int wanted = Math.min(parallelism, cases.size());
        int atOnce = Math.max(1, Math.min(wanted, casesMemoryAllows(meminfo(), CASE_MEMORY_BYTES)));
        if (atOnce < wanted) {
            progress.step(String.format(Locale.ROOT, "%d case%s at once instead of %d: the memory available now holds "
                    + "only %d at up to %d MiB each", atOnce, atOnce == 1 ? "" : "s", wanted, atOnce,
                    CASE_MEMORY_BYTES >> 20));
        }
        ExecutorService pool = Executors.newFixedThreadPool(atOnce, r -> {
            Thread t = new Thread(r, "onset-fem-case");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<FemSolution>> futures = new ArrayList<>();
            for (int k = 0; k < cases.size(); k++) {
                FemModel m = cases.get(k);
                Path dir = dirs.get(k);
                String label = labels.get(k);
                futures.add(pool.submit(() -> solve(m, dir, progress, label)));
            }
            List<FemSolution> out = new ArrayList<>();
            for (Future<FemSolution> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof IOException io) {
                        throw io;
                    }
                    if (c instanceof FemModelException fm) {
                        throw fm;
                    }
                    if (c instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IOException(c);
                }
            }
            return out;
        } finally {
            // on cancel (this thread interrupted) or a failed case: interrupt the other cases, whose
            // programs are then killed, and wait for that so that none outlives the sweep
            pool.shutdownNow();
            boolean interrupted = Thread.interrupted();
            try {
                pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public FieldMap fieldMap(FemModel template, List<FemModel.Inclusion> sample, double[] xNm, double[] yNm, double depthNm,
            int parallelism, Path workDir, Progress progress) throws FemModelException, IOException, InterruptedException {
        if (xNm.length == 0 || yNm.length == 0 || parallelism < 1) {
            throw new IllegalArgumentException("a field map needs tip positions in x and y and parallelism >= 1");
        }
        FemModel probeModel = new FemModel(template.name(), template.slab(), template.inclusions(), template.tip(),
                template.biasV(), 0, template.airHeightNm(), template.mesh(), List.of(depthNm));
        List<FemModel> cases = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int j = 0; j < yNm.length; j++) {
            for (int i = 0; i < xNm.length; i++) {
                FemModel m = MapInclusions.around(probeModel, sample, xNm[i], yNm[j]);
                m.validate();
                cases.add(m);
                dirs.add(workDir.resolve("px_" + i + "_" + j));
                labels.add(String.format(Locale.ROOT, "tip at (%s, %s) nm, %d grains near", GmshGeometry.num(Math.rint(xNm[i])),
                        GmshGeometry.num(Math.rint(yNm[j])), m.inclusions().size()));
            }
        }
        List<FemSolution> sols = solveAll(cases, dirs, labels, parallelism, progress);
        double[][] e = new double[yNm.length][xNm.length];
        for (int k = 0; k < sols.size(); k++) {
            e[k / xNm.length][k % xNm.length] = sols.get(k).probe(depthNm).eVPerNm();
        }
        return new FieldMap(xNm.clone(), yNm.clone(), depthNm, e);
    }

    /**
     * Memory one case may take at its peak, bytes. Measured (gmsh dominates): about 0.4 GiB for the
     * example's 31 k-node mesh, 0.6 GiB for 225 k nodes; 1 GiB leaves a margin.
     */
    static final long CASE_MEMORY_BYTES = 1L << 30;

    /**
     * How many cases fit into the memory available (the {@code MemAvailable} line of /proc/meminfo),
     * at least 1; {@link Integer#MAX_VALUE} when the text does not say (another system).
     */
    static int casesMemoryAllows(String meminfo, long perCaseBytes) {
        for (String line : meminfo.split("\n")) {
            if (line.startsWith("MemAvailable:")) {
                String[] f = line.substring("MemAvailable:".length()).trim().split("\\s+");
                try {
                    long kib = Long.parseLong(f[0]);
                    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, kib * 1024 / perCaseBytes));
                } catch (NumberFormatException e) {
                    return Integer.MAX_VALUE;
                }
            }
        }
        return Integer.MAX_VALUE;
    }

    private static String meminfo() {
        try {
            return Files.readString(Path.of("/proc/meminfo"), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /**
     * Runs a program in {@code dir}, its output appended to {@code log}; returns its peak resident
     * memory in MiB (sampled from /proc; -1 where that is not available).
     */
    private static double run(List<String> command, Path dir, Path log) throws IOException, InterruptedException {
        Files.writeString(log, "\n$ " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        double peakKiB = -1;
        try {
            while (p.isAlive()) {
                peakKiB = Math.max(peakKiB, vmHwmKiB(status));
                if (p.waitFor(50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            // cancelled: the program must not outlive the case (a cancelled sweep leaves no gmsh or getdp behind)
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            throw e;
        }
        int code = p.exitValue();
        String errors = errorLines(log);
        if (code != 0 || !errors.isEmpty()) {
            throw new IOException(command.get(0) + " failed (exit " + code + ")" + (errors.isEmpty() ? "" : ": " + errors)
                    + "; log: " + log);
        }
        return peakKiB < 0 ? -1 : peakKiB / 1024.0;
    }

    private static double vmHwmKiB(Path status) {
        try (BufferedReader r = Files.newBufferedReader(status)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("VmHWM:")) {
                    return Double.parseDouble(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process just ended, or no /proc: the peak stays what was seen
        }
        return -1;
    }

    /** The error lines of the last command in the log (gmsh reports some errors with exit status 0). */
    private static String errorLines(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        int start = 0;
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("$ ")) {
                start = i;
                break;
            }
        }
        List<String> errors = new ArrayList<>();
        for (String l : lines.subList(start, lines.size())) {
            if (l.startsWith("Error") || l.contains("Error   :")) {
                errors.add(l.trim());
            }
        }
        return String.join(" | ", errors.subList(0, Math.min(3, errors.size())));
    }

    private static void requireFile(Path file, String program, Path log) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            throw new IOException(program + " wrote no " + file.getFileName() + "; log: " + log);
        }
    }

    /** Nodes and tetrahedra of an MSH 2.2 file. */
    static int[] meshCounts(Path msh) throws IOException {
        int nodes = -1;
        int tets = 0;
        try (BufferedReader r = Files.newBufferedReader(msh, StandardCharsets.US_ASCII)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.equals("$Nodes")) {
                    nodes = Integer.parseInt(r.readLine().trim());
                } else if (line.equals("$Elements")) {
                    int n = Integer.parseInt(r.readLine().trim());
                    for (int i = 0; i < n; i++) {
                        String e = r.readLine();
                        int a = e.indexOf(' ');
                        int b = e.indexOf(' ', a + 1);
                        if (e.substring(a + 1, b).equals("4")) {
                            tets++;
                        }
                    }
                }
            }
        }
        if (nodes < 0) {
            throw new IOException(msh.getFileName() + " is not an MSH 2.2 mesh (no $Nodes)");
        }
        return new int[] { nodes, tets };
    }
}
