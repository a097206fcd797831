package org.onset.map.api;

import java.util.Objects;

import org.onset.instrument.api.RampOutcome.Termination;

/**
 * Everything stored for one measured pixel. Arrays are not copied (they can be large).
 *
 * <p>The curve is the first {@code sampleCount} samples of each array; the arrays may be longer,
 * so that a caller can fill the same buffers for every pixel instead of allocating and trimming
 * (a store reads them only while {@link MapStore#append} runs and keeps no reference).
 *
 * @param index             storage index, {@code j·nx + i}
 * @param i                 column
 * @param j                 row
 * @param x                 actual x of the measurement, m
 * @param y                 actual y of the measurement, m
 * @param onsetBias         bias at nucleation onset, V; NaN when no nucleation was detected
 * @param currentAtEnd      current at the last sample, A
 * @param heightChangeAtEnd height change from ramp start to the last sample, m (NaN without height)
 * @param rule              the rule that ended the ramp, one of {@link RuleNames} ({@link RuleNames#NONE}
 *                          when none fired; at most {@value #MAX_RULE_BYTES} UTF-8 bytes)
 * @param cutoffSampleIndex index of the sample at which the rule fired, -1 if it did not
 * @param termination       how the ramp ended
 * @param faultReason       what went wrong for FAULT, else "" (longer than
 *                          {@value #MAX_FAULT_REASON_BYTES} UTF-8 bytes is shortened when stored)
 * @param startEpochMillis  wall-clock start of the ramp, ms since 1970-01-01 UTC
 * @param endEpochMillis    wall-clock end of the ramp, ms since 1970-01-01 UTC
 * @param sampleRate        acquisition rate, Hz
 * @param time              s since ramp start, one per sample
 * @param bias              V
 * @param current           A
 * @param height            m; {@code null} when the instrument has no height channel
 * @param sampleCount       number of samples of the curve: the first {@code sampleCount} values of
 *                          each array; every array must be at least that long
 */
public record PixelRecord(int index, int i, int j, double x, double y, double onsetBias, double currentAtEnd,
        double heightChangeAtEnd, String rule, int cutoffSampleIndex, Termination termination, String faultReason,
        long startEpochMillis, long endEpochMillis, double sampleRate, double[] time, double[] bias,
        double[] current, double[] height, int sampleCount) {

    /** Longest rule name that is stored, in UTF-8 bytes. */
    public static final int MAX_RULE_BYTES = 32;
    /** Longest fault reason that is stored unshortened, in UTF-8 bytes. */
    public static final int MAX_FAULT_REASON_BYTES = 512;

    public PixelRecord {
        Objects.requireNonNull(rule, "pixel rule");
        Objects.requireNonNull(termination, "pixel termination");
        faultReason = faultReason == null ? "" : faultReason;
        if (!(sampleRate > 0) || !Double.isFinite(sampleRate)) {
            throw new IllegalArgumentException("pixel " + index + ": sampleRate must be a finite value > 0 Hz, got "
                    + sampleRate);
        }
        if (cutoffSampleIndex < -1) {
            throw new IllegalArgumentException("pixel " + index + ": cutoffSampleIndex must be >= -1, got "
                    + cutoffSampleIndex);
        }
        Objects.requireNonNull(time, "curve time");
        Objects.requireNonNull(bias, "curve bias");
        Objects.requireNonNull(current, "curve current");
        if (sampleCount < 0) {
            throw new IllegalArgumentException("pixel " + index + ": sampleCount must be >= 0, got " + sampleCount);
        }
        if (time.length < sampleCount || bias.length < sampleCount || current.length < sampleCount
                || (height != null && height.length < sampleCount)) {
            throw new IllegalArgumentException("pixel " + index + ": every curve channel must hold at least sampleCount = "
                    + sampleCount + " samples: time " + time.length + ", bias " + bias.length + ", current "
                    + current.length + (height == null ? "" : ", height " + height.length));
        }
    }

    /** A pixel whose curve is the whole of each array; all arrays must have the same length. */
    public PixelRecord(int index, int i, int j, double x, double y, double onsetBias, double currentAtEnd,
            double heightChangeAtEnd, String rule, int cutoffSampleIndex, Termination termination, String faultReason,
            long startEpochMillis, long endEpochMillis, double sampleRate, double[] time, double[] bias,
            double[] current, double[] height) {
        this(index, i, j, x, y, onsetBias, currentAtEnd, heightChangeAtEnd, rule, cutoffSampleIndex, termination,
                faultReason, startEpochMillis, endEpochMillis, sampleRate, time, bias, current, height,
                new Curve(time, bias, current, height).size()); // checks presence and equal lengths
    }

    /** A pixel with the samples of {@code curve} (its arrays, not copies). */
    public PixelRecord(int index, int i, int j, double x, double y, double onsetBias, double currentAtEnd,
            double heightChangeAtEnd, String rule, int cutoffSampleIndex, Termination termination, String faultReason,
            long startEpochMillis, long endEpochMillis, double sampleRate, Curve curve) {
        this(index, i, j, x, y, onsetBias, currentAtEnd, heightChangeAtEnd, rule, cutoffSampleIndex, termination,
                faultReason, startEpochMillis, endEpochMillis, sampleRate, curve.time(), curve.bias(), curve.current(),
                curve.height(), curve.size());
    }

    /**
     * The samples as a {@link Curve}: the same arrays when they hold exactly {@link #sampleCount()}
     * samples, else copies of the first {@code sampleCount} samples.
     */
    public Curve curve() {
        return new Curve(time, bias, current, height, sampleCount).exact();
    }
}
