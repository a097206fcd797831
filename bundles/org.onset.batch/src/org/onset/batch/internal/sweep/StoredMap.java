package org.onset.batch.internal.sweep;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.onset.instrument.api.CutoffRule;
import org.onset.instrument.sim.engine.SimSettings;
import org.onset.map.api.MapAttributes;
import org.onset.sweep.api.InvalidRecipeException;
import org.onset.sweep.api.RecipeCodec;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/** How a map was measured, as its file records it (attributes written by the sweep service). */
final class StoredMap {

    /** The factory PID of the simulator driver's configurations. */
    static final String SIM_FACTORY_PID = "org.onset.instrument.sim";

    private StoredMap() {
    }

    /** The map's cutoff rule, from its stored recipe; empty when the file has no readable recipe. */
    static Optional<CutoffRule> cutoff(Map<String, String> attributes, RecipeCodec codec) {
        String json = attributes.get(MapAttributes.RECIPE);
        if (json == null || json.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(codec.parse(json, "the recipe stored in the map file").cutoff());
        } catch (InvalidRecipeException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The settings of the simulated instrument that measured the map (sample seed and
     * microstructure included), when it was the simulator; empty for other instruments or files
     * that do not record the instrument's configuration.
     */
    static Optional<SimSettings> simulatorSettings(Map<String, String> attributes) {
        JsonObject settings = instrumentSettings(attributes);
        // a factory configuration of the simulator, or its single configuration
        if (!SIM_FACTORY_PID.equals(text(settings, "service.factoryPid"))
                && !SIM_FACTORY_PID.equals(text(settings, "service.pid"))) {
            return Optional.empty();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        settings.entrySet().stream().filter(e -> e.getValue().isJsonPrimitive())
                .forEach(e -> values.put(e.getKey(), e.getValue().getAsString()));
        try {
            return Optional.of(SimSettings.defaults().withProperties(values));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    /** The recorded instrument configuration, empty when absent or unreadable. */
    static JsonObject instrumentSettings(Map<String, String> attributes) {
        String json = attributes.get(MapAttributes.INSTRUMENT_SETTINGS);
        if (json == null) {
            return new JsonObject();
        }
        try {
            JsonElement e = JsonParser.parseString(json);
            return e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
        } catch (JsonParseException e) {
            return new JsonObject();
        }
    }
}
