package org.onset.sweep.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutionException;

import org.onset.instrument.api.CutoffEvent;
import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.api.Positioner;
import org.onset.instrument.api.RampOutcome;
import org.onset.instrument.api.RampOutcome.Termination;
import org.onset.instrument.api.RampRequest;
import org.onset.instrument.api.TopographyImage;
import org.onset.instrument.api.TopographyScanner;
import org.onset.sweep.api.MapRecipe;
import org.onset.sweep.api.MapRecipe.Grid;
import org.onset.sweep.api.PixelResult;
import org.onset.sweep.api.SweepEvents;
import org.onset.sweep.api.SweepProgress;
import org.onset.sweep.api.SweepRun;
import org.onset.sweep.api.SweepState;

/**
 * One map in progress: a thread that walks the pixel plan, runs each ramp through the watchdog,
 * stores the pixel and announces it. Safety first: on any fault the driver's abort (bias to 0 V)
 * is called before anything is written.
 */
final class SweepRunImpl implements SweepRun {

    private final String id;
    private final MapRecipe recipe;
    private final Path output;
    private final MapStore store;
    private final InstrumentRegistry instruments;
    private final EventPublisher events;
    private final int[] plan;
    private final BitSet done;
    private final int resumedFrom;
    private final RampRequest request;
    private final DriverCalls calls;
    private final CompletableFuture<SweepState> finished = new CompletableFuture<>();
    private final Thread thread;

    private final Object lock = new Object();
    // guarded by lock
    private SweepState state = SweepState.RUNNING;
    private String reason = "";
    private boolean pauseRequested;
    private boolean abortRequested;
    private int doneCount;
    private int faults;
    private int measured;
    private long runningNanos;
    private long runningSince;
    private long pixelNanos;
    private long overheadNanos;

    private volatile InstrumentDriver driverInUse;
    private volatile PixelResult last;
    private final List<PixelResult> measuredPixels = new ArrayList<>(); // guarded by lock

    SweepRunImpl(String id, MapRecipe recipe, Path output, MapStore store, InstrumentRegistry instruments,
            EventPublisher events) {
        this.id = id;
        this.recipe = recipe;
        this.output = output;
        this.store = store;
        this.instruments = instruments;
        this.events = events;
        this.plan = PixelPlan.order(recipe.grid(), recipe.order(), recipe.orderSeed());
        this.done = store.completed();
        this.resumedFrom = done.cardinality();
        this.doneCount = resumedFrom;
        this.request = recipe.rampRequest();
        this.calls = new DriverCalls("onset-sweep-" + id + "-driver", () -> safeZero(driverInUse));
        this.thread = new Thread(this::runLoop, "onset-sweep-" + id);
    }

    void start() {
        synchronized (lock) {
            runningSince = System.nanoTime();
        }
        thread.start();
    }

    // ------------------------------------------------------------------ the loop

    private void runLoop() {
        SweepState end = SweepState.FAILED;
        String why = "";
        try {
            events.run(SweepEvents.STARTED, this, resumedFrom > 0 ? "resumed with " + resumedFrom + " pixels in the file" : "");
            boolean go = !recipe.topography().before() || store.hasTopography("before") || topography("before");
            for (int k = 0; go && k < plan.length;) {
                if (done.get(plan[k])) {
                    k++;
                    continue;
                }
                if (!checkpoint()) {
                    go = false;
                } else if (measure(k, plan[k])) {
                    k++;
                }
            }
            if (go && recipe.topography().after() && !store.hasTopography("after")) {
                go = topography("after");
            }
            if (go) {
                store.markComplete();
                end = SweepState.COMPLETED;
            } else {
                end = SweepState.ABORTED;
                why = "aborted by the user after " + doneCount() + " of " + plan.length + " pixels";
            }
        } catch (IOException e) {
            why = "cannot write " + output + ": " + e.getMessage();
            safeZero(driverInUse);
        } catch (RuntimeException | Error e) {
            why = "internal error: " + e;
            safeZero(driverInUse);
        } catch (InterruptedException e) {
            why = "interrupted";
            safeZero(driverInUse);
        } finally {
            calls.close();
            try {
                store.close();
            } catch (IOException e) {
                if (end == SweepState.COMPLETED) {
                    end = SweepState.FAILED;
                }
                why = (why.isEmpty() ? "" : why + "; ") + "closing " + output + " failed: " + e.getMessage();
            }
            synchronized (lock) {
                stopClock();
                state = end;
                reason = why;
                lock.notifyAll();
            }
            events.run(end == SweepState.COMPLETED ? SweepEvents.COMPLETED
                    : end == SweepState.ABORTED ? SweepEvents.ABORTED : SweepEvents.FAILED, this, why);
            finished.complete(end);
        }
    }

