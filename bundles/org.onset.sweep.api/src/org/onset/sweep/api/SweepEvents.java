package org.onset.sweep.api;

/**
 * EventAdmin topics and property keys of the sweep service. Events are posted asynchronously; every
 * event carries {@link #RUN_ID}, {@link #INSTRUMENT_ID}, {@link #OUTPUT}, {@link #STATE}, {@link #DONE}
 * and {@link #TOTAL}. Subscribe to {@link #ALL} for everything.
 */
public interface SweepEvents {
    String PREFIX = "org/onset/sweep/";
    String ALL = PREFIX + "*";

    /** A run started (or resumed from a file). */
    String STARTED = PREFIX + "STARTED";
    /** A pixel was measured and stored; carries the pixel properties. */
    String PIXEL = PREFIX + "PIXEL";
    /** A driver threw, faulted or hung at a pixel; carries the pixel properties and {@link #REASON}. */
    String FAULT = PREFIX + "FAULT";
    /** The run paused (user request or fault). */
    String PAUSED = PREFIX + "PAUSED";
    String RESUMED = PREFIX + "RESUMED";
    /** Final states. */
    String COMPLETED = PREFIX + "COMPLETED";
    String ABORTED = PREFIX + "ABORTED";
    String FAILED = PREFIX + "FAILED";

    String RUN_ID = "run.id";
    String INSTRUMENT_ID = "instrument.id";
    /** Output file path as a string. */
    String OUTPUT = "output";
    /** {@link SweepState} name. */
    String STATE = "state";
    /** Pixels done (Integer). */
    String DONE = "done";
    String TOTAL = "total";
    /** Why a run paused, faulted or ended (String). */
    String REASON = "reason";

    /** Pixel properties: index j·nx+i, i, j (Integer); x, y in m (Double). */
    String PIXEL_INDEX = "pixel.index";
    String PIXEL_I = "pixel.i";
    String PIXEL_J = "pixel.j";
    String PIXEL_X = "pixel.x";
    String PIXEL_Y = "pixel.y";
    /** Onset bias, V (Double, NaN when the rule did not fire). */
    String ONSET_BIAS = "onset.bias";
    /** Current at the end of the ramp, A (Double). */
    String CURRENT_AT_END = "current.end";
    /** Height change at the end of the ramp, m (Double). */
    String HEIGHT_CHANGE = "height.change";
    /** Leaf rule that fired, {@code "none"} when none ({@link org.onset.map.api.RuleNames}; String). */
    String RULE = "rule";
    /** Termination name (String). */
    String TERMINATION = "termination";
}
