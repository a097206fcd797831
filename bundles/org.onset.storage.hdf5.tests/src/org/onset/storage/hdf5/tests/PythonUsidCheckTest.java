package org.onset.storage.hdf5.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.map.api.MapStore;
import org.onset.map.api.MapStoreFactory;
import org.onset.map.api.Grid;
import org.onset.map.api.PixelRecord;
import org.osgi.framework.FrameworkUtil;

import ch.systemsx.cisd.hdf5.HDF5Factory;
import ch.systemsx.cisd.hdf5.IHDF5Writer;

/** An outside user's view: h5py checks the USID main-dataset rules and decodes every curve. */
class PythonUsidCheckTest {

    @TempDir
    Path dir;

    @Test
    void h5pySeesUsidMainDatasetsAndTheSameCurves() throws Exception {
        Grid layout = new Grid(5, 4, 0, 0, 2e-6, 2e-6);
        Path file = dir.resolve("usid.h5");
        Map<Integer, String> digests = new HashMap<>();
        try (MapStore w = MapFiles.create(file, layout, SyntheticMap.ATTRIBUTES, SyntheticMap.CHANNELS)) {
            for (int p = 0; p < 14; p++) { // every encoding variant of SyntheticMap
                PixelRecord r = SyntheticMap.pixel(layout, p, 11, 1500);
                w.append(r);
                digests.put(p, Pixels.curveDigest(r));
            }
        }
        PythonCheck.Result r = PythonCheck.run(file, dir);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("OK 3 main datasets, 14 of 20 pixels stored"), r.output());
        // pyUSID's book-keeping attributes, as h5py reads them
        String version = FrameworkUtil.getBundle(PythonUsidCheckTest.class).getVersion().toString(); // the host's
        String stamp = "\\d{4}_\\d{2}_\\d{2}-\\d{2}_\\d{2}_\\d{2}";
        assertTrue(r.output().matches("(?s).*BOOKKEEPING timestamp=" + stamp + " machine_id=\\S+ onset_version="
                + Pattern.quote(version) + "\n.*"), r.output());
        int curves = 0;
        for (String line : r.output().split("\n")) {
            if (line.startsWith("CURVE ")) {
                String[] f = line.trim().split(" ");
                int index = Integer.parseInt(f[1]);
                assertEquals(digests.get(index), f[3], "h5py decodes pixel " + index + " to the same doubles");
                curves++;
            }
        }
        assertEquals(14, curves);
    }

    @Test
    void theCheckFailsOnAFileThatIsNotAMap() throws Exception {
        Path foreign = dir.resolve("foreign.h5");
        try (IHDF5Writer w = HDF5Factory.open(foreign.toFile())) {
            w.float64().writeMatrix("/Measurement_000/Channel_000/Raw_Data", new double[][] { { 1 }, { 2 } });
            w.string().setAttr("/", "onset_format", "onset-map");
        }
        PythonCheck.Result r = PythonCheck.run(foreign, dir);
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.output().startsWith("FAIL"), r.output());
    }
}
