package org.onset.storage.hdf5.tests;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.onset.instrument.api.ChannelSpec;
import org.onset.map.api.Grid;
import org.onset.map.api.MapFile;
import org.onset.map.api.MapReaderService;
import org.onset.map.api.MapStore;
import org.onset.map.api.MapStoreFactory;
import org.onset.map.api.MapStoreFactory.IfExists;
import org.onset.storage.hdf5.internal.Hdf5MapReaderService;
import org.onset.storage.hdf5.internal.Hdf5MapStoreFactory;

/**
 * The bundle's two services for tests that exercise the file format rather than the service
 * registry ({@link Jhdf5InOsgiTest} checks that both are registered). Both are stateless.
 */
public final class MapFiles {

    private static final MapStoreFactory STORES = new Hdf5MapStoreFactory();
    private static final MapReaderService READER = new Hdf5MapReaderService();

    private MapFiles() {
    }

    public static MapStore create(Path file, Grid grid, Map<String, String> attributes, List<ChannelSpec> channels)
            throws IOException {
        return STORES.create(file, grid, attributes, channels);
    }

    public static MapStore create(Path file, Grid grid, Map<String, String> attributes, List<ChannelSpec> channels,
            IfExists ifExists) throws IOException {
        return STORES.create(file, grid, attributes, channels, ifExists);
    }

    public static MapStore openForResume(Path file) throws IOException {
        return STORES.openForResume(file);
    }

    public static MapFile open(Path file) throws IOException {
        return READER.open(file);
    }
}
