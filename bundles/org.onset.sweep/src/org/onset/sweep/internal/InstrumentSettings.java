package org.onset.sweep.internal;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * An instrument's configuration as stored in a map file: its service properties minus the numbers
 * the framework assigns for one session ({@link #SESSION_PROPERTIES}) and DS's own ("osgi.ds.*"). The configuration's PIDs
 * and the component's name stay: they say which driver measured. Properties whose name starts
 * with a dot are private by OSGi convention (never on a service, e.g. passwords) and are skipped.
 */
final class InstrumentSettings {

    /** Assigned by the framework per session: meaningless in a file. */
    static final Set<String> SESSION_PROPERTIES = Set.of("objectClass", "service.id", "service.bundleid",
            "service.scope", "service.ranking", "component.id");

    private InstrumentSettings() {
    }

    static String toJson(Map<String, Object> serviceProperties) {
        JsonObject o = new JsonObject();
        for (Map.Entry<String, Object> e : new TreeMap<>(serviceProperties).entrySet()) {
            String key = e.getKey();
            if (e.getValue() == null || key.startsWith(".") || key.startsWith("osgi.ds.")
                    || SESSION_PROPERTIES.contains(key)) {
                continue;
            }
            o.add(key, element(e.getValue()));
        }
        return o.toString();
    }

    private static JsonElement element(Object v) {
        if (v == null) {
            return JsonNull.INSTANCE;
        }
        if (v instanceof Number n) {
            return new JsonPrimitive(n);
        }
        if (v instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        if (v.getClass().isArray()) {
            JsonArray a = new JsonArray();
            for (int k = 0; k < Array.getLength(v); k++) {
                a.add(element(Array.get(v, k)));
            }
            return a;
        }
        if (v instanceof Collection<?> c) {
            JsonArray a = new JsonArray();
            c.forEach(x -> a.add(element(x)));
            return a;
        }
        return new JsonPrimitive(v.toString());
    }
}
