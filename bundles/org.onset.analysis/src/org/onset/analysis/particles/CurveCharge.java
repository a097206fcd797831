package org.onset.analysis.particles;

/**
 * The faradaic charge a ramp transferred, from its stored current: Q = −∫(I − I₀) dt, where I₀ is
 * the current while |bias| is below {@link #BASELINE_BIAS} (no Li⁺ is reduced there; what flows is
 * the parasitic C·dV/dt offset and the amplifier's offset). The deposition current is cathodic
 * (negative) for the whole ramp, so this is ∫|I_faradaic| dt; integrating the signed current lets
 * the white noise average out instead of rectifying it.
 */
public final class CurveCharge {

    /** Elementary charge, C. */
    public static final double ELEMENTARY_CHARGE = 1.602176634e-19;
    /** Bias magnitude below which no Li is reduced on LICGC (thermodynamic onset 3.04 V, PHYSICS.md), V. */
    public static final double BASELINE_BIAS = 2.5;

    private CurveCharge() {
    }

    /**
     * @param time    s
     * @param bias    V
     * @param current A (cathodic negative)
     * @param size    samples used (the arrays may be longer)
     * @return the cathodic charge, C (0 for fewer than 2 samples)
     */
    public static double cathodicCharge(double[] time, double[] bias, double[] current, int size) {
        Accumulator a = new Accumulator();
        a.add(time, bias, current, size);
        return a.charge();
    }

    /**
     * The same charge from a curve that arrives in blocks (a curve is never held whole): the
     * baseline is a constant, so ∫(I − I₀) dt = ∫I dt − I₀·(t_last − t_first) can be summed as
     * the samples pass.
     */
    public static final class Accumulator {
        private double integral;
        private double baselineSum;
        private long baselineCount;
        private double firstTime = Double.NaN;
        private double lastTime;
        private double lastCurrent;
        private long samples;

        /** Adds the next {@code size} samples of the curve (s, V, A). */
        public void add(double[] time, double[] bias, double[] current, int size) {
            for (int k = 0; k < size; k++) {
                double i = Double.isFinite(current[k]) ? current[k] : 0;
                if (Math.abs(bias[k]) < BASELINE_BIAS && Double.isFinite(current[k])) {
                    baselineSum += current[k];
                    baselineCount++;
                }
                if (samples == 0) {
                    firstTime = time[k];
                } else {
                    integral += 0.5 * (i + lastCurrent) * (time[k] - lastTime);
                }
                lastTime = time[k];
                lastCurrent = i;
                samples++;
            }
        }

        /** The cathodic charge of the samples so far, C (0 for fewer than 2 samples). */
        public double charge() {
            if (samples < 2) {
                return 0;
            }
            double baseline = baselineCount > 0 ? baselineSum / baselineCount : 0;
            return -(integral - baseline * (lastTime - firstTime));
        }
    }

    /** Electrons that carried {@code charge}, C. */
    public static double electrons(double charge) {
        return charge / ELEMENTARY_CHARGE;
    }
}