    /** Honours pause and abort between pixels; false when the run must stop. */
    private boolean checkpoint() throws InterruptedException {
        boolean paused = false;
        synchronized (lock) {
            if (pauseRequested && !abortRequested) {
                state = SweepState.PAUSED;
                stopClock();
                paused = true;
            }
        }
        if (paused) {
            events.run(SweepEvents.PAUSED, this, reasonNow());
        }
        synchronized (lock) {
            while (pauseRequested && !abortRequested) {
                lock.wait();
            }
            if (abortRequested) {
                return false;
            }
            if (paused) {
                state = SweepState.RUNNING;
                reason = "";
                runningSince = System.nanoTime();
            }
        }
        if (paused) {
            events.run(SweepEvents.RESUMED, this, "");
        }
        return true;
    }

    /** Measures one pixel; false when nothing was stored (no driver), so the pixel is tried again after resume. */
    private boolean measure(int sequence, int index) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        long driverBefore = calls.driverNanos();
        InstrumentDriver d;
        try {
            d = requireDriver();
        } catch (DriverFault f) {
            pauseForFault(f.getMessage());
            events.run(SweepEvents.FAULT, this, f.getMessage());
            return false;
        }
        Grid g = recipe.grid();
        int i = index % g.nx();
        int j = index / g.nx();
        double x = g.x(i);
        double y = g.y(j);
        double margin = recipe.limits().watchdogMarginSeconds();
        CurveBuffer buffer = new CurveBuffer();
        Instant start = Instant.now();
        RampOutcome outcome = null;
        String fault = null;
        boolean abandoned = false;
        try {
            Optional<Positioner> positioner = d.positioner();
            if (positioner.isPresent()) {
                calls.call(String.format("move to (%.1f, %.1f) nm", x * 1e9, y * 1e9), () -> {
                    positioner.get().moveTo(x, y, recipe.settleSeconds());
                    return null;
                }, recipe.settleSeconds() + margin);
            }
            if (abortRequested()) {
                return false; // nothing ramped: the pixel stays unmeasured
            }
            start = Instant.now();
            outcome = calls.call("ramp", () -> d.ramp(request, buffer), request.durationSeconds() + margin);
            if (outcome.termination() == Termination.FAULT) {
                fault = "the driver reported a fault: " + outcome.faultReason();
            }
        } catch (DriverFault f) {
            fault = f.getMessage();
        } catch (CancellationException c) {
            abandoned = true;
        }
        if (fault != null || abandoned) {
            fault = safeZero(d) + (fault == null ? "" : fault);
        }
        Instant end = Instant.now();
        Curve curve = buffer.toCurve(recipe.sampleRateHz());
        PixelResult px = result(sequence, index, i, j, x, y, outcome, fault, abandoned, curve, start, end);
        store.append(px, curve);
        last = px;
        boolean faulted = px.termination() == Termination.FAULT;
        synchronized (lock) {
            measuredPixels.add(px);
            done.set(index);
            doneCount++;
            measured++;
            if (faulted) {
                faults++;
            }
        }
        if (faulted) {
            pauseForFault(String.format("pixel (%d, %d): %s", i, j, px.faultReason()));
        }
        events.pixel(faulted ? SweepEvents.FAULT : SweepEvents.PIXEL, this, px);
        long elapsed = System.nanoTime() - t0;
        long inDriver = calls.driverNanos() - driverBefore;
        synchronized (lock) {
            pixelNanos += elapsed;
            overheadNanos += Math.max(0, elapsed - inDriver);
        }
        return true;
    }

    private PixelResult result(int sequence, int index, int i, int j, double x, double y, RampOutcome outcome,
            String fault, boolean abandoned, Curve curve, Instant start, Instant end) {
        Termination termination = fault != null ? Termination.FAULT
                : abandoned || outcome == null ? Termination.ABORTED : outcome.termination();
        CutoffEvent cut = termination == Termination.CUTOFF ? outcome.cutoff() : null;
        return new PixelResult(index, sequence, i, j, x, y, cut == null ? Double.NaN : cut.bias(),
                curve.lastCurrent(), curve.heightChange(), cut == null ? "" : cut.rule(), termination,
                cut == null ? -1 : cut.sampleIndex(), curve.size(), fault == null ? "" : fault, start, end);
    }

    /** Takes a topography image; false when the user aborted. Faults pause and retry after resume. */
    private boolean topography(String name) throws IOException, InterruptedException {
        Grid g = recipe.grid();
        while (checkpoint()) {
            InstrumentDriver d = null;
            try {
                d = requireDriver();
                TopographyScanner scanner = d.topography()
                        .orElseThrow(() -> new DriverFault("the instrument cannot image topography", null));
                double timeout = recipe.limits().watchdogMarginSeconds() + 0.05 * g.pixelCount();
                TopographyImage img = calls.call("topography scan (" + name + ")",
                        () -> scanner.scan(g.x0(), g.y0(), g.dx(), g.dy(), g.nx(), g.ny()), timeout);
                store.writeTopography(name, img);
                return true;
            } catch (DriverFault f) {
                String why = safeZero(d) + "topography " + name + ": " + f.getMessage();
                pauseForFault(why);
                events.run(SweepEvents.FAULT, this, why);
            } catch (CancellationException c) {
                return false;
            }
        }
        return false;
    }

    private InstrumentDriver requireDriver() throws DriverFault {
        InstrumentDriver d = instruments.get(recipe.instrumentId()).orElseThrow(() -> new DriverFault(
                "instrument '" + recipe.instrumentId() + "' is not registered (any more)", null));
        driverInUse = d;
        try {
            if (!d.status().connected()) {
                d.connect();
                if (!d.status().connected()) {
                    throw new DriverFault("instrument '" + recipe.instrumentId() + "' is " + d.status().state()
                            + (d.status().reason().isEmpty() ? "" : ": " + d.status().reason()), null);
                }
            }
        } catch (RuntimeException e) {
            throw new DriverFault("instrument '" + recipe.instrumentId() + "' cannot connect: " + e, e);
        }
        return d;
    }

    /**
     * Sets the bias to 0 V through the driver's abort. Returns "" or, when even that failed, a note
     * for the fault reason (the user must then check the hardware).
     */
    static String safeZero(InstrumentDriver d) {
        if (d == null) {
            return "";
        }
        try {
            d.abort();
            return "";
        } catch (RuntimeException e) {
            return "[abort failed: " + e + "; check the bias output] ";
        }
    }

    private void pauseForFault(String why) {
        synchronized (lock) {
            if (!abortRequested) {
                pauseRequested = true;
                state = SweepState.PAUSING;
                reason = why;
            }
        }
    }

    private void stopClock() {
        if (runningSince != 0) {
            runningNanos += System.nanoTime() - runningSince;
            runningSince = 0;
        }
    }

    // ------------------------------------------------------------------ SweepRun

    @Override
    public String id() {
        return id;
    }

    @Override
    public MapRecipe recipe() {
        return recipe;
    }

    @Override
    public Path output() {
        return output;
    }

    @Override
    public SweepState state() {
        synchronized (lock) {
            return state;
        }
    }

    private String reasonNow() {
        synchronized (lock) {
            return reason;
        }
    }

    private boolean abortRequested() {
        synchronized (lock) {
            return abortRequested;
        }
    }

    private int doneCount() {
        synchronized (lock) {
            return doneCount;
        }
    }

    @Override
    public SweepProgress progress() {
        synchronized (lock) {
            long running = runningNanos + (runningSince == 0 ? 0 : System.nanoTime() - runningSince);
            Duration mean = measured == 0 ? Duration.ZERO : Duration.ofNanos(pixelNanos / measured);
            Duration overhead = measured == 0 ? Duration.ZERO : Duration.ofNanos(overheadNanos / measured);
            boolean moving = state == SweepState.RUNNING || state == SweepState.PAUSING;
            Duration eta = measured == 0 || !moving ? null : mean.multipliedBy(plan.length - doneCount);
            return new SweepProgress(state, doneCount, plan.length, resumedFrom, faults, Duration.ofNanos(running), eta,
                    mean, overhead, reason);
        }
    }

    @Override
    public Optional<PixelResult> lastPixel() {
        return Optional.ofNullable(last);
    }

    @Override
    public List<PixelResult> pixels() {
        synchronized (lock) {
            return List.copyOf(measuredPixels);
        }
    }

    @Override
    public void pause() {
        synchronized (lock) {
            if (state == SweepState.RUNNING) {
                pauseRequested = true;
                state = SweepState.PAUSING;
                reason = "paused by the user";
            }
        }
    }

    @Override
    public void resume() {
        synchronized (lock) {
            if (state == SweepState.PAUSED || state == SweepState.PAUSING) {
                pauseRequested = false;
                if (state == SweepState.PAUSING) {
                    state = SweepState.RUNNING;
                    reason = "";
                }
                lock.notifyAll();
            }
        }
    }

    @Override
    public void abort() {
        synchronized (lock) {
            if (state.isFinal() || abortRequested) {
                return;
            }
            abortRequested = true;
            lock.notifyAll();
        }
        // bias to 0 V now, on the caller's thread: the run thread may be inside a long ramp
        safeZero(driverInUse);
        calls.userAborted();
    }

    @Override
    public CompletionStage<SweepState> finished() {
        return finished.minimalCompletionStage();
    }

    @Override
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        try {
            finished.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    /** For service shutdown: abort and wait a little for the file to be closed. */
    void abortAndWait(Duration timeout) {
        abort();
        try {
            awaitFinished(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
