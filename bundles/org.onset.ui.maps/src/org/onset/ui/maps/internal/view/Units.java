package org.onset.ui.maps.internal.view;

import java.util.Locale;

/** Numbers with an SI prefix, for read-outs: 1.2e-11 A → "-12.0 pA". */
public final class Units {

    private static final String PREFIXES = "afpn\u00b5m kMGT";

    private Units() {
    }

    public static String format(double v, String unit) {
        if (!Double.isFinite(v)) {
            return "NaN" + (unit.isEmpty() ? "" : " " + unit);
        }
        if (v == 0 || unit.isEmpty()) {
            return String.format(Locale.ROOT, "%.4g", v) + (unit.isEmpty() ? "" : " " + unit);
        }
        int e3 = (int) Math.floor(Math.log10(Math.abs(v)) / 3);
        e3 = Math.max(-6, Math.min(4, e3));
        double scaled = v / Math.pow(1000, e3);
        char p = PREFIXES.charAt(e3 + 6);
        return String.format(Locale.ROOT, "%.4g", scaled) + " " + (p == ' ' ? "" : String.valueOf(p)) + unit;
    }
}
