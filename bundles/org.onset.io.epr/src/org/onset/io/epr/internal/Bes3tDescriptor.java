package org.onset.io.epr.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.onset.io.api.ImportException;
import org.onset.io.support.Texts;

/** The key/value pairs of a BES3T .DSC descriptor, up to the manipulation history (#MHL). */
final class Bes3tDescriptor {

    final Map<String, String> values = new LinkedHashMap<>();
    private final String file;

    Bes3tDescriptor(String file, String text) {
        this.file = file;
        List<String> lines = Texts.lines(text);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("#MHL")) {
                break;
            }
            if (line.isEmpty() || line.startsWith("*") || line.startsWith("#")) {
                continue;
            }
            StringBuilder value = new StringBuilder();
            int ws = firstSpace(line);
            String key = ws < 0 ? line : line.substring(0, ws);
            String rest = ws < 0 ? "" : line.substring(ws).strip();
            // a trailing backslash continues the value on the next line
            while (rest.endsWith("\\") && i + 1 < lines.size()) {
                value.append(rest, 0, rest.length() - 1).append('\n');
                rest = lines.get(++i).strip();
            }
            value.append(rest);
            values.put(key, unquote(value.toString().strip()));
        }
    }

    private static int firstSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("'") && v.endsWith("'") ? v.substring(1, v.length() - 1) : v;
    }

    String text(String key, String fallback) {
        String v = values.get(key);
        return v == null ? fallback : v;
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    double number(String key) throws ImportException {
        String v = values.get(key);
        if (v == null) {
            throw new ImportException(file + ": the descriptor has no " + key);
        }
        try {
            double d = Double.parseDouble(v.strip());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new ImportException(file + ": " + key + " is not a number: '" + v + "'");
        }
    }

    double number(String key, double fallback) throws ImportException {
        return has(key) ? number(key) : fallback;
    }

    long count(String key, long fallback) throws ImportException {
        if (!has(key)) {
            return fallback;
        }
        double d = number(key);
        if (d != Math.rint(d) || d < 1 || d > Integer.MAX_VALUE) {
            throw new ImportException(file + ": " + key + " must be a positive whole number, got '" + values.get(key)
                    + "'");
        }
        return (long) d;
    }

    String upper(String key, String fallback) {
        return text(key, fallback).strip().toUpperCase(Locale.ROOT);
    }
}
