package org.onset.sweep.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs driver calls on a worker thread with a watchdog. A driver that hangs cannot be trusted to
 * come back, so after a timeout its thread is abandoned (interrupted, never joined) and the next
 * call gets a fresh worker.
 */
final class DriverCalls implements AutoCloseable {

    private final String threadName;
    private ExecutorService worker;
    /** System.nanoTime() of the user's abort, 0 while none. */
    private volatile long abortedAt;
    /** Time spent inside driver methods (measured on the worker), ns; read after each call. */
    private long driverNanos;

    private final Runnable onAbort;
    private final Consumer<String> onWatchdog;

    /**
     * @param onAbort repeated while a call outlives the user's abort (the driver's abort is idempotent)
     * @param onWatchdog told what the watchdog gave up on, when it fires (for the log)
     */
    DriverCalls(String threadName, Runnable onAbort, Consumer<String> onWatchdog) {
        this.threadName = threadName;
        this.onAbort = onAbort;
        this.onWatchdog = onWatchdog;
        this.worker = newWorker();
    }

    private ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** A driver call on its way: {@link #await} it exactly once. */
    static final class Pending<T> {
        /** Named only when a fault needs the name: formatting it per call costs the loop time. */
        private final Supplier<String> what;
        private final Future<T> future;
        private final long[] inside;
        private final long deadline;
        private final double timeoutSeconds;

        private Pending(Supplier<String> what, Future<T> future, long[] inside, double timeoutSeconds) {
            this.what = what;
            this.future = future;
            this.inside = inside;
            this.timeoutSeconds = timeoutSeconds;
            this.deadline = System.nanoTime() + (long) Math.ceil(timeoutSeconds * 1e9);
        }
    }

    /** Starts a driver call on the worker; the watchdog runs from now. */
    <T> Pending<T> submit(String what, Callable<T> task, double timeoutSeconds) {
        return submit(() -> what, task, timeoutSeconds);
    }

    /** {@link #submit(String, Callable, double)} with the call's name made only when a fault reports it. */
    <T> Pending<T> submit(Supplier<String> what, Callable<T> task, double timeoutSeconds) {
        long[] inside = new long[1];
        Future<T> f = worker.submit(() -> {
            long t0 = System.nanoTime();
            try {
                return task.call();
            } finally {
                inside[0] = System.nanoTime() - t0;
            }
        });
        return new Pending<>(what, f, inside, timeoutSeconds);
    }

    /**
     * @return the call's result
     * @throws DriverFault when the call threw or did not return within its time
     * @throws CancellationException when the user aborted and the driver did not return (see {@link #await(Future, long)})
     */
    <T> T await(Pending<T> p) throws DriverFault, InterruptedException {
        try {
            T result = await(p.future, p.deadline);
            driverNanos += p.inside[0];
            return result;
        } catch (ExecutionException e) {
            driverNanos += p.inside[0];
            Throwable cause = e.getCause();
            throw new DriverFault(p.what.get() + " failed: " + cause, cause);
        } catch (TimeoutException e) {
            p.future.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            String why = String.format("watchdog: %s did not return within %.1f s", p.what.get(), p.timeoutSeconds);
            onWatchdog.accept(why);
            throw new DriverFault(why, null);
        } catch (CancellationException e) {
            // the cancelled driver call may still be stuck: do not queue the next call behind it
            worker.shutdownNow();
            worker = newWorker();
            throw e;
        }
    }

    /** {@link #submit} and {@link #await(Pending)} in one. */
    <T> T call(String what, Callable<T> task, double timeoutSeconds) throws DriverFault, InterruptedException {
        return await(submit(what, task, timeoutSeconds));
    }

    /**
     * Waits in short slices so that a user's abort is noticed: a driver honouring its contract
     * returns promptly after {@code abort()}; one that does not within {@link #ABORT_GRACE_NANOS}
     * is given up on.
     */
    private <T> T await(Future<T> f, long deadline) throws InterruptedException, ExecutionException, TimeoutException {
        while (true) {
            long left = deadline - System.nanoTime();
            long slice = Math.min(left, SLICE_NANOS);
            if (slice <= 0) {
                throw new TimeoutException();
            }
            try {
                return f.get(slice, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                long a = abortedAt;
                if (a != 0) {
                    if (System.nanoTime() - a > ABORT_GRACE_NANOS) {
                        f.cancel(true);
                        throw new CancellationException("the driver did not return after abort");
                    }
                    // a ramp that started just after the user's abort must be stopped too
                    onAbort.run();
                }
            }
        }
    }

    static final long SLICE_NANOS = 50_000_000L;
    static final long ABORT_GRACE_NANOS = 2_000_000_000L;

    /** Tells a waiting {@link #call} that the user aborted; see {@link #await}. */
    void userAborted() {
        abortedAt = Math.max(1, System.nanoTime());
    }

    /** Total time spent inside driver methods so far, ns. */
    long driverNanos() {
        return driverNanos;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
