package org.onset.instrument.sim.internal;

/**
 * Maps instrument time to wall-clock time. In virtual mode nothing waits; in real-time mode a
 * wait ends early as soon as the operation is asked to stop.
 */
final class Pacer {

    private final TimingMode mode;
    private final double speedup;

    Pacer(TimingMode mode, double speedup) {
        this.mode = mode;
        this.speedup = speedup;
    }

    boolean realTime() {
        return mode == TimingMode.REALTIME;
    }

    /** Instrument seconds elapsed since {@code startNanos} (wall clock); infinite in virtual mode. */
    double instrumentSecondsSince(long startNanos) {
        return realTime() ? (System.nanoTime() - startNanos) * 1e-9 * speedup : Double.POSITIVE_INFINITY;
    }

    /**
     * Waits until {@code instrumentSeconds} after {@code startNanos}.
     *
     * @return true when the operation was asked to stop meanwhile
     */
    boolean waitUntil(Operation op, long startNanos, double instrumentSeconds) {
        if (!realTime()) {
            return op.stopRequested();
        }
        long due = startNanos + (long) (instrumentSeconds / speedup * 1e9);
        return op.awaitStop(due - System.nanoTime());
    }

    /** Waits {@code instrumentSeconds} from now; see {@link #waitUntil}. */
    boolean waitFor(Operation op, double instrumentSeconds) {
        return waitUntil(op, System.nanoTime(), instrumentSeconds);
    }
}
