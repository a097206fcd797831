package org.onset.benchmarks.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.onset.instrument.api.InstrumentDriver;
import org.onset.sweep.api.MapRecipe;
import org.onset.sweep.api.PixelResult;
import org.onset.sweep.api.RecipeCodec;
import org.onset.sweep.api.SweepRun;
import org.onset.sweep.api.SweepService;
import org.onset.sweep.api.SweepState;
import org.onset.sweep.estimate.FastApproach;
import org.onset.sweep.estimate.MapEstimate;
import org.onset.sweep.estimate.MapEstimator;
import org.onset.sweep.estimate.StageTiming;

/**
 * What the fast approach buys: the paper's current-control map (releng/recipes/current-control.json)
 * on two fresh simulated instruments with the same sample, in virtual time, once as recorded and once
 * with a quick first segment to a bias short of the thermodynamic onset; the instrument time of both
 * and a two-sample Kolmogorov–Smirnov test of their onset distributions.
 *
 * <p>Instrument time = the ramps as the instrument ran them (each pixel's samples at the hardware
 * sample rate) + settle, stage moves and topography scans as the simulator counts them
 * ({@link StageTiming#SIMULATOR}); the latter are the same in both runs.
 */
final class ApproachBenchmark implements BenchCommand.Benchmark {

    static final String RECIPE = "releng/recipes/current-control.json";

    private final Supplier<SimulatedInstruments> instruments;
    private final SweepService sweeps;
    private final RecipeCodec codec;

    ApproachBenchmark(Supplier<SimulatedInstruments> instruments, SweepService sweeps, RecipeCodec codec) {
        this.instruments = instruments;
        this.sweeps = sweeps;
        this.codec = codec;
    }

    @Override
    public String summary() {
        return "fast approach: instrument time of the paper's current-control map with and without it, KS test of the onsets";
    }

