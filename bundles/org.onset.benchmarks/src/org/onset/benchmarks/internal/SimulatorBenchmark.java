package org.onset.benchmarks.internal;

import java.io.PrintStream;
import java.util.List;

import org.onset.instrument.api.CutoffRule;
import org.onset.instrument.api.RampRequest;
import org.onset.instrument.sim.engine.MapSimulation;
import org.onset.instrument.sim.engine.PixelSimulator;
import org.onset.instrument.sim.engine.SimSettings;
import org.onset.instrument.sim.engine.SimulatedSample;

/**
 * Speed of the simulator engine on the paper's map: 70 × 70 pixels at 20 nm, 0 → −4.2 V at
 * 1.2 V/s sampled at 10 kHz with a −10 pA current compliance. Samples are generated and dropped
 * (engine only: no driver, storage or UI). Real time is the sum of the ramp durations the
 * instrument would need (tip moves and settling not counted).
 */
final class SimulatorBenchmark implements BenchCommand.Benchmark {

    @Override
    public String summary() {
        return "simulator engine: samples/s and the 70 x 70 map, one thread and all cores";
    }

    @Override
    public String options() {
        return "[--grid N (70)] [--threads N (all cores)] [--rate HZ (10000)]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Options o = Options.parse(args, List.of("--grid", "--threads", "--rate"));
        int grid = o.integer("--grid", 70, 1, 100);
        int threads = o.integer("--threads", Runtime.getRuntime().availableProcessors(), 1, 256);
        double rate = o.integer("--rate", 10_000, 1, 1_000_000);
        SimSettings settings = SimSettings.defaults();
        RampRequest ramp = RampRequest.linear(0, -4.2, 1.2, rate, CutoffRule.current(-10e-12));
        out.printf("Simulator engine benchmark: %d x %d pixels at 20 nm, 0 -> -4.2 V at 1.2 V/s, %.0f Hz,"
                + " cutoff -10 pA, tau_L %.0f ms%n", grid, grid, rate, settings.detectionLatency() * 1e3);
        out.printf("Java %s on %s, %d cores%n", System.getProperty("java.vm.version"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors());

        long t0 = System.nanoTime();
        SimulatedSample sample = SimulatedSample.generate(settings);
        double generation = (System.nanoTime() - t0) / 1e9;
        out.printf("sample generation (2 x 2 um, 5 nm grid): %.3f s%n", generation);

        PixelSimulator sim = new PixelSimulator(settings, sample);
        MapSimulation.Grid full = MapSimulation.Grid.centred(sample, grid, 20e-9);
        err.println("warming up the JIT ...");
        MapSimulation.run(sim, MapSimulation.Grid.centred(sample, Math.min(grid, 12), 20e-9), ramp, 1, false);

        err.println("single thread ...");
        // both runs deposit their particles on a clean surface, as a real map does
        sample.clearParticles();
        MapSimulation.Result single = MapSimulation.run(sim, full, ramp, 1, true);
        print(out, "1 thread", single);
        double samplesPerSecond = single.samples() / single.wallSeconds();
        out.printf("simulated samples per second (1 thread): %.1f M samples/s%n", samplesPerSecond / 1e6);

        if (threads > 1) {
            err.println(threads + " threads ...");
            sample.clearParticles();
            MapSimulation.Result parallel = MapSimulation.run(sim, full, ramp, threads, true);
            print(out, threads + " threads", parallel);
            out.printf("speed-up with %d threads: %.2fx (wall clock)%n", threads,
                    single.wallSeconds() / parallel.wallSeconds());
            // equal CPU cost per sample means the threads do not hinder each other: the wall-clock
            // speed-up then only depends on how many cores are free
            out.printf("CPU cost per sample: %.1f ns (1 thread), %.1f ns (%d threads)%n",
                    1e9 * single.cpuSeconds() / single.samples(), 1e9 * parallel.cpuSeconds() / parallel.samples(),
                    threads);
        }
        out.printf("map figures: mean onset %.3f V, spread %.3f V, never fired %.1f %% of %d pixels%n",
                single.meanCutoffBias(), single.cutoffBiasSpread(), 100 * single.neverFiredFraction(), full.size());
        return 0;
    }

    private static void print(PrintStream out, String label, MapSimulation.Result r) {
        out.printf("%-10s map time %.2f s, %.1f M samples, %.1f M samples/s, %.0fx real time (%.2f h of ramps)%n",
                label + ":", r.wallSeconds(), r.samples() / 1e6, r.samples() / r.wallSeconds() / 1e6,
                r.virtualSeconds() / r.wallSeconds(), r.virtualSeconds() / 3600);
        // other processes steal cores: CPU time per wall second shows how many this run really had
        out.printf("%-10s worker CPU %.2f s = %.2f cores busy on average%n", "", r.cpuSeconds(),
                r.cpuSeconds() / r.wallSeconds());
    }

}
