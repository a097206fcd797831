package org.onset.instrument.api;

import java.util.Optional;

/**
 * How a ramp ended.
 *
 * @param termination  why it ended
 * @param cutoff       the cutoff event when {@code termination} is {@link Termination#CUTOFF}
 * @param samples      number of samples acquired (and delivered)
 * @param durationSeconds time from ramp start to the last sample, s
 * @param faultReason  what went wrong when {@code termination} is {@link Termination#FAULT}, else ""
 */
public record RampOutcome(Termination termination, CutoffEvent cutoff, int samples, double durationSeconds,
        String faultReason) {

    public enum Termination {
        /** The armed rule fired; the ramp was aborted and the bias set to 0 V. */
        CUTOFF,
        /** The programmed ramp ran to its end without the rule firing. */
        COMPLETED,
        /** {@link InstrumentDriver#abort()} was called. */
        ABORTED,
        /** The instrument faulted or the link was lost; see {@code faultReason}. */
        FAULT
    }

    public RampOutcome {
        faultReason = faultReason == null ? "" : faultReason;
        if (termination == Termination.CUTOFF && cutoff == null) {
            throw new IllegalArgumentException("a CUTOFF outcome needs the cutoff event");
        }
    }

    public Optional<CutoffEvent> cutoffEvent() {
        return Optional.ofNullable(cutoff);
    }
}
