package org.onset.sweep.estimate;

import java.util.SplittableRandom;

import org.onset.instrument.api.CutoffRule;
import org.onset.instrument.api.RampSegment;
import org.onset.map.api.Grid;
import org.onset.sweep.api.MapRecipe;
import org.onset.sweep.api.PixelOrder;

/**
 * Estimates a map's instrument time and file size from its recipe alone: ramp programme, sample
 * rate, settle time, pixel count and order, and the instrument's {@link StageTiming}. Pure
 * arithmetic, no instrument needed, so the recipe editor can show it while the user types.
 *
 * <p>A ramp stopped by the cutoff rule ends where the sample nucleates, which nobody knows before;
 * the estimate therefore takes an expected onset bias (the paper's −3.7 V by default) and also gives
 * the worst case, every ramp running its whole programme.
 */
public final class MapEstimator {

    /** The paper's mean nucleation potential on LICGC, V (Sci. Rep. 3, 1621: −3.7 ± 0.5 V). */
    public static final double PAPER_ONSET_VOLTS = -3.7;

    /**
     * Bytes per sample and channel in a map file: ADC-quantized curves are stored as int16 codes with
     * implicit time (bundles/org.onset.storage.hdf5/MAPFILE.md: 6 bytes per sample for bias, current
     * and height).
     */
    static final int BYTES_PER_SAMPLE_AND_CHANNEL = 2;
    /** Per pixel outside the curves: the three scalar maps, positions, the pixel table. Measured on the simulator. */
    static final int BYTES_PER_PIXEL = 160;
    /** The file's fixed part: attributes, group headers, the first chunks of every curve dataset (measured: 4.5 MB). */
    static final long BYTES_FIXED = 4_500_000;

    private MapEstimator() {
    }

    /**
     * @param recipe             the map
     * @param stage              the instrument's move and scan timing
     * @param expectedOnsetVolts the bias where the cutoff is expected to stop the ramps, V; NaN: the
     *                           ramps run to their end (as they do without a cutoff rule anyway)
     */
    public static MapEstimate estimate(MapRecipe recipe, StageTiming stage, double expectedOnsetVolts) {
        MapRecipe.Ramp ramp = recipe.ramp();
        double worst = ramp.durationSeconds();
        double expected = recipe.cutoff() instanceof CutoffRule.None || Double.isNaN(expectedOnsetVolts) ? worst
                : secondsUntil(ramp, expectedOnsetVolts);
        Grid g = recipe.grid();
        int pixels = recipe.pixelCount();
        double settle = pixels * Math.max(0, recipe.settleSeconds());
        double path = pathLength(g, recipe.order(), recipe.orderSeed());
        double moves = pixels * stage.moveOverhead() + path / stage.stageSpeed();
        int scans = (recipe.topography().before() ? 1 : 0) + (recipe.topography().after() ? 1 : 0);
        double topo = scans * g.ny() * stage.scanLineSeconds();
        int channels = 3; // bias, current, height; a setup without height stores two
        long fixed = BYTES_FIXED + (long) scans * g.nx() * g.ny() * Double.BYTES;
        return new MapEstimate(pixels, expected, worst, settle, moves, topo,
                fixed + bytes(pixels, expected, recipe.sampleRateHz(), channels),
                fixed + bytes(pixels, worst, recipe.sampleRateHz(), channels));
    }

    private static long bytes(int pixels, double rampSeconds, double rate, int channels) {
        double samples = Math.floor(rampSeconds * rate) + 1;
        return (long) (pixels * (samples * channels * BYTES_PER_SAMPLE_AND_CHANNEL + BYTES_PER_PIXEL));
    }

    /**
     * Time from the ramp's start until its bias first reaches {@code volts}, s; the whole programme's
     * duration when it never does.
     */
    public static double secondsUntil(MapRecipe.Ramp ramp, double volts) {
        double v = ramp.startVolts();
        double t = 0;
        if (v == volts) {
            return 0;
        }
        for (RampSegment s : ramp.segments()) {
            double target = s.targetVolts();
            double lo = Math.min(v, target);
            double hi = Math.max(v, target);
            if (volts >= lo && volts <= hi && target != v) {
                return t + Math.abs(volts - v) / s.rateVoltsPerSecond();
            }
            t += Math.abs(target - v) / s.rateVoltsPerSecond() + s.holdSeconds();
            v = target;
        }
        return t;
    }

    /**
     * Distance the tip travels from the first pixel to the last in the given order, m. Random order:
     * the permutation's own path is the sweep service's business, so this uses the mean distance of
     * random pixel pairs (the same on average).
     */
    static double pathLength(Grid g, PixelOrder order, long seed) {
        int nx = g.nx();
        int ny = g.ny();
        double dx = Math.abs(g.dx());
        double dy = Math.abs(g.dy());
        if (nx * (long) ny <= 1) {
            return 0;
        }
        return switch (order) {
            case SERPENTINE -> ny * (nx - 1) * dx + (ny - 1) * dy;
            case RASTER -> ny * (nx - 1) * dx + (ny - 1) * Math.hypot((nx - 1) * dx, dy);
            case RANDOM -> (nx * (long) ny - 1) * meanRandomHop(nx, ny, dx, dy, seed);
        };
    }

    private static double meanRandomHop(int nx, int ny, double dx, double dy, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 20_000;
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += Math.hypot((rnd.nextInt(nx) - rnd.nextInt(nx)) * dx, (rnd.nextInt(ny) - rnd.nextInt(ny)) * dy);
        }
        return sum / n;
    }
}
