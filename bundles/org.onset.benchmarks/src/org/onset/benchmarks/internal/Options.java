package org.onset.benchmarks.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** "--name value" options of one benchmark; anything else is refused with its name. */
final class Options {

    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    /**
     * @param known the option names this benchmark takes, e.g. "--grid"
     * @throws IllegalArgumentException naming an unknown option or one without its value
     */
    static Options parse(List<String> args, List<String> known) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int k = 0; k < args.size(); k++) {
            String a = args.get(k);
            if (!known.contains(a)) {
                throw new IllegalArgumentException("unknown option '" + a + "'"
                        + (known.isEmpty() ? " (this benchmark takes none)" : "; known: " + String.join(", ", known)));
            }
            if (k + 1 >= args.size()) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            values.put(a, args.get(++k));
        }
        return new Options(values);
    }

    /** A whole number in [min, max], or {@code fallback} when the option is absent. */
    int integer(String name, int fallback, int min, int max) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " needs a whole number from " + min + " to " + max + ", got '" + v
                + "'");
    }

    /** The option's text, or {@code fallback} when absent. */
    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** A finite number in [min, max], or {@code fallback} when the option is absent. */
    double number(String name, double fallback, double min, double max) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            double x = Double.parseDouble(v.trim());
            if (x >= min && x <= max) {
                return x;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " needs a number from " + min + " to " + max + ", got '" + v + "'");
    }
}
