package org.onset.instrument.sim.engine;

/**
 * A growing Li spherical cap under the tip and the current that feeds it. Each step solves
 * η_total = η_ct + I·(R0 + 1/(4σb)) with Butler–Volmer kinetics
 * I = i0·πb²·(e^{αfη_ct} − e^{−(1−α)fη_ct}) for I, then grows the volume by t_Li·I·V_m/F·dt.
 * Steps are split when the volume would change by more than a few percent, so the result does
 * not depend on the sample rate. Cathodic (depositing) current is positive inside this class.
 */
final class CapGrowth {

    /** Largest relative volume change per internal step. */
    private static final double MAX_RELATIVE_GROWTH = 0.02;
    private static final int MAX_SUBSTEPS = 10_000;
    private static final double TOLERANCE_VOLTS = 1e-9;

    private final double shapeFactor; // V = shapeFactor · b³
    private final double aspect;
    private final double i0;
    private final double alpha;
    private final double f;
    private final double r0;
    private final double sigma;
    private final double volumePerCharge;

    private double volume;
    private double nucleusVolume;
    private double charge;
    private double chargeTransferGuess;

    CapGrowth(SimSettings s) {
        aspect = s.capAspect();
        shapeFactor = Math.PI / 6 * aspect * (3 + aspect * aspect);
        i0 = s.exchangeCurrentDensity();
        alpha = s.transferCoefficient();
        f = s.faradayOverRT();
        r0 = s.contactResistance();
        sigma = s.electrolyteConductivity();
        volumePerCharge = s.volumePerCharge();
    }

    /** Forms the critical nucleus; its Li counts as transferred charge too, so V = Q·t_Li·V_m/F holds exactly. */
    void nucleate(double baseRadius) {
        volume = shapeFactor * baseRadius * baseRadius * baseRadius;
        nucleusVolume = volume;
        charge = volume / volumePerCharge;
        chargeTransferGuess = 0;
    }

    boolean exists() {
        return volume > 0;
    }

    double volume() {
        return volume;
    }

    /** Net cathodic charge transferred so far, C. */
    double charge() {
        return charge;
    }

    double baseRadius() {
        return volume > 0 ? Math.cbrt(volume / shapeFactor) : 0;
    }

    double height() {
        return aspect * baseRadius();
    }

    /**
     * Advances by {@code dt} at total overpotential {@code eta}.
     *
     * @return the cathodic current at the start of the step, A (negative: anodic, dissolving)
     */
    double step(double eta, double dt) {
        double remaining = dt;
        double first = Double.NaN;
        int substeps = 0;
        while (remaining > 0 && volume > 0) {
            double current = solveCurrent(eta, baseRadius());
            if (Double.isNaN(first)) {
                first = current;
            }
            double rate = current * volumePerCharge;
            double h = remaining;
            if (Math.abs(rate) * h > MAX_RELATIVE_GROWTH * volume && ++substeps < MAX_SUBSTEPS) {
                h = MAX_RELATIVE_GROWTH * volume / Math.abs(rate);
            }
            volume += rate * h;
            charge += current * h;
            remaining -= h;
            if (rate < 0 && volume < nucleusVolume) {
                // smaller than the critical nucleus the cluster is unstable: the rest dissolves at once
                charge -= Math.max(0, volume) / volumePerCharge;
                volume = 0;
            }
        }
        return Double.isNaN(first) ? 0 : first;
    }

    /** Cathodic current through a cap of base radius b at total overpotential eta, A. */
    double solveCurrent(double eta, double b) {
        if (eta == 0 || b <= 0) {
            return 0;
        }
        double area = Math.PI * b * b;
        double resistance = r0 + 1 / (4 * sigma * b);
        double k = i0 * area;
        // η_ct lies between 0 and η: F(x) = x + R·i_BV(x) − η rises monotonically through zero there
        double lo = Math.min(0, eta);
        double hi = Math.max(0, eta);
        double x = Math.min(hi, Math.max(lo, chargeTransferGuess));
        for (int iter = 0; iter < 200; iter++) {
            double ea = Math.exp(Math.min(700, alpha * f * x));
            double eb = Math.exp(Math.min(700, -(1 - alpha) * f * x));
            double g = x + resistance * k * (ea - eb) - eta;
            if (g > 0) {
                hi = x;
            } else {
                lo = x;
            }
            double slope = 1 + resistance * k * f * (alpha * ea + (1 - alpha) * eb);
            double next = x - g / slope;
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi); // Newton left the bracket: bisect instead
            }
            if (Math.abs(next - x) < TOLERANCE_VOLTS || hi - lo < TOLERANCE_VOLTS) {
                x = next;
                break;
            }
            x = next;
        }
        chargeTransferGuess = x;
        // the ohmic side is better conditioned than the exponential one
        return resistance > 0 ? (eta - x) / resistance : k * (Math.exp(alpha * f * x) - Math.exp(-(1 - alpha) * f * x));
    }
}
