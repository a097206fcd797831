package org.onset.sweep.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A map being acquired. All methods are thread safe and return at once.
 *
 * <p>A driver that throws, reports a fault or hangs (its call does not return within the
 * programmed time plus {@link MapRecipe.SafetyLimits#watchdogMarginSeconds()}) has the bias set to
 * 0 V, its pixel stored with termination FAULT and the reason, and the run {@link SweepState#PAUSED}:
 * {@link #resume()} goes on with the next pixel (the faulted spot was already stressed, measuring it
 * again would not measure the pristine surface).
 */
@ProviderType
public interface SweepRun {

    /** Unique id of this run in the service. */
    String id();

    MapRecipe recipe();

    /** The HDF5 file the run writes. */
    Path output();

    SweepState state();

    SweepProgress progress();

    /** The most recent pixel of this run. */
    Optional<PixelResult> lastPixel();

    /**
     * The pixels measured by this run so far, in the order they were measured (a copy). Pixels found
     * in the file on resume are not included: read them from the file.
     */
    List<PixelResult> pixels();

    /** Stops after the pixel in flight; no effect unless running. */
    void pause();

    /** Goes on after a pause (or a fault); rebinds the instrument by id if it was replaced. */
    void resume();

    /**
     * Stops at once: the driver's abort sets the bias to 0 V before this returns (when the driver
     * honours its contract), the pixel in flight is stored with termination ABORTED and the file is
     * closed. A later start with {@code resume = true} continues the map.
     */
    void abort();

    /**
     * The run is paused because its instrument's driver went away (its bundle was stopped, updated
     * or removed, or the instrument's configuration deleted): the bias was set to 0 V, the pixel in
     * flight was not stored, and the run resumes by itself, measuring that pixel again, as soon as an
     * instrument of the same id is registered again. {@link #resume()} does not end this wait;
     * {@link #abort()} does.
     *
     * @since 2.2
     */
    default boolean awaitingInstrument() {
        return false;
    }

    /** Completes with the final state once the file is closed. */
    CompletionStage<SweepState> finished();

    /** Waits for the final state; returns false on timeout. */
    boolean awaitFinished(Duration timeout) throws InterruptedException;
}
