package org.onset.batch.internal.fem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.batch.BatchCommand;
import org.onset.batch.internal.sweep.Commands;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** {@code onset fem} through its command service, with the real gmsh and getdp on a coarse mesh. */
class FemCommandTest {

    /** The Fig. 6 geometry on a coarse mesh: seconds per case, for testing the command, not the physics. */
    static final String COARSE_MODEL = """
            {"name": "coarse Fig. 6",
             "slab": {"width_nm": 1300, "depth_nm": 1200, "thickness_nm": 600, "permittivity": 35},
             "inclusions": [{"x_nm": 0, "y_nm": 0, "radius_nm": 150, "permittivity": 5.1, "shape": "hemisphere"}],
             "tip": {"cone_half_angle_deg": 15, "apex_radius_nm": 50, "height_nm": 800, "indentation_nm": 1.75},
             "bias_V": 1, "air": {"height_nm": 1000},
             "mesh": {"global_nm": 150, "apex_nm": 4, "interface_nm": 40}}
            """;

    @Test
    void sweepPrintsThePointsAsJson(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model.json");
        Files.writeString(model, COARSE_MODEL);
        BatchCommand fem = Commands.command("fem");
        Commands.Result r = Commands.capture((out, err) -> fem.run(
                List.of("sweep", model.toString(), "--dx", "0,400", "--json", "-o", dir.resolve("out").toString()), out, err));
        assertEquals(0, r.exit(), r.err());
        JsonObject json = JsonParser.parseString(r.out()).getAsJsonObject();
        JsonArray points = json.getAsJsonArray("points");
        assertEquals(6, points.size(), r.out());
        JsonObject first = points.get(0).getAsJsonObject();
        assertEquals(0, first.get("dx_nm").getAsDouble());
        assertEquals(10, first.get("depth_nm").getAsDouble());
        double e = first.get("E_V_per_nm").getAsDouble();
        assertTrue(e > 0.01 && e < 0.05, "|E| 10 nm under the tip at 1 V: " + e);
        assertTrue(r.err().contains("[2/2]"), "progress on stderr: " + r.err());
        assertTrue(!r.out().contains("Info"), "solver output stays in the log");
        assertTrue(Files.readString(dir.resolve("out/dx_400/solver.log")).contains("getdp"));
        assertEquals(7, Files.readAllLines(dir.resolve("out/sweep.csv")).size());
        // the same points in sweep.h5, read back
        List<org.onset.fem.FieldProbe> h5 = org.onset.fem.SweepHdf5.read(dir.resolve("out/sweep.h5"));
        assertEquals(points.size(), h5.size());
        for (int k = 0; k < h5.size(); k++) {
            JsonObject p = points.get(k).getAsJsonObject();
            assertEquals(p.get("dx_nm").getAsDouble(), h5.get(k).dxNm());
            assertEquals(p.get("depth_nm").getAsDouble(), h5.get(k).depthNm());
            assertEquals(p.get("E_V_per_nm").getAsDouble(), h5.get(k).eVPerNm());
        }
        assertTrue(r.err().contains("sweep.h5"), r.err());
        // the plot (Fig. 6b): one line per depth, axes with units
        String svg = Files.readString(dir.resolve("out/sweep.svg"));
        assertTrue(svg.contains("<svg") && svg.contains("10 nm deep") && svg.contains("100 nm deep") && svg.contains("V/m"),
                () -> svg.substring(0, Math.min(400, svg.length())));
        assertTrue(Files.size(dir.resolve("out/sweep.png")) > 1000);
    }

