package org.onset.sweep.internal;

import static org.onset.sweep.internal.Problems.num;

import java.util.List;

import org.onset.instrument.api.CutoffRule;
import org.onset.instrument.api.RampSegment;
import org.onset.map.api.Grid;
import org.onset.sweep.api.MapRecipe;
import org.onset.sweep.api.MapRecipe.SafetyLimits;
import org.onset.sweep.api.RecipeProblem;

/**
 * Range and consistency checks of a recipe that need no instrument. Problems name the JSON field
 * (see {@link JsonRecipeCodec}) and quote the value in the unit of that field.
 */
final class RecipeValidator {

    static final int MAX_PIXELS_PER_SIDE = 10_000;
    /** Longest ramp we accept: one hour at one pixel is a typo, not an experiment. */
    static final double MAX_RAMP_SECONDS = 3600;
    static final double MAX_SETTLE_SECONDS = 600;
    /** Per-pixel sample arrays are Java arrays; stay far below their limit. */
    static final long MAX_SAMPLES_PER_PIXEL = 50_000_000L;
    /** Largest bias step between two samples: five steps of a 12-bit DAC over ±10 V (PHYSICS.md). */
    static final double MAX_BIAS_STEP_VOLTS = 0.025;
    static final int MIN_SAMPLES_PER_PIXEL = 20;
    /** Deepest combination of any/all/then; a rule deeper than this is a generated accident. */
    static final int MAX_RULE_DEPTH = 16;

    private RecipeValidator() {
    }

    static List<RecipeProblem> check(MapRecipe r) {
        Problems p = new Problems();
        check(r, p);
        return p.list();
    }

    static void check(MapRecipe r, Problems p) {
        if (r.instrumentId().isBlank()) {
            p.add("instrument_id", "must name the instrument (its instrument.id), got an empty string");
        }
        checkGrid(r.grid(), p);
        checkLimits(r.limits(), p);
        checkRamp(r, p);
        checkCutoff("cutoff", r.cutoff(), p);
        if (!(r.settleSeconds() >= 0 && r.settleSeconds() <= MAX_SETTLE_SECONDS)) {
            p.add("settle_s", "must be between 0 and " + num(MAX_SETTLE_SECONDS) + " s, got " + num(r.settleSeconds()));
        }
        if (!(r.sampleRateHz() > 0 && Double.isFinite(r.sampleRateHz()))) {
            p.add("sample_rate_Hz", "must be a finite rate > 0 Hz, got " + num(r.sampleRateHz()));
        } else if (r.ramp().segments().size() > 0 && r.ramp().durationSeconds() * r.sampleRateHz() > MAX_SAMPLES_PER_PIXEL) {
            p.add("sample_rate_Hz", "gives " + num(Math.floor(r.ramp().durationSeconds() * r.sampleRateHz()))
                    + " samples per pixel; at most " + MAX_SAMPLES_PER_PIXEL + " are allowed");
        } else {
            checkResolution(r, p);
        }
        int depth = depth(r.cutoff());
        if (depth > MAX_RULE_DEPTH) {
            p.add("cutoff", "combines rules " + depth + " levels deep; at most " + MAX_RULE_DEPTH + " are allowed");
        }
        checkTopography(r, p);
    }

    /** The images' own grid must be possible: a finite spacing &gt; 0 and a bounded image. */
    private static void checkTopography(MapRecipe r, Problems p) {
        MapRecipe.TopographyPlan t = r.topography();
        if (!t.pixelGiven()) {
            return; // the default spacing always fits (it is made coarser for large maps)
        }
        if (!(t.pixelMetres() > 0) || !Double.isFinite(t.pixelMetres())) {
            p.add("topography.pixel_nm", "must be a finite spacing > 0 nm, got " + num(t.pixelMetres() * 1e9));
            return;
        }
        Grid g = r.grid();
        if (g.nx() < 1 || g.ny() < 1 || !Double.isFinite(g.dx()) || !Double.isFinite(g.dy())) {
            return; // reported with the grid
        }
        try {
            t.imageGrid(g);
        } catch (IllegalArgumentException e) {
            p.add("topography.pixel_nm", e.getMessage());
        }
    }

