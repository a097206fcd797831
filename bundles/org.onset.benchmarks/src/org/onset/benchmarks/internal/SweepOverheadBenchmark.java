package org.onset.benchmarks.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.onset.instrument.api.ChannelSpec;
import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.api.TopographyImage;
import org.onset.map.api.Grid;
import org.onset.map.api.MapStore;
import org.onset.map.api.MapStoreFactory;
import org.onset.map.api.PixelRecord;
import org.onset.sweep.api.MapRecipe;
import org.onset.sweep.api.PixelResult;
import org.onset.sweep.api.SweepProgress;
import org.onset.sweep.api.SweepRun;
import org.onset.sweep.api.SweepService;
import org.onset.sweep.api.SweepState;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.ComponentInstance;

/**
 * Software overhead per pixel of the sweep loop: everything the software adds to a pixel outside
 * the driver calls (pixel order, watchdog hand-off, curve assembly, map-file append and flush,
 * event). The same recipe runs three times, each time on a fresh instrument: once to warm up the
 * JIT (not counted), once writing a real map file, once discarding the pixels (the loop's own
 * cost). Goal: at most {@value #GOAL_MS} ms per pixel.
 *
 * <p>Each run is on a sweep service of its own, made by the sweep bundle's private component
 * factory and never registered, bound to the run's instrument and to a map store of the
 * benchmark's (the real one, timed, or one that discards), registered for that run only.
 */
final class SweepOverheadBenchmark {

    /** The goal for the software overhead per pixel, map-file storage included, ms. */
    static final double GOAL_MS = 1.0;
    /** {@code component.factory} of the sweep bundle's private sweep services. */
    static final String PRIVATE_SWEEPS = "org.onset.sweep.private";
    /** Longest a benchmark run may take; a run on an instrument in real time could be slow. */
    static final Duration RUN_LIMIT = Duration.ofHours(1);

    /** Gives a new instrument for each run, so that one run's traces (deposits on a simulated sample) do not change the next. */
    @FunctionalInterface
    interface Instruments {
        /** A driver registered as a service whose {@code instrument.id} is its {@code info().id()}. */
        InstrumentDriver fresh() throws Exception;
    }

    /**
     * What one benchmark measured.
     *
     * @param instrument             the instrument's name
     * @param pixels                 pixels per run
     * @param samplesPerPixel        mean samples per pixel (each with time, bias, current, height)
     * @param sampleRateHz           acquisition rate, Hz
     * @param overheadMs             software overhead per pixel with HDF5 storage, ms
     * @param storageMs              of which the HDF5 append and flush, ms per pixel
     * @param overheadNoStorageMs    software overhead per pixel when pixels are discarded, ms
     * @param wallPerPixelMs         wall time per pixel with HDF5 storage, driver included, ms
     * @param fileMB                 size of the HDF5 file, MB (10^6 bytes)
     */
    record Figures(String instrument, int pixels, double samplesPerPixel, double sampleRateHz, double overheadMs,
            double storageMs, double overheadNoStorageMs, double wallPerPixelMs, double fileMB) {

        /** The figures, one per line, each with its unit. */
        String report() {
            return String.format(Locale.ROOT, """
                    Sweep software overhead: %d pixels, %.0f samples per pixel (4 channels, %.0f Hz), on %s
                      per pixel with HDF5 storage:  %.3f ms (HDF5 append + flush %.3f ms)   goal <= %.0f ms: %s
                      per pixel without storage:    %.3f ms
                      wall time per pixel:          %.3f ms (driver included)
                      HDF5 file:                    %.1f MB (%.3f MB per pixel)""", pixels, samplesPerPixel,
                    sampleRateHz, instrument, overheadMs, storageMs, GOAL_MS, overheadMs <= GOAL_MS ? "met" : "missed",
                    overheadNoStorageMs, wallPerPixelMs, fileMB, fileMB / pixels);
        }
    }

    private final MapStoreFactory stores;
    private final ComponentFactory<SweepService> sweeps;
    private final BundleContext context;

    /**
     * @param stores  the real map-file store factory
     * @param sweeps  the sweep bundle's factory of private sweep services ({@value #PRIVATE_SWEEPS})
     * @param context where the run's map store is registered for its private sweep service
     */
    SweepOverheadBenchmark(MapStoreFactory stores, ComponentFactory<SweepService> sweeps, BundleContext context) {
        this.stores = stores;
        this.sweeps = sweeps;
        this.context = context;
    }

    /**
     * Runs the benchmark.
     *
     * @param instruments gives the instrument of each run; the recipe is run under its id
     * @param recipe      the map of each run (no topography scans are made)
     * @param dir         where the map file is written (sweep-benchmark.h5, replaced; delete it afterwards)
     * @throws IllegalStateException when a run does not complete, with its reason
     */
    Figures measure(Instruments instruments, MapRecipe recipe, Path dir) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve("sweep-benchmark.h5");
        Path discarded = dir.resolve("sweep-benchmark-discarded.h5"); // named, never created
        Files.deleteIfExists(file);

