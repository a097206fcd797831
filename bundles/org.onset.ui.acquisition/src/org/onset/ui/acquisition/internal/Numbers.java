package org.onset.ui.acquisition.internal;

import java.math.BigDecimal;
import java.math.MathContext;

/** Numbers as a person types them: 12 significant digits at most, no trailing zeros, no exponent for usual sizes. */
final class Numbers {

    private Numbers() {
    }

    static String format(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(12)).stripTrailingZeros();
        double mag = Math.abs(v);
        return mag >= 1e-6 && mag < 1e12 ? d.toPlainString() : d.toString();
    }
}
