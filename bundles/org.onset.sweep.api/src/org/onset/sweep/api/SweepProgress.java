package org.onset.sweep.api;

import java.time.Duration;
import java.util.Optional;

/**
 * A snapshot of a run.
 *
 * @param state          state at the time of the snapshot
 * @param done           pixels in the file (including those found there on resume)
 * @param total          pixels of the map
 * @param resumedFrom    pixels already in the file when the run started
 * @param faults         pixels marked as faulted in this run
 * @param elapsed        time spent running (pauses excluded) in this run
 * @param eta            estimated time to the last pixel, from the mean pixel time of this run;
 *                       null until a pixel was measured or when not running
 * @param meanPixelTime  mean wall time per pixel measured in this run, instrument time included
 * @param meanOverhead   mean software time per pixel outside the driver calls (order, storage, events)
 * @param reason         why the run is paused or ended ("" when running normally)
 */
public record SweepProgress(SweepState state, int done, int total, int resumedFrom, int faults, Duration elapsed,
        Duration eta, Duration meanPixelTime, Duration meanOverhead, String reason) {

    public SweepProgress {
        reason = reason == null ? "" : reason;
    }

    /** Fraction done, 0 … 1. */
    public double fraction() {
        return total == 0 ? 1 : (double) done / total;
    }

    public Optional<Duration> etaIfKnown() {
        return Optional.ofNullable(eta);
    }
}