        run(instruments.fresh(), recipe, discarded, new DiscardingStores()); // JIT warm-up
        AtomicLong storageNanos = new AtomicLong();
        InstrumentDriver second = instruments.fresh();
        SweepRun stored = run(second, recipe, file, new TimedStores(stores, storageNanos));
        SweepRun discarding = run(instruments.fresh(), recipe, discarded, new DiscardingStores());

        SweepProgress p = stored.progress();
        int n = p.done();
        double samples = stored.pixels().stream().mapToInt(PixelResult::samples).average().orElse(0);
        return new Figures(second.info().name(), n, samples, recipe.sampleRateHz(), ms(p.meanOverhead()),
                storageNanos.get() / 1e6 / n, ms(discarding.progress().meanOverhead()), ms(p.meanPixelTime()),
                Files.size(file) / 1e6);
    }

    /** One map on a private sweep service bound to {@code driver} and {@code store} only. */
    private SweepRun run(InstrumentDriver driver, MapRecipe recipe, Path out, MapStoreFactory store)
            throws Exception {
        String id = driver.info().id();
        MapRecipe r = new MapRecipe(recipe.name(), id, recipe.grid(), recipe.order(), recipe.orderSeed(),
                recipe.ramp(), recipe.cutoff(), recipe.settleSeconds(), recipe.sampleRateHz(), recipe.limits(),
                MapRecipe.TopographyPlan.NONE);
        String token = UUID.randomUUID().toString();
        Dictionary<String, Object> storeProperties = new Hashtable<>();
        storeProperties.put("onset.benchmark.store", token);
        storeProperties.put(Constants.SERVICE_RANKING, Integer.MIN_VALUE); // never preferred by anyone else
        ServiceRegistration<MapStoreFactory> registration = context.registerService(MapStoreFactory.class, store,
                storeProperties);
        ComponentInstance<SweepService> instance = null;
        try {
            Dictionary<String, Object> targets = new Hashtable<>();
            targets.put("stores.target", "(onset.benchmark.store=" + token + ")");
            targets.put("drivers.target", "(" + InstrumentDriver.INSTRUMENT_ID + "=" + id + ")");
            instance = sweeps.newInstance(targets);
            SweepRun run = instance.getInstance().start(r, out, false);
            if (!run.awaitFinished(RUN_LIMIT)) {
                run.abort();
                throw new IllegalStateException("the benchmark map did not finish within " + RUN_LIMIT.toMinutes()
                        + " min");
            }
            if (run.state() != SweepState.COMPLETED) {
                throw new IllegalStateException("the benchmark map ended " + run.state() + ": "
                        + run.progress().reason());
            }
            return run;
        } finally {
            if (instance != null) {
                instance.dispose();
            }
            registration.unregister();
        }
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
        public MapStore create(Path file, Grid grid, Map<String, String> attributes, List<ChannelSpec> channels,
                IfExists ifExists) throws IOException {
            MapStore s = real.create(file, grid, attributes, channels, ifExists);
            return new MapStore() {
                @Override
                public Path file() {
                    return s.file();
                }

                @Override
                public Grid grid() {
                    return s.grid();
                }

                @Override
                public Map<String, String> attributes() {
                    return s.attributes();
                }

                @Override
                public BitSet completedPixels() {
                    return s.completedPixels();
                }

                @Override
                public void append(PixelRecord pixel) throws IOException {
                    long t0 = System.nanoTime();
                    s.append(pixel);
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
        public MapStore openForResume(Path file, org.onset.map.api.SessionInfo session) throws IOException {
            return real.openForResume(file, session);
        }
    }

    /** Keeps nothing: isolates the loop's own cost from the storage's. */
    private static final class DiscardingStores implements MapStoreFactory {
        @Override
        public MapStore create(Path file, Grid grid, Map<String, String> attributes, List<ChannelSpec> channels,
                IfExists ifExists) {
            return new MapStore() {
                private final BitSet done = new BitSet();

                @Override
                public Path file() {
                    return file;
                }

                @Override
                public Grid grid() {
                    return grid;
                }

                @Override
                public Map<String, String> attributes() {
                    return attributes;
                }

                @Override
                public BitSet completedPixels() {
                    return (BitSet) done.clone();
                }

                @Override
                public void append(PixelRecord pixel) {
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
        public MapStore openForResume(Path file, org.onset.map.api.SessionInfo session) throws IOException {
            throw new IOException("a discarding store cannot be resumed");
        }
    }
}
