package org.onset.io.api;

import java.util.Map;

/**
 * Typed settings for one import (see {@link Importer#settings()}); absent keys take the descriptor's
 * default.
 *
 * @param values key to Boolean, Double, Integer or String
 */
public record ImportSettings(Map<String, Object> values) {

    public static final ImportSettings DEFAULTS = new ImportSettings(Map.of());

    public ImportSettings {
        values = Map.copyOf(values);
    }

    public boolean flag(String key, boolean fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("setting '" + key + "' must be true or false, got " + v);
    }

    public double number(String key, double fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("setting '" + key + "' must be a number, got " + v);
    }

    public String text(String key, String fallback) {
        Object v = values.get(key);
        return v == null ? fallback : v.toString();
    }
}
