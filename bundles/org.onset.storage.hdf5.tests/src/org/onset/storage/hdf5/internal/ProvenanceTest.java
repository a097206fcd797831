package org.onset.storage.hdf5.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.map.api.MapFile;
import org.onset.map.api.MapStore;
import org.onset.map.api.Grid;
import org.onset.storage.hdf5.tests.MapFiles;
import org.onset.storage.hdf5.tests.SyntheticMap;
import org.osgi.framework.FrameworkUtil;

import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;

/** pyUSID's book-keeping attributes on the measurement group and the three main datasets. */
class ProvenanceTest {

    @TempDir
    Path dir;

    @Test
    void theMeasurementGroupAndTheMainDatasetsSayWhenWhereAndWithWhatTheyWereWritten() throws Exception {
        Path file = dir.resolve("provenance.h5");
        LocalDateTime before = LocalDateTime.now().withNano(0);
        try (MapStore w = MapFiles.create(file, new Grid(2, 2, 0, 0, 1e-6, 1e-6),
                SyntheticMap.ATTRIBUTES, SyntheticMap.CHANNELS)) {
            w.markComplete();
        }
        LocalDateTime after = LocalDateTime.now();
        String version = FrameworkUtil.getBundle(Provenance.class).getVersion().toString();
        long fid = H5.H5Fopen(file.toString(), HDF5Constants.H5F_ACC_RDONLY, HDF5Constants.H5P_DEFAULT);
        try {
            for (String object : List.of(MapFileFormat.MEASUREMENT, MapFileFormat.ONSET_BIAS.path(),
                    MapFileFormat.CURRENT_AT_END.path(), MapFileFormat.HEIGHT_CHANGE_AT_END.path())) {
                String stamp = H5Io.getString(fid, object, "timestamp");
                LocalDateTime t = LocalDateTime.parse(stamp, Provenance.TIMESTAMP_FORMAT);
                assertFalse(t.isBefore(before) || t.isAfter(after), object + "@timestamp " + stamp + " is not now");
                assertTrue(stamp.matches("\\d{4}_\\d{2}_\\d{2}-\\d{2}_\\d{2}_\\d{2}"), stamp);
                assertFalse(H5Io.getString(fid, object, "machine_id").isBlank(), object + "@machine_id");
                String platform = H5Io.getString(fid, object, "platform");
                assertTrue(platform.startsWith(System.getProperty("os.name") + "-"), platform);
                assertEquals(version, H5Io.getString(fid, object, "onset_version"), object + "@onset_version");
            }
            assertTrue(Duration.between(before, after).toMinutes() < 1);
        } finally {
            H5.H5Fclose(fid);
        }
        try (MapFile r = MapFiles.open(file)) {
            assertEquals(SyntheticMap.ATTRIBUTES, r.attributes(), "the caller's attributes only");
        }
    }

    @Test
    void callersCannotOverwriteTheBookKeeping() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MapFiles.create(dir.resolve("x.h5"), new Grid(1, 1, 0, 0, 1, 1),
                        Map.of("machine_id", "mine"), List.of()));
        assertTrue(e.getMessage().contains("reserved"), e.getMessage());
    }
}
