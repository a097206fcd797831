package org.onset.analysis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.analysis.PhaseMapProvider;
import org.onset.analysis.PhaseMapProviders;
import org.onset.instrument.registry.InstrumentConfigurator;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The analysis and the command line do not need the simulator: a map measured on it is inspected,
 * the simulator bundle is uninstalled and the packages refreshed, and the same file is inspected
 * again — the same statistics; only the regions change: they came from the simulator's ground truth
 * and now come from the phase-map provider that finds AlPO4 in the data, which org.onset.analysis
 * itself registers. This test leaves the framework without the simulator; nothing else in this test
 * bundle needs it.
 */
class HeadlessWithoutSimulatorTest {
    @TempDir
    Path dir;

    private static final String SIMULATOR = "org.onset.instrument.sim";
    private static final String GROUND_TRUTH = "org.onset.instrument.sim.phasemap";

    @Test
    void inspectWorksAfterTheSimulatorBundleIsUninstalled() throws Exception {
        BundleContext context = Services.started("org.onset.analysis", "org.onset.batch", "org.onset.sweep",
                "org.onset.storage.hdf5", "org.onset.instrument.registry", SIMULATOR, GROUND_TRUTH);
        Path file = mapOnTheSimulator(context);

        Services.Result withSimulator = Services.run(context, "inspect", file.toString(), "--json");
        assertEquals(0, withSimulator.exit(), withSimulator.err());
        JsonObject before = JsonParser.parseString(withSimulator.out()).getAsJsonObject();
        JsonObject statsBefore = before.getAsJsonObject("statistics");
        assertTrue(statsBefore.has("by_phase"), "the simulator's ground truth gives the regions: " + statsBefore);
        int inRegions = 0;
        for (String region : List.of("alpo4", "boundary", "matrix")) {
            inRegions += statsBefore.getAsJsonObject("by_phase").getAsJsonObject(region).get("pixels").getAsInt();
        }
        assertEquals(12, inRegions);
        assertTrue(before.getAsJsonObject("phase_map").get("source").getAsString().contains("simulated sample (seed 3)"),
                before.toString());

        Bundle batch = Services.bundle(context, "org.onset.batch");
        Bundle analysis = Services.bundle(context, "org.onset.analysis");
        BundleWiring batchWiring = batch.adapt(BundleWiring.class);
        BundleWiring analysisWiring = analysis.adapt(BundleWiring.class);

        uninstallAndRefresh(context, Services.bundle(context, SIMULATOR));

        assertNull(Services.bundle(context, SIMULATOR), "the simulator is gone");
        assertEquals(Bundle.INSTALLED, Services.bundle(context, GROUND_TRUTH).getState(),
                "the ground-truth provider no longer resolves without the simulator");
        // what is left are the analysis bundle's own providers: the phases found from the data and the user's mask
        assertEquals(java.util.Set.of(PhaseMapProviders.DATA, PhaseMapProviders.MASK),
                context.getServiceReferences(PhaseMapProvider.class, null).stream()
                        .map(r -> (String) r.getProperty(PhaseMapProviders.ID)).collect(java.util.stream.Collectors.toSet()),
                "the ground truth left with the simulator");
        assertTrue(context.getServiceReferences(PhaseMapProvider.class, null).stream()
                .allMatch(r -> r.getBundle().getSymbolicName().equals("org.onset.analysis")));
        for (Bundle b : List.of(batch, analysis)) {
            assertEquals(Bundle.ACTIVE, b.getState(), b.getSymbolicName() + " is still active");
        }
        assertSame(batchWiring, batch.adapt(BundleWiring.class), "org.onset.batch was not even refreshed");
        assertTrue(batchWiring.isCurrent() && analysisWiring.isCurrent());
        assertTrue(batchWiring.getRequiredWires(null).stream()
                .noneMatch(w -> w.getProvider().getBundle().getSymbolicName().startsWith(SIMULATOR)),
                "org.onset.batch is wired to nothing of the simulator");

        Services.Result withoutSimulator = Services.run(context, "inspect", file.toString(), "--json");
        assertEquals(0, withoutSimulator.exit(), withoutSimulator.err());
        JsonObject after = JsonParser.parseString(withoutSimulator.out()).getAsJsonObject();
        JsonObject statsAfter = after.getAsJsonObject("statistics");
        assertTrue(statsBefore.get("nucleated_fraction").getAsDouble() > 0, "some pixels nucleated: " + statsBefore);
        assertTrue(statsAfter.has("by_phase"), "the regions now come from the data: " + statsAfter);
        assertEquals("data: clusters of never-nucleating pixels", after.getAsJsonObject("phase_map").get("source")
                .getAsString(), after.toString());
        statsBefore.remove("by_phase");
        statsAfter.remove("by_phase");
        assertEquals(statsBefore, statsAfter, "every other statistic is the same");
        assertNotNull(statsAfter.getAsJsonObject("onset_bias_V").get("median"));
        assertEquals(12, statsAfter.get("pixels").getAsInt());
        assertTrue(statsAfter.getAsJsonObject("overshoot").get("current_ratio_median").getAsDouble() > 1,
                "the overshoot comes from the stored recipe, not from the simulator");

        Services.Result text = Services.run(context, "inspect", file.toString());
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("of 12 pixels measured"), text.out());
        assertFalse(text.out().contains("unknown (no phase-map provider"), text.out());
        assertTrue(text.out().contains("region matrix"), text.out());
    }

    /** A finished 4 × 3 map on a simulated instrument of its own, written by {@code onset map}. */
    private Path mapOnTheSimulator(BundleContext context) throws Exception {
        InstrumentConfigurator configurator = Services.service(context, InstrumentConfigurator.class);
        String simulator = configurator.simulatedDriverType().orElseThrow(() -> new AssertionError("no simulator"))
                .factoryPid();
        Path recipe = Files.writeString(dir.resolve("r.json"), """
                { "name": "headless test", "instrument_id": "headless-sim",
                  "grid": { "nx": 4, "ny": 3, "spacing_nm": 20, "x0_nm": 800, "y0_nm": 800 },
                  "ramp": { "end_V": -4.2, "rate_V_per_s": 4.2 },
                  "cutoff": { "current_pA": -10 }, "sample_rate_Hz": 2000 }""");
        Path out = dir.resolve("m.h5");
        configurator.create(simulator, "headless-sim", Map.of("timing", "virtual", "sampleSeed", 3L),
                Duration.ofSeconds(30));
        try {
            Services.Result r = Services.run(context, "map", recipe.toString(), "-o", out.toString());
            assertEquals(0, r.exit(), r.err());
        } finally {
            configurator.delete("headless-sim", Duration.ofSeconds(30));
        }
        return out;
    }

    private static void uninstallAndRefresh(BundleContext context, Bundle simulator) throws Exception {
        assertNotNull(simulator, "the simulator is installed to begin with");
        simulator.uninstall();
        FrameworkWiring framework = context.getBundle(0).adapt(FrameworkWiring.class);
        CountDownLatch refreshed = new CountDownLatch(1);
        framework.refreshBundles(List.of(simulator), e -> {
            if (e.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        assertTrue(refreshed.await(60, TimeUnit.SECONDS), "packages refreshed");
    }
}
