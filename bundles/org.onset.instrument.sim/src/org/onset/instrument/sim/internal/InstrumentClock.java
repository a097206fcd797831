package org.onset.instrument.sim.internal;

/**
 * Instrument time: the sum of the durations of every ramp, move, settle and scan so far, in both
 * timing modes. Thermal drift is a function of it, so a map drifts the same way whether it runs in
 * virtual or in real time, and a repeated virtual run is reproducible.
 */
final class InstrumentClock {

    private double seconds;

    synchronized void advance(double s) {
        if (s > 0) {
            seconds += s;
        }
    }

    synchronized double seconds() {
        return seconds;
    }
}
