package org.onset.sweep.benchmark;

import java.nio.file.Path;
import java.util.Locale;

import org.onset.instrument.api.InstrumentDriver;
import org.onset.sweep.api.MapRecipe;
import org.onset.sweep.internal.OverheadMeasurement;

/**
 * Software overhead per pixel of the sweep loop: everything the software adds to a pixel outside
 * the driver calls (pixel order, watchdog hand-off, curve assembly, HDF5 append and flush, event).
 * The same recipe runs three times on the driver, each time on a fresh instrument: once to warm
 * up the JIT (not counted), once writing a real HDF5 file, once discarding the pixels (the loop's
 * own cost). Goal: at most {@value #GOAL_MS} ms per pixel.
 */
public final class SweepOverheadBenchmark {

    /** The goal for the software overhead per pixel, HDF5 storage included, ms. */
    public static final double GOAL_MS = 1.0;

    private SweepOverheadBenchmark() {
    }

    /** Gives a new instrument for each run, so that one run's traces (deposits on a simulated sample) do not change the next. */
    @FunctionalInterface
    public interface Instruments {
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
    public record Figures(String instrument, int pixels, double samplesPerPixel, double sampleRateHz, double overheadMs,
            double storageMs, double overheadNoStorageMs, double wallPerPixelMs, double fileMB) {

        /** The figures, one per line, each with its unit. */
        public String report() {
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

    /**
     * Runs the benchmark.
     *
     * @param instruments gives the instrument of each run; it is bound under the recipe's instrument id
     * @param recipe      the map of each run (no topography scans are made)
     * @param dir         where the HDF5 file is written (sweep-benchmark.h5, replaced; delete it afterwards)
     * @throws IllegalStateException when a run does not complete, with its reason
     */
    public static Figures measure(Instruments instruments, MapRecipe recipe, Path dir) throws Exception {
        return OverheadMeasurement.measure(instruments, recipe, dir);
    }
}
