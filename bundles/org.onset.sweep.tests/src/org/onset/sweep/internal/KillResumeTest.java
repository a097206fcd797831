package org.onset.sweep.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.instrument.api.InstrumentDriver;
import org.onset.map.api.MapFile;
import org.onset.map.api.PixelRecord;
import org.onset.sweep.api.SweepRun;
import org.onset.sweep.api.SweepState;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * SIGKILL in the middle of a map, then resume: the file must give the same per-pixel results as a
 * run that was never interrupted (same seed, same recipe).
 */
class KillResumeTest {
    @TempDir
    Path dir;

    @Test
    void killNineThenResumeGivesTheSameMapAsAnUninterruptedRun() throws Exception {
        Path reference = dir.resolve("reference.h5");
        runInProcess(reference, false);

        Path killed = dir.resolve("killed.h5");
        Process child = new ProcessBuilder(javaBinary(), "-Djava.library.path=" + System.getProperty("java.library.path"),
                "-cp", childClassPath(), KillResumeChild.class.getName(), killed.toString(), "2")
                .redirectError(dir.resolve("child.err").toFile()).start();
        int seen = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("done ")) {
                    seen = Integer.parseInt(line.substring(5));
                    if (seen >= 12) {
                        child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
                        break;
                    }
                }
            }
        }
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertTrue(seen >= 12, "the child stored pixels before it was killed; stderr:\n"
                + Files.readString(dir.resolve("child.err")));
        assertEquals(137, child.exitValue(), "killed by SIGKILL");

        SweepRun resumed = runInProcess(killed, true);
        int before = resumed.progress().resumedFrom();
        assertTrue(before >= 12 && before < 36, "pixels found in the killed file: " + before);

        try (MapFile a = MapServices.reader().open(reference); MapFile b = MapServices.reader().open(killed)) {
            assertTrue(b.isComplete());
            assertEquals(36, b.completedPixels().cardinality());
            assertArrayEquals(a.onsetBias(), b.onsetBias());
            assertArrayEquals(a.currentAtEnd(), b.currentAtEnd());
            assertArrayEquals(a.heightChangeAtEnd(), b.heightChangeAtEnd());
            for (int index = 0; index < 36; index++) {
                PixelRecord p = a.pixel(index);
                PixelRecord q = b.pixel(index);
                assertEquals(p.termination(), q.termination(), "pixel " + index);
                assertEquals(p.rule(), q.rule(), "pixel " + index);
                assertEquals(p.cutoffSampleIndex(), q.cutoffSampleIndex(), "pixel " + index);
                assertArrayEquals(p.bias(), q.bias(), "bias curve of pixel " + index);
                assertArrayEquals(p.current(), q.current(), "current curve of pixel " + index);
                assertArrayEquals(p.height(), q.height(), "height curve of pixel " + index);
            }
        }
    }

    private static SweepRun runInProcess(Path out, boolean resume) throws Exception {
        SweepServiceImpl service = new SweepServiceImpl(MapServices.stores());
        service.addDriver(KillResumeChild.driver(), Map.of(InstrumentDriver.INSTRUMENT_ID, "kill"));
        SweepRun run = service.start(KillResumeChild.recipe(), out, resume);
        assertTrue(run.awaitFinished(Duration.ofSeconds(60)));
        assertEquals(SweepState.COMPLETED, run.state(), run.progress().reason());
        return run;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The class path of every bundle in the running framework (jars, or the output folders of the
     * projects the build runs from). The child needs no framework: SweepServiceImpl is a plain class.
     */
    static String childClassPath() throws Exception {
        Bundle host = FrameworkUtil.getBundle(SweepServiceImpl.class);
        if (host.getBundleContext() == null) {
            host.start();
        }
        BundleContext context = host.getBundleContext();
        String area = context.getProperty("osgi.install.area");
        Path installArea = area == null ? Path.of("").toAbsolutePath()
                : area.startsWith("file:") ? Path.of(URI.create(area.replace(" ", "%20"))) : Path.of(area);
        Set<String> entries = new LinkedHashSet<>();
        for (Bundle b : context.getBundles()) {
            String loc = b.getLocation();
            int file = loc.indexOf("file:");
            if (file < 0) {
                continue;
            }
            String raw = loc.substring(file + "file:".length());
            // Equinox keeps a location as given: absolute, or relative to the install area
            Path p = Path.of(URLDecoder.decode(raw.startsWith("//") ? raw.substring(2) : raw, StandardCharsets.UTF_8));
            p = p.isAbsolute() ? p : installArea.resolve(p);
            if (!Files.isDirectory(p)) {
                entries.add(p.normalize().toString());
                continue;
            }
            for (String sub : List.of("target/classes", "bin", ".")) {
                if (Files.isDirectory(p.resolve(sub))) {
                    entries.add(p.resolve(sub).normalize().toString());
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
