package org.onset.ui.spectroscopy.internal;

import java.util.Locale;

import org.onset.io.api.Axis;
import org.onset.spectra.EprLines;

/**
 * What an imported x axis is and how it converts to the axes the Spectroscopy part shows: a magnetic
 * field (G, mT, T) to tesla or to the g-factor (needs the microwave frequency), an optical axis
 * (Raman shift or absolute wavenumber in cm⁻¹, wavelength in nm, µm or m) to Raman shift in cm⁻¹ or
 * to wavelength in m (between the two the laser wavelength is needed). Values keep the file's order.
 */
final class XUnits {

    /** What kind of x an axis is. */
    enum Family {
        FIELD, RAMAN_SHIFT, WAVENUMBER, WAVELENGTH, OTHER
    }

    private XUnits() {
    }

    static Family family(Axis x) {
        String u = x.unit().trim();
        String q = x.quantity().toLowerCase(Locale.ROOT);
        return switch (u) {
        case "G", "mT", "T" -> Family.FIELD;
        case "cm^-1", "cm-1", "1/cm", "cm⁻¹" -> q.contains("shift") ? Family.RAMAN_SHIFT
                : q.contains("wavenumber") && !q.contains("raman") ? Family.WAVENUMBER : Family.RAMAN_SHIFT;
        case "nm", "µm", "um", "m" -> q.contains("wavelength") || !q.contains("position") ? Family.WAVELENGTH
                : Family.OTHER;
        default -> Family.OTHER;
        };
    }

    /** The field in tesla. */
    static double[] fieldTesla(Axis x) {
        double f = switch (x.unit().trim()) {
        case "G" -> 1e-4;
        case "mT" -> 1e-3;
        case "T" -> 1;
        default -> throw new IllegalArgumentException("not a magnetic field: unit '" + x.unit() + "'");
        };
        double[] v = x.values();
        double[] out = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            out[k] = v[k] * f;
        }
        return out;
    }

    /** g = h·ν / (μB·B) at each field point. */
    static double[] gFactor(Axis x, double frequencyGHz) {
        double[] tesla = fieldTesla(x);
        double[] g = new double[tesla.length];
        for (int k = 0; k < g.length; k++) {
            g[k] = tesla[k] > 0 ? EprLines.g(tesla[k] * 1e3, "mT", frequencyGHz) : Double.NaN;
        }
        return g;
    }

    /**
     * Raman shift in cm⁻¹. A shift is returned as it is; an absolute wavenumber or a wavelength needs the
     * laser wavelength (NaN: unknown, then null is returned).
     */
    static double[] ramanShift(Axis x, double laserNm) {
        Family f = family(x);
        double[] v = x.values();
        if (f == Family.RAMAN_SHIFT) {
            return v;
        }
        if (!(laserNm > 0) || f == Family.FIELD || f == Family.OTHER) {
            return null;
        }
        double laser = 1e7 / laserNm;
        double[] out = new double[v.length];
        if (f == Family.WAVENUMBER) {
            for (int k = 0; k < v.length; k++) {
                out[k] = laser - v[k];
            }
        } else {
            double toNm = wavelengthFactorNm(x.unit());
            for (int k = 0; k < v.length; k++) {
                out[k] = laser - 1e7 / (v[k] * toNm);
            }
        }
        return out;
    }

    /** Wavelength in m; from a Raman shift only with the laser wavelength (null when unknown). */
    static double[] wavelengthMetres(Axis x, double laserNm) {
        Family f = family(x);
        double[] v = x.values();
        double[] out = new double[v.length];
        switch (f) {
        case WAVELENGTH -> {
            double toNm = wavelengthFactorNm(x.unit());
            for (int k = 0; k < v.length; k++) {
                out[k] = v[k] * toNm * 1e-9;
            }
        }
        case WAVENUMBER -> {
            for (int k = 0; k < v.length; k++) {
                out[k] = v[k] > 0 ? 1e-2 / v[k] : Double.NaN;
            }
        }
        case RAMAN_SHIFT -> {
            if (!(laserNm > 0)) {
                return null;
            }
            double laser = 1e7 / laserNm;
            for (int k = 0; k < v.length; k++) {
                double absolute = laser - v[k];
                out[k] = absolute > 0 ? 1e-2 / absolute : Double.NaN;
            }
        }
        default -> {
            return null;
        }
        }
        return out;
    }

    private static double wavelengthFactorNm(String unit) {
        return switch (unit.trim()) {
        case "nm" -> 1;
        case "µm", "um" -> 1e3;
        case "m" -> 1e9;
        default -> throw new IllegalArgumentException("not a wavelength: unit '" + unit + "'");
        };
    }

    /** "cm^-1" as "cm⁻¹", for labels. */
    static String pretty(String unit) {
        return unit.replace("^-1", "⁻¹").replace("^-2", "⁻²").replace("^2", "²").replace("^3", "³");
    }
}
