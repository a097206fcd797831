package org.onset.sweep.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.onset.instrument.api.CutoffRule;

/** The rule as the map file states it: what is compared, in a scientist's words and units. */
class RuleTextTest {

    @Test
    void leavesSayTheQuantityTheComparisonAndTheReference() {
        assertEquals("I ≤ −10 pA", RuleText.of(CutoffRule.current(-10e-12)));
        assertEquals("I ≥ 1.5 nA", RuleText.of(CutoffRule.current(1.5e-9)));
        assertEquals("ΔZ ≥ 8 nm from the ramp's first sample", RuleText.of(CutoffRule.height(8e-9)));
        assertEquals("ΔZ ≤ −250 pm from the ramp's first sample", RuleText.of(CutoffRule.height(-0.25e-9)));
        assertEquals("none (the ramp runs to its end)", RuleText.of(CutoffRule.none()));
    }

    @Test
    void compositesReadAsASentence() {
        CutoffRule i = CutoffRule.current(-10e-12);
        CutoffRule z = CutoffRule.height(8e-9);
        assertEquals("I ≤ −10 pA or ΔZ ≥ 8 nm from the ramp's first sample", RuleText.of(CutoffRule.anyOf(i, z)));
        assertEquals("I ≤ −10 pA and ΔZ ≥ 8 nm from the ramp's first sample, each reached at some sample",
                RuleText.of(CutoffRule.allOf(i, z)));
        assertEquals("I ≤ −10 pA, then ΔZ ≥ 8 nm from the ramp's first sample", RuleText.of(CutoffRule.then(i, z)));
        assertEquals("(I ≤ −10 pA or I ≥ 10 pA), then ΔZ ≥ 8 nm from the ramp's first sample",
                RuleText.of(CutoffRule.then(CutoffRule.anyOf(i, CutoffRule.current(10e-12)), z)));
    }

    @Test
    void quantitiesTakeTheSiPrefixThatKeepsThemBetweenOneAndAThousand() {
        assertEquals("10 pA", RuleText.quantity(1.0E-11, "A"));
        assertEquals("999 pA", RuleText.quantity(999e-12, "A"));
        assertEquals("1 nA", RuleText.quantity(999.9999999e-12, "A"));
        assertEquals("1.23457 µm", RuleText.quantity(1.234567e-6, "m"));
        assertEquals("−3.7 V", RuleText.quantity(-3.7, "V"));
        assertEquals("0 V", RuleText.quantity(0, "V"));
    }
}
