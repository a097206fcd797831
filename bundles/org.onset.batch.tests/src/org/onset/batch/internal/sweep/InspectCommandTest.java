package org.onset.batch.internal.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.batch.BatchCommand;
import org.onset.map.api.MapFile;
import org.onset.map.api.MapReaderService;
import org.onset.map.api.MapStore;
import org.onset.map.api.MapStoreFactory;
import org.onset.map.api.Grid;
import org.onset.map.api.PixelRecord;
import org.onset.instrument.api.RampOutcome.Termination;
import org.osgi.service.cm.Configuration;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** {@code onset inspect} on map files written by the test: a finished map and an interrupted one. */
class InspectCommandTest {
    @TempDir
    Path dir;

    /** A finished 4 × 3 map on a simulator of its own: 0 → −4.2 V at 4.2 V/s, 2 kHz, cutoff −10 pA. */
    private Path finishedMap() throws Exception {
        Path recipe = Files.writeString(dir.resolve("r.json"), """
                { "name": "inspect test", "instrument_id": "inspect-sim",
                  "grid": { "nx": 4, "ny": 3, "spacing_nm": 20, "x0_nm": 800, "y0_nm": 800 },
                  "ramp": { "end_V": -4.2, "rate_V_per_s": 4.2 },
                  "cutoff": { "current_pA": -10 }, "sample_rate_Hz": 2000 }""");
        Path out = dir.resolve("m.h5");
        Configuration sim = Commands.simulator("inspect-sim", "sampleSeed", 3L);
        try {
            Commands.Result r = Commands.run("map", recipe.toString(), "-o", out.toString());
            assertEquals(0, r.exit(), r.err());
        } finally {
            sim.delete();
        }
        return out;
    }

    @Test
    void aFinishedMapShowsItsLayoutAttributesAndSummaryStatistics() throws Exception {
        Path file = finishedMap();
        Commands.Result text = Commands.run("inspect", file.toString());
        assertEquals(0, text.exit(), text.err());
        String out = text.out();
        assertTrue(out.contains("complete: 12 of 12 pixels stored"), out);
        assertTrue(out.contains("4 x 3 pixels, step 20.0 x 20.0 nm, pixel (0, 0) at (800.0, 800.0) nm"), out);
        assertTrue(out.contains("cutoff_rule") && out.contains("instrument_settings") && out.contains("\"sampleSeed\":3"),
                out);
        assertTrue(out.contains("of 12 pixels measured") && out.contains("region matrix"), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("\\s+onset bias\\s+median -\\d\\.\\d{3} V, p05 .*")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("\\s+overshoot\\s+.*median \\d+\\.\\d\\dx;.*median -")), out);

