package org.onset.sweep.api;

import java.time.Instant;

import org.onset.instrument.api.RampOutcome.Termination;
import org.onset.map.api.RuleNames;

/**
 * What one pixel gave. The full curves go to the map file only.
 *
 * @param index            position index {@code j * nx + i}
 * @param sequence         0-based place of this pixel in the visiting order
 * @param i                column
 * @param j                row
 * @param x                tip x position, m
 * @param y                tip y position, m
 * @param onsetBias        bias at which the cutoff rule fired (the nucleation potential), V; NaN when it did not fire
 * @param currentAtEnd     current of the last sample of the ramp, A
 * @param heightChangeAtEnd height of the last sample minus the first, m; NaN without height channel
 * @param rule             leaf rule that fired ({@link RuleNames#CURRENT}, {@link RuleNames#HEIGHT}),
 *                         {@link RuleNames#NONE} when none fired (null or "" are taken for it)
 * @param termination      how the ramp ended; FAULT also for a driver that threw or hung
 * @param cutoffSampleIndex sample at which the rule fired, −1 when none
 * @param samples          samples acquired
 * @param faultReason      what went wrong, "" unless {@code termination} is FAULT
 * @param start            when the ramp started
 * @param end              when it ended
 */
public record PixelResult(int index, int sequence, int i, int j, double x, double y, double onsetBias,
        double currentAtEnd, double heightChangeAtEnd, String rule, Termination termination, int cutoffSampleIndex,
        int samples, String faultReason, Instant start, Instant end) {

    public PixelResult {
        rule = RuleNames.orNone(rule);
        faultReason = faultReason == null ? "" : faultReason;
    }

    /** True when the compliance rule fired, i.e. a nucleation event stopped the ramp. */
    public boolean fired() {
        return termination == Termination.CUTOFF;
    }
}
