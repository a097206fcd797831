package org.onset.storage.hdf5.tests;

import java.nio.file.Path;

import org.onset.storage.hdf5.MapFileWriter;
import org.onset.storage.hdf5.MapLayout;
import org.onset.storage.hdf5.PixelRecord;

/**
 * Child process of {@link CrashSafetyTest}: creates or resumes a map file and appends synthetic
 * pixels as fast as it can, printing "STORED index" after each append returned (so after its
 * flush), until it is killed or the map is full.
 *
 * <p>Arguments: file, "create"|"resume", nx, ny, seed, minSamples.
 */
public final class CrashingWriterMain {

    private CrashingWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        MapLayout layout = new MapLayout(Integer.parseInt(args[2]), Integer.parseInt(args[3]), 0, 0, 1e-6, 1e-6);
        long seed = Long.parseLong(args[4]);
        int minSamples = Integer.parseInt(args[5]);
        try (MapFileWriter w = "create".equals(args[1])
                ? MapFileWriter.create(file, layout, SyntheticMap.ATTRIBUTES, SyntheticMap.CHANNELS)
                : MapFileWriter.openForResume(file)) {
            System.out.println("READY " + w.completedPixels().cardinality());
            System.out.flush();
            for (int index = 0; index < layout.pixelCount(); index++) {
                if (w.completedPixels().get(index)) {
                    continue;
                }
                PixelRecord p = SyntheticMap.pixel(layout, index, seed, minSamples);
                w.appendPixel(p);
                System.out.println("STORED " + index);
                System.out.flush();
            }
            w.markComplete();
        }
        System.out.println("DONE");
    }
}
