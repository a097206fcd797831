package org.onset.sweep.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.onset.instrument.api.Capabilities;
import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.api.TopographyImage;
import org.onset.sweep.api.MapRecipe;
import org.onset.sweep.api.PixelResult;
import org.onset.sweep.api.SweepProgress;
import org.onset.sweep.api.SweepRun;
import org.onset.sweep.api.SweepState;
import org.onset.sweep.benchmark.SweepOverheadBenchmark;
import org.onset.sweep.benchmark.SweepOverheadBenchmark.Figures;

/**
 * The runs behind {@link SweepOverheadBenchmark}: each on a private sweep service (not the
 * registered one) whose map store is either the real HDF5 one, timed, or one that discards.
 */
public final class OverheadMeasurement {

    /** Longest a benchmark run may take; a run on an instrument in real time could be slow. */
    static final Duration RUN_LIMIT = Duration.ofHours(1);

    private OverheadMeasurement() {
    }

    public static Figures measure(SweepOverheadBenchmark.Instruments instruments, MapRecipe recipe, Path dir)
            throws Exception {
        MapRecipe noScans = new MapRecipe(recipe.name(), recipe.instrumentId(), recipe.grid(), recipe.order(),
                recipe.orderSeed(), recipe.ramp(), recipe.cutoff(), recipe.settleSeconds(), recipe.sampleRateHz(),
                recipe.limits(), MapRecipe.TopographyPlan.NONE);
        Files.createDirectories(dir);
        Path file = dir.resolve("sweep-benchmark.h5");
        Path discarded = dir.resolve("sweep-benchmark-discarded.h5"); // named, never created
        Files.deleteIfExists(file);

        run(instruments.fresh(), noScans, discarded, new DiscardingStores()); // JIT warm-up
        AtomicLong storageNanos = new AtomicLong();
        InstrumentDriver second = instruments.fresh();
        SweepRun stored = run(second, noScans, file, new TimedStores(new Hdf5MapStoreFactory(), storageNanos));
        SweepRun discarding = run(instruments.fresh(), noScans, discarded, new DiscardingStores());

        SweepProgress p = stored.progress();
        int n = p.done();
        double samples = stored.pixels().stream().mapToInt(PixelResult::samples).average().orElse(0);
        return new Figures(second.info().name(), n, samples, noScans.sampleRateHz(), ms(p.meanOverhead()),
                storageNanos.get() / 1e6 / n, ms(discarding.progress().meanOverhead()), ms(p.meanPixelTime()),
                Files.size(file) / 1e6);
    }

    private static SweepRun run(InstrumentDriver driver, MapRecipe recipe, Path out, MapStoreFactory stores)
            throws Exception {
        SweepServiceImpl service = new SweepServiceImpl(stores);
        service.addDriver(driver, Map.of(InstrumentDriver.INSTRUMENT_ID, recipe.instrumentId()));
        SweepRun run = service.start(recipe, out, false);
        if (!run.awaitFinished(RUN_LIMIT)) {
            run.abort();
            throw new IllegalStateException("the benchmark map did not finish within " + RUN_LIMIT.toMinutes()
                    + " min");
        }
        if (run.state() != SweepState.COMPLETED) {
            throw new IllegalStateException("the benchmark map ended " + run.state() + ": " + run.progress().reason());
        }
        return run;
    }

    private static double ms(Duration d) {
        return d.toNanos() / 1e6;
    }

    /** Times the appends of a real store. */
    private static final class TimedStores implements MapStoreFactory {
        private final MapStoreFactory real;
        private final AtomicLong nanos;

        TimedStores(MapStoreFactory real, AtomicLong nanos) {
            this.real = real;
            this.nanos = nanos;
        }

        @Override
        public MapStore create(Path file, MapRecipe recipe, Map<String, String> attributes, Capabilities caps)
                throws IOException {
            MapStore s = real.create(file, recipe, attributes, caps);
            return new MapStore() {
                @Override
                public BitSet completed() {
                    return s.completed();
                }

                @Override
                public String recipeJson() {
                    return s.recipeJson();
                }

                @Override
                public void append(PixelResult pixel, Curve curve) throws IOException {
                    long t0 = System.nanoTime();
                    s.append(pixel, curve);
                    nanos.addAndGet(System.nanoTime() - t0);
                }

                @Override
                public boolean hasTopography(String name) {
                    return s.hasTopography(name);
                }

                @Override
                public void writeTopography(String name, TopographyImage image) throws IOException {
                    s.writeTopography(name, image);
                }

                @Override
                public void markComplete() throws IOException {
                    s.markComplete();
                }

                @Override
                public void close() throws IOException {
                    s.close();
                }
            };
        }

        @Override
        public MapStore openForResume(Path file) throws IOException {
            return real.openForResume(file);
        }
    }

    /** Keeps nothing: isolates the loop's own cost from the storage's. */
    private static final class DiscardingStores implements MapStoreFactory {
        @Override
        public MapStore create(Path file, MapRecipe recipe, Map<String, String> attributes, Capabilities caps) {
            return new MapStore() {
                private final BitSet done = new BitSet();

                @Override
                public BitSet completed() {
                    return (BitSet) done.clone();
                }

                @Override
                public String recipeJson() {
                    return attributes.get("recipe");
                }

                @Override
                public void append(PixelResult pixel, Curve curve) {
                    done.set(pixel.index());
                }

                @Override
                public boolean hasTopography(String name) {
                    return false;
                }

                @Override
                public void writeTopography(String name, TopographyImage image) {
                }

                @Override
                public void markComplete() {
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public MapStore openForResume(Path file) throws IOException {
            throw new IOException("a discarding store cannot be resumed");
        }
    }
}
