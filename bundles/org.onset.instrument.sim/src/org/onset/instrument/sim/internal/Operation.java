package org.onset.instrument.sim.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One running command (ramp, move, scan). Anyone may ask it to stop; the first request wins and
 * wakes every wait of the command at once, which is what keeps the abort latency short in
 * real-time mode.
 */
final class Operation {

    /** Why an operation was asked to stop. */
    enum StopCause {
        /** {@code abort()} was called. */
        ABORT,
        /** An (injected) instrument fault. */
        FAULT,
        /** The (simulated) link to the instrument was lost. */
        LINK_LOST,
        /** {@code disconnect()} or deactivation while the command ran. */
        DISCONNECT
    }

    record Stop(StopCause cause, String reason) {
    }

    private final String description;
    private final AtomicReference<Stop> stop = new AtomicReference<>();
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    Operation(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    /** Asks the operation to stop; later requests keep the first cause. */
    void requestStop(StopCause cause, String reason) {
        if (stop.compareAndSet(null, new Stop(cause, reason))) {
            stopSignal.countDown();
        }
    }

    boolean stopRequested() {
        return stop.get() != null;
    }

    /** The stop request, or null while none. */
    Stop stop() {
        return stop.get();
    }

    /**
     * Waits up to {@code nanos} or until a stop is requested, whichever comes first.
     *
     * @return true when a stop was requested
     */
    boolean awaitStop(long nanos) {
        if (nanos <= 0) {
            return stopRequested();
        }
        try {
            return stopSignal.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            requestStop(StopCause.ABORT, "the thread running '" + description + "' was interrupted");
            return true;
        }
    }

    /** Waits without limit until a stop is requested (the injected hang). */
    void awaitStop() {
        while (!stopRequested()) {
            awaitStop(TimeUnit.SECONDS.toNanos(1));
        }
    }

    void markFinished() {
        finished.countDown();
    }

    boolean awaitFinished(long millis) {
        try {
            return finished.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
