package org.onset.sweep.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * What differs between the instrument a map file was measured with and the one that would
 * continue it: the {@code instrument.id}, then each setting (as stored by
 * {@link InstrumentSettings}) whose value changed, appeared or went away, as "name: old → new".
 */
final class InstrumentChanges {

    static final String ABSENT = "(not set)";

    private InstrumentChanges() {
    }

    static List<String> between(String oldId, String oldSettings, String newId, String newSettings) {
        List<String> changes = new ArrayList<>();
        if (!oldId.equals(newId)) {
            changes.add("instrument: '" + oldId + "' → '" + newId + "'");
        }
        if (oldSettings.isEmpty()) {
            return changes; // the file does not say: only the id can be compared
        }
        Map<String, JsonElement> before = settings(oldSettings);
        Map<String, JsonElement> after = settings(newSettings);
        if (before == null || after == null) {
            if (!oldSettings.equals(newSettings)) {
                changes.add("settings: " + oldSettings + " → " + newSettings);
            }
            return changes;
        }
        TreeMap<String, Boolean> names = new TreeMap<>();
        before.keySet().forEach(k -> names.put(k, true));
        after.keySet().forEach(k -> names.put(k, true));
        for (String name : names.keySet()) {
            JsonElement a = before.get(name);
            JsonElement b = after.get(name);
            if (a == null ? b != null : !a.equals(b)) {
                changes.add(name + ": " + text(a) + " → " + text(b));
            }
        }
        return changes;
    }

    private static Map<String, JsonElement> settings(String json) {
        try {
            JsonObject o = JsonParser.parseString(json).getAsJsonObject();
            Map<String, JsonElement> m = new TreeMap<>();
            o.entrySet().forEach(e -> m.put(e.getKey(), e.getValue()));
            return m;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonElement e) {
        if (e == null) {
            return ABSENT;
        }
        return e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : e.toString();
    }
}
