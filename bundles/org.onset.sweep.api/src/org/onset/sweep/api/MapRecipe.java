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

    /** Topography images of the map area taken by the instrument before the first and after the last pixel. */
    public record TopographyPlan(boolean before, boolean after) {
        public static final TopographyPlan NONE = new TopographyPlan(false, false);
    }
}
