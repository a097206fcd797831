package org.onset.sweep.api;

import java.util.List;
import java.util.Objects;

import org.onset.instrument.api.CutoffRule;
import org.onset.instrument.api.RampRequest;
import org.onset.instrument.api.RampSegment;
import org.onset.map.api.Grid;

/**
 * Everything needed to acquire one compliance-controlled nucleation map. SI units throughout.
 * The record only checks for missing parts; ranges are checked by
 * {@link SweepService#validate(MapRecipe)} (and by {@link RecipeCodec} when read from JSON), which
 * name every bad field at once.
 *
 * @param name         free text shown to users and stored in the file
 * @param instrumentId {@code instrument.id} of the driver service that runs the map
 * @param grid         where the pixels are, in the positioner's frame (checked by the validator, not here)
 * @param order        the order the pixels are visited in
 * @param orderSeed    seed of the {@link PixelOrder#RANDOM} permutation (ignored otherwise)
 * @param ramp         the bias programme of every pixel
 * @param cutoff       the compliance rule armed during each ramp
 * @param settleSeconds wait after each move before the ramp starts, s
 * @param sampleRateHz acquisition rate of each ramp, Hz
 * @param limits       safety limits the recipe itself must respect, checked in addition to the instrument's
 * @param topography   which topography images to take around the map
 */
