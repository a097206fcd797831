package org.onset.batch.internal.png;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Round tick values (1, 2 or 5 × 10^k apart) for an axis or a colour bar. */
final class Ticks {
    private Ticks() {
    }

    static double step(double lo, double hi, int wanted) {
        double span = hi - lo;
        if (!(span > 0)) {
            return 1;
        }
        double raw = span / Math.max(1, wanted);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double n = raw / mag;
        return (n < 1.5 ? 1 : n < 3.5 ? 2 : n < 7.5 ? 5 : 10) * mag;
    }

    static List<Double> values(double lo, double hi, int wanted) {
        double step = step(lo, hi, wanted);
        List<Double> v = new ArrayList<>();
        for (double t = Math.ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step) {
            v.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
        }
        return v;
    }

    /** A label with as many decimals as the step needs. */
    static String label(double value, double step) {
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        return String.format(Locale.ROOT, "%." + Math.min(decimals, 6) + "f", value);
    }
}
