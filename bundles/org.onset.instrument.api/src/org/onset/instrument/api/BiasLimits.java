package org.onset.instrument.api;

/**
 * Safety limits the driver enforces on its bias output.
 *
 * @param minVolts      most negative bias allowed, V
 * @param maxVolts      most positive bias allowed, V
 * @param maxRateVoltsPerSecond largest ramp rate magnitude allowed, V/s
 */
public record BiasLimits(double minVolts, double maxVolts, double maxRateVoltsPerSecond) {
    public BiasLimits {
        if (!(minVolts <= 0 && maxVolts >= 0 && Double.isFinite(minVolts) && Double.isFinite(maxVolts))) {
            throw new IllegalArgumentException("bias limits must include 0 V and be finite, got [" + minVolts + ", "
                    + maxVolts + "] V");
        }
        if (!(maxRateVoltsPerSecond > 0)) {
            throw new IllegalArgumentException("maximum ramp rate must be > 0 V/s, got " + maxRateVoltsPerSecond);
        }
    }

    /** True when {@code volts} is a finite value inside the limits. */
    public boolean allows(double volts) {
        return Double.isFinite(volts) && volts >= minVolts && volts <= maxVolts;
    }

    /** Throws a {@link LimitExceededException} naming {@code what} unless {@code volts} is allowed. */
    public void check(String what, double volts) {
        if (!allows(volts)) {
            throw new LimitExceededException(what + " = " + volts + " V is outside the bias limits [" + minVolts + ", "
                    + maxVolts + "] V");
        }
    }
}
