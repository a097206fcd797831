package org.onset.instrument.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.onset.instrument.api.InstrumentInfo;
import org.onset.instrument.api.InstrumentStatus;
import org.onset.instrument.api.InstrumentStatus.State;
import org.onset.instrument.api.StatusListener;
import org.osgi.service.log.Logger;

/**
 * The status of one instrument and its listeners. Listeners are told on one notifier thread per
 * instrument, in the order of the changes and never under a lock, so they may call back into the
 * driver. Every transition into FAULT is logged with the instrument id.
 */
public final class DriverStatus {

    private final InstrumentInfo info;
    private final Logger log;
    private final List<StatusListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService notifier;
    private volatile InstrumentStatus status;

    public DriverStatus(InstrumentInfo info, InstrumentStatus initial, Logger log) {
        this.info = info;
        this.log = log;
        this.status = initial;
        notifier = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "onset-driver-status-" + info.id());
            t.setDaemon(true);
            return t;
        });
        logFault(null, initial);
    }

    public InstrumentStatus get() {
        return status;
    }

    public State state() {
        return status.state();
    }

    /** Sets and announces a new status (also when only the reason changed). */
    public synchronized void set(State state, String reason) {
        InstrumentStatus next = InstrumentStatus.of(state, reason);
        logFault(status, next);
        status = next;
        if (!notifier.isShutdown()) {
            notifier.execute(() -> tell(next));
        }
    }

    public void addListener(StatusListener l) {
        listeners.add(l);
    }

    public void removeListener(StatusListener l) {
        listeners.remove(l);
    }

    /** Stops telling listeners; queued notifications are still delivered. */
    public void close() {
        notifier.shutdown();
    }

    private void logFault(InstrumentStatus before, InstrumentStatus after) {
        if (log != null && after.state() == State.FAULT && (before == null || before.state() != State.FAULT)) {
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
