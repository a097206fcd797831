package org.onset.analysis;

/**
 * The statistics of the measured pixels in one region of a {@link PhaseMap}.
 *
 * @param pixels            measured pixels in the region
 * @param nucleatedFraction fraction of them whose ramp a rule stopped (0 … 1); NaN when none
 *                          was measured
 * @param medianOnsetBias   median onset bias of those that nucleated, V; NaN when none did
 */
public record RegionStatistics(int pixels, double nucleatedFraction, double medianOnsetBias) {
}
