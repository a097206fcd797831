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
        if (size < 2) {
            return 0;
        }
        double sum = 0;
        int n = 0;
        for (int k = 0; k < size; k++) {
            if (Math.abs(bias[k]) < BASELINE_BIAS && Double.isFinite(current[k])) {
                sum += current[k];
                n++;
            }
        }
        double baseline = n > 0 ? sum / n : 0;
        double q = 0;
        for (int k = 1; k < size; k++) {
            q += 0.5 * ((current[k] - baseline) + (current[k - 1] - baseline)) * (time[k] - time[k - 1]);
        }
        return -q;
    }

    /** Electrons that carried {@code charge}, C. */
    public static double electrons(double charge) {
        return charge / ELEMENTARY_CHARGE;
    }
}
