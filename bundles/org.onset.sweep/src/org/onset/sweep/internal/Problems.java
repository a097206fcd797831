package org.onset.sweep.internal;

import java.util.ArrayList;
import java.util.List;

import org.onset.sweep.api.RecipeProblem;

/** Collects recipe problems so that a user sees all of them at once, not one per attempt. */
final class Problems {
    private final List<RecipeProblem> list = new ArrayList<>();

    void add(String field, String message) {
        list.add(new RecipeProblem(field, message));
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    List<RecipeProblem> list() {
        return List.copyOf(list);
    }

    /** Number formatting for messages: 10 significant digits, so unit conversions leave no 399.99999999999994. */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        java.math.BigDecimal rounded = new java.math.BigDecimal(v).round(new java.math.MathContext(10)).stripTrailingZeros();
        double magnitude = Math.abs(v);
        // plain digits for numbers people type; powers of ten for absurd ones (no 300-digit durations)
        if (magnitude != 0 && (magnitude >= 1e12 || magnitude < 1e-9)) {
            return rounded.toString().replace("E", "e");
        }
        return rounded.toPlainString();
    }
}
