package org.onset.instrument.sim.phasemap.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.onset.analysis.PhaseMap;
import org.onset.analysis.PhaseMapProvider;
import org.onset.analysis.PhaseMapProviders;
import org.onset.instrument.sim.engine.Phase;
import org.onset.instrument.sim.engine.SimSettings;
import org.onset.instrument.sim.engine.SimulatedSample;
import org.onset.map.api.Grid;
import org.onset.map.api.MapAttributes;
import org.onset.map.api.MapFile;
import org.osgi.service.component.annotations.Component;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The regions of a map measured on the simulated instrument, from the simulator's ground truth: the
 * file records the instrument's settings (sample seed and microstructure included), from which the
 * very sample is generated again and each pixel's commanded position classified.
 *
 * <p>Why a bundle of its own rather than a component in {@code org.onset.instrument.sim}: the driver
 * stays free of the analysis API (a driver bundle resolves with the driver SPI alone and can be
 * swapped at runtime), {@code org.onset.analysis} stays free of the simulator, and this provider
 * goes away by itself when the simulator bundle does (its import of the engine no longer resolves),
 * while the statistics go on without regions.
 *
 * <p>Ranked 0 (the default): a user's mask (200) wins over the ground truth, which wins over the
 * phases found from the data (−100). Registered as a {@link PhaseMapProviders#GROUND_TRUTH ground
 * truth}: an analysis of the data compares with it but does not take its phases from it.
 */
@Component(service = PhaseMapProvider.class, property = {
        PhaseMapProviders.ID + "=" + PhaseMapProviders.SIMULATOR, PhaseMapProviders.GROUND_TRUTH + ":Boolean=true" })
public final class SimulatedSamplePhaseMaps implements PhaseMapProvider {

    /**
     * The simulator driver's configuration PID (factory PID of its instruments), as the sweep
     * records it in {@code instrument_settings}. It is the driver bundle's internal name
     * ({@code SimulatedInstrument.PID}) and a stable part of map files already written.
     */
    static final String SIMULATOR_PID = "org.onset.instrument.sim";

    /** Matrix within this distance of an AlPO4 grain counts as boundary, m (the onset is lowered there over ~25 nm). */
    static final double NEAR_ALPO4 = 25e-9;
    /** Matrix within this distance of a matrix grain boundary counts as boundary, m. */
    static final double NEAR_GRAIN_BOUNDARY = 10e-9;

    static final String DEFINITION = "alpo4: inside an AlPO4 grain; boundary: matrix within 25 nm of AlPO4 or 10 nm of a "
            + "grain boundary; matrix: the rest (positions classified on the simulated sample's microstructure)";

    /**
     * Samples last used, by settings: generating a microstructure takes a moment, and maps measured
     * on one sample (the demo's two) share it. Kept small: a sample holds its noise and topography
     * fields.
     */
    private static final int SAMPLES_KEPT = 2;

    private final Map<SimSettings, SimulatedSample> samples = new LinkedHashMap<>(4, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<SimSettings, SimulatedSample> eldest) {
            return size() > SAMPLES_KEPT;
        }
    };

    @Override
    public Optional<PhaseMap> phaseMap(MapFile map) {
        Optional<SimSettings> settings = simulatorSettings(map.attributes());
        if (settings.isEmpty()) {
            return Optional.empty();
        }
        SimulatedSample sample;
        try {
            sample = sample(settings.get());
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // settings this simulator refuses: it cannot rebuild that sample
        }
        Grid grid = map.grid();
        String[] regions = new String[grid.pixelCount()];
        for (int index = 0; index < regions.length; index++) {
            regions[index] = classify(sample, grid.x(grid.i(index)), grid.y(grid.j(index)));
        }
        return Optional.of(new PhaseMap(grid, regions, DEFINITION,
                "ground truth of the simulated sample (seed " + settings.get().sampleSeed() + ")"));
    }

    /** The sample of these settings, generated once while it is in use. */
    synchronized SimulatedSample sample(SimSettings settings) {
        return samples.computeIfAbsent(settings, SimulatedSample::generate);
    }

    static String classify(SimulatedSample sample, double x, double y) {
        if (sample.phaseAt(x, y) == Phase.ALPO4) {
            return PhaseMap.ALPO4;
        }
        return sample.distanceToAlpo4(x, y) <= NEAR_ALPO4 || sample.distanceToBoundary(x, y) <= NEAR_GRAIN_BOUNDARY
                ? PhaseMap.BOUNDARY : PhaseMap.MATRIX;
    }

    /**
     * The settings of the simulated instrument that measured the map, when it was the simulator;
     * empty for other instruments or files that do not record the instrument's configuration.
     */
    static Optional<SimSettings> simulatorSettings(Map<String, String> attributes) {
        JsonObject settings = instrumentSettings(attributes);
        // a factory configuration of the simulator, or its single configuration
        if (!SIMULATOR_PID.equals(text(settings, "service.factoryPid")) && !SIMULATOR_PID.equals(text(settings, "service.pid"))) {
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

    /** The recorded instrument configuration; empty when absent or unreadable. */
    private static JsonObject instrumentSettings(Map<String, String> attributes) {
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
