package org.onset.sweep.estimate;

/**
 * Instrument time and file size of a map, before it runs. Two cases: {@code expected}, where each
 * ramp stops at the expected onset bias (when the recipe has a cutoff rule), and {@code worst},
 * where every ramp runs its whole programme (no pixel nucleates, or no cutoff).
 *
 * @param pixels               pixels of the map
 * @param rampSecondsExpected  ramp time of one pixel stopped at the expected onset, s
 * @param rampSecondsWorst     programmed duration of one ramp, s
 * @param settleSeconds        settle time of all pixels together, s
 * @param moveSeconds          stage moves between the pixels together, s
 * @param topographySeconds    topography scans before and after, s
 * @param bytesExpected        map file size when each ramp stops at the expected onset, bytes
 * @param bytesWorst           map file size when every ramp runs to its end, bytes
 */
public record MapEstimate(int pixels, double rampSecondsExpected, double rampSecondsWorst, double settleSeconds,
        double moveSeconds, double topographySeconds, long bytesExpected, long bytesWorst) {

    /** Instrument time of the whole map when each ramp stops at the expected onset, s. */
    public double instrumentSecondsExpected() {
        return pixels * rampSecondsExpected + settleSeconds + moveSeconds + topographySeconds;
    }

    /** Instrument time of the whole map when every ramp runs to its end, s. */
    public double instrumentSecondsWorst() {
        return pixels * rampSecondsWorst + settleSeconds + moveSeconds + topographySeconds;
    }

    /** Time outside the ramps (settle, moves, topography), s. */
    public double overheadSeconds() {
        return settleSeconds + moveSeconds + topographySeconds;
    }

    /** "4 h 12 min", "3 min 20 s", "12.5 s": a duration as a person reads it. */
    public static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        if (seconds < 60) {
            return String.format("%.1f s", seconds);
        }
        if (s < 3600) {
            return String.format("%d min %02d s", s / 60, s % 60);
        }
        return String.format("%d h %02d min", s / 3600, (s % 3600) / 60);
    }

    /** "1.23 GB", "456 MB", "12.3 kB" (decimal prefixes). */
    public static String size(long bytes) {
        if (bytes >= 1_000_000_000L) {
            return String.format("%.2f GB", bytes / 1e9);
        }
        if (bytes >= 1_000_000L) {
            return String.format("%.1f MB", bytes / 1e6);
        }
        if (bytes >= 1_000L) {
            return String.format("%.1f kB", bytes / 1e3);
        }
        return bytes + " B";
    }
}
