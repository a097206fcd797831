package org.onset.storage.hdf5.tests;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.onset.map.api.MapStore;
import org.onset.map.api.MapStoreFactory;
import org.onset.map.api.Grid;
import org.onset.map.api.PixelRecord;

/**
 * Child process of {@link CrashSafetyTest}: creates or resumes a map file and appends synthetic
 * pixels as fast as it can until it is killed or the map is full. It reports to a file (not a
 * pipe, whose unread bytes the JDK may drop when the process is killed): "READY n" once open,
 * "STORED index" after each append returned (so after its flush), "DONE" at the end.
 *
 * <p>Arguments: file, "create"|"resume", nx, ny, seed, minSamples, report file.
 */
public final class CrashingWriterMain {

    private CrashingWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Grid layout = new Grid(Integer.parseInt(args[2]), Integer.parseInt(args[3]), 0, 0, 1e-6, 1e-6);
        long seed = Long.parseLong(args[4]);
        int minSamples = Integer.parseInt(args[5]);
        if ("create-many".equals(args[1])) {
            createMany(file, layout, args[6]);
            return;
        }
        try (FileOutputStream report = new FileOutputStream(args[6], true);
                MapStore w = "create".equals(args[1])
                        ? MapFiles.create(file, layout, SyntheticMap.ATTRIBUTES, SyntheticMap.CHANNELS)
                        : MapFiles.openForResume(file)) {
            say(report, "READY " + w.completedPixels().cardinality());
            for (int index = 0; index < layout.pixelCount(); index++) {
                if (w.completedPixels().get(index)) {
                    continue;
                }
                PixelRecord p = SyntheticMap.pixel(layout, index, seed, minSamples);
                w.append(p);
                say(report, "STORED " + index);
            }
            w.markComplete();
            w.close();
            say(report, "DONE");
        }
    }

    /**
     * Creates map files {@code file}-0.h5, -1.h5, … (closing each, no pixels) until killed: a kill
     * then lands in the middle of some file's creation.
     */
    private static void createMany(Path file, Grid layout, String reportFile) throws IOException {
        try (FileOutputStream report = new FileOutputStream(reportFile, true)) {
            say(report, "READY 0");
            for (int k = 0;; k++) {
                Path next = file.resolveSibling(file.getFileName() + "-" + k + ".h5");
                MapFiles.create(next, layout, SyntheticMap.ATTRIBUTES, SyntheticMap.CHANNELS).close();
                say(report, "CREATED " + k);
            }
        }
    }

    /** One unbuffered write per line: once it returns, the kernel has it, kill or not. */
    private static void say(FileOutputStream report, String line) throws IOException {
        report.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
    }
}