        Commands.Result json = Commands.run("inspect", file.toString(), "--json");
        assertEquals(0, json.exit(), json.err());
        JsonObject o = JsonParser.parseString(json.out()).getAsJsonObject();
        assertTrue(o.get("complete").getAsBoolean());
        assertEquals(12, o.get("pixels_total").getAsInt());
        assertEquals(4, o.getAsJsonObject("layout").get("nx").getAsInt());
        assertEquals(3, o.getAsJsonArray("channels").size());
        JsonObject stats = o.getAsJsonObject("statistics");
        assertEquals(12, stats.get("pixels").getAsInt());
        // checked against the file itself
        try (MapFile r = Commands.service(MapReaderService.class).open(file)) {
            long nucleated = java.util.Arrays.stream(r.onsetBias()).filter(Double::isFinite).count();
            assertEquals(nucleated / 12.0, stats.get("nucleated_fraction").getAsDouble(), 1e-5);
            assertEquals(r.attributes().get("recipe"), o.getAsJsonObject("attributes").get("recipe").getAsString());
        }
        int inRegions = 0;
        for (String region : List.of("alpo4", "boundary", "matrix")) {
            inRegions += stats.getAsJsonObject("by_phase").getAsJsonObject(region).get("pixels").getAsInt();
        }
        assertEquals(12, inRegions, "every pixel is in one region of the simulated sample");
        assertTrue(stats.getAsJsonObject("overshoot").get("dz_excess_nm_median").isJsonNull(), "no height rule");
    }

    @Test
    void anInterruptedMapWithoutRecipeIsShownAsFarAsItGoes() throws Exception {
        Path file = dir.resolve("partial.h5");
        Grid layout = new Grid(3, 2, 0, 0, 1e-7, 1e-7);
        try (MapStore w = Commands.service(MapStoreFactory.class).create(file, layout, Map.of("note", "hand made"),
                List.of())) {
            double[] t = { 0, 1e-3, 2e-3 };
            double[] b = { 0, -1, -2 };
            w.append(new PixelRecord(0, 0, 0, 0, 0, -2, -2e-11, Double.NaN, "current", 2, Termination.CUTOFF, "", 0, 0, 1e3,
                    t, b, new double[] { 0, 0, -2e-11 }, null));
            w.append(new PixelRecord(4, 1, 1, 1e-7, 1e-7, Double.NaN, -1e-12, Double.NaN, "none", -1, Termination.COMPLETED,
                    "", 0, 0, 1e3, t, b, new double[] { 0, 0, -1e-12 }, null));
        }
        Commands.Result r = Commands.run("inspect", file.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("incomplete: 2 of 6 pixels stored"), r.out());
        assertTrue(r.out().contains("50.0 % of 2 pixels measured"), r.out());
        // no ground truth knows a hand-made map: the regions are those found in the data (pixel 4 never nucleated)
        assertTrue(r.out().contains("region alpo4") && !r.out().contains("unknown (no phase-map provider"), r.out());
        assertTrue(r.out().contains("note") && r.out().contains("hand made"), r.out());
        JsonObject inspected = JsonParser.parseString(Commands.run("inspect", "--json", file.toString()).out())
                .getAsJsonObject();
        JsonObject stats = inspected.getAsJsonObject("statistics");
        assertEquals("data: clusters of never-nucleating pixels",
                inspected.getAsJsonObject("phase_map").get("source").getAsString());
        JsonObject alpo4 = stats.getAsJsonObject("by_phase").getAsJsonObject("alpo4");
        assertEquals(1, alpo4.get("pixels").getAsInt());
        assertEquals(0.0, alpo4.get("nucleated_fraction").getAsDouble());
        assertEquals(1, stats.getAsJsonObject("by_phase").getAsJsonObject("matrix").get("pixels").getAsInt());
        assertEquals(-2.0, stats.getAsJsonObject("onset_bias_V").get("median").getAsDouble());
        assertTrue(stats.getAsJsonObject("overshoot").get("current_ratio_median").isJsonNull(),
                "no recipe: the threshold is unknown");
    }

    @Test
    void badFilesAndArgumentsAreNamed() throws Exception {
        Commands.Result missing = Commands.run("inspect", dir.resolve("nope.h5").toString());
        assertEquals(BatchCommand.USAGE, missing.exit());
        assertTrue(missing.err().contains("nope.h5 does not exist"), missing.err());
        Path text = Files.writeString(dir.resolve("text.h5"), "not HDF5");
        Commands.Result notHdf5 = Commands.run("inspect", text.toString());
        assertEquals(BatchCommand.FAILURE, notHdf5.exit());
        assertTrue(notHdf5.err().contains("is not an HDF5 file"), notHdf5.err());
        assertThrows(IllegalArgumentException.class, () -> Commands.run("inspect"));
        assertThrows(IllegalArgumentException.class, () -> Commands.run("inspect", "a.h5", "b.h5"));
        assertThrows(IllegalArgumentException.class, () -> Commands.run("inspect", "a.h5", "--csv"));
    }

    @Test
    void aMapFileExportsToGwyddionSimpleField() throws Exception {
        Path file = finishedMap();
        Path gsf = dir.resolve("onset.gsf");
        Commands.Result r = Commands.run("import", file.toString(), "-o", gsf.toString());
        assertEquals(0, r.exit(), r.err());
        Commands.Result back = Commands.run("inspect", gsf.toString(), "--json");
        assertEquals(0, back.exit(), back.err());
        com.google.gson.JsonObject o = com.google.gson.JsonParser.parseString(back.out()).getAsJsonObject();
        assertEquals("Gwyddion Simple Field", o.get("format").getAsString());
        assertEquals(4, o.getAsJsonObject("image").get("nx").getAsInt());
        assertEquals(3, o.getAsJsonObject("image").get("ny").getAsInt());
        assertEquals(80e-9, o.getAsJsonObject("image").get("width_m").getAsDouble(), 1e-15);
        assertEquals(60e-9, o.getAsJsonObject("image").get("height_m").getAsDouble(), 1e-15);
        assertEquals("V", o.getAsJsonObject("z").get("unit").getAsString());
        double max = o.getAsJsonObject("z").get("max").getAsDouble();
        assertTrue(max < -3 && max > -4.2, "onset biases in V: " + max);
        // channel 2 is the height change in m
        Path dz = dir.resolve("dz.gsf");
        assertEquals(0, Commands.run("import", file.toString(), "-o", dz.toString(), "--channel", "2").exit());
        assertEquals("m", com.google.gson.JsonParser.parseString(Commands.run("inspect", dz.toString(), "--json").out())
                .getAsJsonObject().getAsJsonObject("z").get("unit").getAsString());
    }
}
