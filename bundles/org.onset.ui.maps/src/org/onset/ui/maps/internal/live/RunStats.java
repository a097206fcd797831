package org.onset.ui.maps.internal.live;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * Speed and time left of a running map, for the run control: pixels per second over the last
 * {@code window} of wall-clock time, ETA in wall-clock time from that speed, and ETA in instrument
 * time from the mean instrument time per pixel (ramp samples / sample rate + settle time), which
 * is what the map would still take on the real instrument even when a simulator runs faster.
 * Not thread safe: fed and read on one thread.
 */
public final class RunStats {

    private record Sample(long nanos, int done) {
    }

    private final long windowNanos;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private double instrumentSeconds;
    private int instrumentPixels;

    public RunStats(Duration window) {
        this.windowNanos = window.toNanos();
    }

    /** Pixels done at a moment (monotonic nanoseconds). */
    public void progress(long nanos, int done) {
        Sample last = samples.peekLast();
        if (last != null && done < last.done) {
            samples.clear(); // a new run
        }
        samples.addLast(new Sample(nanos, done));
        while (samples.size() > 2 && nanos - samples.peekFirst().nanos > windowNanos) {
            samples.removeFirst();
        }
    }

    /** One more measured pixel's instrument time, s. */
    public void instrumentTime(double seconds) {
        if (Double.isFinite(seconds) && seconds >= 0) {
            instrumentSeconds += seconds;
            instrumentPixels++;
        }
    }

    /** Pixels per second over the window; NaN until two samples a moment apart exist. */
    public double pixelsPerSecond() {
        if (samples.size() < 2) {
            return Double.NaN;
        }
        Sample a = samples.peekFirst();
        Sample b = samples.peekLast();
        long dt = b.nanos - a.nanos;
        return dt <= 0 ? Double.NaN : (b.done - a.done) * 1e9 / dt;
    }

    /** Wall-clock time to finish {@code remaining} pixels at the current speed. */
    public Optional<Duration> wallEta(int remaining) {
        double rate = pixelsPerSecond();
        if (!(rate > 0)) {
            return remaining == 0 ? Optional.of(Duration.ZERO) : Optional.empty();
        }
        return Optional.of(Duration.ofMillis(Math.round(remaining / rate * 1000)));
    }

    /** Instrument time to finish {@code remaining} pixels at the mean instrument time per pixel. */
    public Optional<Duration> instrumentEta(int remaining) {
        if (instrumentPixels == 0) {
            return remaining == 0 ? Optional.of(Duration.ZERO) : Optional.empty();
        }
        return Optional.of(Duration.ofMillis(Math.round(remaining * instrumentSeconds / instrumentPixels * 1000)));
    }

    /** Mean instrument time per pixel, s; NaN before the first. */
    public double meanInstrumentSeconds() {
        return instrumentPixels == 0 ? Double.NaN : instrumentSeconds / instrumentPixels;
    }

    /** "1 h 02 min", "3 min 05 s", "12 s". */
    public static String format(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s >= 3600) {
            return String.format("%d h %02d min", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format("%d min %02d s", s / 60, s % 60);
        }
        return s + " s";
    }
}
