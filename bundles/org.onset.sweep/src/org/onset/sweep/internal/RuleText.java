package org.onset.sweep.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.stream.Collectors;

import org.onset.instrument.api.CutoffRule;

/**
 * A cutoff rule in the words a scientist reads, for the map file's {@code cutoff_rule}
 * attribute: "I ≤ −10 pA", "ΔZ ≥ 8 nm from the ramp's first sample". The recipe JSON stays the
 * machine-readable form; {@link CutoffRule#describe()} stays the drivers' short form (cutoff
 * events and the conformance suite compare it).
 */
final class RuleText {

    static final String FROM_FIRST_SAMPLE = " from the ramp's first sample";

    private RuleText() {
    }

    static String of(CutoffRule rule) {
        if (rule instanceof CutoffRule.Current c) {
            return "I " + (c.amps() < 0 ? "≤ " : "≥ ") + quantity(c.amps(), "A");
        }
        if (rule instanceof CutoffRule.Height h) {
            return "ΔZ " + (h.metres() > 0 ? "≥ " : "≤ ") + quantity(h.metres(), "m") + FROM_FIRST_SAMPLE;
        }
        if (rule instanceof CutoffRule.AnyOf a) {
            return joined(a.rules(), " or ");
        }
        if (rule instanceof CutoffRule.AllOf a) {
            return joined(a.rules(), " and ") + ", each reached at some sample";
        }
        if (rule instanceof CutoffRule.Then t) {
            return part(t.first()) + ", then " + part(t.second());
        }
        return "none (the ramp runs to its end)";
    }

    /** Leaves stand alone; a composite inside a composite gets parentheses. */
    private static String part(CutoffRule r) {
        return r instanceof CutoffRule.Current || r instanceof CutoffRule.Height ? of(r) : "(" + of(r) + ")";
    }

    private static String joined(List<CutoffRule> rules, String separator) {
        return rules.stream().map(RuleText::part).collect(Collectors.joining(separator));
    }

    private static final String[] PREFIXES = { "f", "p", "n", "µ", "m", "", "k", "M", "G" };

    /**
     * A value with an SI prefix that puts it in [1, 1000), up to 6 significant digits without
     * trailing zeros, and a typographic minus: −1e-11 A is "−10 pA", 8e-9 m is "8 nm".
     */
    static String quantity(double value, String unit) {
        if (value == 0 || !Double.isFinite(value)) {
            return (value == 0 ? "0" : Double.toString(value)) + " " + unit;
        }
        int exp3 = (int) Math.floor(Math.log10(Math.abs(value)) / 3);
        exp3 = Math.max(-5, Math.min(3, exp3));
        BigDecimal scaled = new BigDecimal(value).movePointLeft(3 * exp3).round(new MathContext(6));
        if (scaled.abs().compareTo(BigDecimal.valueOf(1000)) >= 0 && exp3 < 3) { // 999.9999995 rounded up
            exp3++;
            scaled = new BigDecimal(value).movePointLeft(3 * exp3).round(new MathContext(6));
        }
        String digits = scaled.stripTrailingZeros().toPlainString().replace('-', '−');
        return digits + " " + PREFIXES[exp3 + 5] + unit;
    }
}
