package org.onset.instrument.api;

/**
 * The moment a cutoff rule fired.
 *
 * @param rule        name of the leaf rule that completed the firing ("current", "height")
 * @param description the whole rule in words, e.g. "current <= -1.0E-11 A then height >= 8.0E-9 m"
 * @param sampleIndex index of the sample at which the rule was seen to fire
 * @param time        s since ramp start at that sample
 * @param bias        bias at that sample, V
 * @param current     current at that sample, A
 * @param heightChange height change since the ramp start at that sample, m (NaN without height channel)
 */
public record CutoffEvent(String rule, String description, int sampleIndex, double time, double bias, double current,
        double heightChange) {
}
