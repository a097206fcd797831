package org.onset.batch.internal.sweep;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.onset.instrument.api.CutoffRule;
import org.onset.instrument.api.RampOutcome.Termination;
import org.onset.map.api.Grid;
import org.onset.map.api.MapFile;
import org.onset.map.api.RuleNames;
import org.onset.sweep.api.RecipeCodec;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * The numbers of one map that the paper discusses: how many pixels nucleated, at what bias, per
 * region, and how far the compliance rule was overshot. Computed from the map file alone; the
 * demo's summary.json and {@code onset inspect} both come from here.
 */
final class ExperimentSummary {

    /** Rule codes of the "rule fired" map. */
    static final int NONE = 0;
    static final int CURRENT = 1;
    static final int HEIGHT = 2;
    static final int FAULT = 3;
    static final List<String> RULE_LABELS = List.of("ramp completed", "current rule", "height rule",
            "fault / aborted");

    final int pixels;
    final int faults;
    final double[] onset;
    final double[] currentAtEnd;
    final double[] heightChange;
    /** Per pixel: one of the rule codes, −1 where not measured. */
    final double[] ruleCode;
    /** Per pixel: the region, see {@link PhaseClassifier}; null when the regions are unknown. */
    final String[] phase;
    private final CutoffRule cutoff;
    private final Grid layout;

    private ExperimentSummary(Grid layout, CutoffRule cutoff, double[] onset, double[] currentAtEnd,
            double[] heightChange, double[] ruleCode, String[] phase, int pixels, int faults) {
        this.layout = layout;
        this.cutoff = cutoff;
        this.onset = onset;
        this.currentAtEnd = currentAtEnd;
        this.heightChange = heightChange;
        this.ruleCode = ruleCode;
        this.phase = phase;
        this.pixels = pixels;
        this.faults = faults;
    }

    /**
     * Reads one map file and computes its summary: everything comes from the file, so a finished
     * map can be summarized again at any time ({@code onset inspect}).
     *
     * @param codec  reads the recipe stored in the file (for the thresholds of the cutoff rule)
     * @param phases the phase classifier of a simulated sample; used when the file was measured on the
     *               simulator and records its settings
     */
    static ExperimentSummary read(MapFile reader, RecipeCodec codec, PhaseClassifier.Cache phases)
            throws IOException {
        Map<String, String> a = reader.attributes();
        return of(reader, StoredMap.cutoff(a, codec).orElse(null),
                StoredMap.simulatorSettings(a).map(phases::of).orElse(null));
    }

    /**
     * @param cutoff     the map's cutoff rule; null when unknown (no overshoot figures then)
     * @param classifier null when the regions are unknown (no figures by phase then)
     */
    static ExperimentSummary of(MapFile reader, CutoffRule cutoff, PhaseClassifier classifier)
            throws IOException {
        Grid l = reader.grid();
        int n = l.pixelCount();
        double[] rule = new double[n];
        java.util.Arrays.fill(rule, -1);
        String[] phase = null;
        if (classifier != null) {
            phase = new String[n];
            for (int index = 0; index < n; index++) {
                phase[index] = classifier.classify(l.x(l.i(index)), l.y(l.j(index)));
            }
        }
        String[] rules = reader.rules();
        Termination[] terminations = reader.terminations();
        int stored = 0;
        int faults = 0;
        for (int p = 0; p < n; p++) {
            if (terminations[p] == null) {
                continue; // not measured
            }
            stored++;
            rule[p] = switch (terminations[p]) {
            case CUTOFF -> RuleNames.HEIGHT.equals(rules[p]) ? HEIGHT : CURRENT;
            case COMPLETED -> NONE;
            default -> FAULT;
            };
            faults += rule[p] == FAULT ? 1 : 0;
        }
        return new ExperimentSummary(l, cutoff, reader.onsetBias(), reader.currentAtEnd(), reader.heightChangeAtEnd(),
                rule, phase, stored, faults);
    }

    Grid layout() {
        return layout;
    }

