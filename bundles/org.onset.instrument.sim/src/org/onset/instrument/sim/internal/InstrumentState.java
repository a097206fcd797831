package org.onset.instrument.sim.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import org.onset.instrument.api.InstrumentException;
import org.onset.instrument.api.InstrumentInfo;
import org.onset.instrument.api.InstrumentStatus;
import org.onset.instrument.api.InstrumentStatus.State;
import org.onset.instrument.api.NotConnectedException;
import org.onset.instrument.api.StatusListener;
import org.osgi.service.log.Logger;

/**
 * The status of one instrument and the single command it may run at a time.
 *
 * <p>Listeners are told on one notifier thread per instrument, in the order the changes happened,
 * and never while a lock is held, so a listener may call back into the driver.
 */
final class InstrumentState {

    private final InstrumentInfo info;
    private final Object lock = new Object();
    private final List<StatusListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService notifier;
    private InstrumentStatus status;
    private Operation running;
    private final Logger log;

    /** @param log where every transition to FAULT is logged (also an initial FAULT: refused settings) */
    InstrumentState(InstrumentInfo info, InstrumentStatus initial, Logger log) {
        this.info = info;
        this.status = initial;
        this.log = log;
        logFault(null, initial);
        this.notifier = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "onset-sim-status-" + info.id());
            t.setDaemon(true);
            return t;
        });
    }

    InstrumentStatus status() {
        synchronized (lock) {
            return status;
        }
    }

    Operation running() {
        synchronized (lock) {
            return running;
        }
    }

    void addListener(StatusListener l) {
        listeners.add(l);
    }

    void removeListener(StatusListener l) {
        listeners.remove(l);
    }

    /** Sets a new status unconditionally. */
    void set(State state, String reason) {
        synchronized (lock) {
            change(state, reason);
        }
    }

    /** Goes ONLINE unless already connected; {@code failure} may veto with a FAULT reason. */
    void connect(String onlineReason, Supplier<String> failure) {
        synchronized (lock) {
            if (status.connected()) {
                return;
            }
            String why = failure.get();
            if (why != null) {
                change(State.FAULT, why);
            } else {
                change(State.ONLINE, onlineReason);
            }
        }
    }

    /** Goes OFFLINE (unless it already is) and returns the command that was running, if any. */
    Operation disconnect(String reason) {
        synchronized (lock) {
            if (status.state() != State.OFFLINE) {
                change(State.OFFLINE, reason);
            }
            return running;
        }
    }

    /** Goes OFFLINE for good with {@code reason}, announced even when already OFFLINE; returns the running command. */
    Operation shutDown(String reason) {
        synchronized (lock) {
            change(State.OFFLINE, reason);
            return running;
        }
    }

    /** Throws unless the instrument is ONLINE and idle. */
    void requireIdle(String command) {
        synchronized (lock) {
            checkIdle(command);
        }
    }

    /** Marks the start of a command: ONLINE → BUSY. */
    Operation begin(String description) {
        synchronized (lock) {
            checkIdle(description);
            running = new Operation(description);
            change(State.BUSY, description);
            return running;
        }
    }

    /** Marks the end of {@code op}; BUSY becomes {@code next}, other states (set meanwhile) stay. */
    void end(Operation op, State next, String reason) {
        synchronized (lock) {
            if (running == op) {
                running = null;
            }
            if (status.state() == State.BUSY) {
                change(next, reason);
            }
        }
        op.markFinished();
    }

    /** Stops telling listeners; queued notifications are still delivered. */
    void close() {
        notifier.shutdown();
    }

    private void checkIdle(String command) {
        switch (status.state()) {
            case ONLINE -> {
                if (running != null) {
                    throw new InstrumentException("instrument '" + info.id() + "' cannot start '" + command
                            + "': the previous command '" + running.description() + "' is still stopping");
                }
            }
            case BUSY -> throw new InstrumentException("instrument '" + info.id() + "' cannot start '" + command
                    + "': it is busy with '" + status.reason() + "'");
            default -> throw new NotConnectedException("instrument '" + info.id() + "' cannot start '" + command
                    + "': it is " + status.state() + (status.reason().isEmpty() ? "" : " (" + status.reason() + ")"));
        }
    }

    private void change(State state, String reason) {
        InstrumentStatus next = InstrumentStatus.of(state, reason);
        logFault(status, next);
        status = next;
        if (!notifier.isShutdown()) {
            notifier.execute(() -> tell(next));
        }
    }

    /** Logs entering FAULT (not staying in it); the log service hands entries on asynchronously. */
    private void logFault(InstrumentStatus before, InstrumentStatus after) {
        if (after.state() == State.FAULT && (before == null || before.state() != State.FAULT)) {
            log.warn("instrument '{}' ({}) FAULT: {}", info.id(), info.name(), after.reason());
        }
    }

    private void tell(InstrumentStatus s) {
        for (StatusListener l : listeners) {
            try {
                l.statusChanged(info, s);
            } catch (RuntimeException e) {
                // a broken listener must not silence the others nor the driver
                Thread t = Thread.currentThread();
                t.getUncaughtExceptionHandler().uncaughtException(t, e);
            }
        }
    }
}
