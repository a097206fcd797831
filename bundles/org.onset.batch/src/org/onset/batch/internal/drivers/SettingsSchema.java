package org.onset.batch.internal.drivers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * The settings a driver's factory PID declares in its metatype: names, types, units and defaults,
 * and the typed value for a setting given as text on the command line.
 */
final class SettingsSchema {

    /** The unit is written in brackets in the description, e.g. "... [m/s]." (see the simulator's metatype). */
    private static final Pattern UNIT = Pattern.compile("\\[([^\\]]+)\\]");

    /** One declared setting. */
    record Setting(String id, String label, String description, int type, String unit, String defaultText,
            List<String> options, AttributeDefinition definition) {
    }

    private final String factoryPid;
    private final String bundle;
    private final Map<String, Setting> settings;

    private SettingsSchema(String factoryPid, String bundle, Map<String, Setting> settings) {
        this.factoryPid = factoryPid;
        this.bundle = bundle;
        this.settings = settings;
    }

    /** The metatype of {@code factoryPid} from whichever installed bundle declares it. */
    static Optional<SettingsSchema> find(BundleContext context, MetaTypeService metaType, String factoryPid) {
        for (Bundle b : context.getBundles()) {
            MetaTypeInformation info = metaType.getMetaTypeInformation(b);
            if (info == null || !Arrays.asList(info.getFactoryPids()).contains(factoryPid)) {
                continue;
            }
            ObjectClassDefinition ocd = info.getObjectClassDefinition(factoryPid, null);
            Map<String, Setting> settings = new LinkedHashMap<>();
            for (AttributeDefinition ad : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
                settings.put(ad.getID(), setting(ad));
            }
            return Optional.of(new SettingsSchema(factoryPid, b.getSymbolicName(), settings));
        }
        return Optional.empty();
    }

    private static Setting setting(AttributeDefinition ad) {
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
        return new Setting(ad.getID(), ad.getName(), description, ad.getType(), unit, defaultText,
                options == null ? List.of() : List.of(options), ad);
    }

    String factoryPid() {
        return factoryPid;
    }

    String bundle() {
        return bundle;
    }

    List<Setting> settings() {
        return List.copyOf(settings.values());
    }

    Optional<Setting> get(String name) {
        return Optional.ofNullable(settings.get(name));
    }

    /**
     * The typed value of a setting given as text.
     *
     * @throws InvalidSettingException naming the setting, with close names for an unknown one
     */
    Object parse(String name, String text) {
        Setting s = settings.get(name);
        if (s == null) {
            List<String> close = closeNames(name);
            throw new InvalidSettingException("unknown setting '" + name + "' for " + factoryPid
                    + (close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?")
                    + " (onset drivers settings lists them)");
        }
        String t = text.trim();
        String unit = s.unit().isEmpty() || s.unit().equals("dimensionless") ? "" : " in " + s.unit();
        Object value;
        try {
            value = switch (s.type()) {
            case AttributeDefinition.DOUBLE, AttributeDefinition.FLOAT -> finite(Double.parseDouble(t));
            case AttributeDefinition.LONG -> Long.parseLong(t);
            case AttributeDefinition.INTEGER -> Integer.parseInt(t);
            case AttributeDefinition.SHORT -> Short.parseShort(t);
            case AttributeDefinition.BOOLEAN -> bool(t);
            default -> t;
            };
        } catch (NumberFormatException e) {
            boolean integer = s.type() == AttributeDefinition.LONG || s.type() == AttributeDefinition.INTEGER
                    || s.type() == AttributeDefinition.SHORT;
            throw new InvalidSettingException("setting '" + name + "' must be " + (integer ? "an integer" : "a number")
                    + unit + ", got '" + text + "'");
        }
        if (!s.options().isEmpty() && !s.options().contains(t)) {
            throw new InvalidSettingException("setting '" + name + "' must be one of " + String.join(", ", s.options())
                    + ", got '" + text + "'");
        }
        String problem = s.definition().validate(t);
        if (problem != null && !problem.isEmpty()) {
            throw new InvalidSettingException("setting '" + name + "' = '" + text + "': " + problem);
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
}
