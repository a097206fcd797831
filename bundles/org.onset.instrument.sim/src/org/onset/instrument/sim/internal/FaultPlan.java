package org.onset.instrument.sim.internal;

/**
 * Faults the simulator injects on purpose, so that consumers (sweep, UI, conformance suite) can be
 * tested against the failures real hardware has. Times are instrument seconds since the ramp start;
 * a negative time means "never".
 *
 * @param faultAfter    every ramp faults (e.g. a DAQ buffer overrun) once it has run this long
 * @param linkLossAfter the link to the instrument is lost this far into every ramp
 * @param hangAfter     acquisition stalls this far into every ramp until {@code abort()} or disconnect
 * @param connectFails  {@code connect()} always fails
 */
record FaultPlan(double faultAfter, double linkLossAfter, double hangAfter, boolean connectFails) {

    static final FaultPlan NONE = new FaultPlan(-1, -1, -1, false);

    boolean faultDue(double rampSeconds) {
        return faultAfter >= 0 && rampSeconds >= faultAfter;
    }

    boolean linkLossDue(double rampSeconds) {
        return linkLossAfter >= 0 && rampSeconds >= linkLossAfter;
    }

    boolean hangDue(double rampSeconds) {
        return hangAfter >= 0 && rampSeconds >= hangAfter;
    }
}