    /** The summary.json entry of this experiment (file, wall time and images are added by the caller). */
    JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("pixels", pixels);
        o.add("nucleated_fraction", number(nucleatedFraction(i -> true)));
        double[] sorted = Stats.finiteSorted(onset);
        JsonObject bias = new JsonObject();
        bias.add("median", number(Stats.median(sorted)));
        bias.add("p05", number(Stats.percentile(sorted, 5)));
        bias.add("p95", number(Stats.percentile(sorted, 95)));
        o.add("onset_bias_V", bias);
        if (phase != null) {
            o.add("by_phase", byPhase());
        }
        JsonObject overshoot = new JsonObject();
        overshoot.add("current_ratio_median", number(currentRatioMedian()));
        overshoot.add("dz_excess_nm_median", number(dzExcessMedianNm()));
        o.add("overshoot", overshoot);
        o.addProperty("faults", faults);
        return o;
    }

    private JsonObject byPhase() {
        JsonObject phases = new JsonObject();
        for (String ph : List.of(PhaseClassifier.ALPO4, PhaseClassifier.BOUNDARY, PhaseClassifier.MATRIX)) {
            JsonObject p = new JsonObject();
            int count = 0;
            List<Double> onsets = new ArrayList<>();
            for (int k = 0; k < phase.length; k++) {
                if (ruleCode[k] >= 0 && phase[k].equals(ph)) {
                    count++;
                    if (Double.isFinite(onset[k])) {
                        onsets.add(onset[k]);
                    }
                }
            }
            p.addProperty("pixels", count);
            p.add("nucleated_fraction", count == 0 ? JsonNull.INSTANCE : number((double) onsets.size() / count));
            p.add("median_onset_V", number(Stats.median(onsets.stream().mapToDouble(Double::doubleValue).sorted().toArray())));
            phases.add(ph, p);
        }
        return phases;
    }

    private double nucleatedFraction(java.util.function.IntPredicate which) {
        int count = 0;
        int fired = 0;
        for (int k = 0; k < ruleCode.length; k++) {
            if (ruleCode[k] >= 0 && which.test(k)) {
                count++;
                fired += Double.isFinite(onset[k]) ? 1 : 0;
            }
        }
        return count == 0 ? Double.NaN : (double) fired / count;
    }

    /** Current at the end of the ramp over the current threshold, for pixels the current rule stopped. */
    double currentRatioMedian() {
        Double threshold = cutoff == null ? null
                : leaf(cutoff, CutoffRule.Current.class).map(c -> ((CutoffRule.Current) c).amps()).orElse(null);
        if (threshold == null) {
            return Double.NaN;
        }
        List<Double> r = new ArrayList<>();
        for (int k = 0; k < ruleCode.length; k++) {
            if (ruleCode[k] == CURRENT && Double.isFinite(currentAtEnd[k])) {
                r.add(currentAtEnd[k] / threshold);
            }
        }
        return Stats.median(r.stream().mapToDouble(Double::doubleValue).sorted().toArray());
    }

    /** Height change at the end of the ramp minus the height threshold, nm, for pixels the height rule stopped. */
    double dzExcessMedianNm() {
        Double threshold = cutoff == null ? null
                : leaf(cutoff, CutoffRule.Height.class).map(c -> ((CutoffRule.Height) c).metres()).orElse(null);
        if (threshold == null) {
            return Double.NaN;
        }
        List<Double> r = new ArrayList<>();
        for (int k = 0; k < ruleCode.length; k++) {
            if (ruleCode[k] == HEIGHT && Double.isFinite(heightChange[k])) {
                r.add((heightChange[k] - threshold) * 1e9);
            }
        }
        return Stats.median(r.stream().mapToDouble(Double::doubleValue).sorted().toArray());
    }

    /** The first leaf of that kind in the rule. */
    static java.util.Optional<CutoffRule> leaf(CutoffRule rule, Class<? extends CutoffRule> kind) {
        if (kind.isInstance(rule)) {
            return java.util.Optional.of(rule);
        }
        List<CutoffRule> parts = rule instanceof CutoffRule.AnyOf a ? a.rules()
                : rule instanceof CutoffRule.AllOf a ? a.rules()
                        : rule instanceof CutoffRule.Then t ? List.of(t.first(), t.second()) : List.of();
        for (CutoffRule p : parts) {
            var found = leaf(p, kind);
            if (found.isPresent()) {
                return found;
            }
        }
        return java.util.Optional.empty();
    }

    /** Rounded to 6 significant digits; null for NaN (JSON has no NaN). */
    static JsonElement number(double v) {
        if (!Double.isFinite(v)) {
            return JsonNull.INSTANCE;
        }
        return new JsonPrimitive(new java.math.BigDecimal(v).round(new java.math.MathContext(6)).doubleValue());
    }

}
