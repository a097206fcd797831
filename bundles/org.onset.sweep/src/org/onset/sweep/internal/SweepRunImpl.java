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
import java.util.function.Consumer;

import org.onset.instrument.api.CutoffEvent;
import org.onset.instrument.api.InstrumentDriver;
import org.onset.instrument.registry.Instrument;
import org.onset.instrument.registry.InstrumentRegistry;
import org.onset.instrument.api.Positioner;
import org.onset.instrument.api.RampOutcome;
import org.onset.instrument.api.RampOutcome.Termination;
import org.onset.instrument.api.RampRequest;
import org.onset.instrument.api.TopographyImage;
import org.onset.instrument.api.TopographyScanner;
import org.onset.map.api.Curve;
import org.onset.map.api.Grid;
import org.onset.map.api.MapStore;
import org.onset.map.api.PixelRecord;
import org.onset.map.api.RuleNames;
import org.onset.sweep.api.MapRecipe;
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
    /** The instrument's driver went away: paused until an instrument of that id is registered again. */
    private boolean awaitingInstrument;
    private int doneCount;
    private int faults;
    private int measured;
    private long runningNanos;
    private long runningSince;
    /** Wall time from the start of each pixel's measurement to its event, summed. */
    private long pixelNanos;
    /** Time spent inside driver calls (on the driver thread), summed. */
    private long driverNanos;

    /** Driver time before the first pixel (topography); run thread only. */
    private long driverBaseline;
    private volatile InstrumentDriver driverInUse;
    private volatile PixelResult last;
    private final List<PixelResult> measuredPixels = new ArrayList<>(); // guarded by lock
    /** Where each pixel's sample blocks are joined (run thread only; the store keeps no reference). */
    private final CurveBuffer.JoinBuffers joined;

    /**
     * @param log where watchdog firings are logged (with instrument, run and file), besides the
     *            FAULT they become
     */
    SweepRunImpl(String id, MapRecipe recipe, Path output, MapStore store, InstrumentRegistry instruments,
            EventPublisher events, Consumer<String> log) {
        this.id = id;
        this.recipe = recipe;
        this.output = output;
        this.store = store;
        this.instruments = instruments;
        this.events = events;
        this.plan = PixelPlan.order(recipe.grid(), recipe.order(), recipe.orderSeed());
        this.done = store.completedPixels();
        this.resumedFrom = done.cardinality();
        this.doneCount = resumedFrom;
        this.request = recipe.rampRequest();
        this.joined = new CurveBuffer.JoinBuffers(request.sampleCount());
        this.calls = new DriverCalls("onset-sweep-" + id + "-driver", () -> safeZero(driverInUse),
                why -> log.accept("instrument '" + recipe.instrumentId() + "', " + id + " (" + output + "): " + why
                        + "; bias set to 0 V, the map pauses"));
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
            Premove premove = null;
            driverBaseline = calls.driverNanos(); // topography scans are not pixel time
            for (int k = 0; go && k < plan.length;) {
                if (done.get(plan[k])) {
                    k++;
                    continue;
                }
                Gate gate = checkpoint();
                if (gate == Gate.STOP) {
                    go = false;
                    continue;
                }
                // a move started before a pause may be stale (the instrument may even have been replaced)
                Premove ready = gate == Gate.GO && premove != null && premove.index == plan[k] ? premove : null;
                premove = null;
                Measured m = measure(k, plan[k], ready);
                if (m == null) {
                    continue; // nothing ramped: the pixel is tried again after resume
                }
                premove = m.next();
                store(m);
                k++;
            }
            // a fault (or a pause) on the last pixel pauses too: the map is not completed behind the
            // user's back after its instrument faulted; the after-topography waits for them as well
            if (go && checkpoint() == Gate.STOP) {
                go = false;
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

    /** What {@link #checkpoint()} found. */
    private enum Gate {
        /** Go on. */
        GO,
        /** Go on after a pause. */
        RESUMED,
        /** Stop: the user aborted. */
        STOP
    }

    /** Honours pause and abort between pixels. */
    private Gate checkpoint() throws InterruptedException {
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
            while ((pauseRequested || awaitingInstrument) && !abortRequested) {
                if (!awaitingInstrument) {
                    lock.wait();
                    continue;
                }
                // no event says "this id is back" for sure (the registry may be asked while the new
                // service registers), so look every 100 ms: short against a bundle restart
                lock.wait(100);
                if (instruments.instrument(recipe.instrumentId()).isPresent()) {
                    awaitingInstrument = false;
                    pauseRequested = false;
                }
            }
            if (abortRequested) {
                return Gate.STOP;
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
        return paused ? Gate.RESUMED : Gate.GO;
    }

    /** A move to the next pixel, started while the previous one is being stored. */
    private record Premove(int index, InstrumentDriver driver, DriverCalls.Pending<Object> call) {
    }

    /** A measured pixel, not yet stored, and the move to the next one when it was started. */
    private record Measured(PixelResult pixel, Curve curve, long startNanos, Premove next) {
        boolean faulted() {
            return pixel.termination() == Termination.FAULT;
        }
    }

    /**
     * Starts the move to the next pixel to measure after plan position {@code from}, so that the
     * positioner travels and settles while the previous pixel is written: storage then costs no
     * instrument time. Nothing is started when a pause or abort is pending.
     */
    private Premove moveAhead(InstrumentDriver d, int from) {
        int k = from;
        while (k < plan.length && done.get(plan[k])) {
            k++;
        }
        synchronized (lock) {
            if (k >= plan.length || pauseRequested || abortRequested) {
                return null;
            }
        }
        Optional<Positioner> positioner = d.positioner();
        if (positioner.isEmpty()) {
            return null;
        }
        return new Premove(plan[k], d, move(positioner.get(), plan[k]));
    }

    private DriverCalls.Pending<Object> move(Positioner positioner, int index) {
        Grid g = recipe.grid();
        double x = g.x(index % g.nx());
        double y = g.y(index / g.nx());
        return calls.submit(() -> String.format("move to (%.1f, %.1f) nm", x * 1e9, y * 1e9), () -> {
            positioner.moveTo(x, y, recipe.settleSeconds());
            return null;
        }, recipe.settleSeconds() + recipe.limits().watchdogMarginSeconds());
    }

    /**
     * Moves (unless {@code premove} did already) and ramps one pixel; null when nothing was ramped
     * (no driver, or the user aborted before the ramp), so that the pixel is tried again on resume.
     */
    private Measured measure(int sequence, int index, Premove premove) throws InterruptedException {
        long t0 = System.nanoTime();
        InstrumentDriver d;
        try {
            d = requireDriver();
        } catch (DriverFault f) {
            if (instruments.instrument(recipe.instrumentId()).isEmpty()) {
                pauseForInstrument(f.getMessage());
            } else {
                pauseForFault(f.getMessage());
            }
            events.run(SweepEvents.FAULT, this, f.getMessage());
            return null;
        }
        Grid g = recipe.grid();
        int i = index % g.nx();
        int j = index / g.nx();
        double x = g.x(i);
        double y = g.y(j);
        CurveBuffer buffer = new CurveBuffer();
        Instant start = Instant.now();
        RampOutcome outcome = null;
        String fault = null;
        boolean abandoned = false;
        try {
            boolean moved = false;
            if (premove != null) {
                calls.await(premove.call());
                moved = premove.driver() == d;
            }
            Optional<Positioner> positioner = d.positioner();
            if (!moved && positioner.isPresent()) {
                calls.await(move(positioner.get(), index));
            }
            if (abortRequested()) {
                return null; // nothing ramped: the pixel stays unmeasured
            }
            start = Instant.now();
            outcome = calls.call("ramp", () -> d.ramp(request, buffer),
                    request.durationSeconds() + recipe.limits().watchdogMarginSeconds());
            if (outcome.termination() == Termination.FAULT) {
                fault = "the driver reported a fault: " + outcome.faultReason();
            }
        } catch (DriverFault f) {
            fault = f.getMessage();
        } catch (CancellationException c) {
            abandoned = true;
        }
        boolean userAbort = abortRequested();
        if (!userAbort && (fault != null || abandoned || outcome != null && outcome.termination() == Termination.ABORTED)
                && !registered(d)) {
            // the driver went away during this pixel (bundle stopped, updated, removed): not the
            // sample's doing, so the pixel is not stored; it is measured again when the instrument is back
            String why = safeZero(d) + String.format("the driver of instrument '%s' went away during pixel (%d, %d)",
                    recipe.instrumentId(), i, j);
            pauseForInstrument(why);
            events.run(SweepEvents.FAULT, this, why);
            return null;
        }
        if (fault != null || abandoned) {
            fault = safeZero(d) + (fault == null ? "" : fault);
        }
        Instant end = Instant.now();
        // the positioner travels while the curve is assembled and the pixel written; never after a fault
        Premove next = fault == null && !abandoned ? moveAhead(d, sequence + 1) : null;
        Curve curve = buffer.toCurve(joined);
        return new Measured(result(sequence, index, i, j, x, y, outcome, fault, abandoned, curve, start, end), curve,
                t0, next);
    }

    /** Writes a measured pixel (on disk when this returns), counts it and announces it. */
    private void store(Measured m) throws IOException {
        PixelResult px = m.pixel();
        store.append(record(px, m.curve()));
        last = px;
        boolean faulted = m.faulted();
        long driverTotal = calls.driverNanos();
        synchronized (lock) {
            measuredPixels.add(px);
            done.set(px.index());
            doneCount++;
            measured++;
            if (faulted) {
                faults++;
            }
            pixelNanos += System.nanoTime() - m.startNanos();
            driverNanos = driverTotal - driverBaseline;
        }
        if (faulted) {
            pauseForFault(String.format("pixel (%d, %d): %s", px.i(), px.j(), px.faultReason()));
        }
        events.pixel(faulted ? SweepEvents.FAULT : SweepEvents.PIXEL, this, px);
    }

    private PixelResult result(int sequence, int index, int i, int j, double x, double y, RampOutcome outcome,
            String fault, boolean abandoned, Curve curve, Instant start, Instant end) {
        Termination termination = fault != null ? Termination.FAULT
                : abandoned || outcome == null ? Termination.ABORTED : outcome.termination();
        CutoffEvent cut = termination == Termination.CUTOFF ? outcome.cutoff() : null;
        return new PixelResult(index, sequence, i, j, x, y, cut == null ? Double.NaN : cut.bias(),
                curve.lastCurrent(), curve.heightChange(), cut == null ? RuleNames.NONE : cut.rule(), termination,
                cut == null ? -1 : cut.sampleIndex(), curve.size(), fault == null ? "" : fault, start, end);
    }

    /** What the map file stores of a pixel: the result and its whole curve. */
    private PixelRecord record(PixelResult p, Curve c) {
        return new PixelRecord(p.index(), p.i(), p.j(), p.x(), p.y(), p.onsetBias(), p.currentAtEnd(),
                p.heightChangeAtEnd(), p.rule(), p.cutoffSampleIndex(), p.termination(), p.faultReason(),
                p.start().toEpochMilli(), p.end().toEpochMilli(), recipe.sampleRateHz(), c);
    }

    /** Takes a topography image; false when the user aborted. Faults pause and retry after resume. */
    private boolean topography(String name) throws IOException, InterruptedException {
        while (checkpoint() != Gate.STOP) {
            InstrumentDriver d = null;
            try {
                d = requireDriver();
                TopographyScanner scanner = d.topography()
                        .orElseThrow(() -> new DriverFault("the instrument cannot image topography", null));
                Grid g = imageGrid(d);
                // as long as before the images had their own grid, plus up to 2 s per line of the image
                double timeout = recipe.limits().watchdogMarginSeconds() + 0.05 * recipe.grid().pixelCount()
                        + 2.0 * g.ny();
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

    /**
     * The images' own grid (the recipe's topography pixel over the map's area), cut to the
     * positioner's range: the outer pixels' cells may reach past it (a map starting at x = 0).
     */
    private Grid imageGrid(InstrumentDriver d) {
        Grid g = recipe.topography().imageGrid(recipe.grid());
        if (d.positioner().isEmpty()) {
            return g;
        }
        double rangeX = d.positioner().get().rangeX();
        double rangeY = d.positioner().get().rangeY();
        int[] xs = inside(g.nx(), g.x0(), g.dx(), rangeX);
        int[] ys = inside(g.ny(), g.y0(), g.dy(), rangeY);
        if (xs[1] < xs[0] || ys[1] < ys[0]) {
            return g; // nothing inside: let the instrument refuse the scan with its own words
        }
        return new Grid(xs[1] - xs[0] + 1, ys[1] - ys[0] + 1, g.x0() + xs[0] * g.dx(), g.y0() + ys[0] * g.dy(),
                g.dx(), g.dy());
    }

    /** First and last index k of x0 + k·step within [0, range]. */
    private static int[] inside(int n, double x0, double step, double range) {
        int first = 0;
        while (first < n && !(x0 + first * step >= 0 && x0 + first * step <= range)) {
            first++;
        }
        int last = n - 1;
        while (last >= first && !(x0 + last * step >= 0 && x0 + last * step <= range)) {
            last--;
        }
        return new int[] { first, last };
    }

    private InstrumentDriver requireDriver() throws DriverFault {
        InstrumentDriver d = instruments.instrument(recipe.instrumentId()).map(Instrument::driver).orElseThrow(() -> new DriverFault(
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

    /** {@code d} is still the registered driver of the recipe's instrument. */
    private boolean registered(InstrumentDriver d) {
        return instruments.instrument(recipe.instrumentId()).map(Instrument::driver).filter(x -> x == d).isPresent();
    }

    private void pauseForInstrument(String why) {
        synchronized (lock) {
            if (!abortRequested) {
                pauseRequested = true;
                awaitingInstrument = true;
                state = SweepState.PAUSING;
                reason = why + "; bias set to 0 V; the map goes on by itself when instrument '" + recipe.instrumentId()
                        + "' is back";
            }
        }
    }

    @Override
    public boolean awaitingInstrument() {
        synchronized (lock) {
            return awaitingInstrument && !state.isFinal();
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
            // the map time the software adds to the instrument's own: wall time not covered by driver calls
            Duration overhead = measured == 0 ? Duration.ZERO
                    : Duration.ofNanos(Math.max(0, pixelNanos - driverNanos) / measured);
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