    /** Mesh convergence: the same points on the model's mesh and on one 1.3 times finer, each with its change. */
    @Test
    void convergenceReportsEachPointOnTwoMeshes(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model.json");
        Files.writeString(model, COARSE_MODEL);
        BatchCommand fem = Commands.command("fem");
        Commands.Result r = Commands.capture((out, err) -> fem.run(List.of("convergence", model.toString(), "--dx", "400",
                "--finer", "1.3", "--json", "-o", dir.resolve("conv").toString()), out, err));
        assertEquals(0, r.exit(), r.err());
        JsonObject json = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals(1.3, json.get("refinement").getAsDouble());
        JsonArray points = json.getAsJsonArray("points");
        assertEquals(3, points.size(), r.out());
        double worst = 0;
        for (var p : points) {
            JsonObject o = p.getAsJsonObject();
            double a = o.get("E_base_V_per_nm").getAsDouble();
            double b = o.get("E_finer_V_per_nm").getAsDouble();
            assertTrue(a > 0 && b > 0, o.toString());
            assertEquals(100 * (b - a) / a, o.get("change_percent").getAsDouble(), 0.01, o.toString());
            worst = Math.max(worst, Math.abs(o.get("change_percent").getAsDouble()));
        }
        assertEquals(worst, json.get("largest_change_percent").getAsDouble(), 1e-9);
        JsonArray cases = json.getAsJsonArray("cases");
        int base = cases.get(0).getAsJsonObject().get("nodes").getAsInt();
        int finer = cases.get(1).getAsJsonObject().get("nodes").getAsInt();
        // sizes / 1.3 in three dimensions: about 1.3^3 = 2.2 times the nodes
        assertTrue(finer > 1.6 * base, "nodes " + base + " -> " + finer);
        assertTrue(Files.exists(dir.resolve("conv/convergence.json")) && Files.isDirectory(dir.resolve("conv/finer/dx_400")));
        assertTrue(r.err().contains("finer mesh [1/1]"), r.err());
    }

    @Test
    void anInvalidModelIsReportedFieldByField(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("bad.json");
        Files.writeString(model, COARSE_MODEL.replace("\"apex_nm\": 4", "\"apex_nm\": 80"));
        BatchCommand fem = Commands.command("fem");
        Commands.Result r = Commands.capture((out, err) -> fem.run(List.of("solve", model.toString()), out, err));
        assertEquals(BatchCommand.USAGE, r.exit());
        assertTrue(r.err().contains("mesh.apex_nm") && r.err().contains("larger than the apex radius"), r.err());
    }

    @Test
    void exportWritesGmshAndGetDpFiles(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model.json");
        Files.writeString(model, COARSE_MODEL);
        BatchCommand fem = Commands.command("fem");
        Path out = dir.resolve("export");
        Commands.Result r = Commands.capture((o, err) -> fem.run(List.of("export", model.toString(), "-o", out.toString(),
                "--no-comsol"), o, err));
        assertEquals(0, r.exit(), r.err());
        String geo = Files.readString(out.resolve("model.geo"));
        assertTrue(geo.contains("SetFactory(\"OpenCASCADE\")") && geo.contains("Physical Volume(\"inclusion_1\""), geo);
        assertTrue(Files.readString(out.resolve("model.pro")).contains("Electrostatics"));
    }

