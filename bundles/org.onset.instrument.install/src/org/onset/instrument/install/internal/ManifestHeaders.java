package org.onset.instrument.install.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little of OSGi manifest header syntax the installer needs before the framework sees a bundle:
 * clauses separated by commas (not inside quotes), each with paths and {@code name=value} attributes
 * or {@code name:=value} directives separated by semicolons.
 */
final class ManifestHeaders {

    /** One clause: its paths (package names, a symbolic name) and its attributes and directives. */
    record Clause(List<String> paths, Map<String, String> attributes) {
    }

    private ManifestHeaders() {
    }

    static List<Clause> parse(String header) {
        List<Clause> clauses = new ArrayList<>();
        if (header == null) {
            return clauses;
        }
        for (String clause : split(header, ',')) {
            List<String> paths = new ArrayList<>();
            Map<String, String> attributes = new LinkedHashMap<>();
            for (String part : split(clause, ';')) {
                String p = part.trim();
                int eq = p.indexOf('=');
                if (eq < 0) {
                    if (!p.isEmpty()) {
                        paths.add(p);
                    }
                    continue;
                }
                String name = p.substring(0, eq).trim();
                String value = p.substring(eq + 1).trim();
                if (name.endsWith(":")) {
                    name = name.substring(0, name.length() - 1).trim() + ":";
                }
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                attributes.put(name, value);
            }
            if (!paths.isEmpty()) {
                clauses.add(new Clause(List.copyOf(paths), attributes));
            }
        }
        return clauses;
    }

    /** The symbolic name without its directives, or null. */
    static String symbolicName(String header) {
        List<Clause> c = parse(header);
        return c.isEmpty() ? null : c.get(0).paths().get(0);
    }

    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }
}
