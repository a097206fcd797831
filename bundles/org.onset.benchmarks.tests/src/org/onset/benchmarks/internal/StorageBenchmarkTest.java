package org.onset.benchmarks.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.onset.map.api.MapStoreFactory;

/** Prints the write throughput of Onset and of h5py side by side; asserts only that both ran. */
class StorageBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void printsOnsetAndH5pyThroughput() throws Exception {
        String report = StorageBenchmark.run(BenchmarkServices.service(MapStoreFactory.class), dir);
        System.out.println(report);
        assertTrue(report.contains("MB/s") && report.contains("ratio"), report);
        assertTrue(!report.contains("NaN"), "both writers produced a figure: " + report);
    }
}
