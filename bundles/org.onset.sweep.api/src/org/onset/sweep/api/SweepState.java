package org.onset.sweep.api;

/** Life cycle of a {@link SweepRun}. */
public enum SweepState {
    /** Pixels are being measured. */
    RUNNING,
    /** A pause was requested; the pixel in flight finishes first. */
    PAUSING,
    /** Waiting for {@link SweepRun#resume()} (after a user's pause or a driver fault). */
    PAUSED,
    /** Every pixel was measured; the file is complete. */
    COMPLETED,
    /** Stopped by {@link SweepRun#abort()}; the file holds what was measured and can be resumed. */
    ABORTED,
    /** Stopped by an error the run cannot recover from (e.g. the file cannot be written). */
    FAILED;

    /** True for the states a run never leaves. */
    public boolean isFinal() {
        return this == COMPLETED || this == ABORTED || this == FAILED;
    }
}
