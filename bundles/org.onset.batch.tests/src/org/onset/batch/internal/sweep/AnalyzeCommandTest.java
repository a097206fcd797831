package org.onset.batch.internal.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.batch.BatchCommand;
import org.onset.instrument.api.RampOutcome.Termination;
import org.onset.map.api.Grid;
import org.onset.map.api.MapStore;
import org.onset.map.api.MapStoreFactory;
import org.onset.map.api.PixelRecord;
import org.osgi.service.cm.Configuration;

import ch.systemsx.cisd.hdf5.HDF5Factory;
import ch.systemsx.cisd.hdf5.IHDF5Reader;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** {@code onset analyze} on a simulated map with topography, and on files that allow only part of it. */
class AnalyzeCommandTest {
    @TempDir
    Path dir;

    @Test
    void aSimulatedMapWithTopographyIsAnalysedAndTheFileIsLeftAlone() throws Exception {
        Path recipe = Files.writeString(dir.resolve("r.json"), """
                { "name": "analyze test", "instrument_id": "analyze-sim",
                  "grid": { "nx": 24, "ny": 24, "spacing_nm": 20, "x0_nm": 700, "y0_nm": 700 },
                  "ramp": { "end_V": -4.2, "rate_V_per_s": 4.2 },
                  "cutoff": { "current_pA": -10 }, "sample_rate_Hz": 2000,
                  "topography": { "before": true, "after": true } }""");
        Path map = dir.resolve("m.h5");
        Configuration sim = Commands.simulator("analyze-sim", "sampleSeed", 1L);
        try {
            Commands.Result r = Commands.run("map", recipe.toString(), "-o", map.toString());
            assertEquals(0, r.exit(), r.err());
        } finally {
            sim.delete();
        }
        long size = Files.size(map);
        long modified = Files.getLastModifiedTime(map).toMillis();
        Path out = dir.resolve("results");
        Commands.Result r = Commands.run("analyze", map.toString(), "-o", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("topography: after shifted by") && r.out().contains("phases from data"), r.out());
        assertTrue(r.out().contains("AlPO4 found agrees with ground truth"), r.out());
        JsonObject o = JsonParser.parseString(Files.readString(out.resolve("analysis.json"))).getAsJsonObject();
        double swelling = o.getAsJsonObject("topography").get("swelling_median_nm").getAsDouble();
        assertTrue(swelling > 5 && swelling < 20, "the Li layer of a 20 nm map: " + swelling + " nm");
        JsonObject phases = o.getAsJsonObject("phases");
        assertTrue(phases.get("agreement_with_ground_truth").getAsDouble() >= 0.9, phases.toString());
        assertEquals(0.0, phases.getAsJsonObject("by_region").getAsJsonObject("alpo4").get("nucleated_fraction")
                .getAsDouble(), 0.0);
        for (String f : List.of("difference", "particles", "phases", "onset_vs_distance")) {
            assertTrue(Files.size(out.resolve(f + ".png")) > 1000 && Files.size(out.resolve(f + ".svg")) > 1000, f);
        }
        assertTrue(Files.readString(out.resolve("onset_by_distance.csv")).startsWith("from_nm,to_nm,pixels,"));
        assertTrue(Files.readString(out.resolve("particles.csv")).startsWith("label,x_nm,y_nm,volume_nm3,"));
        assertEquals(size, Files.size(map), "the map file is only read");
        assertEquals(modified, Files.getLastModifiedTime(map).toMillis());

        Commands.Result json = Commands.run("analyze", map.toString(), "-o", out.toString(), "--json");
        assertEquals(0, json.exit(), json.err());
        assertTrue(JsonParser.parseString(json.out()).getAsJsonObject().has("phases"));

        // the results stored in HDF5 beside the map file, the same numbers as analysis.json
        Path sidecar = dir.resolve("m.analysis.h5");
        assertTrue(r.out().contains("stored: " + sidecar.toAbsolutePath() + " (HDF5)"), r.out());
        assertEquals(sidecar.toAbsolutePath().toString(), o.get("stored_in").getAsString());
        try (IHDF5Reader h5 = HDF5Factory.openForReading(sidecar.toFile())) {
            assertEquals("onset-map-analysis", h5.string().getAttr("/", "format"));
            assertEquals(1, h5.int32().getAttr("/", "format_version"));
            assertEquals("m.h5", h5.string().getAttr("/", "map_file"));
            assertEquals(24, h5.int32().getAttr("/grid", "nx"));
            assertEquals(20e-9, h5.float64().getAttr("/grid", "dx_m"), 1e-15);
            assertEquals(phases.get("agreement_with_ground_truth").getAsDouble(),
                    h5.float64().getAttr("/phases", "agreement_with_ground_truth"), 1e-12);
            assertEquals("data: clusters of never-nucleating pixels", h5.string().getAttr("/phases", "source"));
            byte[][] region = h5.int8().readMatrix("/phases/region");
            assertEquals(24, region.length);
            assertEquals(24, region[0].length);
            int alpo4 = 0;
            for (byte[] row : region) {
                for (byte b : row) {
                    alpo4 += b == 1 ? 1 : 0;
                }
            }
            assertEquals(phases.getAsJsonObject("by_region").getAsJsonObject("alpo4").get("pixels").getAsInt(), alpo4);
            assertEquals(swelling * 1e-9, h5.float64().getAttr("/topography", "swelling_median_m"), 1e-15);
            assertEquals("V", h5.string().getAttr("/phases/onset_by_distance/median_onset_V", "units"));
            assertEquals("m", h5.string().getAttr("/topography/difference_m", "units"));
        }
        // and with h5py: every dataset carries its units
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", """
                import h5py, sys
                f = h5py.File(sys.argv[1], 'r')
                names = []
                f.visititems(lambda n, o: names.append(n) if isinstance(o, h5py.Dataset) else None)
                missing = [n for n in names if 'units' not in f[n].attrs]
                assert not missing, 'datasets without units: %s' % missing
                print(len(names), f['phases/region'].shape, f['phases'].attrs['agreement_with_ground_truth'])
                """, sidecar.toString()).redirectErrorStream(true).start();
        String py = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), py);
        assertTrue(py.contains("(24, 24)"), py);
    }

    /** 3 × 2 map, 2 pixels stored, no topography; nucleated at pixel 0 when {@code nucleation}. */
    private Path handMade(String name, boolean nucleation) throws Exception {
        Path file = dir.resolve(name);
        Grid layout = new Grid(3, 2, 0, 0, 1e-7, 1e-7);
        try (MapStore w = Commands.service(MapStoreFactory.class).create(file, layout, Map.of(), List.of())) {
            double[] t = { 0, 1e-3, 2e-3 };
            double[] b = { 0, -1, -2 };
            w.append(new PixelRecord(0, 0, 0, 0, 0, nucleation ? -2 : Double.NaN, -2e-11, Double.NaN,
                    nucleation ? "current" : "none", nucleation ? 2 : -1,
                    nucleation ? Termination.CUTOFF : Termination.COMPLETED, "", 0, 0, 1e3, t, b,
                    new double[] { 0, 0, -2e-11 }, null));
            w.append(new PixelRecord(4, 1, 1, 1e-7, 1e-7, Double.NaN, -1e-12, Double.NaN, "none", -1,
                    Termination.COMPLETED, "", 0, 0, 1e3, t, b, new double[] { 0, 0, -1e-12 }, null));
        }
        return file;
    }

    @Test
    void badInputGetsClearMessagesAndTheRestRuns() throws Exception {
        Path none = handMade("none.h5", false);
        Commands.Result r = Commands.run("analyze", none.toString(), "-o", dir.resolve("a").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("incomplete map: 2 of 6 pixels stored"), r.out());
        assertTrue(r.out().contains("no topography before or after the map"), r.out());
        assertTrue(r.out().contains("no pixel nucleated"), r.out());

        Path some = handMade("some.h5", true);
        r = Commands.run("analyze", some.toString(), "-o", dir.resolve("b").toString());
        assertEquals(0, r.exit(), r.err());
        // at 100 nm a single never-nucleating pixel is larger than the smallest grain: AlPO4
        assertTrue(r.out().contains("phases from data") && r.out().lines().anyMatch(l -> l.matches("\\s+alpo4\\s+1 pixels.*")),
                r.out());
        assertTrue(r.out().contains("boundary test skipped: 0 nucleated pixels in the boundary band"), r.out());

        Path wrong = Files.writeString(dir.resolve("wrong.csv"), "0 1\n1 0\n");
        r = Commands.run("analyze", some.toString(), "--mask", wrong.toString(), "-o", dir.resolve("c").toString());
        assertEquals(BatchCommand.FAILURE, r.exit());
        assertTrue(r.err().contains("is 2 x 2 pixels but the map is 3 x 2"), r.err());

        Path mask = Files.writeString(dir.resolve("mask.csv"), "# AlPO4 in the right column\n0,0,1\n0,0,1\n");
        r = Commands.run("analyze", some.toString(), "--mask", mask.toString(), "-o", dir.resolve("d").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("phases from mask"), r.out());

        // the same mask as Gwyddion Simple Field (read by the SPM importer), and one of the wrong size
        Path gsf = gsf(dir.resolve("mask.gsf"), 3, 2, new float[] { 0, 0, 1, 0, 0, 1 });
        r = Commands.run("analyze", some.toString(), "--mask", gsf.toString(), "-o", dir.resolve("e").toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\"source\": \"mask " + gsf), r.out());
        // the same regions and distances as with the text mask
        String fromText = Files.readString(dir.resolve("d").resolve("analysis.json"));
        String fromGsf = Files.readString(dir.resolve("e").resolve("analysis.json"));
        assertEquals(section(fromText, "\"by_region\""), section(fromGsf, "\"by_region\""));
        assertFalse(fromGsf.contains("no AlPO4 found"), fromGsf);
        assertTrue(fromGsf.contains("\"definition\": \"alpo4: the mask's non-zero pixels"), fromGsf);
        assertEquals(Files.readString(dir.resolve("d").resolve("onset_by_distance.csv")),
                Files.readString(dir.resolve("e").resolve("onset_by_distance.csv")));
        Path gsfWrong = gsf(dir.resolve("wrong.gsf"), 2, 2, new float[] { 0, 1, 1, 0 });
        r = Commands.run("analyze", some.toString(), "--mask", gsfWrong.toString(), "-o", dir.resolve("f").toString());
        assertEquals(BatchCommand.FAILURE, r.exit());
        assertTrue(r.err().contains("is 2 x 2 pixels but the map is 3 x 2"), r.err());

        // a provider chosen by its id: one that does not exist is named with the installed ones, and one that
        // does not know the map (no mask bound to it) is refused
        r = Commands.run("analyze", some.toString(), "--phases", "nope", "-o", dir.resolve("g").toString());
        assertEquals(BatchCommand.FAILURE, r.exit());
        assertTrue(r.err().contains("no phase-map provider 'nope' is installed; installed: mask, simulator, data"),
                r.err());
        r = Commands.run("analyze", some.toString(), "--phases", "mask", "-o", dir.resolve("h").toString());
        assertEquals(BatchCommand.FAILURE, r.exit());
        assertTrue(r.err().contains("the phase-map provider 'mask' does not know"), r.err());
        r = Commands.run("analyze", some.toString(), "--phases", "data", "-o", dir.resolve("i").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("phases from data"), r.out());
        // a mask named after the map file, beside it, is used without --mask
        Files.copy(mask, dir.resolve("some.mask.csv"));
        r = Commands.run("analyze", some.toString(), "-o", dir.resolve("j").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("phases from mask " + dir.resolve("some.mask.csv").toAbsolutePath().normalize()),
                r.out());
        Files.delete(dir.resolve("some.mask.csv"));

        r = Commands.run("analyze", dir.resolve("nope.h5").toString());
        assertEquals(BatchCommand.USAGE, r.exit());
        assertTrue(r.err().contains("nope.h5 does not exist"), r.err());
    }

    /** A Gwyddion Simple Field: text header, NUL padding to a multiple of 4 bytes, float32 little-endian rows. */
    private static Path gsf(Path file, int nx, int ny, float[] values) throws java.io.IOException {
        String header = "Gwyddion Simple Field 1.0\nXRes = " + nx + "\nYRes = " + ny + "\nXReal = " + nx * 1e-7 + "\nYReal = "
                + ny * 1e-7 + "\n";
        byte[] h = header.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int padding = 4 - h.length % 4;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(h.length + padding + 4 * values.length)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(h).put(new byte[padding]);
        for (float v : values) {
            b.putFloat(v);
        }
        return Files.write(file, b.array());
    }

    private static String section(String json, String key) {
        int from = json.indexOf(key);
        return from < 0 ? "" : json.substring(from, json.indexOf('}', json.indexOf("matrix", from)) + 1);
    }
}
