package org.onset.instrument.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a driver's configuration properties (Configuration Admin hands them over as strings or
 * numbers, whatever the user typed) and collects every problem at once, so that an instrument with
 * bad settings can say all that is wrong in one status line instead of failing on the first.
 */
public final class DriverSettings {

    private final Map<String, Object> properties;
    private final List<String> problems = new ArrayList<>();

    public DriverSettings(Map<String, Object> properties) {
        this.properties = Objects.requireNonNull(properties, "properties");
    }

    /** The {@code instrument.id} property; a missing or blank one is a problem and gives {@code fallback}. */
    public String instrumentId(String fallback) {
        if (properties.get("instrument.id") instanceof String id && !id.isBlank()) {
            return id;
        }
        problems.add("instrument.id is missing");
        return fallback;
    }

    /** The trimmed text of {@code key}, or {@code fallback} when it is not set. */
    public String text(String key, String fallback) {
        Object v = properties.get(key);
        return v == null ? fallback : v.toString().trim();
    }

    /**
     * The number of {@code key} (a Number, or text that parses as one), or {@code fallback} when it is
     * not set; a value that is not a number or lies outside [min, max] is a problem and gives
     * {@code fallback}.
     */
    public double number(String key, double fallback, double min, double max) {
        Object v = properties.get(key);
        if (v == null) {
            return fallback;
        }
        double d;
        if (v instanceof Number n) {
            d = n.doubleValue();
        } else {
            try {
                d = Double.parseDouble(v.toString().trim());
            } catch (NumberFormatException e) {
                problems.add(key + " = '" + v + "' is not a number");
                return fallback;
            }
        }
        if (!(d >= min && d <= max)) {
            problems.add(key + " = " + d + " is outside [" + min + ", " + max + "]");
            return fallback;
        }
        return d;
    }

    /** Adds a problem the driver found itself (a value that parses but does not fit its hardware). */
    public void problem(String message) {
        problems.add(Objects.requireNonNull(message, "message"));
    }

    /** Every problem found so far, in the order found. */
    public List<String> problems() {
        return List.copyOf(problems);
    }
}
