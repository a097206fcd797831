package org.onset.sweep.internal;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * Typed access to the fields of one JSON object that records a problem (with the field's path)
 * instead of throwing, and reports fields nobody asked for: a misspelt or wrongly-united field
 * ("spacing" for "spacing_nm") must not be silently ignored in an instrument recipe.
 */
final class JsonFields {
    private final JsonObject object;
    private final String path;
    private final Problems problems;
    private final Set<String> read = new LinkedHashSet<>();

    JsonFields(JsonObject object, String path, Problems problems) {
        this.object = object;
        this.path = path;
        this.problems = problems;
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        read.add(key);
        return object.has(key) && !object.get(key).isJsonNull();
    }

    /** A number; NaN (and a problem when {@code required}) when missing or not a number. */
    double number(String key, boolean required) {
        if (!has(key)) {
            if (required) {
                problems.add(path(key), "is missing");
            }
            return Double.NaN;
        }
        JsonElement e = object.get(key);
        if (e.isJsonPrimitive() && ((JsonPrimitive) e).isNumber()) {
            double d = e.getAsDouble();
            if (Double.isFinite(d)) {
                return d;
            }
            // 1e999 parses to infinity; it must be named here, not slip past every range check
            problems.add(path(key), "must be a finite number, got " + e + " (beyond the range of a double)");
            return Double.NaN;
        }
        problems.add(path(key), "must be a number, got " + e);
        return Double.NaN;
    }

    double number(String key, double fallback) {
        return has(key) ? number(key, true) : fallback;
    }

    /**
     * A whole number between {@code min} and {@code max}; {@code fallback} (and a problem) when out of
     * that range. Checked before it is narrowed, so 2147483648 is never reported as its int overflow.
     */
    int integer(String key, boolean required, int fallback, int min, int max) {
        long v = integer(key, required, Long.MIN_VALUE);
        if (v == Long.MIN_VALUE) {
            return fallback;
        }
        if (v < min || v > max) {
            problems.add(path(key), "must be a whole number from " + min + " to " + max + ", got " + object.get(key));
            return fallback;
        }
        return (int) v;
    }

    /** A whole number; {@code fallback} (and a problem when {@code required}) when missing or not whole. */
    long integer(String key, boolean required, long fallback) {
        if (!has(key)) {
            if (required) {
                problems.add(path(key), "is missing");
            }
            return fallback;
        }
        JsonElement e = object.get(key);
        if (e.isJsonPrimitive() && ((JsonPrimitive) e).isNumber()) {
            double d = e.getAsDouble();
            if (d == Math.rint(d) && Math.abs(d) < 9e15) {
                return (long) d;
            }
        }
        problems.add(path(key), "must be a whole number, got " + e);
        return fallback;
    }

    String string(String key, boolean required, String fallback) {
        if (!has(key)) {
            if (required) {
                problems.add(path(key), "is missing");
            }
            return fallback;
        }
        JsonElement e = object.get(key);
        if (e.isJsonPrimitive() && ((JsonPrimitive) e).isString()) {
            return e.getAsString();
        }
        problems.add(path(key), "must be a string, got " + e);
        return fallback;
    }

    boolean bool(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonElement e = object.get(key);
        if (e.isJsonPrimitive() && ((JsonPrimitive) e).isBoolean()) {
            return e.getAsBoolean();
        }
        problems.add(path(key), "must be true or false, got " + e);
        return fallback;
    }

    /** A nested object, or null (and a problem when {@code required}). */
    JsonFields object(String key, boolean required) {
        if (!has(key)) {
            if (required) {
                problems.add(path(key), "is missing");
            }
            return null;
        }
        JsonElement e = object.get(key);
        if (e.isJsonObject()) {
            return new JsonFields(e.getAsJsonObject(), path(key), problems);
        }
        problems.add(path(key), "must be an object {...}, got " + e);
        return null;
    }

    JsonArray array(String key) {
        if (!has(key)) {
            return null;
        }
        JsonElement e = object.get(key);
        if (e.isJsonArray()) {
            return e.getAsJsonArray();
        }
        problems.add(path(key), "must be a list [...], got " + e);
        return null;
    }

    JsonElement raw(String key) {
        read.add(key);
        return object.get(key);
    }

    /** Call after reading: every field not read is reported, with a hint when only its unit differs. */
    void rejectUnknown() {
        for (Map.Entry<String, JsonElement> e : object.entrySet()) {
            if (!read.contains(e.getKey())) {
                problems.add(path(e.getKey()), "unknown field" + hint(e.getKey()) + "; known fields: "
                        + String.join(", ", read));
            }
        }
    }

    private String hint(String unknown) {
        String stem = unknown.replaceAll("_[A-Za-z_]*$", "").toLowerCase();
        for (String k : read) {
            String known = k.toLowerCase();
            if (!k.equals(unknown) && (known.startsWith(stem + "_") || known.equalsIgnoreCase(unknown))) {
                return " (did you mean '" + k + "'? units are part of the name)";
            }
        }
        return "";
    }
}
