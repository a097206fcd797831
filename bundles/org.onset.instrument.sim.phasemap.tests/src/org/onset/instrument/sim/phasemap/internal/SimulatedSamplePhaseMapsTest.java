package org.onset.instrument.sim.phasemap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.analysis.PhaseMap;
import org.onset.instrument.sim.engine.Phase;
import org.onset.instrument.sim.engine.SimSettings;
import org.onset.instrument.sim.engine.SimulatedSample;
import org.onset.map.api.Grid;
import org.onset.map.api.MapAttributes;
import org.onset.map.api.MapFile;
import org.onset.map.api.MapReaderService;
import org.onset.map.api.MapStore;
import org.onset.map.api.MapStoreFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The simulator's ground truth as a phase map, on map files written by the real storage service. */
class SimulatedSamplePhaseMapsTest {
    @TempDir
    Path dir;

    /** 30 × 30 pixels at 20 nm over part of the 2 µm sample: some AlPO4, boundary and matrix in any seed. */
    private static final Grid GRID = new Grid(30, 30, 400e-9, 400e-9, 20e-9, 20e-9);

    private final SimulatedSamplePhaseMaps provider = new SimulatedSamplePhaseMaps();

    /** The host's context (the host started), with the storage bundle started for the map-file services. */
    private static BundleContext context() throws Exception {
        Bundle host = FrameworkUtil.getBundle(SimulatedSamplePhaseMapsTest.class);
        if (host.getState() != Bundle.ACTIVE) {
            host.start();
        }
        BundleContext context = host.getBundleContext();
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName().equals("org.onset.storage.hdf5") && b.getState() != Bundle.ACTIVE) {
                b.start();
            }
        }
        return context;
    }

    private static <T> T service(Class<T> type) throws Exception {
        ServiceTracker<T, T> t = new ServiceTracker<>(context(), type, null);
        t.open();
        T s = t.waitForService(15_000);
        if (s == null) {
            throw new AssertionError(type.getSimpleName() + " is not registered");
        }
        return s;
    }

    /** An empty map file with these attributes (the provider needs only the grid and the attributes). */
    private MapFile map(String name, Map<String, String> attributes) throws Exception {
        Path file = dir.resolve(name + ".h5");
        try (MapStore w = service(MapStoreFactory.class).create(file, GRID, attributes, List.of())) {
            // no pixels: the regions do not depend on the data
        }
        return service(MapReaderService.class).open(file);
    }

    /** instrument_settings as the sweep service records them. */
    private static String settings(String pid, Object seed) {
        return "{\"service.factoryPid\":\"" + pid + "\",\"service.pid\":\"" + pid + "~x\",\"instrument.id\":\"x\","
                + "\"name\":\"a simulator\",\"timing\":\"virtual\",\"sampleSeed\":" + seed + "}";
    }

    @Test
    void aMapOfTheSimulatorGetsTheRegionsOfItsSample() throws Exception {
        try (MapFile m = map("sim", Map.of(MapAttributes.INSTRUMENT_SETTINGS, settings("org.onset.instrument.sim", 5)))) {
            PhaseMap phases = provider.phaseMap(m).orElseThrow();
            assertEquals(GRID, phases.grid());
            assertTrue(phases.source().contains("seed 5"), phases.source());
            SimulatedSample truth = SimulatedSample.generate(SimSettings.defaults().with("sampleSeed", 5));
            int[] counts = new int[3];
            for (int index = 0; index < GRID.pixelCount(); index++) {
                double x = GRID.x(GRID.i(index));
                double y = GRID.y(GRID.j(index));
                String region = phases.region(index);
                counts[PhaseMap.STANDARD_REGIONS.indexOf(region)]++;
                assertEquals(truth.phaseAt(x, y) == Phase.ALPO4, region.equals(PhaseMap.ALPO4), "pixel " + index);
                if (region.equals(PhaseMap.BOUNDARY)) {
                    assertTrue(truth.distanceToAlpo4(x, y) <= 25e-9 || truth.distanceToBoundary(x, y) <= 10e-9);
                }
                if (region.equals(PhaseMap.MATRIX)) {
                    assertTrue(truth.distanceToAlpo4(x, y) > 25e-9 && truth.distanceToBoundary(x, y) > 10e-9);
                }
            }
            for (int c : counts) {
                assertTrue(c > 0, "every region occurs in 900 pixels: " + java.util.Arrays.toString(counts));
            }
        }
    }

    @Test
    void mapsOfOtherInstrumentsOrWithoutSettingsAreDeclined() throws Exception {
        try (MapFile other = map("other", Map.of(MapAttributes.INSTRUMENT_SETTINGS, settings("com.example.afm", 5)));
                MapFile none = map("none", Map.of("note", "hand made"));
                MapFile broken = map("broken", Map.of(MapAttributes.INSTRUMENT_SETTINGS, "{not json"));
                MapFile refused = map("refused", Map.of(MapAttributes.INSTRUMENT_SETTINGS,
                        settings("org.onset.instrument.sim", "\"many\"")))) {
            assertTrue(provider.phaseMap(other).isEmpty());
            assertTrue(provider.phaseMap(none).isEmpty());
            assertTrue(provider.phaseMap(broken).isEmpty());
            assertTrue(provider.phaseMap(refused).isEmpty(), "a seed that is not a number");
        }
    }

    @Test
    void mapsOnOneSampleShareItsMicrostructure() {
        SimSettings one = SimulatedSamplePhaseMaps.simulatorSettings(
                Map.of(MapAttributes.INSTRUMENT_SETTINGS, settings("org.onset.instrument.sim", 1))).orElseThrow();
        // the demo's second instrument: another id and name, the same sample
        SimSettings same = SimulatedSamplePhaseMaps.simulatorSettings(Map.of(MapAttributes.INSTRUMENT_SETTINGS,
                settings("org.onset.instrument.sim", 1).replace("a simulator", "another"))).orElseThrow();
        SimSettings other = one.with("sampleSeed", 2);
        SimulatedSample sample = provider.sample(one);
        assertSame(sample, provider.sample(same), "generated once for both maps");
        assertNotSame(sample, provider.sample(other));
    }
}