    /**
     * The samples must resolve the ramp: the bias may move at most {@link #MAX_BIAS_STEP_VOLTS}
     * between two samples (a coarser step blurs onsets that differ by tenths of a volt, and the
     * cutoff can only act on a sample), and a pixel needs {@link #MIN_SAMPLES_PER_PIXEL} samples.
     */
    private static void checkResolution(MapRecipe r, Problems p) {
        double fastest = r.ramp().segments().stream().mapToDouble(s -> s.rateVoltsPerSecond()).max().orElse(0);
        double needed = Math.max(fastest / MAX_BIAS_STEP_VOLTS,
                r.ramp().durationSeconds() > 0 ? MIN_SAMPLES_PER_PIXEL / r.ramp().durationSeconds() : 0);
        if (r.sampleRateHz() < needed) {
            p.add("sample_rate_Hz", num(r.sampleRateHz()) + " Hz cannot resolve the ramp: the bias moves "
                    + num(fastest / r.sampleRateHz()) + " V between samples at " + num(fastest)
                    + " V/s; at least " + num(Math.ceil(needed)) + " Hz are needed (at most "
                    + num(MAX_BIAS_STEP_VOLTS * 1e3) + " mV per sample and " + MIN_SAMPLES_PER_PIXEL
                    + " samples per pixel)");
        }
    }

    /** How many levels of any/all/then a rule nests (a leaf is 1). */
    static int depth(CutoffRule rule) {
        // iterative: a rule built in code may be as deep as a hostile JSON text
        int deepest = 0;
        java.util.Deque<java.util.Map.Entry<CutoffRule, Integer>> todo = new java.util.ArrayDeque<>();
        todo.push(java.util.Map.entry(rule, 1));
        while (!todo.isEmpty()) {
            var e = todo.pop();
            deepest = Math.max(deepest, e.getValue());
            CutoffRule c = e.getKey();
            List<CutoffRule> parts = c instanceof CutoffRule.AnyOf a ? a.rules()
                    : c instanceof CutoffRule.AllOf a ? a.rules()
                            : c instanceof CutoffRule.Then t ? List.of(t.first(), t.second()) : List.of();
            for (CutoffRule part : parts) {
                todo.push(java.util.Map.entry(part, e.getValue() + 1));
            }
        }
        return deepest;
    }

    private static void checkGrid(Grid g, Problems p) {
        if (g.nx() < 1 || g.nx() > MAX_PIXELS_PER_SIDE) {
            p.add("grid.nx", "must be between 1 and " + MAX_PIXELS_PER_SIDE + ", got " + g.nx());
        }
        if (g.ny() < 1 || g.ny() > MAX_PIXELS_PER_SIDE) {
            p.add("grid.ny", "must be between 1 and " + MAX_PIXELS_PER_SIDE + ", got " + g.ny());
        }
        boolean dxBad = !(g.dx() > 0 && Double.isFinite(g.dx()));
        boolean dyBad = !(g.dy() > 0 && Double.isFinite(g.dy()));
        if (dxBad && dyBad && Double.compare(g.dx(), g.dy()) == 0) {
            p.add("grid.spacing_nm", "must be a finite spacing > 0 nm, got " + num(g.dx() * 1e9));
        } else {
            if (dxBad) {
                p.add("grid.spacing_x_nm", "must be a finite spacing > 0 nm, got " + num(g.dx() * 1e9));
            }
            if (dyBad) {
                p.add("grid.spacing_y_nm", "must be a finite spacing > 0 nm, got " + num(g.dy() * 1e9));
            }
        }
        if (!Double.isFinite(g.x0())) {
            p.add("grid.x0_nm", "must be a finite position in nm, got " + g.x0());
        }
        if (!Double.isFinite(g.y0())) {
            p.add("grid.y0_nm", "must be a finite position in nm, got " + g.y0());
        }
    }

