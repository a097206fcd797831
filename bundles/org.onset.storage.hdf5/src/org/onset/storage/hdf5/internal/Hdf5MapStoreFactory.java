package org.onset.storage.hdf5.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.onset.instrument.api.ChannelSpec;
import org.onset.map.api.Grid;
import org.onset.map.api.MapStore;
import org.onset.map.api.MapStoreFactory;
import org.onset.map.api.SessionInfo;
import org.osgi.service.component.annotations.Component;

/** The map-file writer as a service: HDF5 files in the layout of MAPFILE.md. Stateless. */
@Component(service = MapStoreFactory.class)
public final class Hdf5MapStoreFactory implements MapStoreFactory {

    @Override
    public MapStore create(Path file, Grid grid, Map<String, String> attributes, List<ChannelSpec> channels,
            IfExists ifExists) throws IOException {
        return Hdf5MapFileWriter.create(file, grid, attributes, channels, ifExists);
    }

    @Override
    public MapStore openForResume(Path file, SessionInfo session) throws IOException {
        return Hdf5MapFileWriter.openForResume(file, session);
    }
}
