package org.onset.instrument.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.onset.instrument.api.InstrumentInfo;
import org.onset.instrument.api.InstrumentStatus;
import org.onset.instrument.api.InstrumentStatus.State;
import org.onset.instrument.api.StatusListener;

/**
 * A status listener that remembers every call, for asserting on what a driver told its listeners.
 * Listeners are called on a driver thread, so assertions wait (bounded) for the call to arrive.
 */
public final class StatusRecorder implements StatusListener {

    /** One call of the listener. */
    public record Call(InstrumentInfo instrument, InstrumentStatus status) {
    }

    private static final long WAIT_SECONDS = 10;

    private final LinkedBlockingQueue<Call> pending = new LinkedBlockingQueue<>();
    private final List<Call> seen = new ArrayList<>();

    @Override
    public void statusChanged(InstrumentInfo instrument, InstrumentStatus status) {
        pending.add(new Call(instrument, status));
    }

    /**
     * Waits for the next call reporting {@code state}, skipping others; fails after 10 s.
     *
     * @throws AssertionError when no such call arrives
     */
    public Call awaitState(State state) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            Call c;
            try {
                c = pending.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for status " + state, e);
            }
            if (c == null) {
                throw new AssertionError("no listener call with status " + state + " within " + WAIT_SECONDS
                        + " s; calls so far: " + states());
            }
            synchronized (seen) {
                seen.add(c);
            }
            if (c.status().state() == state) {
                return c;
            }
        }
    }

    /** States of the calls consumed by {@link #awaitState} so far plus those still pending, in order. */
    public List<State> states() {
        List<State> out = new ArrayList<>();
        synchronized (seen) {
            seen.forEach(c -> out.add(c.status().state()));
        }
        pending.forEach(c -> out.add(c.status().state()));
        return out;
    }

    /** Number of calls received so far. */
    public int count() {
        synchronized (seen) {
            return seen.size() + pending.size();
        }
    }
}