    private static void checkLimits(SafetyLimits l, Problems p) {
        if (!(l.minBiasVolts() <= 0 && Double.isFinite(l.minBiasVolts()))) {
            p.add("limits.min_bias_V", "must be a finite bias <= 0 V, got " + num(l.minBiasVolts()));
        }
        if (!(l.maxBiasVolts() >= 0 && Double.isFinite(l.maxBiasVolts()))) {
            p.add("limits.max_bias_V", "must be a finite bias >= 0 V, got " + num(l.maxBiasVolts()));
        }
        if (!(l.maxRateVoltsPerSecond() > 0 && Double.isFinite(l.maxRateVoltsPerSecond()))) {
            p.add("limits.max_rate_V_per_s", "must be a finite rate > 0 V/s, got " + num(l.maxRateVoltsPerSecond()));
        }
        if (!(l.watchdogMarginSeconds() > 0 && l.watchdogMarginSeconds() <= 3600)) {
            p.add("limits.watchdog_margin_s", "must be between 0 (excluded) and 3600 s, got "
                    + num(l.watchdogMarginSeconds()));
        }
    }

    private static void checkRamp(MapRecipe r, Problems p) {
        MapRecipe.Ramp ramp = r.ramp();
        SafetyLimits l = r.limits();
        if (!insideLimits(ramp.startVolts(), l)) {
            p.add("ramp.start_V", num(ramp.startVolts()) + " V is outside the recipe limits ["
                    + num(l.minBiasVolts()) + ", " + num(l.maxBiasVolts()) + "] V");
        }
        if (ramp.segments().isEmpty()) {
            p.add("ramp", "needs end_V and rate_V_per_s");
            return;
        }
        for (int k = 0; k < ramp.segments().size(); k++) {
            RampSegment s = ramp.segments().get(k);
            String at = segmentField(k);
            if (!insideLimits(s.targetVolts(), l)) {
                p.add(at + (at.equals("ramp") ? ".end_V" : ".target_V"), num(s.targetVolts())
                        + " V is outside the recipe limits [" + num(l.minBiasVolts()) + ", "
                        + num(l.maxBiasVolts()) + "] V");
            }
            if (s.rateVoltsPerSecond() > l.maxRateVoltsPerSecond()) {
                p.add(at + ".rate_V_per_s", num(s.rateVoltsPerSecond())
                        + " V/s exceeds limits.max_rate_V_per_s = " + num(l.maxRateVoltsPerSecond()) + " V/s");
            }
        }
        if (ramp.durationSeconds() > MAX_RAMP_SECONDS) {
            p.add("ramp", "lasts " + num(ramp.durationSeconds()) + " s per pixel; at most " + num(MAX_RAMP_SECONDS)
                    + " s are allowed");
        }
        double start = ramp.startVolts();
        boolean moves = ramp.segments().stream().anyMatch(s -> s.targetVolts() != start);
        if (!moves && ramp.segments().stream().allMatch(s -> s.holdSeconds() == 0)) {
            p.add("ramp", "does nothing: every target equals start_V and nothing is held");
        }
    }

    /**
     * In JSON the first segment is the main sweep written as ramp.end_V / ramp.rate_V_per_s, the
     * others follow as ramp.segments[k - 1].
     */
    private static String segmentField(int k) {
        return k == 0 ? "ramp" : "ramp.segments[" + (k - 1) + "]";
    }

    private static boolean insideLimits(double v, SafetyLimits l) {
        return Double.isFinite(v) && v >= l.minBiasVolts() && v <= l.maxBiasVolts();
    }

    private static void checkCutoff(String field, CutoffRule rule, Problems p) {
        // leaf values were checked by the CutoffRule constructors; what remains is sense
        if (rule instanceof CutoffRule.Current c && Math.abs(c.amps()) > 1e-3) {
            p.add(field + ".current_pA", num(c.amps() * 1e12) + " pA is above 1 mA: a unit mistake?");
        } else if (rule instanceof CutoffRule.Height h && Math.abs(h.metres()) > 1e-5) {
            p.add(field + ".height_nm", num(h.metres() * 1e9) + " nm is above 10 µm: a unit mistake?");
        } else if (rule instanceof CutoffRule.AnyOf a) {
            for (int k = 0; k < a.rules().size(); k++) {
                checkCutoff(field + ".any[" + k + "]", a.rules().get(k), p);
            }
        } else if (rule instanceof CutoffRule.AllOf a) {
            for (int k = 0; k < a.rules().size(); k++) {
                checkCutoff(field + ".all[" + k + "]", a.rules().get(k), p);
            }
        } else if (rule instanceof CutoffRule.Then t) {
            checkCutoff(field + ".then[0]", t.first(), p);
            checkCutoff(field + ".then[1]", t.second(), p);
        }
    }
}