    @Override
    public String options() {
        return "[--recipe FILE (" + RECIPE + ")] [--approach V (-2.8)] [--approach-rate V/s (the recipe's max rate)]"
                + " [--grid N (the recipe's)]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Options o = Options.parse(args, List.of("--recipe", "--approach", "--approach-rate", "--grid"));
        Path file = recipeFile(o.text("--recipe", null));
        MapRecipe recipe = codec.read(file);
        int grid = o.integer("--grid", recipe.grid().nx(), 1, 10_000);
        if (grid != recipe.grid().nx() || grid != recipe.grid().ny()) {
            var g = recipe.grid();
            recipe = new MapRecipe(recipe.name(), recipe.instrumentId(),
                    new org.onset.map.api.Grid(grid, grid, g.x0(), g.y0(), g.dx(), g.dy()), recipe.order(),
                    recipe.orderSeed(), recipe.ramp(), recipe.cutoff(), recipe.settleSeconds(), recipe.sampleRateHz(),
                    recipe.limits(), recipe.topography());
        }
        double sign = Math.signum(recipe.ramp().minVolts() < 0 ? -1 : 1);
        FastApproach approach = new FastApproach(o.number("--approach", sign * 2.8, -1000, 1000),
                o.number("--approach-rate", recipe.limits().maxRateVoltsPerSecond(), 1e-6, 1e6));
        List<String> problems = approach.problems(recipe.ramp());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the fast approach does not fit the recipe: " + String.join("; ", problems));
        }
        MapRecipe fast = FastApproach.withRamp(recipe, approach.applyTo(recipe.ramp()));
        err.printf("onset bench approach: %s (%d x %d) twice on fresh simulated instruments in virtual time ...%n",
                file, recipe.grid().nx(), recipe.grid().ny());
        Path dir = Files.createTempDirectory("onset-bench-approach");
        try (SimulatedInstruments sims = instruments.get()) {
            Result without = measure(sims.fresh(), recipe, dir.resolve("without.h5"));
            Result with = measure(sims.fresh(), fast, dir.resolve("with.h5"));
            MapEstimate eWithout = MapEstimator.estimate(recipe, StageTiming.SIMULATOR, MapEstimator.PAPER_ONSET_VOLTS);
            MapEstimate eWith = MapEstimator.estimate(fast, StageTiming.SIMULATOR, MapEstimator.PAPER_ONSET_VOLTS);
            double overhead = eWithout.overheadSeconds();
            out.printf("recipe: %s%n  %d x %d = %d pixels, ramp %.2f -> %.2f V at %.3g V/s, cutoff %s%n", file,
                    recipe.grid().nx(), recipe.grid().ny(), recipe.pixelCount(), recipe.ramp().startVolts(),
                    recipe.ramp().minVolts(), recipe.ramp().maxRate(), recipe.cutoff().describe());
            out.printf("fast approach: 0 -> %.2f V at %.3g V/s (thermodynamic onset %.2f V), then the recipe's rate%n",
                    approach.approachVolts(), approach.approachRate(), FastApproach.THERMODYNAMIC_ONSET_VOLTS);
            out.printf("%-44s %22s %22s%n", "", "without", "with approach");
            row(out, "ramp time, measured (samples / rate)", without.rampSeconds, with.rampSeconds);
            row(out, "settle + moves + topography", overhead, overhead);
            row(out, "instrument time, total", without.rampSeconds + overhead, with.rampSeconds + overhead);
            row(out, "instrument time, estimated before start", eWithout.instrumentSecondsExpected(),
                    eWith.instrumentSecondsExpected());
            out.printf("%-44s %22.1f %22.1f%n", "mean ramp per pixel [ms]", 1e3 * without.rampSeconds / without.pixels,
                    1e3 * with.rampSeconds / with.pixels);
            out.printf("%-44s %22.3f %22.3f%n", "nucleated fraction", without.fraction(), with.fraction());
            out.printf("%-44s %22.3f %22.3f%n", "median onset bias [V]", median(without.onsets), median(with.onsets));
            out.printf("%-44s %22.1f %22.1f%n", "wall time [s]", without.wallSeconds, with.wallSeconds);
            out.printf("%-44s %22d %22d%n", "map file [bytes]", without.bytes, with.bytes);
            out.printf("%-44s %22d %22d%n", "map file estimated [bytes]", eWithout.bytesExpected(), eWith.bytesExpected());
            double saved = without.rampSeconds - with.rampSeconds;
            out.printf("saved: %.0f s of instrument time (%s, %.1f %% of the map; promised %.3f s per pixel, measured %.3f s)%n",
                    saved, MapEstimate.duration(saved), 100 * saved / (without.rampSeconds + overhead),
                    approach.savedSecondsPerPixel(recipe.ramp()), saved / without.pixels);
            KolmogorovSmirnov ks = KolmogorovSmirnov.test(without.onsets, with.onsets);
            out.printf("two-sample Kolmogorov-Smirnov test of the onset biases (n = %d, m = %d): D = %.4f, p = %.3g -> %s%n",
                    ks.n(), ks.m(), ks.d(), ks.p(), ks.p() >= 0.05 ? "no difference detected at the 5 % level"
                            : "the distributions differ at the 5 % level");
        } finally {
            TempFiles.deleteTree(dir);
        }
        return 0;
    }

    private static void row(PrintStream out, String label, double a, double b) {
        out.printf("%-44s %22s %22s%n", label, String.format("%.0f s (%s)", a, MapEstimate.duration(a)),
                String.format("%.0f s (%s)", b, MapEstimate.duration(b)));
    }

    private record Result(int pixels, double rampSeconds, double[] onsets, int fired, double wallSeconds, long bytes) {
        double fraction() {
            return pixels == 0 ? 0 : (double) fired / pixels;
        }
    }

    private Result measure(InstrumentDriver driver, MapRecipe recipe, Path file) throws Exception {
        MapRecipe r = new MapRecipe(recipe.name(), driver.info().id(), recipe.grid(), recipe.order(), recipe.orderSeed(),
                recipe.ramp(), recipe.cutoff(), recipe.settleSeconds(), recipe.sampleRateHz(), recipe.limits(),
                recipe.topography());
        long t0 = System.nanoTime();
        SweepRun run = sweeps.start(r, file, false);
        if (!run.awaitFinished(Duration.ofHours(2)) || run.state() != SweepState.COMPLETED) {
            run.abort();
            throw new IOException("the map did not complete: " + run.state() + " " + run.progress().reason());
        }
        double wall = (System.nanoTime() - t0) * 1e-9;
        List<PixelResult> pixels = run.pixels();
        double ramp = 0;
        int fired = 0;
        double[] onsets = new double[pixels.size()];
        for (PixelResult p : pixels) {
            ramp += Math.max(0, p.samples() - 1) / recipe.sampleRateHz();
            if (p.fired()) {
                onsets[fired++] = p.onsetBias();
            }
        }
        return new Result(pixels.size(), ramp, java.util.Arrays.copyOf(onsets, fired), fired, wall, Files.size(file));
    }

    private static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** The named file, or the example recipe found above the working directory or the installation. */
    static Path recipeFile(String named) throws IOException {
        if (named != null) {
            Path p = Path.of(named);
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("no recipe file " + p.toAbsolutePath());
            }
            return p;
        }
        for (String start : new String[] { System.getProperty("onset.shared.dir"), "",
                System.getProperty("osgi.install.area", "").replaceFirst("^file:", "") }) {
            if (start == null) {
                continue;
            }
            for (Path d = Path.of(start).toAbsolutePath(); d != null; d = d.getParent()) {
                if (Files.isRegularFile(d.resolve(RECIPE))) {
                    return d.resolve(RECIPE);
                }
            }
        }
        throw new IllegalArgumentException("cannot find " + RECIPE + " above the working directory or the installation;"
                + " name it with --recipe FILE");
    }
}
