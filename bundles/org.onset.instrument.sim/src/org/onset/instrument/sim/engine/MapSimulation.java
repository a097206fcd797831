package org.onset.instrument.sim.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.onset.instrument.api.RampOutcome.Termination;
import org.onset.instrument.api.RampRequest;
import org.onset.instrument.api.SampleSink;

/**
 * Runs a whole grid of pixels straight on the engine, without driver, positioner or storage: for
 * calibration checks and benchmarks. Pixels are independent (each has its own seeded stream), so
 * the result does not depend on the number of threads; only the order in which particles reach
 * the sample's topography does.
 */
public final class MapSimulation {

    private MapSimulation() {
    }

    /**
     * A rectangular grid of pixel positions, x fastest.
     *
     * @param x0   first column, m
     * @param y0   first row, m
     * @param step spacing, m
     * @param nx   columns
     * @param ny   rows
     */
    public record Grid(double x0, double y0, double step, int nx, int ny) {
        public Grid {
            if (nx < 1 || ny < 1) {
                throw new IllegalArgumentException("grid needs at least 1 x 1 pixels, got " + nx + " x " + ny);
            }
            if (!(step > 0) || !Double.isFinite(step) || !Double.isFinite(x0) || !Double.isFinite(y0)) {
                throw new IllegalArgumentException("grid origin must be finite and step > 0, got (" + x0 + ", " + y0
                        + ") m step " + step + " m");
            }
        }

        /** The grid of {@code n × n} pixels at {@code step}, centred on the sample. */
        public static Grid centred(SimulatedSample sample, int n, double step) {
            double span = (n - 1) * step;
            return new Grid((sample.width() - span) / 2, (sample.height() - span) / 2, step, n, n);
        }

        public int size() {
            return nx * ny;
        }

        public double x(int index) {
            return x0 + (index % nx) * step;
        }

        public double y(int index) {
            return y0 + (index / nx) * step;
        }
    }

    /**
     * The runs of a map.
     *
     * @param grid        the pixel positions
     * @param runs        one run per pixel, index j·nx + i
     * @param wallSeconds elapsed real time, s
     * @param cpuSeconds  CPU time of the worker threads together, s (NaN when the JVM cannot tell);
     *                    well below threads × wall time means the machine was busy with other work
     * @param threads     threads used
     */
    public record Result(Grid grid, List<PixelRun> runs, double wallSeconds, double cpuSeconds, int threads) {

        public Result {
            runs = List.copyOf(runs);
        }

        /** Samples produced over the whole map. */
        public long samples() {
            return runs.stream().mapToLong(r -> r.outcome().samples()).sum();
        }

        /** Instrument time the ramps would take on the real instrument (moves and settling not included), s. */
        public double virtualSeconds() {
            return runs.stream().mapToDouble(r -> r.outcome().durationSeconds()).sum();
        }

        /** Bias at which the cutoff rule fired, the recorded nucleation potential; NaN when it never fired, V. */
        public double cutoffBias(int index) {
            PixelRun r = runs.get(index);
            return r.outcome().termination() == Termination.CUTOFF ? r.outcome().cutoff().bias() : Double.NaN;
        }

        /** Mean of the cutoff biases over the pixels where the rule fired, V. */
        public double meanCutoffBias() {
            return stats()[0];
        }

        /** Standard deviation of the cutoff biases (pixel-to-pixel spread), V. */
        public double cutoffBiasSpread() {
            return stats()[1];
        }

        /** Fraction of pixels where the rule never fired (no nucleation, or too late for the cutoff). */
        public double neverFiredFraction() {
            return 1 - stats()[2] / runs.size();
        }

        private double[] stats() {
            double sum = 0;
            double sum2 = 0;
            int n = 0;
            for (int k = 0; k < runs.size(); k++) {
                double v = cutoffBias(k);
                if (!Double.isNaN(v)) {
                    sum += v;
                    sum2 += v * v;
                    n++;
                }
            }
            double mean = n > 0 ? sum / n : Double.NaN;
            double var = n > 1 ? (sum2 - n * mean * mean) / (n - 1) : Double.NaN;
            return new double[] { mean, Math.sqrt(Math.max(0, var)), n };
        }
    }

    /**
     * Runs every pixel of {@code grid} with {@code request}, discarding the samples, on
     * {@code threads} threads (1: on the calling thread).
     *
     * @param addParticles whether grown particles are added to the sample's topography
     */
    public static Result run(PixelSimulator simulator, Grid grid, RampRequest request, int threads,
            boolean addParticles) {
        Objects.requireNonNull(simulator, "simulator");
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(request, "request");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        long seed = simulator.settings().sampleSeed();
        PixelRun[] runs = new PixelRun[grid.size()];
        AtomicInteger next = new AtomicInteger();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        boolean measureCpu = cpu.isCurrentThreadCpuTimeSupported();
        AtomicLong cpuNanos = new AtomicLong();
        Runnable worker = () -> {
            long cpu0 = measureCpu ? cpu.getCurrentThreadCpuTime() : 0;
            int k;
            while ((k = next.getAndIncrement()) < runs.length) {
                double x = grid.x(k);
                double y = grid.y(k);
                runs[k] = simulator.run(x, y, request, PixelSimulator.pixelSeed(seed, x, y), SampleSink.discard(), null,
                        addParticles);
            }
            if (measureCpu) {
                cpuNanos.addAndGet(cpu.getCurrentThreadCpuTime() - cpu0);
            }
        };
        long start = System.nanoTime();
        if (threads == 1) {
            worker.run();
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    futures.add(pool.submit(worker));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("map simulation interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("map simulation failed: " + e.getCause(), e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        return new Result(grid, List.of(runs), wall, measureCpu ? cpuNanos.get() / 1e9 : Double.NaN, threads);
    }
}
