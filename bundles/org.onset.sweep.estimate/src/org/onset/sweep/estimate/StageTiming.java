package org.onset.sweep.estimate;

import java.util.Map;

/**
 * How long the instrument takes for what happens around the ramps: moving the tip between pixels
 * and scanning topography. Instruments differ; the simulator's defaults are in {@link #SIMULATOR}.
 *
 * @param stageSpeed       XY stage speed, m/s (&gt; 0)
 * @param moveOverhead     fixed time of every move on top of distance / speed, s (&ge; 0)
 * @param scanLineSeconds  time per topography scan line, s (&ge; 0)
 */
public record StageTiming(double stageSpeed, double moveOverhead, double scanLineSeconds) {

    /** The simulated instrument's defaults (its metatype: move.speed, move.overhead, scan.lineTime). */
    public static final StageTiming SIMULATOR = new StageTiming(2.0e-6, 0.01, 0.02);

    public StageTiming {
        if (!(stageSpeed > 0) || !Double.isFinite(stageSpeed)) {
            throw new IllegalArgumentException("stage speed must be a finite value > 0 m/s, got " + stageSpeed);
        }
        if (!(moveOverhead >= 0) || !Double.isFinite(moveOverhead)) {
            throw new IllegalArgumentException("move overhead must be a finite value >= 0 s, got " + moveOverhead);
        }
        if (!(scanLineSeconds >= 0) || !Double.isFinite(scanLineSeconds)) {
            throw new IllegalArgumentException("scan line time must be a finite value >= 0 s, got " + scanLineSeconds);
        }
    }

    /**
     * The timing named by an instrument's configuration (the simulator's keys {@code move.speed},
     * {@code move.overhead}, {@code scan.lineTime}); a key that is absent or not a number keeps the
     * value of {@code defaults}.
     */
    public static StageTiming fromSettings(Map<String, ?> settings, StageTiming defaults) {
        return new StageTiming(number(settings, "move.speed", defaults.stageSpeed),
                number(settings, "move.overhead", defaults.moveOverhead),
                number(settings, "scan.lineTime", defaults.scanLineSeconds));
    }

    private static double number(Map<String, ?> settings, String key, double fallback) {
        Object v = settings.get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }
}
