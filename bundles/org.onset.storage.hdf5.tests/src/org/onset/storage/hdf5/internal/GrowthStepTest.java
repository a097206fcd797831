package org.onset.storage.hdf5.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.map.api.MapFile;
import org.onset.map.api.MapStore;
import org.onset.map.api.Grid;
import org.onset.storage.hdf5.tests.MapFiles;
import org.onset.storage.hdf5.tests.Pixels;
import org.onset.storage.hdf5.tests.SyntheticMap;

import hdf.hdf5lib.H5;
import hdf.hdf5lib.HDF5Constants;

/**
 * Growth steps end where the map is expected to end, so the last step of a curve dataset no
 * longer leaves up to 1/8 of it allocated and unused: chunks that the clean close frees and HDF5
 * then forgets (h5stat's "unaccounted space", 47 MB in a 1 GB demo file before).
 */
class GrowthStepTest {

    private static final long C = GrowingDataset.CHUNK;

    @TempDir
    Path dir;

    @Test
    void aStepCoversTheRestOfTheMapAtMostAndThisPixelAtLeast() throws Exception {
        long fid = H5Io.createFile(dir.resolve("steps.h5").toString());
        try {
            H5Io.createExtendable(fid, "/d", HDF5Constants.H5T_STD_I16LE, C, C);
            GrowingDataset ds = new GrowingDataset("/d", H5Io.openDataset(fid, "/d"), 0);
            try {
                // one empty chunk; pixels of 40 000 samples
                assertEquals(GrowingDataset.step(C), ds.nextStep(40_000, 0, 100), "far from the end: the usual step");
                assertEquals(C, ds.nextStep(40_000, 0, 1), "the last pixel: what it needs, in whole chunks");
                assertEquals(2 * C, ds.nextStep(40_000, 0, 2), "two pixels left: 80 000 minus the free 32 768");
                ds.append(new short[30_000], 30_000); // fits the first chunk
                assertEquals(3 * C, ds.nextStep(20_000, 1, 3),
                        "three pixels of the session's mean (25 000) minus the 2 768 still free");
                assertEquals(C, ds.nextStep(20_000, 9, 3),
                        "a dataset one pixel in ten used: 5 000 per pixel, but this pixel needs 17 232 more");
            } finally {
                ds.close();
            }
        } finally {
            H5.H5Fclose(fid);
        }
    }

    @Test
    void aCleanlyClosedMapHasNoForgottenTails() throws Exception {
        Grid layout = new Grid(8, 8, 0, 0, 1e-6, 1e-6);
        Path file = dir.resolve("tail.h5");
        try (MapStore w = MapFiles.create(file, layout, SyntheticMap.ATTRIBUTES, SyntheticMap.CHANNELS)) {
            for (int p = 0; p < layout.pixelCount(); p++) {
                w.append(SyntheticMap.pixel(layout, p, 5, 30_000));
            }
        }
        long unaccounted = unaccountedBytes(file);
        // What is left is at most one chunk per curve dataset: the first chunk of a dataset no
        // pixel used (created with the file, freed by the trim), or the unused part of a dataset's
        // last chunk (h5stat counts data, not allocation). The step tails were 11.7 MB here.
        long oneChunkEach = 0;
        long fid = H5.H5Fopen(file.toString(), HDF5Constants.H5F_ACC_RDONLY, HDF5Constants.H5P_DEFAULT);
        try {
            for (String name : H5Io.members(fid, MapFileFormat.CURVES)) {
                if (!name.endsWith("_encoding") && !name.endsWith("_offset")) {
                    long d = H5Io.openDataset(fid, MapFileFormat.CURVES + "/" + name);
                    try {
                        oneChunkEach += C * H5Io.elementSize(d);
                    } finally {
                        H5Io.closeDataset(d);
                    }
                }
            }
        } finally {
            H5.H5Fclose(fid);
        }
        assertTrue(unaccounted <= oneChunkEach, "h5stat: " + unaccounted + " bytes unaccounted, more than "
                + oneChunkEach + " (one chunk per curve dataset)");
        try (MapFile r = MapFiles.open(file)) {
            for (int p = 0; p < layout.pixelCount(); p++) {
                Pixels.assertSamePixel(SyntheticMap.pixel(layout, p, 5, 30_000), r.pixel(p));
            }
        }
    }

    /** h5stat's "Unaccounted space" (HDF5's tools, a dependency of Onset like h5py). */
    static long unaccountedBytes(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("h5stat", "-S", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "h5stat failed: " + out);
        Matcher m = Pattern.compile("Unaccounted space: (\\d+) bytes").matcher(out);
        assertTrue(m.find(), out);
        return Long.parseLong(m.group(1));
    }
}
