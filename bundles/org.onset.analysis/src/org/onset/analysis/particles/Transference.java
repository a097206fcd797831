package org.onset.analysis.particles;

import java.util.ArrayList;
import java.util.List;

/**
 * The transference number of the paper's Fig. 1b: per particle, the Li atoms in its volume
 * (V·ρ/M·N_A, ρ = 0.534 g/cm³, M = 6.941 g/mol: 1 fC ↔ 135 nm³) against the electrons its ramps
 * transferred (Q/e), and the slope of the line through the origin with a 95 % confidence interval
 * (Student t, n − 1 degrees of freedom). Slope 1: every electron deposited one Li atom.
 */
public final class Transference {

    /** Density of Li metal, kg/m³. */
    public static final double LI_DENSITY = 534;
    /** Molar mass of Li, kg/mol. */
    public static final double LI_MOLAR_MASS = 6.941e-3;
    /** Avogadro's number, 1/mol. */
    public static final double AVOGADRO = 6.02214076e23;

    private Transference() {
    }

    /** Li atoms in a volume of Li metal, m³. */
    public static double lithiumAtoms(double volume) {
        return volume * LI_DENSITY / LI_MOLAR_MASS * AVOGADRO;
    }

    /**
     * One point of the plot: a particle and the ramps that grew it.
     *
     * @param label     the particle's label in its detection
     * @param ramps     storage indices of the map pixels whose ramps lie on it
     * @param atoms     Li atoms from its volume
     * @param electrons electrons from its ramps' charge
     */
    public record Point(int label, int[] ramps, double atoms, double electrons) {
    }

    /**
     * The points of the plot: each particle with at least one ramp on it (a ramp belongs to the
     * particle under its position), electrons summed over those ramps. Ramps with a NaN charge
     * (not measured) are skipped; particles without a ramp are left out (dust, an old particle).
     *
     * @param rampX  per map pixel, position, m
     * @param rampY  per map pixel, position, m
     * @param charge per map pixel, the cathodic charge of its ramp, C ({@link CurveCharge}); NaN: none
     */
    public static List<Point> points(ParticleDetection detection, double[] rampX, double[] rampY, double[] charge) {
        if (rampX.length != rampY.length || rampX.length != charge.length) {
            throw new IllegalArgumentException("ramp positions and charges must have one entry per pixel: " + rampX.length
                    + ", " + rampY.length + ", " + charge.length);
        }
        int labels = detection.particles().size();
        List<List<Integer>> ramps = new ArrayList<>();
        double[] q = new double[labels + 1];
        for (int l = 0; l <= labels; l++) {
            ramps.add(new ArrayList<>());
        }
        for (int k = 0; k < rampX.length; k++) {
            if (!Double.isFinite(charge[k])) {
                continue;
            }
            int l = detection.labelAt(rampX[k], rampY[k]);
            if (l > 0) {
                ramps.get(l).add(k);
                q[l] += charge[k];
            }
        }
        List<Point> out = new ArrayList<>();
        for (DetectedParticle p : detection.particles()) {
            List<Integer> r = ramps.get(p.label());
            if (!r.isEmpty()) {
                out.add(new Point(p.label(), r.stream().mapToInt(Integer::intValue).toArray(), lithiumAtoms(p.volume()),
                        CurveCharge.electrons(q[p.label()])));
            }
        }
        return out;
    }

    /**
     * Least-squares slope through the origin of atoms against electrons, with its 95 % interval.
     *
     * @throws IllegalArgumentException with fewer than 2 points
     */
    public static SlopeFit fit(List<Point> points) {
        int n = points.size();
        if (n < 2) {
            throw new IllegalArgumentException("the transference slope needs at least 2 particles with ramps, got " + n);
        }
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (Point p : points) {
            sxx += p.electrons() * p.electrons();
            sxy += p.electrons() * p.atoms();
            syy += p.atoms() * p.atoms();
        }
        double slope = sxy / sxx;
        double residual = Math.max(0, syy - slope * sxy);
        double standardError = Math.sqrt(residual / (n - 1) / sxx);
        double t = studentT975(n - 1);
        return new SlopeFit(slope, slope - t * standardError, slope + t * standardError, standardError, n);
    }

    /**
     * The fitted slope.
     *
     * @param slope         Li atoms per electron
     * @param low           lower end of the 95 % confidence interval
     * @param high          upper end
     * @param standardError standard error of the slope
     * @param points        particles in the fit
     */
    public record SlopeFit(double slope, double low, double high, double standardError, int points) {
    }

    /**
     * The 97.5 % quantile of Student's t with ν degrees of freedom (Cornish–Fisher expansion about
     * the normal quantile; within 0.3 % for ν ≥ 3, exact table values below).
     */
    static double studentT975(int nu) {
        double[] small = { 12.706, 4.303, 3.182 };
        if (nu < 1) {
            throw new IllegalArgumentException("degrees of freedom must be >= 1, got " + nu);
        }
        if (nu <= 3) {
            return small[nu - 1];
        }
        double z = 1.959963985;
        double z3 = z * z * z;
        double z5 = z3 * z * z;
        double z7 = z5 * z * z;
        return z + (z3 + z) / (4.0 * nu) + (5 * z5 + 16 * z3 + 3 * z) / (96.0 * nu * nu)
                + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384.0 * nu * nu * nu);
    }
}
