package org.onset.instrument.api;

import java.time.Instant;
import java.util.Objects;

/**
 * Status of an instrument at an instant.
 *
 * @param state  the state
 * @param reason why, in words a user understands; empty when there is nothing to say
 * @param since  when the state was entered
 */
public record InstrumentStatus(State state, String reason, Instant since) {

    public enum State {
        /** Not connected. */
        OFFLINE,
        /** Connected and idle: ready for commands. */
        ONLINE,
        /** Connected and running a ramp, a move or a scan. */
        BUSY,
        /** A fault stopped the instrument; the bias was set to 0 V if at all possible. */
        FAULT
    }

    public InstrumentStatus {
        Objects.requireNonNull(state, "state");
        reason = reason == null ? "" : reason;
        since = since == null ? Instant.now() : since;
    }

    public static InstrumentStatus of(State state, String reason) {
        return new InstrumentStatus(state, reason, Instant.now());
    }

    /** ONLINE or BUSY. */
    public boolean connected() {
        return state == State.ONLINE || state == State.BUSY;
    }
}
