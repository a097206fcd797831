package org.onset.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.onset.instrument.api.CutoffRule;
import org.onset.map.api.Grid;

/**
 * The numbers of one map that the paper discusses: how many pixels nucleated, at what bias, per
 * region, and how far the compliance rule was overshot. Computed from per-pixel values alone (the
 * {@link MapStatisticsService} reads them from a map file); immutable.
 *
 * <p>A pixel "nucleated" when a rule stopped its ramp, i.e. its onset bias is finite (the onset is
 * NaN when no rule fired).
 */
public final class MapStatistics {

    private final Grid grid;
    private final PixelOutcome[] outcomes;
    private final int measured;
    private final int faults;
    private final double nucleatedFraction;
    private final Spread onsetBias;
    private final Map<String, RegionStatistics> byRegion;
    private final PhaseMap phaseMap;
    private final double currentOvershootRatio;
    private final double heightOvershoot;

    private MapStatistics(Grid grid, PixelOutcome[] outcomes, int measured, int faults, double nucleatedFraction,
            Spread onsetBias, Map<String, RegionStatistics> byRegion, PhaseMap phaseMap, double currentOvershootRatio,
            double heightOvershoot) {
        this.grid = grid;
        this.outcomes = outcomes;
        this.measured = measured;
        this.faults = faults;
        this.nucleatedFraction = nucleatedFraction;
        this.onsetBias = onsetBias;
        this.byRegion = byRegion;
        this.phaseMap = phaseMap;
        this.currentOvershootRatio = currentOvershootRatio;
        this.heightOvershoot = heightOvershoot;
    }

    /**
     * Computes the statistics of a map from its per-pixel values, all indexed by the grid's storage
     * index.
     *
     * @param outcomes     how each ramp ended ({@link PixelOutcome#NOT_MEASURED} for pixels not measured)
     * @param onsetBias    onset bias, V; NaN where no rule fired or not measured
     * @param currentAtEnd current at the end of the ramp, A; NaN where not measured
     * @param heightChange height change at the end of the ramp, m; NaN where not measured
     * @param cutoff       the map's cutoff rule, for the overshoot; null when unknown (no overshoot then)
     * @param phases       the regions of the pixels; null when unknown (no statistics by region then)
     * @throws IllegalArgumentException when an array or the phase map does not fit the grid
     */
    public static MapStatistics of(Grid grid, PixelOutcome[] outcomes, double[] onsetBias, double[] currentAtEnd,
            double[] heightChange, CutoffRule cutoff, PhaseMap phases) {
        int n = grid.pixelCount();
        requireLength("outcomes", outcomes.length, n);
        requireLength("onset bias", onsetBias.length, n);
        requireLength("current at end", currentAtEnd.length, n);
        requireLength("height change", heightChange.length, n);
        if (phases != null && !phases.grid().equals(grid)) {
            throw new IllegalArgumentException("the phase map's grid " + phases.grid() + " is not the map's grid " + grid);
        }
        int measured = 0;
        int fired = 0;
        int faults = 0;
        for (int k = 0; k < n; k++) {
            if (outcomes[k] == PixelOutcome.NOT_MEASURED) {
                continue;
            }
            measured++;
            fired += Double.isFinite(onsetBias[k]) ? 1 : 0;
            faults += outcomes[k] == PixelOutcome.FAULT ? 1 : 0;
        }
        Map<String, RegionStatistics> byRegion = Collections.emptyMap();
        if (phases != null) {
            byRegion = new LinkedHashMap<>();
            for (String region : phases.regionNames()) {
                byRegion.put(region, region(region, phases, outcomes, onsetBias));
            }
            byRegion = Collections.unmodifiableMap(byRegion);
        }
        double currentRatio = Double.NaN;
        Optional<CutoffRule> current = leaf(cutoff, CutoffRule.Current.class);
        if (current.isPresent()) {
            double threshold = ((CutoffRule.Current) current.get()).amps();
            currentRatio = medianWhere(outcomes, PixelOutcome.CURRENT_RULE, currentAtEnd, v -> v / threshold);
        }
        double heightExcess = Double.NaN;
        Optional<CutoffRule> height = leaf(cutoff, CutoffRule.Height.class);
        if (height.isPresent()) {
            double threshold = ((CutoffRule.Height) height.get()).metres();
            heightExcess = medianWhere(outcomes, PixelOutcome.HEIGHT_RULE, heightChange, v -> v - threshold);
        }
        return new MapStatistics(grid, outcomes.clone(), measured, faults,
                measured == 0 ? Double.NaN : (double) fired / measured, Spread.of(onsetBias), byRegion, phases,
                currentRatio, heightExcess);
    }

