package org.onset.instrument.api;

import java.util.List;
import java.util.Objects;

/**
 * A hardware-timed ramp: start at {@code startVolts}, run the segments in order, sample all
 * channels at {@code sampleRateHz}, and stop as soon as {@code cutoff} fires.
 *
 * @param startVolts   bias at t = 0, V
 * @param segments     at least one segment
 * @param sampleRateHz acquisition rate, Hz
 * @param cutoff       the armed rule; {@link CutoffRule#none()} for an uncontrolled sweep
 */
public record RampRequest(double startVolts, List<RampSegment> segments, double sampleRateHz, CutoffRule cutoff) {

    public RampRequest {
        if (!Double.isFinite(startVolts)) {
            throw new IllegalArgumentException("ramp start must be a finite voltage, got " + startVolts);
        }
        segments = List.copyOf(Objects.requireNonNull(segments, "segments"));
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a ramp needs at least one segment");
        }
        if (!(sampleRateHz > 0) || !Double.isFinite(sampleRateHz)) {
            throw new IllegalArgumentException("sample rate must be a finite value > 0 Hz, got " + sampleRateHz);
        }
        Objects.requireNonNull(cutoff, "cutoff");
    }

    /** A single linear ramp from {@code start} to {@code end} at {@code rate} V/s. */
    public static RampRequest linear(double start, double end, double rate, double sampleRateHz, CutoffRule cutoff) {
        return new RampRequest(start, List.of(new RampSegment(end, rate, 0)), sampleRateHz, cutoff);
    }

    /** Total programmed duration, s. */
    public double durationSeconds() {
        return durationOf(startVolts, segments);
    }

    /** Duration of a ramp programme starting at {@code startVolts}, s (0 for no segments). */
    public static double durationOf(double startVolts, List<RampSegment> segments) {
        double v = startVolts;
        double t = 0;
        for (RampSegment s : segments) {
            t += Math.abs(s.targetVolts() - v) / s.rateVoltsPerSecond() + s.holdSeconds();
            v = s.targetVolts();
        }
        return t;
    }

    /** Programmed bias at time {@code t} after the start, V. */
    public double biasAt(double t) {
        double v = startVolts;
        double t0 = 0;
        for (RampSegment s : segments) {
            double run = Math.abs(s.targetVolts() - v) / s.rateVoltsPerSecond();
            if (t < t0 + run) {
                return v + Math.signum(s.targetVolts() - v) * s.rateVoltsPerSecond() * (t - t0);
            }
            t0 += run;
            v = s.targetVolts();
            if (t < t0 + s.holdSeconds()) {
                return v;
            }
            t0 += s.holdSeconds();
        }
        return v;
    }

    /** Number of samples of the whole programmed ramp (both ends included). */
    public int sampleCount() {
        return (int) Math.floor(durationSeconds() * sampleRateHz + 1e-9) + 1;
    }

    /** Checks the whole ramp against the limits; throws a clear {@link LimitExceededException}. */
    public void checkAgainst(Capabilities caps) {
        BiasLimits lim = caps.biasLimits();
        lim.check("ramp start", startVolts);
        for (int i = 0; i < segments.size(); i++) {
            RampSegment s = segments.get(i);
            lim.check("ramp segment " + (i + 1) + " target", s.targetVolts());
            if (s.rateVoltsPerSecond() > lim.maxRateVoltsPerSecond()) {
                throw new LimitExceededException("ramp segment " + (i + 1) + " rate = " + s.rateVoltsPerSecond()
                        + " V/s exceeds the maximum " + lim.maxRateVoltsPerSecond() + " V/s");
            }
        }
        if (sampleRateHz > caps.maxSampleRateHz()) {
            throw new LimitExceededException("sample rate = " + sampleRateHz + " Hz exceeds the maximum "
                    + caps.maxSampleRateHz() + " Hz");
        }
        if (cutoff.needs(Channel.HEIGHT) && !caps.has(Channel.HEIGHT)) {
            throw new LimitExceededException("the cutoff rule '" + cutoff.describe()
                    + "' needs a height channel, which this instrument does not have");
        }
    }
}