    @Test
    void fieldMapOverASimulatedMapUsesItsAlpo4Grains(@TempDir Path dir) throws Exception {
        Path map = simulatedMap(dir, """
                { "name": "fem-map test", "instrument_id": "sim",
                  "grid": { "nx": 30, "ny": 30, "spacing_nm": 40, "x0_nm": 200, "y0_nm": 200 },
                  "ramp": { "end_V": -4.2, "rate_V_per_s": 4.2 },
                  "cutoff": { "current_pA": -10 }, "sample_rate_Hz": 2000 }""");
        Path model = dir.resolve("model.json");
        Files.writeString(model, COARSE_MODEL);
        BatchCommand femMap = Commands.command("fem-map");
        Commands.Result r = Commands.capture((o, e) -> femMap.run(List.of(map.toString(), model.toString(), "--step", "2000",
                "--depth", "50", "-o", dir.resolve("fm").toString()), o, e));
        assertEquals(0, r.exit(), r.err());
        JsonObject json = JsonParser.parseString(r.out()).getAsJsonObject();
        assertTrue(json.getAsJsonArray("inclusions").size() > 0, "AlPO4 grains found: " + r.out());
        assertEquals(1, json.getAsJsonArray("x_nm").size());
        double e = json.getAsJsonArray("E_V_per_nm").get(0).getAsJsonArray().get(0).getAsDouble();
        assertTrue(e > 0.001 && e < 0.02, "|E| 50 nm deep: " + e);
        assertTrue(Files.exists(dir.resolve("fm/field-map.csv")));
        // the multi-inclusion model of the whole area, readable as a model, with the same grains
        org.onset.fem.FemModel area = org.onset.fem.FemModelJson.read(dir.resolve("fm/area-model.json"));
        assertEquals(json.getAsJsonArray("inclusions").size(), area.inclusions().size());
        assertTrue(area.slab().widthNm() >= 30 * 40, "the slab holds the 1.2 µm area: " + area.slab());
        // the field map in the map's stage frame: one 2 µm pixel centred on the map's pixels (0.2 … 1.36 µm)
        String gsf = new String(Files.readAllBytes(dir.resolve("fm/field-map.gsf")), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(gsf.startsWith("Gwyddion Simple Field 1.0"), () -> gsf.substring(0, Math.min(40, gsf.length())));
        assertEquals(0.78e-6 - 1e-6, gsfNumber(gsf, "XOffset"), 1e-12);
        assertEquals(0.78e-6 + 1e-6, gsfNumber(gsf, "YOffset"), 1e-12);
        assertTrue(gsf.contains("ZUnits = V/m"), () -> gsf.substring(0, Math.min(300, gsf.length())));
    }

    /**
     * AlPO4 from the map's own topography: the simulated grains stand 2 nm proud of the matrix, so
     * the plane-levelled image above 2 nm finds grains; a missing image or a half-given threshold is
     * refused before anything is solved.
     */
    @Test
    void fieldMapFromThresholdedTopography(@TempDir Path dir) throws Exception {
        Path map = simulatedMap(dir, """
                { "name": "fem-map threshold test", "instrument_id": "sim",
                  "grid": { "nx": 20, "ny": 20, "spacing_nm": 50, "x0_nm": 300, "y0_nm": 300 },
                  "ramp": { "end_V": -4.2, "rate_V_per_s": 4.2 },
                  "cutoff": { "current_pA": -10 }, "sample_rate_Hz": 2000,
                  "topography": { "before": true, "pixel_nm": 10 } }""");
        Path model = dir.resolve("model.json");
        Files.writeString(model, COARSE_MODEL);
        BatchCommand femMap = Commands.command("fem-map");
        IllegalArgumentException noAfter = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Commands.capture((o, e) -> femMap.run(List.of(map.toString(), model.toString(), "--threshold", "after",
                        "--above", "2nm", "-o", dir.resolve("x").toString()), o, e)));
        assertTrue(noAfter.getMessage().contains("no topography 'after'"), noAfter.getMessage());
        IllegalArgumentException half = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Commands.capture((o, e) -> femMap.run(List.of(map.toString(), model.toString(), "--threshold", "before"),
                        o, e)));
        assertTrue(half.getMessage().contains("exactly one of --above V and --below V"), half.getMessage());
        Commands.Result r = Commands.capture((o, e) -> femMap.run(List.of(map.toString(), model.toString(), "--threshold",
                "before", "--above", "2nm", "--step", "2000", "--depth", "50", "-o", dir.resolve("fm").toString()), o, e));
        assertEquals(0, r.exit(), r.err());
        JsonObject json = JsonParser.parseString(r.out()).getAsJsonObject();
        assertTrue(json.get("phase_source").getAsString().startsWith("topography before of m.h5"), r.out());
        assertTrue(json.get("phase_definition").getAsString().contains("> 2 nm"), r.out());
        JsonArray grains = json.getAsJsonArray("inclusions");
        assertTrue(grains.size() > 0, "grains found above 2 nm: " + r.err());
        for (var g : grains) {
            JsonObject o = g.getAsJsonObject();
            double x = o.get("x_nm").getAsDouble();
            double y = o.get("y_nm").getAsDouble();
            assertTrue(x > 250 && x < 1300 && y > 250 && y < 1300, "a grain inside the mapped area: " + o);
        }
        double e = json.getAsJsonArray("E_V_per_nm").get(0).getAsJsonArray().get(0).getAsDouble();
        assertTrue(e > 0.001 && e < 0.02, "|E| 50 nm deep: " + e);
    }

    /** A map file m.h5 in dir, made by onset map from the recipe on the simulator. */
    private static Path simulatedMap(Path dir, String recipeJson) throws Exception {
        Path recipe = dir.resolve("r.json");
        Files.writeString(recipe, recipeJson);
        Path map = dir.resolve("m.h5");
        BatchCommand mapCommand = Commands.command("map");
        Commands.Result made = Commands.capture((o, e) -> mapCommand.run(List.of(recipe.toString(), "-o", map.toString()), o, e));
        assertEquals(0, made.exit(), made.err());
        return map;
    }

    private static double gsfNumber(String gsf, String key) {
        for (String line : gsf.split("\n")) {
            if (line.startsWith(key + " = ")) {
                return Double.parseDouble(line.substring(key.length() + 3).strip());
            }
        }
        throw new AssertionError(key + " not in the .gsf header");
    }
}
