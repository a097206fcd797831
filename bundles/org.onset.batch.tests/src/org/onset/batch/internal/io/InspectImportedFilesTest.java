package org.onset.batch.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.batch.BatchCommand;
import org.onset.batch.internal.sweep.Commands;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * {@code onset inspect --json} on every file of ../shared/testdata, checked against SOURCES.md; and
 * {@code onset import} to CSV and .gsf.
 */
class InspectImportedFilesTest {

    /** Files that are only the companion of another (the axis file of a 2D BES3T). */
    private static final List<String> COMPANIONS = List.of("BDPA-2DFieldPower.YGF");

    /**
     * Expected values per file: format, kind, spectra, points, x quantity, x unit, x first, x last,
     * y max, x at y max (first spectrum); map or image sizes; metadata.
     */
    record Expect(String format, String kind, int spectra, int points, String xQuantity, String xUnit, double xFirst,
            double xLast, double yMax, double xAtMax, Map<String, Double> metadata) {
    }

    private static final Map<String, Expect> EXPECTED = Map.ofEntries(
            Map.entry("test-bes3t-1D-fieldsweep.DSC", new Expect("Bruker BES3T", "spectrum", 1, 1000,
                    "magnetic field", "G", 3461, 3561, -0.050399, 3461 + 475 * 100.0 / 999,
                    Map.of("microwave_frequency_GHz", 9.847957))),
            Map.entry("test-bes3t-1D-fieldsweep.DTA", new Expect("Bruker BES3T", "spectrum", 1, 1000,
                    "magnetic field", "G", 3461, 3561, -0.050399, 3461 + 475 * 100.0 / 999,
                    Map.of("microwave_frequency_GHz", 9.847957))),
            Map.entry("BDPA-2DFieldPower.DSC", new Expect("Bruker BES3T", "spectra", 14, 2999, "magnetic field", "G",
                    3501, 3531, 55.1661, 3501 + 1494 * 30.0 / 2998, Map.of("microwave_frequency_GHz", 9.852287))),
            Map.entry("BDPA-2DFieldPower.DTA", new Expect("Bruker BES3T", "spectra", 14, 2999, "magnetic field", "G",
                    3501, 3531, 55.1661, 3501 + 1494 * 30.0 / 2998, Map.of("microwave_frequency_GHz", 9.852287))),
            Map.entry("be3tintlit.dsc", new Expect("Bruker BES3T", "spectrum", 1, 1024, "magnetic field", "G", 200,
                    14200, 12542.86, 11490.32, Map.of("microwave_frequency_GHz", 34.2773))),
            Map.entry("be3tintlit.dta", new Expect("Bruker BES3T", "spectrum", 1, 1024, "magnetic field", "G", 200,
                    14200, 12542.86, 11490.32, Map.of("microwave_frequency_GHz", 34.2773))),
            Map.entry("bes3tint.dsc", new Expect("Bruker BES3T", "spectrum", 1, 1024, "magnetic field", "G", 200,
                    14200, 12542 /* int32: 12542.86 truncated */, 11490.32, Map.of("microwave_frequency_GHz", 34.2773))),
            Map.entry("bes3tint.dta", new Expect("Bruker BES3T", "spectrum", 1, 1024, "magnetic field", "G", 200,
                    14200, 12542 /* int32: 12542.86 truncated */, 11490.32, Map.of("microwave_frequency_GHz", 34.2773))),
            Map.entry("ESP.par", new Expect("Bruker ESP/WinEPR", "spectrum", 1, 1024, "magnetic field", "G",
                    3394.988, 3494.988, 139275, 3394.988 + 584 * 100.0 / 1023, Map.of())),
            Map.entry("ESP.spc", new Expect("Bruker ESP/WinEPR", "spectrum", 1, 1024, "magnetic field", "G",
                    3394.988, 3494.988, 139275, 3394.988 + 584 * 100.0 / 1023, Map.of())),
            Map.entry("renishaw_test_map.wdf", new Expect("Renishaw WiRE WDF", "map", 9, 47, "wavelength", "nm",
                    350.677, 346.773, Double.NaN, Double.NaN, Map.of("laser_wavelength_nm", 325.0))),
            Map.entry("Spectrum_532nm_wdf.wdf", new Expect("Renishaw WiRE WDF", "spectrum", 1, 1900, "Raman shift",
                    "cm^-1", 3203.762, 202.102, 202616.9, 3004.95, Map.of("laser_wavelength_nm", 532.30))),
            Map.entry("RAMAN.SPC", new Expect("Galactic SPC", "spectrum", 1, 3632, "Raman shift", "cm^-1", 3996.823,
                    -3005.956, 137.45, 2853.16, Map.of("laser_wavelength_nm", 1e7 / 15798))),
            Map.entry("DOERNER.spc", new Expect("Galactic SPC", "spectrum", 1, 1602, "Raman shift", "cm^-1", 100, 1800,
                    11209.59, 822.05, Map.of())),
            Map.entry("m_evenz.spc", new Expect("Galactic SPC", "spectra", 32, 171, "wavelength", "nm", 200, 800,
                    0.12953, 316.47, Map.of())),
            Map.entry("tannic_acid.jdx", new Expect("JCAMP-DX", "spectrum", 1, 1949, "Raman shift", "cm^-1", 100.595,
                    2854.713, 300.889, 419.227, Map.of())),
            Map.entry("BRUKAFFN.DX", new Expect("JCAMP-DX", "spectrum", 1, 16384, "frequency", "Hz", 24038.5, 0,
                    972201806, 13817.41, Map.of())),
            Map.entry("BRUKPAC.DX", new Expect("JCAMP-DX", "spectrum", 1, 16384, "frequency", "Hz", 24038.5, 0,
                    972201806, 13817.41, Map.of())),
            Map.entry("BRUKSQZ.DX", new Expect("JCAMP-DX", "spectrum", 1, 16384, "frequency", "Hz", 24038.5, 0,
                    972201806, 13817.41, Map.of())),
            Map.entry("BRUKDIF.DX", new Expect("JCAMP-DX", "spectrum", 1, 16384, "frequency", "Hz", 24038.5, 0,
                    972201806, Double.NaN, Map.of())),
            Map.entry("Witec-Map_full.txt", new Expect("Spectra text export", "map", 25, 1024, "Raman shift", "cm^-1",
                    87.7367, 2821.31, Double.NaN, Double.NaN, Map.of())),
            Map.entry("test.sxm", new Expect("Nanonis SXM", "image", 0, 0, null, null, 0, 0, 0, 0, Map.of())),
            Map.entry("file_landscape.gwy", new Expect("Gwyddion GWY", "image", 0, 0, null, null, 0, 0, 0, 0,
                    Map.of())),
            // named by SOURCES.md but not (yet) in testdata; values from the public copy in pycroscopy/SciFiReaders
            Map.entry("GaAs_map.mdt", new Expect("NT-MDT MDT", "image", 0, 0, null, null, 0, 0, 0, 0, Map.of())));

