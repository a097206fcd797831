package org.onset.instrument.scpi.tests;

import java.util.Random;

/**
 * What the emulated source-measure unit is wired to: a Li nucleation cell (leakage, then at an
 * onset bias a nucleus whose current grows with time and overpotential) or a plain resistor. One
 * {@link Ramp} per sweep: every sweep lands on a fresh spot with its own onset.
 */
abstract class CellModel {

    /** Current at the sample {@code k} of the sweep, at bias {@code volts} and time {@code t} since its start, A. */
    abstract Ramp newRamp();

    interface Ramp {
        double current(double t, double volts);
    }

    /** A resistor: I = V / R plus noise. */
    static CellModel resistor(double ohms, double noiseAmps, long seed) {
        Random random = new Random(seed);
        return new CellModel() {
            @Override
            Ramp newRamp() {
                return (t, v) -> v / ohms + noiseAmps * random.nextGaussian();
            }
        };
    }

    /**
     * The nucleation cell: leakage through {@code 1 TΩ}, 0.3 pA noise; onset at −3.0 V ± 0.1 V
     * (normal, per sweep); after the onset the nucleus' current grows as
     * {@code −2 pA · (1 + (t − t_on)/10 ms)² · exp((V_on − V)/0.15 V)} (growing area, Tafel-like
     * overpotential dependence).
     */
    static CellModel nucleating(long seed) {
        Random random = new Random(seed);
        return new CellModel() {
            @Override
            Ramp newRamp() {
                double onset = -3.0 + 0.1 * random.nextGaussian();
                return new Ramp() {
                    private double tOn = Double.NaN;

                    @Override
                    public double current(double t, double v) {
                        double i = v / 1e12 + 0.3e-12 * random.nextGaussian();
                        if (Double.isNaN(tOn) && v <= onset) {
                            tOn = t;
                        }
                        if (!Double.isNaN(tOn)) {
                            double growth = 1 + (t - tOn) / 0.01;
                            i -= 2e-12 * growth * growth * Math.exp(Math.min(50, (onset - v) / 0.15));
                        }
                        return i;
                    }
                };
            }
        };
    }
}
