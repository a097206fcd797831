package org.onset.benchmarks.internal;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.onset.map.api.MapStoreFactory;

/**
 * HDF5 write throughput of Onset's map writer and of python3-h5py writing the same map, side by
 * side in one run (see {@link StorageBenchmark}). The scratch files (≈ 1 MB per pixel) are deleted.
 */
final class Hdf5Benchmark implements BenchCommand.Benchmark {

    private final MapStoreFactory stores;

    Hdf5Benchmark(MapStoreFactory stores) {
        this.stores = stores;
    }

    @Override
    public String summary() {
        return "HDF5 map writing: Onset vs python3-h5py, MB/s and their ratio";
    }

    @Override
    public String options() {
        return "[--pixels N (" + StorageBenchmark.PIXELS + ", a multiple of 20)] [--rounds N (5)]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Options o = Options.parse(args, List.of("--pixels", "--rounds"));
        int pixels = o.integer("--pixels", StorageBenchmark.PIXELS, 20, 5_000); // about 1 MB of scratch per pixel
        if (pixels % 20 != 0) {
            throw new IllegalArgumentException("--pixels must be a multiple of 20 (the map is 20 pixels wide), got "
                    + pixels);
        }
        int rounds = o.integer("--rounds", 5, 1, 100);
        Path dir = Files.createTempDirectory("onset-bench-hdf5");
        err.printf("onset bench hdf5: %d pixels, %d rounds of each writer in %s ...%n", pixels, rounds, dir);
        try {
            out.println(StorageBenchmark.measure(stores, dir, pixels, rounds).report());
        } finally {
            TempFiles.deleteTree(dir);
        }
        return 0;
    }
}