    private static Path testdata() {
        String prop = System.getProperty("onset.shared.dir");
        if (prop != null && Files.isDirectory(Path.of(prop, "testdata"))) {
            return Path.of(prop, "testdata");
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolveSibling("shared").resolve("testdata"))) {
                return p.resolveSibling("shared").resolve("testdata");
            }
        }
        throw new IllegalStateException("../shared/testdata not found");
    }

    private static JsonObject inspect(Path file, String... more) throws Exception {
        BatchCommand inspect = Commands.command("inspect");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of(file.toString(), "--json"));
        args.addAll(List.of(more));
        int exit = inspect.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, exit, file + ": " + err.toString(StandardCharsets.UTF_8));
        return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
    }

    private static void near(double expected, double actual, String what) {
        assertEquals(expected, actual, Math.abs(expected) * 5e-5 + 1e-12, what);
    }

    @Test
    void everyTestdataFileGivesTheValuesOfSourcesMd() throws Exception {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(testdata())) {
            s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".md"))
                    .filter(p -> !COMPANIONS.contains(p.getFileName().toString())).forEach(files::add);
        }
        assertTrue(files.size() >= 20, "testdata has " + files.size() + " files");
        for (Path f : files) {
            String name = f.getFileName().toString();
            Expect e = EXPECTED.get(name);
            assertTrue(e != null, "no expected values for " + name + ": add them from SOURCES.md");
            JsonObject o = inspect(f);
            assertEquals(e.format(), o.get("format").getAsString(), name);
            assertEquals(e.kind(), o.get("kind").getAsString(), name);
            if (!e.kind().equals("image")) {
                assertEquals(e.spectra(), o.get("spectra").getAsInt(), name);
                assertEquals(e.points(), o.get("points").getAsInt(), name);
                JsonObject x = o.getAsJsonObject("x");
                assertEquals(e.xQuantity(), x.get("quantity").getAsString(), name);
                assertEquals(e.xUnit(), x.get("unit").getAsString(), name);
                near(e.xFirst(), x.get("first").getAsDouble(), name + " x.first");
                near(e.xLast(), x.get("last").getAsDouble(), name + " x.last");
                if (!Double.isNaN(e.yMax())) {
                    near(e.yMax(), o.getAsJsonObject("y").get("max").getAsDouble(), name + " y.max");
                }
                if (!Double.isNaN(e.xAtMax())) {
                    near(e.xAtMax(), o.getAsJsonObject("y").get("x_at_max").getAsDouble(), name + " y.x_at_max");
                }
            }
            for (var m : e.metadata().entrySet()) {
                near(m.getValue(), o.getAsJsonObject("metadata").get(m.getKey()).getAsDouble(), name + " " + m.getKey());
            }
            if (e.kind().equals("map")) {
                JsonObject map = o.getAsJsonObject("map");
                int n = name.startsWith("renishaw") ? 3 : 5;
                assertEquals(n, map.get("nx").getAsInt(), name);
                assertEquals(n, map.get("ny").getAsInt(), name);
            }
            if (name.equals("test.sxm")) {
                JsonObject img = o.getAsJsonObject("image");
                assertEquals(256, img.get("nx").getAsInt());
                assertEquals(256, img.get("ny").getAsInt());
                near(5e-6, img.get("width_m").getAsDouble(), "sxm width");
                near(5e-6, img.get("height_m").getAsDouble(), "sxm height");
                assertEquals(4, img.get("channels").getAsInt());
                JsonObject z = o.getAsJsonObject("z");
                assertEquals("m", z.get("unit").getAsString());
                assertEquals(-5.55718e-7, z.get("min").getAsDouble(), 1e-12);
                assertEquals(-4.39608e-7, z.get("max").getAsDouble(), 1e-12);
            }
            if (name.equals("file_landscape.gwy")) {
                JsonObject img = o.getAsJsonObject("image");
                assertEquals(220, img.get("nx").getAsInt());
                assertEquals(170, img.get("ny").getAsInt());
                near(1e-6, img.get("width_m").getAsDouble(), "gwy width");
                near(1e-6, img.get("height_m").getAsDouble(), "gwy height");
                assertEquals(1, img.get("channels").getAsInt());
                JsonObject z = o.getAsJsonObject("z");
                assertEquals("m", z.get("unit").getAsString());
                near(-2.82045e-10, z.get("min").getAsDouble(), "gwy z.min");
                near(1.36543e-09, z.get("max").getAsDouble(), "gwy z.max");
            }
            if (name.equals("GaAs_map.mdt")) {
                // two MDA frames '1F:Iprobe' and '1B:Iprobe' of 256 × 256 float64 nA on 0.011768 µm pixels
                JsonObject img = o.getAsJsonObject("image");
                assertEquals(256, img.get("nx").getAsInt());
                assertEquals(256, img.get("ny").getAsInt());
                near(3.0126015e-6, img.get("width_m").getAsDouble(), "mdt width");
                assertEquals(2, img.get("channels").getAsInt());
                JsonObject z = o.getAsJsonObject("z");
                assertEquals("A", z.get("unit").getAsString());
                near(-5.874678656e-11, z.get("min").getAsDouble(), "mdt z.min");
                near(5.268938251e-8, z.get("max").getAsDouble(), "mdt z.max");
                // its new-style curves frame (type 190): 5 × 5 points of I(V), the first forward sweep as a map;
                // values from reference/mdt_new_curves.py of org.onset.io.registry.tests
                JsonObject curves = inspect(f, "--set", "mdt.content=curves");
                assertEquals("map", curves.get("kind").getAsString());
                assertEquals(25, curves.get("spectra").getAsInt());
                assertEquals(587, curves.get("points").getAsInt());
                assertEquals(5, curves.getAsJsonObject("map").get("nx").getAsInt());
                assertEquals("V", curves.getAsJsonObject("x").get("unit").getAsString());
                near(-2.99985697, curves.getAsJsonObject("x").get("first").getAsDouble(), "mdt curves x.first");
                near(2.99987324, curves.getAsJsonObject("x").get("last").getAsDouble(), "mdt curves x.last");
                assertEquals("A", curves.getAsJsonObject("y").get("unit").getAsString());
                near(48.67438297344e-9, curves.getAsJsonObject("y").get("max").getAsDouble(), "mdt curves y.max");
            }
            assertFalse(o.has("image") && o.has("map"), name);
        }
    }

    @Test
    void importerSettingsComeFromSetOptions() throws Exception {
        BatchCommand inspect = Commands.command("inspect");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        String sxm = testdata().resolve("spm/test.sxm").toString();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> inspect.run(List.of(sxm, "--set", "no-value"), quiet, quiet));
        assertTrue(e.getMessage().contains("--set needs KEY=VALUE"), e.getMessage());
        // a setting the importer checks: Bruker BES3T refuses a scaling its file forbids (SctNorm)
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = inspect.run(List.of(testdata().resolve("epr/test-bes3t-1D-fieldsweep.DSC").toString(), "--set",
                "mdt.content=curves", "--set", "scale.scans=true"), quiet, new PrintStream(err, true,
                        StandardCharsets.UTF_8));
        assertEquals(1, exit, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void importToCsvAndGsf(@TempDir Path dir) throws Exception {
        BatchCommand imp = Commands.command("import");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Path csv = dir.resolve("s.csv");
        assertEquals(0, imp.run(List.of(testdata().resolve("raman/RAMAN.SPC").toString(), "-o", csv.toString()), quiet,
                quiet));
        List<String> lines = Files.readAllLines(csv);
        assertEquals("Raman shift (cm^-1),intensity (a.u.)", lines.get(0));
        assertEquals(3633, lines.size());
        Path gsf = dir.resolve("t.gsf");
        assertEquals(0, imp.run(List.of(testdata().resolve("spm/test.sxm").toString(), "-o", gsf.toString(),
                "--channel", "2"), quiet, quiet));
        JsonObject o = inspect(gsf);
        assertEquals("Gwyddion Simple Field", o.get("format").getAsString());
        assertEquals("A", o.getAsJsonObject("z").get("unit").getAsString());
        assertEquals(1.000005e-8, o.getAsJsonObject("z").get("max").getAsDouble(), 1e-13);
        // HDF5 in the USID layout: h5py follows the object references to the ancillaries
        Path h5 = dir.resolve("m.h5");
        assertEquals(0, imp.run(List.of(testdata().resolve("raman/renishaw_test_map.wdf").toString(), "-o",
                h5.toString()), quiet, quiet));
        Process py = new ProcessBuilder("/usr/bin/python3", "-c", String.join("\n",
                "import h5py, sys",
                "f = h5py.File(sys.argv[1], 'r')",
                "d = f['/Measurement_000/Channel_000/Raw_Data']",
                "pv = f[d.attrs['Position_Values']]",
                "sv = f[d.attrs['Spectroscopic_Values']]",
                "print(d.shape, d.attrs['units'], pv.shape, list(pv.attrs['labels']), round(float(pv[1][0]) * 1e6, 3),",
                "      sv.shape, round(float(sv[0][0]), 2), round(float(f['/Measurement_000'].attrs['laser_wavelength_nm']), 1))"),
                h5.toString()).redirectErrorStream(true).start();
        String pyOut = new String(py.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, py.waitFor(), pyOut);
        assertEquals("(9, 47) counts (9, 2) ['X', 'Y'] 0.0 (1, 47) 350.68 325.0", pyOut);
        // a spectrum is not an image
        assertEquals(BatchCommand.FAILURE, imp.run(List.of(testdata().resolve("raman/RAMAN.SPC").toString(), "-o",
                dir.resolve("x.gsf").toString()), quiet, quiet));
    }
}
