package org.onset.instrument.sim.internal;

import java.util.Optional;

/**
 * Faults the simulator injects on purpose, so that consumers (sweep, UI, conformance suite) can be
 * tested against the failures real hardware has. Times are instrument seconds since the ramp start;
 * a negative time means "never".
 *
 * @param faultAfter    every ramp faults (e.g. a DAQ buffer overrun) this far into it
 * @param linkLossAfter the link to the instrument is lost this far into every ramp
 * @param hangAfter     acquisition stalls this far into every ramp until {@code abort()} or disconnect
 * @param connectFails  {@code connect()} always fails
 */
record FaultPlan(double faultAfter, double linkLossAfter, double hangAfter, boolean connectFails) {

    static final FaultPlan NONE = new FaultPlan(-1, -1, -1, false);

    enum Kind {
        FAULT, LINK_LOSS, HANG
    }

    /** One injected event of a ramp. */
    record Event(Kind kind, double time) {
    }

    /** The earliest event injected into every ramp, if any. */
    Optional<Event> firstEvent() {
        Event first = null;
        first = earlier(first, Kind.FAULT, faultAfter);
        first = earlier(first, Kind.LINK_LOSS, linkLossAfter);
        first = earlier(first, Kind.HANG, hangAfter);
        return Optional.ofNullable(first);
    }

    private static Event earlier(Event current, Kind kind, double time) {
        if (time < 0 || (current != null && current.time() <= time)) {
            return current;
        }
        return new Event(kind, time);
    }
}
