package org.onset.sweep.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.instrument.api.Capabilities;
import org.onset.instrument.api.CutoffRule;
import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.api.TopographyImage;
import org.onset.sweep.api.MapRecipe;
import org.onset.sweep.api.MapRecipe.Grid;
import org.onset.sweep.api.MapRecipe.Ramp;
import org.onset.sweep.api.MapRecipe.SafetyLimits;
import org.onset.sweep.api.MapRecipe.TopographyPlan;
import org.onset.sweep.api.PixelOrder;
import org.onset.sweep.api.PixelResult;
import org.onset.sweep.api.SweepProgress;
import org.onset.sweep.api.SweepRun;
import org.onset.sweep.api.SweepState;

/**
 * A benchmark run with the tests, not a timed test (it asserts no speed): prints the software overhead per pixel of the sweep loop (move,
 * ramp hand-off through the watchdog, curve assembly, HDF5 append and flush, event) with an
 * instrument that takes no time (and once with a real 5 ms settle after each move), at the paper's settings (10 kHz, 0 → −4.2 V at 1.2 V/s, −10 pA):
 * ~30 000 samples × 4 channels per pixel. Goal: ≤ 1 ms per pixel.
 */
class SweepOverheadBenchmarkTest {
    private static final int SIDE = 12;

    @TempDir
    Path dir;

    @Test
    void softwareOverheadPerPixel() throws Exception {
        warmUp();
        long[] storage = new long[1];
        SweepProgress withHdf5 = run(dir.resolve("bench.h5"), timed(new Hdf5MapStoreFactory(), storage));
        SweepProgress withoutStorage = run(dir.resolve("none.h5"), new DiscardingStores());
        SweepProgress settling = run(dir.resolve("settle.h5"), new Hdf5MapStoreFactory(), 0.005);
        int n = SIDE * SIDE;
        System.out.printf("sweep overhead benchmark: %d pixels, %d samples per pixel (4 channels, 10 kHz)%n", n,
                samplesPerPixel);
        System.out.printf("  software overhead per pixel, HDF5 storage included: %.3f ms (HDF5 append+flush %.3f ms)%n",
                ms(withHdf5.meanOverhead()), storage[0] / 1e6 / n);
        System.out.printf("  software overhead per pixel, storage excluded:      %.3f ms%n",
                ms(withoutStorage.meanOverhead()));
        System.out.printf("  mean wall time per pixel (driver included):         %.3f ms; goal <= 1 ms overhead%n",
                ms(withHdf5.meanPixelTime()));
        System.out.printf("  with a positioner that settles 5 ms for real (the HDF5 write overlaps the next move):%n"
                + "    map time added by the software per pixel:       %.3f ms%n", ms(settling.meanOverhead()));
    }

    private int samplesPerPixel;

    private void warmUp() throws Exception {
        run(dir.resolve("warm.h5"), new DiscardingStores());
    }

    private SweepProgress run(Path out, MapStoreFactory stores) throws Exception {
        return run(out, stores, 0);
    }

    private SweepProgress run(Path out, MapStoreFactory stores, double settle) throws Exception {
        SweepServiceImpl service = new SweepServiceImpl(stores);
        ScriptedDriver driver = new ScriptedDriver("bench", 5, SIDE, 20e-9).realSettle(settle > 0);
        service.addDriver(driver, Map.of(InstrumentDriver.INSTRUMENT_ID, "bench"));
        MapRecipe recipe = new MapRecipe("bench", "bench", new Grid(SIDE, SIDE, 0, 0, 20e-9, 20e-9),
                PixelOrder.SERPENTINE, 0, Ramp.linear(0, -4.2, 1.2), CutoffRule.current(-10e-12), settle, 10_000,
                new SafetyLimits(-5, 1, 5, 10), TopographyPlan.NONE);
        SweepRun run = service.start(recipe, out, false);
        run.awaitFinished(Duration.ofMinutes(5));
        assertEquals(SweepState.COMPLETED, run.state(), run.progress().reason());
        samplesPerPixel = run.lastPixel().map(PixelResult::samples).orElse(0);
        return run.progress();
    }

    private static double ms(Duration d) {
        return d.toNanos() / 1e6;
    }

    /** Times the appends of a real store. */
    private static MapStoreFactory timed(MapStoreFactory real, long[] nanos) {
        return new MapStoreFactory() {
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
                        nanos[0] += System.nanoTime() - t0;
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
        };
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
            throw new IOException("not supported");
        }
    }
}