public record MapRecipe(String name, String instrumentId, Grid grid, PixelOrder order, long orderSeed, Ramp ramp,
        CutoffRule cutoff, double settleSeconds, double sampleRateHz, SafetyLimits limits, TopographyPlan topography) {

    public MapRecipe {
        name = name == null ? "" : name;
        Objects.requireNonNull(instrumentId, "instrumentId");
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(ramp, "ramp");
        Objects.requireNonNull(cutoff, "cutoff");
        Objects.requireNonNull(limits, "limits");
        topography = topography == null ? TopographyPlan.NONE : topography;
    }

    /** Number of pixels of the map. */
    public int pixelCount() {
        return grid.pixelCount();
    }

    /** The ramp request the driver receives at every pixel. */
    public RampRequest rampRequest() {
        return new RampRequest(ramp.startVolts(), ramp.segments(), sampleRateHz, cutoff);
    }

    /**
     * Bias programme: from {@code startVolts} through each segment in turn.
     *
     * @param startVolts bias at the start of the ramp, V
     * @param segments   at least one segment
     */
    public record Ramp(double startVolts, List<RampSegment> segments) {
        public Ramp {
            segments = List.copyOf(Objects.requireNonNull(segments, "segments"));
        }

        /** The classic single sweep from {@code start} to {@code end} at {@code rate} V/s. */
        public static Ramp linear(double start, double end, double rate) {
            return new Ramp(start, List.of(new RampSegment(end, rate, 0)));
        }

        /** Most negative bias the programme reaches, V. */
        public double minVolts() {
            return segments.stream().mapToDouble(RampSegment::targetVolts).reduce(startVolts, Math::min);
        }

        /** Most positive bias the programme reaches, V. */
        public double maxVolts() {
            return segments.stream().mapToDouble(RampSegment::targetVolts).reduce(startVolts, Math::max);
        }

        /** Fastest rate of the programme, V/s. */
        public double maxRate() {
            return segments.stream().mapToDouble(RampSegment::rateVoltsPerSecond).max().orElse(0);
        }

        /** Programmed duration, s. */
        public double durationSeconds() {
            return RampRequest.durationOf(startVolts, segments);
        }
    }

    /**
     * Limits the recipe must stay inside whatever the instrument allows: a guard against a recipe
     * meant for another sample or tip.
     *
     * @param minBiasVolts           most negative bias the ramp may reach, V
     * @param maxBiasVolts           most positive bias the ramp may reach, V
     * @param maxRateVoltsPerSecond  fastest ramp rate allowed, V/s
     * @param watchdogMarginSeconds  how long past its programmed duration a ramp (or past the settle
     *                               time a move) may take before the driver is declared hung, s
     */
    public record SafetyLimits(double minBiasVolts, double maxBiasVolts, double maxRateVoltsPerSecond,
            double watchdogMarginSeconds) {
    }

    /**
     * Topography images of the map area taken by the instrument before the first and after the last
     * pixel, on a grid of their own: a Li particle of a compliance-controlled ramp is ~100–200 nm
     * wide, so an image at the map's pixel spacing (20 nm in a dense map, µm in a sparse array of
     * sweeps) does not resolve it (see {@link #imageGrid(Grid)}).
     *
     * @param before      image before the first pixel
     * @param after       image after the last pixel
     * @param pixelMetres point spacing of the images, m; NaN: {@link #DEFAULT_PIXEL_METRES}, made
     *                    coarser where needed so the image has at most {@link #DEFAULT_MAX_POINTS_PER_SIDE}
     *                    points per side
     */
    public record TopographyPlan(boolean before, boolean after, double pixelMetres) {
        public static final TopographyPlan NONE = new TopographyPlan(false, false);
        /** Point spacing of the images when the recipe gives none: resolves particles of ≥ 20 nm, m. */
        public static final double DEFAULT_PIXEL_METRES = 5e-9;
        /** The default spacing is made coarser so the image stays within this many points per side. */
        public static final int DEFAULT_MAX_POINTS_PER_SIDE = 512;
        /** A spacing the recipe gives must keep the image within this many points per side. */
        public static final int MAX_POINTS_PER_SIDE = 2048;

        /** Images at the default spacing. */
        public TopographyPlan(boolean before, boolean after) {
            this(before, after, Double.NaN);
        }

        /** True when the recipe gave the spacing (false: the default). */
        public boolean pixelGiven() {
            return !Double.isNaN(pixelMetres);
        }

        /**
         * The grid of the images for a map on {@code map}: the area of the map's pixels (each pixel's
         * cell, ±half a spacing around the outer pixels) sampled every {@link #pixelMetres} (or the
         * default), centred on the map. Maps of one pixel along an axis image one pixel spacing (or,
         * when that is not finite, 1 µm) there.
         *
         * @throws IllegalArgumentException when the spacing is not a finite length &gt; 0 m, or the
         *                                  image would have more than {@link #MAX_POINTS_PER_SIDE}
         *                                  points per side (the message gives the spacing that fits)
         */
        public Grid imageGrid(Grid map) {
            double width = extent(map.nx(), map.dx());
            double height = extent(map.ny(), map.dy());
            double pixel = pixelMetres;
            if (!pixelGiven()) {
                pixel = Math.max(DEFAULT_PIXEL_METRES, Math.max(width, height) / DEFAULT_MAX_POINTS_PER_SIDE);
            } else if (!(pixelMetres > 0) || !Double.isFinite(pixelMetres)) {
                throw new IllegalArgumentException("the topography pixel must be a finite length > 0 nm, got "
                        + pixelMetres * 1e9 + " nm");
            }
            long nx = Math.max(1, Math.round(width / pixel));
            long ny = Math.max(1, Math.round(height / pixel));
            if (nx > MAX_POINTS_PER_SIDE || ny > MAX_POINTS_PER_SIDE) {
                throw new IllegalArgumentException("a topography pixel of " + nm(pixel) + " nm over the map's "
                        + nm(width) + " × " + nm(height) + " nm makes a " + nx + " × " + ny + " image; at most "
                        + MAX_POINTS_PER_SIDE + " points per side are allowed (use ≥ "
                        + nm(Math.ceil(Math.max(width, height) / MAX_POINTS_PER_SIDE * 1e11) / 1e11) + " nm)");
            }
            double cx = map.x0() + (map.nx() - 1) * map.dx() / 2;
            double cy = map.y0() + (map.ny() - 1) * map.dy() / 2;
            double sx = Math.signum(map.dx()) == 0 ? 1 : Math.signum(map.dx());
            double sy = Math.signum(map.dy()) == 0 ? 1 : Math.signum(map.dy());
            return new Grid((int) nx, (int) ny, cx - sx * (nx - 1) * pixel / 2, cy - sy * (ny - 1) * pixel / 2,
                    sx * pixel, sy * pixel);
        }

        /** A length in nm, 4 significant digits, no trailing zeros. */
        private static String nm(double metres) {
            return new java.math.BigDecimal(metres * 1e9).round(new java.math.MathContext(4)).stripTrailingZeros()
                    .toPlainString();
        }

        private static double extent(int n, double step) {
            double s = Math.abs(step);
            return n * (Double.isFinite(s) && s > 0 ? s : 1e-6);
        }
    }
}