    private static void requireLength(String what, int length, int pixels) {
        if (length != pixels) {
            throw new IllegalArgumentException("the " + what + " of a map of " + pixels + " pixels needs " + pixels
                    + " values, got " + length);
        }
    }

    private static RegionStatistics region(String region, PhaseMap phases, PixelOutcome[] outcomes, double[] onset) {
        int count = 0;
        List<Double> onsets = new ArrayList<>();
        for (int k = 0; k < outcomes.length; k++) {
            if (outcomes[k] != PixelOutcome.NOT_MEASURED && region.equals(phases.region(k))) {
                count++;
                if (Double.isFinite(onset[k])) {
                    onsets.add(onset[k]);
                }
            }
        }
        double[] sorted = onsets.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new RegionStatistics(count, count == 0 ? Double.NaN : (double) onsets.size() / count,
                Percentiles.median(sorted));
    }

    private static double medianWhere(PixelOutcome[] outcomes, PixelOutcome which, double[] values,
            java.util.function.DoubleUnaryOperator f) {
        List<Double> r = new ArrayList<>();
        for (int k = 0; k < outcomes.length; k++) {
            if (outcomes[k] == which && Double.isFinite(values[k])) {
                r.add(f.applyAsDouble(values[k]));
            }
        }
        return Percentiles.median(r.stream().mapToDouble(Double::doubleValue).sorted().toArray());
    }

    /** The first leaf of that kind in the rule (depth first); empty for a null rule. */
    static Optional<CutoffRule> leaf(CutoffRule rule, Class<? extends CutoffRule> kind) {
        if (rule == null) {
            return Optional.empty();
        }
        if (kind.isInstance(rule)) {
            return Optional.of(rule);
        }
        List<CutoffRule> parts = rule instanceof CutoffRule.AnyOf a ? a.rules()
                : rule instanceof CutoffRule.AllOf a ? a.rules()
                        : rule instanceof CutoffRule.Then t ? List.of(t.first(), t.second()) : List.of();
        for (CutoffRule p : parts) {
            Optional<CutoffRule> found = leaf(p, kind);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    public Grid grid() {
        return grid;
    }

    /** How each pixel's ramp ended, by storage index (a copy). */
    public PixelOutcome[] outcomes() {
        return outcomes.clone();
    }

    /** Pixels measured. */
    public int measuredPixels() {
        return measured;
    }

    /** Pixels whose ramp ended in a fault or an abort. */
    public int faults() {
        return faults;
    }

    /** Fraction of the measured pixels that nucleated (0 … 1); NaN when none was measured. */
    public double nucleatedFraction() {
        return nucleatedFraction;
    }

    /** Onset bias of the pixels that nucleated, V. */
    public Spread onsetBias() {
        return onsetBias;
    }

    /** The phase map the regions came from; empty when the regions are unknown. */
    public Optional<PhaseMap> phaseMap() {
        return Optional.ofNullable(phaseMap);
    }

    /**
     * Statistics per region ({@link PhaseMap#regionNames()} order: the paper's three first); empty
     * when the regions are unknown.
     */
    public Map<String, RegionStatistics> byRegion() {
        return byRegion;
    }

    /**
     * Median of (current at the end of the ramp) / (current threshold) over the pixels the current
     * rule stopped: how far the current overshoots before the bias is off (the paper: ≈ 4×). NaN
     * when the rule has no current threshold or no pixel was stopped by it.
     */
    public double currentOvershootRatio() {
        return currentOvershootRatio;
    }

    /**
     * Median of (height change at the end of the ramp − height threshold) over the pixels the
     * height rule stopped, m (the paper: 2–4 nm). NaN when the rule has no height threshold or no
     * pixel was stopped by it.
     */
    public double heightOvershoot() {
        return heightOvershoot;
    }
}
