package org.onset.sweep.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.onset.instrument.api.RampSegment;
import org.onset.sweep.api.MapRecipe;

/**
 * A quick first ramp segment to a bias short of the thermodynamic onset, then the measuring rate.
 * Below |{@value #THERMODYNAMIC_ONSET_VOLTS}| V no Li can nucleate (PHYSICS.md: the overpotential is
 * |V| − 3.04 V), so nothing is lost by crossing that range fast, and each pixel saves the time the
 * measuring rate would have spent there.
 *
 * @param approachVolts bias the quick segment ends at, V; same sign as the ramp and closer to 0 V
 *                      than the thermodynamic onset
 * @param approachRate  rate of the quick segment, V/s; faster than the measuring segment
 */
public record FastApproach(double approachVolts, double approachRate) {

    /** Thermodynamic onset of Li2O reduction, magnitude, V (PHYSICS.md). */
    public static final double THERMODYNAMIC_ONSET_VOLTS = 3.04;

    /** What the recipe editor proposes: 0.24 V short of the thermodynamic onset. */
    public static final double DEFAULT_MARGIN_VOLTS = 0.24;

    /** The fast approach for a ramp towards {@code sign}: {@link #DEFAULT_MARGIN_VOLTS} short of the onset. */
    public static FastApproach proposed(double sign, double rate) {
        return new FastApproach(Math.signum(sign) * (THERMODYNAMIC_ONSET_VOLTS - DEFAULT_MARGIN_VOLTS), rate);
    }

    /**
     * Everything wrong with putting this approach in front of {@code measuring}, empty when it fits:
     * the approach must lie between the ramp's start and its first target, stop short of the
     * thermodynamic onset and be faster than the measuring rate.
     */
    public List<String> problems(MapRecipe.Ramp measuring) {
        List<String> p = new ArrayList<>();
        if (!Double.isFinite(approachVolts)) {
            p.add("approach bias must be a finite voltage, got " + approachVolts);
            return p;
        }
        if (!(approachRate > 0) || !Double.isFinite(approachRate)) {
            p.add("approach rate must be a finite value > 0 V/s, got " + approachRate);
            return p;
        }
        double start = measuring.startVolts();
        double first = measuring.segments().isEmpty() ? start : measuring.segments().get(0).targetVolts();
        if (!(Math.min(start, first) < approachVolts && approachVolts < Math.max(start, first))) {
            p.add(String.format("approach bias must lie between the ramp's start %.3g V and its end %.3g V, got %.3g V",
                    start, first, approachVolts));
        }
        if (Math.abs(approachVolts) >= THERMODYNAMIC_ONSET_VOLTS) {
            p.add(String.format("approach bias must stay short of the thermodynamic onset (|V| < %.2f V), got %.3g V",
                    THERMODYNAMIC_ONSET_VOLTS, approachVolts));
        }
        if (!measuring.segments().isEmpty() && approachRate <= measuring.segments().get(0).rateVoltsPerSecond()) {
            p.add(String.format("approach rate must be faster than the measuring rate %.3g V/s, got %.3g V/s",
                    measuring.segments().get(0).rateVoltsPerSecond(), approachRate));
        }
        return p;
    }

    /**
     * The ramp with this approach in front: start → approach at {@link #approachRate}, then the
     * measuring ramp's segments unchanged.
     *
     * @throws IllegalArgumentException naming the {@link #problems} when it does not fit
     */
    public MapRecipe.Ramp applyTo(MapRecipe.Ramp measuring) {
        List<String> p = problems(measuring);
        if (!p.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", p));
        }
        List<RampSegment> s = new ArrayList<>();
        s.add(new RampSegment(approachVolts, approachRate, 0));
        s.addAll(measuring.segments());
        return new MapRecipe.Ramp(measuring.startVolts(), s);
    }

    /** Ramp time saved per pixel by putting this approach in front of {@code measuring}, s. */
    public double savedSecondsPerPixel(MapRecipe.Ramp measuring) {
        return measuring.durationSeconds() - applyTo(measuring).durationSeconds();
    }

    /**
     * Recognizes a ramp that starts with a fast approach: at least two segments, the first without
     * hold, faster than the second, ending between the start and the second's target, short of the
     * thermodynamic onset.
     */
    public static Optional<FastApproach> of(MapRecipe.Ramp ramp) {
        List<RampSegment> s = ramp.segments();
        if (s.size() < 2 || s.get(0).holdSeconds() != 0) {
            return Optional.empty();
        }
        FastApproach f = new FastApproach(s.get(0).targetVolts(), s.get(0).rateVoltsPerSecond());
        return f.problems(withoutFirst(ramp)).isEmpty() ? Optional.of(f) : Optional.empty();
    }

    /** The measuring ramp of a ramp that starts with a fast approach, or the ramp itself. */
    public static MapRecipe.Ramp measuringRamp(MapRecipe.Ramp ramp) {
        return of(ramp).isPresent() ? withoutFirst(ramp) : ramp;
    }

    private static MapRecipe.Ramp withoutFirst(MapRecipe.Ramp ramp) {
        return new MapRecipe.Ramp(ramp.startVolts(), ramp.segments().subList(1, ramp.segments().size()));
    }

    /** The recipe with its ramp replaced. */
    public static MapRecipe withRamp(MapRecipe r, MapRecipe.Ramp ramp) {
        return new MapRecipe(r.name(), r.instrumentId(), r.grid(), r.order(), r.orderSeed(), ramp, r.cutoff(),
                r.settleSeconds(), r.sampleRateHz(), r.limits(), r.topography());
    }
}
