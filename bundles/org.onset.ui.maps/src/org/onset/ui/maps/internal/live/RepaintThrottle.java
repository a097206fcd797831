package org.onset.ui.maps.internal.live;

/**
 * Decides when a view repaints: only when its map changed, and not more often than a minimum
 * interval, so that a fast map (hundreds of pixels per second in virtual time) costs a bounded
 * number of repaints per second however fast its pixels come. Counts the repaints it allowed, for
 * the benchmark's updates per second. Used from one thread (the UI thread).
 */
public final class RepaintThrottle {

    private final long minIntervalNanos;
    private long lastVersion = -1;
    private long lastRepaint = Long.MIN_VALUE / 2;
    private long repaints;

    /** @param minIntervalMillis shortest time between two repaints, ms (≥ 0) */
    public RepaintThrottle(long minIntervalMillis) {
        if (minIntervalMillis < 0) {
            throw new IllegalArgumentException("repaint interval must be >= 0 ms, got " + minIntervalMillis);
        }
        this.minIntervalNanos = minIntervalMillis * 1_000_000L;
    }

    /**
     * True when a map at {@code version} should be repainted at {@code nowNanos}; records the repaint
     * when it says so.
     */
    public boolean due(long version, long nowNanos) {
        if (version == lastVersion || nowNanos - lastRepaint < minIntervalNanos) {
            return false;
        }
        lastVersion = version;
        lastRepaint = nowNanos;
        repaints++;
        return true;
    }

    /** Forget the last version so the next {@link #due} call repaints (e.g. a new map was shown). */
    public void invalidate() {
        lastVersion = -1;
    }

    /** Repaints allowed so far. */
    public long repaints() {
        return repaints;
    }
}
