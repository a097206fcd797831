package org.onset.benchmarks.internal;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import org.onset.instrument.api.CutoffRule;
import org.onset.map.api.Grid;
import org.onset.sweep.api.MapRecipe;
import org.onset.sweep.api.MapRecipe.Ramp;
import org.onset.sweep.api.MapRecipe.SafetyLimits;
import org.onset.sweep.api.MapRecipe.TopographyPlan;
import org.onset.sweep.api.PixelOrder;

/**
 * Software overhead per pixel of the sweep loop on the simulator in virtual time (the instrument
 * takes no wall time, so what is left is the software's), with a real HDF5 file and without
 * storage: the paper's ramp (0 → −4.2 V at 1.2 V/s, −10 pA) at 10 kHz on an N × N grid at 20 nm.
 */
final class SweepBenchmark implements BenchCommand.Benchmark {

    /** The simulated sample is 2 µm wide. */
    static final double SAMPLE_NM = 2000;
    static final double SPACING_NM = 20;

    private final Supplier<SimulatedInstruments> instruments;
    private final SweepOverheadBenchmark overhead;

    SweepBenchmark(Supplier<SimulatedInstruments> instruments, SweepOverheadBenchmark overhead) {
        this.instruments = instruments;
        this.overhead = overhead;
    }

    @Override
    public String summary() {
        return "sweep loop: software overhead per pixel, with HDF5 and without storage, on the simulator";
    }

    @Override
    public String options() {
        return "[--grid N (20)] [--rate HZ (10000)]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Options o = Options.parse(args, List.of("--grid", "--rate"));
        int grid = o.integer("--grid", 20, 1, (int) (SAMPLE_NM / SPACING_NM));
        int rate = o.integer("--rate", 10_000, 100, 100_000);
        double origin = Math.max(0, (SAMPLE_NM - (grid - 1) * SPACING_NM) / 2) * 1e-9;
        MapRecipe recipe = new MapRecipe("onset bench sweep", "onset-bench-sweep",
                new Grid(grid, grid, origin, origin, SPACING_NM * 1e-9, SPACING_NM * 1e-9), PixelOrder.SERPENTINE, 0,
                Ramp.linear(0, -4.2, 1.2), CutoffRule.current(-10e-12), 0.1, rate, new SafetyLimits(-5, 1, 5, 10),
                TopographyPlan.NONE);
        Path dir = Files.createTempDirectory("onset-bench-sweep");
        err.printf("onset bench sweep: %d x %d pixels, three runs (warm-up, HDF5, no storage) on fresh simulated"
                + " instruments in virtual time ...%n", grid, grid);
        try (SimulatedInstruments sims = instruments.get()) {
            SweepOverheadBenchmark.Figures f = overhead.measure(sims::fresh, recipe, dir);
            out.println(f.report());
        } finally {
            TempFiles.deleteTree(dir);
        }
        return 0;
    }
}
