package org.onset.benchmarks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.io.api.ImporterRegistry;
import org.onset.io.api.SpectrumMap;

/** The generated WDF map reads back as the map it describes; a small run prints its figures. */
class WdfBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void generatedMapReadsBackAndTheBenchmarkPrintsItsFigures() throws Exception {
        ImporterRegistry registry = BenchmarkServices.service(ImporterRegistry.class);
        Path file = dir.resolve("m.wdf");
        WdfBenchmark.write(file, 4, 3, 50);
        long deadline = System.currentTimeMillis() + 10_000;
        while (registry.importers().stream().noneMatch(i -> i.id().equals("renishaw-wdf"))
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        SpectrumMap map = (SpectrumMap) registry.open(file).data();
        assertEquals(4, map.nx());
        assertEquals(3, map.ny());
        assertEquals(50, map.points());
        assertEquals(3200, map.x().first(), 1e-3);
        assertEquals(2e-6 * 3, map.positionX()[3], 1e-15);
        assertEquals(2e-6 * 2, map.positionY()[11], 1e-15);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        new WdfBenchmark(registry).run(List.of("--nx", "20", "--ny", "20", "--rounds", "2"),
                new PrintStream(out, true, StandardCharsets.UTF_8), quiet);
        String report = out.toString(StandardCharsets.UTF_8);
        System.out.println(report);
        assertTrue(report.contains("MB/s") && report.contains("goal 200 MB/s") && report.contains("band image"),
                report);
    }
}
