package org.onset.io.epr.internal;

import java.util.List;

import org.onset.io.api.Axis;
import org.onset.io.api.ImportException;
import org.onset.io.api.ImportSettings;
import org.onset.io.api.SettingDescriptor;

/**
 * Settings both EPR importers share: the EasySpin-style scalings (off by default: the data stay as
 * the spectrometer stored them) and the choice of a g-factor x axis.
 */
final class EprOptions {

    static final String SCANS = "scale.scans";
    static final String GAIN = "scale.gain";
    static final String TIME = "scale.conversionTime";
    static final String POWER = "scale.power";
    static final String TEMPERATURE = "scale.temperature";
    static final String G_AXIS = "axis.g";

    static final List<SettingDescriptor> SETTINGS = List.of(
            new SettingDescriptor(SCANS, Boolean.class, false, "divide by the number of scans (refused when SctNorm is True)"),
            new SettingDescriptor(GAIN, Boolean.class, false, "divide by the receiver gain (10^(dB/20) for BES3T)"),
            new SettingDescriptor(TIME, Boolean.class, false, "divide by the conversion time in ms (CW only)"),
            new SettingDescriptor(POWER, Boolean.class, false, "divide by the square root of the microwave power in mW (CW only)"),
            new SettingDescriptor(TEMPERATURE, Boolean.class, false, "multiply by the temperature in K (CW only)"),
            new SettingDescriptor(G_AXIS, Boolean.class, false, "x axis in g-factor instead of field (needs the microwave frequency)"));

    private EprOptions() {
    }

    /** The quantities a scaling needs, NaN when the file does not hold them. */
    record Scaling(double scans, boolean alreadyPerScan, double gainLinear, double conversionTimeMs,
            double powerMw, double temperatureK, boolean cw) {

        double factor(String file, ImportSettings s) throws ImportException {
            double f = 1;
            if (s.flag(SCANS, false)) {
                if (alreadyPerScan) {
                    throw new ImportException(file + ": scaling by the number of scans is refused: SctNorm says the "
                            + "data are already normalised per scan");
                }
                f /= need(file, scans, "number of scans");
            }
            if (s.flag(GAIN, false)) {
                f /= need(file, gainLinear, "receiver gain");
            }
            if (s.flag(TIME, false)) {
                f /= need(file, cwOnly(file, conversionTimeMs, "conversion time"), "conversion time");
            }
            if (s.flag(POWER, false)) {
                f /= Math.sqrt(need(file, cwOnly(file, powerMw, "microwave power"), "microwave power"));
            }
            if (s.flag(TEMPERATURE, false)) {
                f *= need(file, cwOnly(file, temperatureK, "temperature"), "temperature");
            }
            return f;
        }

        private double cwOnly(String file, double v, String what) throws ImportException {
            if (!cw) {
                throw new ImportException(file + ": scaling by " + what + " applies to CW spectra only");
            }
            return v;
        }

        private static double need(String file, double v, String what) throws ImportException {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new ImportException(file + ": cannot scale by the " + what + ": the file does not give it");
            }
            return v;
        }
    }

    /** g = h·ν/(μB·B) = 71.4477 · ν[GHz] / B[mT]. */
    static final double G_PER_GHZ_PER_MT = 71.4477;

    /**
     * A field axis in G, mT or T converted to g values (same order as the field), or refused when the
     * frequency or the unit is not known.
     */
    static Axis gAxis(String file, Axis field, double frequencyGHz) throws ImportException {
        if (!(frequencyGHz > 0)) {
            throw new ImportException(file + ": a g-factor axis needs the microwave frequency, which the file does not give");
        }
        double toMt = switch (field.unit()) {
            case "G" -> 0.1;
            case "mT" -> 1;
            case "T" -> 1000;
            default -> throw new ImportException(file + ": a g-factor axis needs a field axis in G, mT or T, not '"
                    + field.unit() + "'");
        };
        double[] g = new double[field.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = G_PER_GHZ_PER_MT * frequencyGHz / (field.values()[i] * toMt);
        }
        return new Axis("g-factor", "", g);
    }

    static String quantityOf(String name, String unit) {
        String n = name == null ? "" : name.strip();
        if (n.equalsIgnoreCase("field") || n.toLowerCase().contains("magnetic field")
                || n.isEmpty() && (unit.equals("G") || unit.equals("mT") || unit.equals("T"))) {
            return "magnetic field";
        }
        return n.isEmpty() ? "index" : n;
    }
}
