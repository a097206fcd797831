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
}
