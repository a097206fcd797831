package org.onset.instrument.api;

/**
 * One linear piece of a bias ramp: from wherever the previous piece ended to {@code targetVolts}
 * at {@code rateVoltsPerSecond}, then an optional hold.
 *
 * @param targetVolts         bias at the end of the segment, V
 * @param rateVoltsPerSecond  magnitude of dV/dt, V/s (&gt; 0)
 * @param holdSeconds         time held at the target before the next segment, s (&ge; 0)
 */
public record RampSegment(double targetVolts, double rateVoltsPerSecond, double holdSeconds) {
    public RampSegment {
        if (!Double.isFinite(targetVolts)) {
            throw new IllegalArgumentException("ramp target must be a finite voltage, got " + targetVolts);
        }
        if (!(rateVoltsPerSecond > 0) || !Double.isFinite(rateVoltsPerSecond)) {
            throw new IllegalArgumentException("ramp rate must be a finite value > 0 V/s, got " + rateVoltsPerSecond);
        }
        if (!(holdSeconds >= 0) || !Double.isFinite(holdSeconds)) {
            throw new IllegalArgumentException("hold time must be a finite value >= 0 s, got " + holdSeconds);
        }
    }
}
