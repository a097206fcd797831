package org.onset.instrument.registry.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.onset.instrument.registry.DriverType;
import org.onset.instrument.registry.DriverType.Setting;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * The settings a driver's factory PID declares in its metatype, and the typed value of a setting
 * given as text or as a number of another type.
 */
final class SettingsSchema {

    /** The unit is written in brackets in the description, e.g. "... [m/s]." (see the simulator's metatype). */
    private static final Pattern UNIT = Pattern.compile("\\[([^\\]]+)\\]");

    private final String factoryPid;
    private final Map<String, AttributeDefinition> definitions;
    private final Map<String, Setting> settings;

    SettingsSchema(String factoryPid, ObjectClassDefinition ocd) {
        this.factoryPid = factoryPid;
        Map<String, AttributeDefinition> ads = new LinkedHashMap<>();
        Map<String, Setting> s = new LinkedHashMap<>();
        AttributeDefinition[] all = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        AttributeDefinition[] required = ocd.getAttributeDefinitions(ObjectClassDefinition.REQUIRED);
        List<String> requiredIds = new ArrayList<>();
        if (required != null) {
            for (AttributeDefinition ad : required) {
                requiredIds.add(ad.getID());
            }
        }
        if (all != null) {
            for (AttributeDefinition ad : all) {
                ads.put(ad.getID(), ad);
                s.put(ad.getID(), setting(ad, requiredIds.contains(ad.getID())));
            }
        }
        this.definitions = ads;
        this.settings = s;
    }

    List<Setting> settings() {
        return List.copyOf(settings.values());
    }

    boolean declares(String name) {
        return settings.containsKey(name);
    }

    private static Setting setting(AttributeDefinition ad, boolean required) {
        String description = ad.getDescription() == null ? "" : ad.getDescription();
        String unit = "";
        Matcher m = UNIT.matcher(description);
        while (m.find()) {
            unit = m.group(1);
        }
        // "[dimensionless, > 0]": the unit is before the comma, a rule after it
        unit = unit.split(",")[0].trim();
        if (unit.equals("1")) {
            unit = "dimensionless";
        }
        String[] defaults = ad.getDefaultValue();
        String defaultText = defaults == null || defaults.length == 0 ? "" : defaults[0];
        String[] options = ad.getOptionValues();
        return new Setting(ad.getID(), ad.getName(), description, type(ad.getType()), unit, defaultText,
                options == null ? List.of() : List.of(options), required);
    }

    private static Class<?> type(int metatype) {
        return switch (metatype) {
        case AttributeDefinition.DOUBLE -> Double.class;
        case AttributeDefinition.FLOAT -> Float.class;
        case AttributeDefinition.LONG -> Long.class;
        case AttributeDefinition.INTEGER -> Integer.class;
        case AttributeDefinition.SHORT -> Short.class;
        case AttributeDefinition.BOOLEAN -> Boolean.class;
        default -> String.class;
        };
    }

    /**
     * The typed value of a setting; text is parsed, other values are taken by their text.
     *
     * @throws IllegalArgumentException naming the setting, with close names for an unknown one
     */
    Object parse(String name, Object given) {
        Setting s = settings.get(name);
        if (s == null) {
            List<String> close = closeNames(name);
            throw new IllegalArgumentException("unknown setting '" + name + "' for " + factoryPid
                    + (close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?"));
        }
        String text = String.valueOf(given);
        String t = text.trim();
        String unit = s.unit().isEmpty() || s.unit().equals("dimensionless") ? "" : " in " + s.unit();
        Object value;
        try {
            if (s.type() == Double.class) {
                value = finite(Double.parseDouble(t));
            } else if (s.type() == Float.class) {
                value = (float) finite(Double.parseDouble(t));
            } else if (s.type() == Long.class) {
                value = Long.parseLong(t);
            } else if (s.type() == Integer.class) {
                value = Integer.parseInt(t);
            } else if (s.type() == Short.class) {
                value = Short.parseShort(t);
            } else if (s.type() == Boolean.class) {
                value = bool(t);
            } else {
                value = t;
            }
        } catch (NumberFormatException e) {
            boolean integer = s.type() == Long.class || s.type() == Integer.class || s.type() == Short.class;
            if (s.type() == Boolean.class) {
                throw new IllegalArgumentException("setting '" + name + "' must be true or false, got '" + text + "'");
            }
            throw new IllegalArgumentException("setting '" + name + "' must be " + (integer ? "an integer" : "a number")
                    + unit + ", got '" + text + "'");
        }
        if (!s.options().isEmpty() && !s.options().contains(t)) {
            throw new IllegalArgumentException("setting '" + name + "' must be one of " + String.join(", ", s.options())
                    + ", got '" + text + "'");
        }
        String problem = definitions.get(name).validate(t);
        if (problem != null && !problem.isEmpty()) {
            throw new IllegalArgumentException("setting '" + name + "' = '" + text + "': " + problem);
        }
        return value;
    }

    private static double finite(double v) {
        if (!Double.isFinite(v)) {
            throw new NumberFormatException("not finite");
        }
        return v;
    }

    private static Boolean bool(String t) {
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
            return Boolean.valueOf(t.toLowerCase(Locale.ROOT));
        }
        throw new NumberFormatException("not a boolean");
    }

    /** Declared names that look like a mistyped {@code name}: few edits apart, or containing it. */
    List<String> closeNames(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        int allowed = Math.max(2, wanted.length() / 3);
        List<String[]> scored = new ArrayList<>();
        for (String candidate : settings.keySet()) {
            String c = candidate.toLowerCase(Locale.ROOT);
            int d = distance(wanted, c);
            if (d <= allowed || (wanted.length() >= 3 && (c.contains(wanted) || wanted.contains(c)))) {
                scored.add(new String[] { candidate, Integer.toString(d) });
            }
        }
        return scored.stream().sorted(Comparator.comparingInt(a -> Integer.parseInt(a[1]))).limit(5)
                .map(a -> a[0]).toList();
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    /** The schema's view in the API. */
    DriverType type(String name, String description, boolean simulated, String bundle, String bundleVersion) {
        return new DriverType(factoryPid, name, description, simulated, bundle, bundleVersion, settings());
    }

    Optional<Setting> get(String name) {
        return Optional.ofNullable(settings.get(name));
    }
}
