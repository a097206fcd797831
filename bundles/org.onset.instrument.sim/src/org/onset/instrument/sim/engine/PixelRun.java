package org.onset.instrument.sim.engine;

import org.onset.instrument.api.RampOutcome;

/**
 * What happened at one pixel, beyond the samples that were streamed.
 *
 * @param outcome              how the ramp ended, as a driver reports it
 * @param onsetBias            applied bias at nucleation, V; NaN when nothing nucleated
 * @param onsetTime            time of nucleation since the ramp start, s; NaN when nothing nucleated
 * @param depositedVolume      volume of the Li particle at the end, m³ (0 without nucleation)
 * @param transferredCharge    faradaic charge that made the particle, C (≥ 0); capacitive and noise
 *                             contributions of the recorded current are not included
 * @param particleBaseRadius   base radius of the spherical cap at the end, m
 * @param particleHeight       apex height of the cap at the end, m
 * @param peakCurrentMagnitude largest magnitude of the faradaic current during the ramp, A (before
 *                             the amplifier, filter and noise)
 */
public record PixelRun(RampOutcome outcome, double onsetBias, double onsetTime, double depositedVolume,
        double transferredCharge, double particleBaseRadius, double particleHeight, double peakCurrentMagnitude) {

    /** True when a Li particle nucleated during the ramp. */
    public boolean nucleated() {
        return !Double.isNaN(onsetBias);
    }
}
